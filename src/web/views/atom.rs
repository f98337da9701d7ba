//! Atom 1.0 feeds (RFC 4287): the data releases (`/changes.atom`) and the practices of a
//! search, newest additions first (`/practices.atom`). Every text is XML-escaped here.

use std::collections::HashMap;

use super::changes_page::accepted_words;
use crate::changes::{Accepted, Release};
use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, Practice, Reference, TextField};

/// How many practices a search feed lists: the newest additions.
pub const FEED_ENTRIES: usize = 50;

/// One entry of a feed, ready to write.
struct Entry {
    id: String,
    title: String,
    /// `xml:lang` of the title and of the summary, when they say it (`record_lang`).
    title_lang: Option<Lang>,
    summary_lang: Option<Lang>,
    link: String,
    published: Option<String>,
    updated: String,
    summary: String,
}

/// The feed around its entries: ids and links are absolute addresses.
struct Feed<'a> {
    id: &'a str,
    title: &'a str,
    self_link: &'a str,
    page_link: &'a str,
    updated: String,
    lang: Lang,
    entries: Vec<Entry>,
}

/// `2026-11-30` → `2026-11-30T00:00:00Z` (Atom needs a full date-time).
fn timestamp(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// The releases as a feed, newest first: one entry per release, linking to its part of
/// `/changes`, after one entry per accepted proposal no release holds yet, dated the day it
/// was accepted. `text_langs` holds the language of each accepted record's text as the atlas
/// has it now: its name is marked with it, and left unmarked for a record removed since.
pub fn changes_feed(
    releases: &[Release],
    unreleased: &[Accepted],
    text_langs: &HashMap<String, Lang>,
    base: &str,
    lang: Lang,
) -> String {
    let page = format!("{base}/changes?lang={}", lang.code());
    let accepted = unreleased.iter().rev().map(|a| Entry {
        id: format!("{base}/changes#accepted-{}", a.reference),
        title: a.title.clone(),
        title_lang: text_langs.get(&a.id).copied().filter(|text| *text != lang),
        summary_lang: None,
        link: format!("{base}/practices/{}?lang={}", a.id, lang.code()),
        published: Some(timestamp(&a.date)),
        updated: timestamp(&a.date),
        summary: format!(
            "{} ({})",
            accepted_words(a, lang),
            t(lang, "changes-unreleased")
        ),
    });
    let entries = accepted
        .chain(releases.iter().map(|r| {
            let c = &r.changes;
            Entry {
                id: format!("{base}/changes#release-{}", r.version),
                title: t_args(
                    lang,
                    "changes-release",
                    &[("version", Arg::from(&r.version))],
                ),
                link: format!("{page}#release-{}", r.version),
                title_lang: None,
                summary_lang: None,
                published: None,
                updated: timestamp(&r.date),
                summary: t_args(
                    lang,
                    "changes-counts",
                    &[
                        ("added", Arg::from(c.added.len())),
                        ("removed", Arg::from(c.removed.len())),
                        ("changed", Arg::from(c.changed.len())),
                    ],
                ),
            }
        }))
        .collect::<Vec<_>>();
    let updated = entries
        .iter()
        .map(|e| &e.updated)
        .max()
        .cloned()
        .unwrap_or_else(|| timestamp("2026-01-01"));
    write(&Feed {
        id: &format!("{base}/changes.atom"),
        title: &t(lang, "changes-feed-title"),
        self_link: &format!("{base}/changes.atom?lang={}", lang.code()),
        page_link: &page,
        updated,
        lang,
        entries,
    })
}

/// A search as a feed: its practices, newest additions first (those accepted since the last
/// release first, dated the day they were accepted; then by the release that added them,
/// then in file order), at most `FEED_ENTRIES` (50). `query` is the search's query
/// string without `lang`; `terms` name the search in the feed's title (none: everything).
/// Each entry is in the reader's language where the record has it: the programme's gloss or
/// its name as sourced, the summary's translation marked as such, the country named in her
/// language; `xml:lang` says where the text is English.
#[allow(clippy::too_many_arguments)] // the feed's parts, each read by the route
pub fn practices_feed(
    practices: &[Practice],
    releases: &[Release],
    unreleased: &[Accepted],
    base: &str,
    query: &str,
    terms: &[String],
    reference: &Reference,
    lang: Lang,
) -> String {
    // A record accepted since the last release comes first, dated the day it was accepted.
    let accepted = |p: &Practice| {
        unreleased
            .iter()
            .rev()
            .find(|a| a.id == p.id.as_str())
            .map(|a| (a.added && p.releases.added_in.is_empty(), a.date.clone()))
    };
    let rank = |p: &Practice| {
        if accepted(p).is_some_and(|(added, _)| added) {
            return 0;
        }
        releases
            .iter()
            .position(|r| r.version == p.releases.added_in)
            .map_or(releases.len() + 1, |i| i + 1)
    };
    let date = |version: &str| {
        releases
            .iter()
            .find(|r| r.version == version)
            .map(|r| r.date.clone())
    };
    let mut ordered: Vec<(usize, usize, &Practice)> = practices
        .iter()
        .enumerate()
        .map(|(i, p)| (rank(p), i, p))
        .collect();
    ordered.sort_by_key(|(rank, i, _)| (*rank, *i));
    let fallback = releases
        .first()
        .map_or("2026-01-01".to_string(), |r| r.date.clone());
    let entries: Vec<Entry> = ordered
        .into_iter()
        .take(FEED_ENTRIES)
        .map(|(_, _, p)| {
            let waiting = accepted(p);
            let added = date(&p.releases.added_in).or_else(|| {
                waiting
                    .as_ref()
                    .filter(|(added, _)| *added)
                    .map(|(_, day)| day.clone())
            });
            let changed = waiting
                .map(|(_, day)| day)
                .or_else(|| date(&p.releases.changed_in))
                .or_else(|| added.clone());
            let gloss = p.text_in(TextField::Programme, lang);
            let name = if gloss.translated.is_some() || lang == p.text_lang {
                gloss
            } else {
                p.text_in(TextField::Programme, p.text_lang)
            };
            let country = reference.countries.name(&p.iso2, lang);
            let summary = p.text_in(TextField::Summary, lang);
            let mark = summary
                .translated
                .map(|_| format!(" ({})", t(lang, "translation-mark")))
                .unwrap_or_default();
            // The country goes with the name when both are in the reader's language, else
            // before the summary (an English name keeps its `xml:lang` to itself).
            let (title, summary_text) = if name.lang == lang {
                (
                    format!("{} ({country})", name.text),
                    format!("{}{mark}", summary.text),
                )
            } else if summary.lang == lang {
                (
                    name.text.to_string(),
                    format!("{country}: {}{mark}", summary.text),
                )
            } else {
                (name.text.to_string(), summary.text.to_string())
            };
            Entry {
                id: format!("{base}/practices/{}", p.id),
                title,
                title_lang: record_lang(name.lang, name.translated.is_some(), lang),
                summary_lang: record_lang(summary.lang, summary.translated.is_some(), lang),
                link: format!("{base}/practices/{}?lang={}", p.id, lang.code()),
                published: added.as_deref().map(timestamp),
                updated: timestamp(changed.as_deref().unwrap_or(&fallback)),
                summary: summary_text,
            }
        })
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.updated.clone())
        .max()
        .unwrap_or_else(|| timestamp(&fallback));
    let sep = if query.is_empty() { "" } else { "&" };
    let title = if terms.is_empty() {
        t(lang, "feed-all-title")
    } else {
        t_args(
            lang,
            "feed-search-title",
            &[("search", Arg::from(&terms.join(" · ")))],
        )
    };
    write(&Feed {
        id: &format!("{base}/practices.atom?{query}"),
        title: &title,
        self_link: &format!("{base}/practices.atom?{query}{sep}lang={}", lang.code()),
        page_link: &format!("{base}/?{query}{sep}lang={}", lang.code()),
        updated,
        lang,
        entries,
    })
}

