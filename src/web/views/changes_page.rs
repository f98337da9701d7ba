//! `/changes`: what each data release added, removed and changed, newest first, each
//! practice linked to its record, with the Atom feed of the releases.

use std::collections::HashMap;

use maud::{Markup, html};

use super::layout::layout;
use super::links::{self, Here};
use crate::changes::{Accepted, Changed, FieldChange, Listed, Release, RowChanges};
use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, Reference, Vocab};

/// The column a re-verification changes; a change of it alone is counted, not listed.
const LAST_VERIFIED: &str = "last_verified";

/// What `/changes` lists.
pub struct ChangesView<'a> {
    pub releases: &'a [Release],
    pub unreleased: &'a [Accepted],
    /// The language of each listed record's text, as the atlas has it now; a record removed
    /// since is absent (its name then carries no `lang` rather than a guessed one).
    pub text_langs: &'a HashMap<String, Lang>,
}

/// How a listed record's name is marked: the page language, its own, or unknown.
#[derive(Clone, Copy)]
struct Names<'a> {
    text_langs: &'a HashMap<String, Lang>,
    reference: &'a Reference,
    page: Lang,
}

/// The columns written in the record's own language (`text_lang`).
const RECORD_TEXT: [&str; 4] = ["programme", "summary", "outcome_other", "participants_note"];

impl Names<'_> {
    /// The language of a changed record's text before and after the release: the one the
    /// release changed it from and to, else the record's now (unknown when it is gone).
    fn texts_of(&self, changed: &Changed) -> (Option<Lang>, Option<Lang>) {
        match changed.fields.iter().find(|f| f.column == "text_lang") {
            // An empty old value is a file from before the column: English.
            Some(f) => (
                Some(Lang::from_code(f.old.trim()).unwrap_or_default()),
                Lang::from_code(f.new.trim()),
            ),
            None => {
                let now = self.text_langs.get(&changed.id).copied();
                (now, now)
            }
        }
    }

    /// `lang` of record `id`'s name: its text's language when not the page's; none when the
    /// record is gone (unknown language).
    fn lang_of(&self, id: &str) -> Option<&'static str> {
        self.text_langs
            .get(id)
            .filter(|text| **text != self.page)
            .map(|text| text.code())
    }
}

pub fn changes_page(view: &ChangesView<'_>, reference: &Reference, lang: Lang) -> Markup {
    let (releases, unreleased) = (view.releases, view.unreleased);
    let names = Names {
        text_langs: view.text_langs,
        reference,
        page: lang,
    };
    let here = Here::new("/changes", "");
    let title = t(lang, "changes-title");
    let feed = links::localized("/changes.atom", lang);
    let body = html! {
        article.changes {
            h1 { (title) }
            p { (t(lang, "changes-intro")) " " a href=(feed) type="application/atom+xml" { (t(lang, "changes-follow")) } }
            @if !unreleased.is_empty() {
                (unreleased_section(unreleased, names))
            }
            @if releases.is_empty() {
                p.empty { (t(lang, "changes-none")) }
            }
            @for release in releases {
                (release_section(release, names))
            }
        }
    };
    layout(&title, lang, &here, body)
}

/// Accepted proposals already published that no release holds yet, newest first.
fn unreleased_section(unreleased: &[Accepted], names: Names<'_>) -> Markup {
    let lang = names.page;
    html! {
        section #unreleased {
            h2 { (t(lang, "changes-unreleased")) }
            p { (t(lang, "changes-unreleased-intro")) }
            ul.accepted {
                @for a in unreleased.iter().rev() {
                    li id=(format!("accepted-{}", a.reference)) {
                        a href=(links::practice(&a.id, lang)) { (title(&a.id, &a.title, names)) }
                        ": " (accepted_words(a, lang))
                    }
                }
            }
        }
    }
}

/// "added, accepted on 2026-12-06" / "corrected, accepted on …", in the page language.
pub fn accepted_words(a: &Accepted, lang: Lang) -> String {
    let key = if a.added {
        "changes-accepted-added"
    } else {
        "changes-accepted-changed"
    };
    t_args(lang, key, &[("date", Arg::from(&a.date))])
}

