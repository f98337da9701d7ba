//! `/changes`: what each data release added, removed and changed, newest first, each
//! practice linked to its record, with the Atom feed of the releases.

use maud::{Markup, html};

use super::layout::layout;
use super::links::{self, Here};
use crate::changes::{Accepted, Changed, FieldChange, Listed, Release, RowChanges};
use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, Reference, Vocab};

/// The column a re-verification changes; a change of it alone is counted, not listed.
const LAST_VERIFIED: &str = "last_verified";

pub fn changes_page(
    releases: &[Release],
    unreleased: &[Accepted],
    reference: &Reference,
    lang: Lang,
) -> Markup {
    let here = Here::new("/changes", "");
    let title = t(lang, "changes-title");
    let feed = links::localized("/changes.atom", lang);
    let body = html! {
        article.changes {
            h1 { (title) }
            p { (t(lang, "changes-intro")) " " a href=(feed) type="application/atom+xml" { (t(lang, "changes-follow")) } }
            @if !unreleased.is_empty() {
                (unreleased_section(unreleased, reference, lang))
            }
            @if releases.is_empty() {
                p.empty { (t(lang, "changes-none")) }
            }
            @for release in releases {
                (release_section(release, reference, lang))
            }
        }
    };
    layout(&title, lang, &here, body)
}

/// Accepted proposals already published that no release holds yet, newest first.
fn unreleased_section(unreleased: &[Accepted], reference: &Reference, lang: Lang) -> Markup {
    html! {
        section #unreleased {
            h2 { (t(lang, "changes-unreleased")) }
            p { (t(lang, "changes-unreleased-intro")) }
            ul.accepted {
                @for a in unreleased.iter().rev() {
                    li id=(format!("accepted-{}", a.reference)) {
                        a href=(links::practice(&a.id, lang)) { (title(&a.title, reference, lang)) }
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

fn release_section(release: &Release, reference: &Reference, lang: Lang) -> Markup {
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
                ul { @for item in &c.added { li { (record_link(item, reference, lang)) } } }
            }
            @if !c.removed.is_empty() {
                h3 { (t(lang, "changes-removed")) }
                ul { @for item in &c.removed { li { code { (item.id) } " " (title(&item.title, reference, lang)) } } }
            }
            @if !changed.is_empty() {
                h3 { (t(lang, "changes-changed")) }
                ul.changed {
                    @for changed in &changed {
                        li {
                            a href=(links::practice(&changed.id, lang)) { (title(&changed.title, reference, lang)) }
                            ul.fields {
                                @for field in changed.fields.iter().filter(|f| f.column != LAST_VERIFIED) {
                                    li { (field_change(field, reference, lang)) }
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

fn record_link(item: &Listed, reference: &Reference, lang: Lang) -> Markup {
    html! { a href=(links::practice(&item.id, lang)) { (title(&item.title, reference, lang)) } }
}

/// A changelog title, "Programme (Country)": the programme as sourced (marked English on other
/// pages), the country named in the page language when the changelog's English name is known.
fn title(title: &str, reference: &Reference, lang: Lang) -> Markup {
    let sourced = (lang != Lang::En).then_some("en");
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
fn field_change(field: &FieldChange, reference: &Reference, lang: Lang) -> Markup {
    html! {
        span.field { (column_label(&field.column, lang)) } ": "
        span.old dir="auto" lang=[sourced(&field.column, &field.old, lang)] { (cell_text(&field.column, &field.old, reference, lang)) }
        " → "
        span.new dir="auto" lang=[sourced(&field.column, &field.new, lang)] { (cell_text(&field.column, &field.new, reference, lang)) }
    }
}

/// `lang="en"` for a value shown as sourced (a record's English text, a name) on a page in
/// another language; none for what is shown in the page language (labels, countries, numbers,
/// codes, dates, "none").
fn sourced(column: &str, value: &str, lang: Lang) -> Option<&'static str> {
    let in_words = column_vocab(column).is_some()
        || matches!(
            column,
            "iso2" | "country" | "cost_currency" | "last_verified"
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
        None if column == "iso2" => reference
            .countries
            .get(value)
            .map_or_else(|| value.to_string(), |c| c.name.get(lang).to_string()),
        None => value.to_string(),
    }
}
