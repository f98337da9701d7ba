//! The comparison page: two to four practices side by side, one column each.

use maud::{Markup, html};

use super::figures::{self, NOT_PUBLISHED};
use super::format;
use super::layout::layout;
use super::links::{self, Here};
use crate::model::{Lang, Practice, Reference, Vocab};

/// What the comparison page shows.
pub struct CompareView<'a> {
    /// The practices found, in the order asked for.
    pub practices: &'a [Practice],
    /// Ids asked for that are not (or no longer) in the data.
    pub missing: &'a [String],
    /// Whether more practices were asked for than the page compares.
    pub too_many: bool,
    pub reference: &'a Reference,
    pub lang: Lang,
}

type Row = (&'static str, fn(&Practice, &Reference, Lang) -> Markup);

/// The compared fields, top to bottom.
const ROWS: &[Row] = &[
    ("Country", |p, r, l| figures::country_link(p, r, l)),
    (
        "Kind of measure",
        |p, r, l| html! { (figures::label(r, Vocab::Kind, &p.kind, l)) },
    ),
    (
        "Types of alternative",
        |p, r, l| html! { (figures::tags(p, r, Vocab::AtdType, l)) },
    ),
    (
        "Populations",
        |p, r, l| html! { (figures::tags(p, r, Vocab::Population, l)) },
    ),
    (
        "CAP stages",
        |p, r, l| html! { (figures::tags(p, r, Vocab::CapStage, l)) },
    ),
    ("Organisation", |p, r, l| {
        html! {
            @if p.organisation.is_empty() { (NOT_PUBLISHED) } @else { bdi { (p.organisation) } }
            @if !p.organisation_type.is_empty() { " (" (figures::label(r, Vocab::OrganisationType, &p.organisation_type, l)) ")" }
        }
    }),
    (
        "Status",
        |p, r, l| html! { (figures::label(r, Vocab::Status, &p.status, l)) },
    ),
    (
        "Years",
        |p, _, _| html! { (format::years(p.start_year, p.end_year).unwrap_or_else(|| NOT_PUBLISHED.into())) },
    ),
    ("Participants", |p, _, l| {
        html! {
            @match p.participants { Some(n) => { (format::count(n, l)) } None => { (NOT_PUBLISHED) } }
            @if !p.participants_note.is_empty() { " " span.note { "(" (p.participants_note) ")" } }
        }
    }),
    (
        "Cost per day, as published",
        |p, r, l| html! { (figures::published(p, p.cost.per_day, r, l)) },
    ),
    (
        "Cost per day, US$ at the year's rate",
        |p, _, l| html! { (figures::usd(p.derived.per_day_usd, p.cost.per_day, l)) },
    ),
    (
        "Cost per day, constant US$",
        |p, _, l| html! { (figures::usd(p.derived.per_day_usd_constant, p.cost.per_day, l)) },
    ),
    (
        "Detention per day, as published",
        |p, r, l| html! { (figures::published(p, p.cost.detention_per_day, r, l)) },
    ),
    (
        "Detention per day, constant US$",
        |p, _, l| html! { (figures::usd(p.derived.detention_per_day_usd_constant, p.cost.detention_per_day, l)) },
    ),
    (
        "Daily saving against detention",
        |p, _, l| html! { (figures::saving(p, l)) },
    ),
    (
        "Compliance",
        |p, _, l| html! { (figures::compliance(p, l)) },
    ),
    ("Other outcomes", |p, _, _| {
        html! {
            @if p.outcome_other.is_empty() { (NOT_PUBLISHED) } @else { span dir="auto" { (p.outcome_other) } }
        }
    }),
    ("Source", |p, _, _| figures::source(p)),
];

pub fn compare_page(v: &CompareView<'_>) -> Markup {
    let lang = v.lang;
    let ids: Vec<&str> = v.practices.iter().map(|p| p.id.as_str()).collect();
    let here = Here::new("/compare", format!("ids={}", ids.join(",")));
    let body = html! {
        h1 { "Compare practices" }
        @if v.too_many {
            p.notice { "A comparison shows up to four practices; the first four are shown." }
        }
        @if !v.missing.is_empty() {
            p.notice { "Not found: " (v.missing.join(", ")) "." }
        }
        @if v.practices.len() < 2 {
            div.empty {
                p { "Choose two to four practices to compare: tick them in the search results and press “Compare selected”." }
                @if let Some(p) = v.practices.first() {
                    p { "Chosen so far: " a href=(links::practice(p.id.as_str(), lang)) { (p.programme) } "." }
                }
                p { a href=(links::home(lang)) { "Go to the search" } }
            }
        } @else {
            p.hint {
                "Costs in constant US dollars use the year's average exchange rate and the US consumer price index. "
                a href=(links::localized("/about", lang)) { "How the figures are computed" }
            }
            div.table-scroll {
                table.compare {
                    caption.visually-hidden { "Practices side by side" }
                    thead {
                        tr {
                            td {}
                            @for p in v.practices {
                                th scope="col" dir="auto" { a href=(links::practice(p.id.as_str(), lang)) { (p.programme) } }
                            }
                        }
                    }
                    tbody {
                        @for (label, cell) in ROWS {
                            tr {
                                th scope="row" {
                                    (label)
                                    @if label.ends_with("constant US$") { " (" (crate::model::REFERENCE_YEAR) ")" }
                                }
                                @for p in v.practices { td { (cell(p, v.reference, lang)) } }
                            }
                        }
                    }
                }
            }
            p.back { a href=(links::home(lang)) { span aria-hidden="true" { "← " } "Back to search" } }
        }
    };
    layout("Compare practices", lang, &here, body)
}