fn release_section(release: &Release, names: Names<'_>) -> Markup {
    let (reference, lang) = (names.reference, names.page);
    let c = &release.changes;
    let (reverified, changed): (Vec<&Changed>, Vec<&Changed>) = c
        .changed
        .iter()
        .partition(|ch| ch.fields.iter().all(|f| f.column == LAST_VERIFIED));
    let version = [("version", Arg::from(&release.version))];
    html! {
        section id=(format!("release-{}", release.version)) {
            h2 { (t_args(lang, "changes-release", &version)) " " span.note { "(" (release.date) ")" } }
            p {
                (t_args(lang, "changes-counts", &[
                    ("added", Arg::from(c.added.len())),
                    ("removed", Arg::from(c.removed.len())),
                    ("changed", Arg::from(c.changed.len())),
                ]))
            }
            @if !c.added.is_empty() {
                h3 { (t(lang, "changes-added")) }
                ul { @for item in &c.added { li { (record_link(item, names)) } } }
            }
            @if !c.removed.is_empty() {
                h3 { (t(lang, "changes-removed")) }
                ul { @for item in &c.removed { li { code { (item.id) } " " (title(&item.id, &item.title, names)) } } }
            }
            @if !changed.is_empty() {
                h3 { (t(lang, "changes-changed")) }
                ul.changed {
                    @for changed in &changed {
                        li {
                            a href=(links::practice(&changed.id, lang)) { (title(&changed.id, &changed.title, names)) }
                            ul.fields {
                                @for field in changed.fields.iter().filter(|f| f.column != LAST_VERIFIED) {
                                    li { (field_change(field, names.texts_of(changed), reference, lang)) }
                                }
                            }
                        }
                    }
                }
            }
            @if !reverified.is_empty() {
                p.reverified { (t_args(lang, "changes-reverified", &[("count", Arg::from(reverified.len()))])) }
            }
            (figures_section(&c.figures, lang))
        }
    }
}