fn write(feed: &Feed<'_>) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        feed.lang.code()
    ));
    xml.push_str(&format!("  <id>{}</id>\n", escape(feed.id)));
    xml.push_str(&format!("  <title>{}</title>\n", escape(feed.title)));
    xml.push_str(&format!("  <updated>{}</updated>\n", feed.updated));
    xml.push_str("  <author><name>ATD Atlas</name></author>\n");
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(feed.self_link)
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(feed.page_link)
    ));
    for entry in &feed.entries {
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <id>{}</id>\n", escape(&entry.id)));
        xml.push_str(&format!(
            "    <title{}>{}</title>\n",
            xml_lang(entry.title_lang),
            escape(&entry.title)
        ));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&entry.link)
        ));
        if let Some(published) = &entry.published {
            xml.push_str(&format!("    <published>{published}</published>\n"));
        }
        xml.push_str(&format!("    <updated>{}</updated>\n", entry.updated));
        xml.push_str(&format!(
            "    <summary{}>{}</summary>\n",
            xml_lang(entry.summary_lang),
            escape(&entry.summary)
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// The language a record's text says it is in: whenever it is not the feed's, and on a
/// translation too (as on the pages: record text, not interface wording).
fn record_lang(text: Lang, translated: bool, feed: Lang) -> Option<Lang> {
    (text != feed || translated).then_some(text)
}

/// ` xml:lang="…"` for an element whose text is not in the feed's language.
fn xml_lang(lang: Option<Lang>) -> String {
    lang.map_or(String::new(), |l| format!(" xml:lang=\"{}\"", l.code()))
}

/// Text and attribute values for XML: the five special characters as entities, and the
/// characters XML 1.0 forbids dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_never_reach_the_xml() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
    }
}
