//! `/changes`: what each data release added, removed and changed, newest first, each
//! practice linked to its record, with the Atom feed of the releases.

use maud::{Markup, html};

use super::layout::layout;
use super::links::{self, Here};
use crate::changes::{Listed, Release};
use crate::i18n::{Arg, t, t_args};
use crate::model::Lang;

pub fn changes_page(releases: &[Release], lang: Lang) -> Markup {
    let here = Here::new("/changes", "");
    let title = t(lang, "changes-title");
    let feed = links::localized("/changes.atom", lang);
    let body = html! {
        article.changes {
            h1 { (title) }
            p { (t(lang, "changes-intro")) " " a href=(feed) type="application/atom+xml" { (t(lang, "changes-follow")) } }
            @if releases.is_empty() {
                p.empty { (t(lang, "changes-none")) }
            }
            @for release in releases {
                (release_section(release, lang))
            }
        }
    };
    layout(&title, lang, &here, body)
}

fn release_section(release: &Release, lang: Lang) -> Markup {
    let c = &release.changes;
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
                ul { @for item in &c.added { li { (record_link(item, lang)) } } }
            }
            @if !c.removed.is_empty() {
                h3 { (t(lang, "changes-removed")) }
                ul { @for item in &c.removed { li { code { (item.id) } " " span dir="auto" { (item.title) } } } }
            }
            @if !c.changed.is_empty() {
                h3 { (t(lang, "changes-changed")) }
                ul {
                    @for changed in &c.changed {
                        li {
                            a href=(links::practice(&changed.id, lang)) dir="auto" { (changed.title) }
                            ": "
                            (changed.fields.iter().map(|f| f.column.as_str()).collect::<Vec<_>>().join(", "))
                        }
                    }
                }
            }
        }
    }
}

fn record_link(item: &Listed, lang: Lang) -> Markup {
    html! { a href=(links::practice(&item.id, lang)) dir="auto" { (item.title) } }
}
