//! The research parts of a record page: "cite this record" (plain text, BibTeX, RIS) and
//! similar practices.

use maud::{Markup, html};

use super::figures;
use super::links;
use super::record_text;
use super::strings;
use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, Practice, Reference, Vocab};

/// What a citation needs besides the record: where the site lives and when it was read.
pub struct CiteInfo<'a> {
    /// The public base URL, without a trailing slash.
    pub public_url: &'a str,
    pub dataset_version: &'a str,
    /// The year the dataset version was released.
    pub year: &'a str,
    /// `YYYY-MM-DD`.
    pub accessed: &'a str,
}

const AUTHOR: &str = "ATD Atlas contributors";
const DATASET: &str = "ATD Atlas: alternatives to immigration detention";

fn record_url(p: &Practice, info: &CiteInfo<'_>) -> String {
    format!("{}/practices/{}", info.public_url, p.id)
}

/// A plain-text citation.
pub fn plain(p: &Practice, country: &str, info: &CiteInfo<'_>) -> String {
    let source = if p.source_title.is_empty() {
        String::new()
    } else {
        format!(" Original source: {}.", p.source_title)
    };
    format!(
        "{AUTHOR} ({}). “{}” ({country}). In {DATASET}, dataset version {}, record {}. {} (accessed {}).{source}",
        info.year,
        p.programme,
        info.dataset_version,
        p.id,
        record_url(p, info),
        info.accessed
    )
}

/// Escapes the characters BibTeX treats specially.
fn bib(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A BibTeX `@misc` entry (biblatex reads `url` and `urldate`).
pub fn bibtex(p: &Practice, country: &str, info: &CiteInfo<'_>) -> String {
    let key = format!("atdatlas-{}", p.id);
    let mut note = format!("Record {}; {}", p.id, bib(country));
    if !p.source_title.is_empty() {
        note.push_str(&format!("; original source: {}", bib(&p.source_title)));
    }
    format!(
        "@misc{{{key},\n  author = {{{{{AUTHOR}}}}},\n  title = {{{{{}}}}},\n  howpublished = {{{DATASET}, dataset version {}}},\n  year = {{{}}},\n  url = {{{}}},\n  urldate = {{{}}},\n  note = {{{note}. Accessed {}}}\n}}",
        bib(&p.programme),
        bib(info.dataset_version),
        bib(info.year),
        record_url(p, info),
        info.accessed,
        info.accessed,
    )
}

/// One RIS line; values are kept on one line.
fn ris_line(tag: &str, value: &str) -> String {
    format!("{tag}  - {}\n", value.replace(['\n', '\r'], " "))
}

/// A RIS record (type DATA) for reference managers.
pub fn ris(p: &Practice, country: &str, info: &CiteInfo<'_>) -> String {
    let mut out = String::new();
    out.push_str(&ris_line("TY", "DATA"));
    out.push_str(&ris_line("AU", AUTHOR));
    out.push_str(&ris_line("TI", &p.programme));
    out.push_str(&ris_line("T2", DATASET));
    out.push_str(&ris_line("PY", info.year));
    out.push_str(&ris_line("ET", info.dataset_version));
    out.push_str(&ris_line("UR", &record_url(p, info)));
    out.push_str(&ris_line("Y2", &info.accessed.replace('-', "/")));
    out.push_str(&ris_line("CY", country));
    let mut note = format!("Record {}", p.id);
    if !p.source_title.is_empty() {
        note.push_str(&format!("; original source: {}", p.source_title));
    }
    out.push_str(&ris_line("N1", &note));
    out.push_str("ER  - \n");
    out
}

/// "Cite this record", then "Similar practices".
pub fn record_tools(
    p: &Practice,
    similar: &[&Practice],
    reference: &Reference,
    info: &CiteInfo<'_>,
    lang: Lang,
) -> Markup {
    let country = strings::country(p, reference, lang);
    let compare_ids: Vec<&str> = std::iter::once(p.id.as_str())
        .chain(similar.iter().take(3).map(|o| o.id.as_str()))
        .collect();
    // The citation's wording is English whatever the record's language.
    let citation_lang = (lang != Lang::En).then_some("en");
    html! {
        section.cite-record #cite {
            h2 { (t(lang, "cite-record")) }
            p.cite lang=[citation_lang] { (plain(p, country, info)) }
            details {
                summary { "BibTeX" }
                pre.citation { code { (bibtex(p, country, info)) } }
            }
            details {
                summary { (t(lang, "cite-ris")) }
                pre.citation { code { (ris(p, country, info)) } }
            }
            p.hint { (t(lang, "cite-hint")) }
        }
        @if !similar.is_empty() {
            section.similar #similar {
                h2 { (t(lang, "similar-title")) }
                ul.similar-list {
                    @for other in similar {
                        @let types = crate::similar::shared(other, p, Vocab::AtdType);
                        @let pops = crate::similar::shared(other, p, Vocab::Population);
                        li {
                            a href=(links::practice(other.id.as_str(), lang)) dir="auto" lang=[record_text::record_lang(other, lang)] { (other.programme) }
                            " — " (figures::country_link(other, reference, lang))
                            @if !types.is_empty() || !pops.is_empty() {
                                br;
                                @let shared = types.iter().map(|k| reference.vocabularies.label(Vocab::AtdType, k, lang))
                                    .chain(pops.iter().map(|k| reference.vocabularies.label(Vocab::Population, k, lang)))
                                    .collect::<Vec<_>>().join(", ");
                                span.note { (t_args(lang, "similar-shares", &[("tags", Arg::from(&shared))])) }
                            }
                        }
                    }
                }
                p { a href=(links::compare(&compare_ids, lang)) { (t(lang, "similar-compare")) } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibtex_escapes_its_special_characters() {
        assert_eq!(bib("50% & {x}_#$"), "50\\% \\& \\{x\\}\\_\\#\\$");
        assert_eq!(
            bib("a\\b~c^d\ne"),
            "a\\textbackslash{}b\\textasciitilde{}c\\textasciicircum{}d e"
        );
    }

    #[test]
    fn ris_values_stay_on_one_line() {
        assert_eq!(ris_line("TI", "two\nlines"), "TI  - two lines\n");
    }
}