/// The figures a release added, removed and changed: each by its id and its one-line title
/// (measure key, value, currency, unit, period, owner) as the changelog records it.
fn figures_section(f: &RowChanges, lang: Lang) -> Markup {
    if f.is_empty() {
        return html! {};
    }
    let sourced = (lang != Lang::En).then_some("en");
    let item =
        |l: &Listed| html! { code { (l.id) } " " span dir="auto" lang=[sourced] { (l.title) } };
    html! {
        p {
            (t_args(lang, "changes-figures-counts", &[
                ("added", Arg::from(f.added.len())),
                ("removed", Arg::from(f.removed.len())),
                ("changed", Arg::from(f.changed.len())),
            ]))
        }
        @if !f.added.is_empty() {
            details.figures {
                summary { (t(lang, "changes-figures-added")) " (" (f.added.len()) ")" }
                ul { @for l in &f.added { li { (item(l)) } } }
            }
        }
        @if !f.removed.is_empty() {
            h3 { (t(lang, "changes-figures-removed")) }
            ul { @for l in &f.removed { li { (item(l)) } } }
        }
        @if !f.changed.is_empty() {
            h3 { (t(lang, "changes-figures-changed")) }
            ul.changed {
                @for changed in &f.changed {
                    li {
                        code { (changed.id) } " " span dir="auto" lang=[sourced] { (changed.title) }
                        ul.fields {
                            @for field in &changed.fields {
                                li { code { (field.column) } ": " span.old dir="auto" lang=[sourced] { (field.old) } " → " span.new dir="auto" lang=[sourced] { (field.new) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn record_link(item: &Listed, names: Names<'_>) -> Markup {
    html! { a href=(links::practice(&item.id, names.page)) { (title(&item.id, &item.title, names)) } }
}

/// A changelog title, "Programme (Country)": the programme as sourced, marked with its
/// record's language, the country named in the page language when the changelog's English
/// name is known.
fn title(id: &str, title: &str, names: Names<'_>) -> Markup {
    let (reference, lang) = (names.reference, names.page);
    let sourced = names.lang_of(id);
    let split = title
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once(" ("))
        .and_then(|(name, country)| {
            reference
                .countries
                .iter()
                .find(|c| c.name.get(Lang::En) == country)
                .map(|c| (name, c.name.get(lang)))
        });
    match split {
        Some((name, country)) => html! {
            span dir="auto" lang=[sourced] { (name) } " (" (country) ")"
        },
        None => html! { span dir="auto" lang=[sourced] { (title) } },
    }
}

/// "Cost unit: per person → per family": the column's label and both values in the page
/// language (vocabulary keys by their labels, several values each), empty as "none".
/// The record's own text (programme, summary, notes) is marked with its language, before
/// and after (`texts`).
fn field_change(
    field: &FieldChange,
    texts: (Option<Lang>, Option<Lang>),
    reference: &Reference,
    lang: Lang,
) -> Markup {
    let (old_lang, new_lang) = if RECORD_TEXT.contains(&field.column.as_str()) {
        (
            texts.0.filter(|t| *t != lang).map(Lang::code),
            texts.1.filter(|t| *t != lang).map(Lang::code),
        )
    } else {
        (
            sourced(&field.column, &field.old, lang),
            sourced(&field.column, &field.new, lang),
        )
    };
    html! {
        span.field { (column_label(&field.column, lang)) } ": "
        span.old dir="auto" lang=[old_lang] { (cell_text(&field.column, &field.old, reference, lang)) }
        " → "
        span.new dir="auto" lang=[new_lang] { (cell_text(&field.column, &field.new, reference, lang)) }
    }
}

/// `lang="en"` for a value shown as sourced (a record's English text, a name) on a page in
/// another language; none for what is shown in the page language (labels, countries, numbers,
/// codes, dates, "none").
fn sourced(column: &str, value: &str, lang: Lang) -> Option<&'static str> {
    let in_words = column_vocab(column).is_some()
        || matches!(
            column,
            "iso2" | "country" | "cost_currency" | "last_verified" | "text_lang"
        );
    let as_sourced = !in_words && value.chars().any(char::is_alphabetic);
    (as_sourced && lang != Lang::En).then_some("en")
}

/// The column's label as the proposal form names it, or its own name when it has none.
fn column_label(column: &str, lang: Lang) -> String {
    let key = match column {
        "id"
        | "country"
        | "cost_bound"
        | "detention_cost_bound"
        | "cost_year_basis"
        | "last_verified"
        | "text_lang"
        | "cost_per_day_high"
        | "detention_cost_per_day_high" => {
            format!("column-{column}")
        }
        other => format!("cf-label-{other}"),
    };
    let label = t(lang, &key);
    if label == key {
        column.to_string()
    } else {
        label
    }
}

/// The vocabulary a column's keys come from, if any.
fn column_vocab(column: &str) -> Option<Vocab> {
    Some(match column {
        "kind" => Vocab::Kind,
        "organisation_type" => Vocab::OrganisationType,
        "status" => Vocab::Status,
        "populations" => Vocab::Population,
        "atd_types" => Vocab::AtdType,
        "cap_stages" => Vocab::CapStage,
        "cost_unit" => Vocab::CostUnit,
        "cost_bound" | "detention_cost_bound" => Vocab::Bound,
        "cost_year_basis" => Vocab::YearBasis,
        "region" => Vocab::Region,
        "subregion" => Vocab::Subregion,
        _ => return None,
    })
}

fn cell_text(column: &str, value: &str, reference: &Reference, lang: Lang) -> String {
    if value.trim().is_empty() {
        return t(lang, "changes-empty-value");
    }
    match column_vocab(column) {
        Some(vocab) => value
            .split(';')
            .map(str::trim)
            .filter(|key| !key.is_empty())
            .map(|key| reference.vocabularies.label(vocab, key, lang).to_string())
            .collect::<Vec<_>>()
            .join(", "),
        None if column == "country" => reference
            .countries
            .iter()
            .find(|c| c.name.get(Lang::En) == value)
            .map_or_else(|| value.to_string(), |c| c.name.get(lang).to_string()),
        None if column == "text_lang" => Lang::from_code(value.trim()).map_or_else(
            || value.to_string(),
            |text| {
                t_args(
                    lang,
                    "cf-text-lang-name",
                    &[("language", Arg::from(text.code()))],
                )
            },
        ),
        None if column == "iso2" => reference
            .countries
            .get(value)
            .map_or_else(|| value.to_string(), |c| c.name.get(lang).to_string()),
        None => value.to_string(),
    }
}
