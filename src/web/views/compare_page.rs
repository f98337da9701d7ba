//! The comparison page: two to four practices side by side, one column each.

use maud::{Markup, html};

use super::figures::{self, Amount, not_published};
use super::format;
use super::layout::layout;
use super::links::{self, Here};
use super::record_text;
use super::slot::{SLOT, with_slot};
use crate::i18n::{Arg, t, t_args};
use crate::model::{
    Figure, HeadlineFigures, Lang, Practice, REFERENCE_YEAR, Reference, TextField, Unlike, Vocab,
    unlike,
};

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

/// A record's text in the reader's language, with its `lang` and the translation's mark (the
/// original is one click away on the record page).
fn translated(p: &Practice, field: TextField, lang: Lang, note: bool) -> Markup {
    let shown = p.text_in(field, lang);
    html! {
        @if note {
            span.note dir="auto" lang=[record_text::lang_attr(&shown, lang)] { "(" (shown.text) ")" }
        } @else {
            span dir="auto" lang=[record_text::lang_attr(&shown, lang)] { (shown.text) }
        }
        (record_text::translated_mark(shown.lang, p.text_lang, lang))
    }
}

/// A row: the Fluent id of its heading (given the reference year as `year`) and its cell.
type Row = (&'static str, fn(&Practice, &Reference, Lang) -> Markup);

/// The compared fields, top to bottom.
const ROWS: &[Row] = &[
    ("field-country", |p, r, l| figures::country_link(p, r, l)),
    (
        "field-kind",
        |p, r, l| html! { (figures::label(r, Vocab::Kind, &p.kind, l)) },
    ),
    (
        "field-atd-types",
        |p, r, l| html! { (figures::tags(p, r, Vocab::AtdType, l)) },
    ),
    (
        "field-populations",
        |p, r, l| html! { (figures::tags(p, r, Vocab::Population, l)) },
    ),
    (
        "field-cap-stages",
        |p, r, l| html! { (figures::tags(p, r, Vocab::CapStage, l)) },
    ),
    ("field-organisation", |p, r, l| {
        html! {
            @if p.organisation.is_empty() { (not_published(l)) } @else { bdi lang=[record_text::record_lang(p, l)] { (p.organisation) } }
            @if !p.organisation_type.is_empty() { " (" (figures::label(r, Vocab::OrganisationType, &p.organisation_type, l)) ")" }
        }
    }),
    (
        "field-status",
        |p, r, l| html! { (figures::label(r, Vocab::Status, &p.status, l)) },
    ),
    (
        "field-years",
        |p, _, l| html! { (format::years(p.start_year, p.end_year, l).unwrap_or_else(|| not_published(l))) },
    ),
    ("field-participants", |p, _, l| {
        html! {
            @match p.participants { Some(n) => { (format::count(n, l)) } None => { (not_published(l)) } }
            @if !p.participants_note.is_empty() { " " (translated(p, TextField::ParticipantsNote, l, true)) }
        }
    }),
    (
        "compare-cost-published",
        |p, r, l| html! { (figures::published(p, p.cost.per_day, r, l)) },
    ),
    (
        "compare-cost-usd",
        |p, r, l| html! { (figures::qualified_usd(p, p.derived.per_day_usd, Amount::Atd, r, l)) },
    ),
    (
        "compare-cost-constant",
        |p, r, l| html! { (figures::cost_constant(p, r, l)) },
    ),
    (
        "compare-detention-published",
        |p, r, l| html! { (figures::published(p, p.cost.detention_per_day, r, l)) },
    ),
    (
        "compare-detention-constant",
        |p, r, l| html! { (figures::detention_constant(p, r, l)) },
    ),
    (
        "compare-saving",
        |p, r, l| html! { (figures::saving(p, r, l)) },
    ),
    (
        "field-compliance",
        |p, _, l| html! { (figures::compliance(p, l)) },
    ),
    ("field-other-outcomes", |p, _, l| {
        html! {
            @if p.outcome_other.is_empty() { (not_published(l)) } @else { (translated(p, TextField::OutcomeOther, l, false)) }
        }
    }),
    ("source", |p, _, l| figures::source(p, l)),
];

pub fn compare_page(v: &CompareView<'_>) -> Markup {
    let lang = v.lang;
    let ids: Vec<&str> = v.practices.iter().map(|p| p.id.as_str()).collect();
    let here = Here::new("/compare", format!("ids={}", ids.join(",")));
    let title = t(lang, "compare-title");
    let year = REFERENCE_YEAR.to_string();
    let body = html! {
        h1 { (title) }
        @if v.too_many {
            p.notice { (t(lang, "compare-too-many")) }
        }
        @if !v.missing.is_empty() {
            p.notice { (t_args(lang, "compare-not-found", &[("ids", Arg::from(&v.missing.join(", ")))])) }
        }
        @if v.practices.len() < 2 {
            div.empty {
                p { (t(lang, "compare-choose")) }
                @if let Some(p) = v.practices.first() {
                    p { (with_slot(&t_args(lang, "compare-chosen", &[("practice", Arg::Str(SLOT))]), html! { a href=(links::practice(p.id.as_str(), lang)) lang=[record_text::record_lang(p, lang)] { (p.programme) } })) }
                }
                p { a href=(links::home(lang)) { (t(lang, "compare-go-search")) } }
            }
        } @else {
            p.hint {
                (t(lang, "compare-hint")) " "
                a href=(links::localized("/about", lang)) { (t(lang, "cost-hint-link")) }
            }
            div.table-scroll {
                table.compare {
                    caption.visually-hidden { (t(lang, "compare-caption")) }
                    thead {
                        tr {
                            td {}
                            @for p in v.practices {
                                th scope="col" dir="auto" lang=[record_text::record_lang(p, lang)] { a href=(links::practice(p.id.as_str(), lang)) { (p.programme) } }
                            }
                        }
                    }
                    tbody {
                        @for (label, cell) in ROWS {
                            tr {
                                th scope="row" { (t_args(lang, label, &[("year", Arg::from(&year))])) }
                                @for p in v.practices { td { (cell(p, v.reference, lang)) } }
                            }
                        }
                    }
                }
            }
            (like_for_like(v.practices, v.reference, lang))
            p.back { a href=(links::home(lang)) data-back-to-search { span aria-hidden="true" { "← " } (t(lang, "back-to-search")) } }
        }
    };
    layout(&title, lang, &here, body)
}

/// The like-for-like check under the table: for each row of figures (cost, detention cost,
/// compliance), what separates the compared practices' figures, or that nothing does.
fn like_for_like(practices: &[Practice], reference: &Reference, lang: Lang) -> Markup {
    let headlines: Vec<HeadlineFigures> = practices.iter().map(HeadlineFigures::of).collect();
    type Pick = for<'a> fn(&HeadlineFigures<'a>) -> Option<&'a Figure>;
    let rows: [(&str, Pick); 3] = [
        ("compare-check-cost", |h| h.atd_cost),
        ("compare-check-detention", |h| h.detention_cost),
        ("compare-check-compliance", |h| h.compliance),
    ];
    html! {
        section #like-for-like aria-labelledby="like-for-like-title" {
            h2 #like-for-like-title { (t(lang, "compare-check-title")) }
            p { (t(lang, "compare-check-intro")) }
            ul.like-for-like {
                @for (row, pick) in rows {
                    @let figures: Vec<&Figure> = headlines.iter().filter_map(pick).collect();
                    @let found = unlike(&figures, &reference.vocabularies);
                    li {
                        strong { (t(lang, row)) } " "
                        @if figures.len() < 2 {
                            (t(lang, "compare-check-too-few"))
                        } @else if found.is_empty() {
                            (t(lang, "compare-check-alike"))
                        } @else {
                            ul {
                                @for flag in &found { li { (unlike_text(flag, reference, lang)) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One difference in words, in the page language.
fn unlike_text(flag: &Unlike, reference: &Reference, lang: Lang) -> Markup {
    let labels = |vocab: Vocab, keys: &[String]| {
        keys.iter()
            .map(|k| reference.vocabularies.label(vocab, k, lang).to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match flag {
        Unlike::Measure(keys) => html! {
            (t_args(lang, "unlike-measure", &[("measures", Arg::from(&labels(Vocab::Measure, keys)))])) " "
            a href=(format!("{}#vocab-measure", links::grades(lang))) { (t(lang, "unlike-measure-link")) }
        },
        Unlike::Unit(keys) => {
            html! { (t_args(lang, "unlike-unit", &[("units", Arg::from(&labels(Vocab::CostUnit, keys)))])) }
        }
        Unlike::Period { years_apart } => {
            html! { (t_args(lang, "unlike-period", &[("years", Arg::from(*years_apart as usize))])) }
        }
        Unlike::PriceYear(years) => {
            let years = years
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            html! { (t_args(lang, "unlike-price-year", &[("years", Arg::from(&years)), ("year", Arg::from(&REFERENCE_YEAR.to_string()))])) }
        }
        Unlike::Bound(keys) => {
            html! { (t_args(lang, "unlike-bound", &[("bounds", Arg::from(&labels(Vocab::Bound, keys)))])) }
        }
        Unlike::YearAssumed => html! { (t(lang, "unlike-year-assumed")) },
    }
}
