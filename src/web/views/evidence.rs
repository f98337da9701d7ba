//! Figures shown as evidence: each value with its bound, unit and period, a compact grade
//! badge (linked to the legend on `/grades`), and the quoted sentence on demand — the
//! record page's Evidence table and any list of figures.

use maud::{Markup, html};

use super::format;
use super::links;
use crate::i18n::{Arg, t, t_args};
use crate::model::{Figure, Lang, MeasureKind, Reference, UNIT_UNSTATED, Vocab, is_web_url};

/// The value as published: "EUR 200.00 (upper bound)", "CAD 12.00 – 16.00", "75%", "385".
pub fn value(f: &Figure, reference: &Reference, lang: Lang) -> String {
    let kind = reference.vocabularies.measure_kind(&f.measure);
    let number = |v: f64| match (kind, f.currency.as_deref()) {
        (Some(MeasureKind::Percent), _) => format::percent(v, lang),
        (Some(MeasureKind::Count), _) => format::count(v as u64, lang),
        (_, Some(code)) => format::currency(v, code, lang),
        (_, None) => format::money(v, lang),
    };
    let mut text = number(f.value);
    match (f.bound.as_str(), f.value_high) {
        ("exact", _) => {}
        ("range", Some(high)) => {
            text.push_str(" – ");
            text.push_str(&number(high));
        }
        (bound, _) => {
            let label = reference.vocabularies.label(Vocab::Bound, bound, lang);
            text.push_str(&format!(" ({})", label.to_lowercase()));
        }
    }
    text
}

/// "2019", "2016-01 – 2017-06", "2017 (year assumed)", or "not dated".
pub fn period(f: &Figure, lang: Lang) -> String {
    let span = match (f.period_start.as_str(), f.period_end.as_str()) {
        ("", "") => return t(lang, "evidence-undated"),
        (start, end) if start == end => start.to_string(),
        (start, end) => format!("{start} – {end}"),
    };
    if f.year_assumed() {
        return t_args(
            lang,
            "evidence-year-assumed",
            &[("period", Arg::from(&span))],
        );
    }
    span
}

/// The unit in words ("Per place"); nothing when the source states none.
pub fn unit(f: &Figure, reference: &Reference, lang: Lang) -> Option<String> {
    let unit = f.unit.as_deref().filter(|u| *u != UNIT_UNSTATED)?;
    Some(
        reference
            .vocabularies
            .label(Vocab::CostUnit, unit, lang)
            .to_string(),
    )
}

/// The unit and the scope (as sourced, in English): "Per place · meals only".
fn unit_and_scope(
    f: &Figure,
    reference: &Reference,
    lang: Lang,
    record_lang: Option<&str>,
) -> Markup {
    let unit = unit(f, reference, lang);
    html! {
        @if let Some(unit) = &unit { (unit) }
        @if unit.is_some() && !f.scope.is_empty() { " · " }
        @if !f.scope.is_empty() { span dir="auto" lang=[record_lang] { (f.scope) } }
    }
}

/// The grade's facts in words: "Audit or inspection · Secondary · Independent".
pub fn grade_words(f: &Figure, reference: &Reference, lang: Lang) -> String {
    let v = &reference.vocabularies;
    let mut words = vec![
        v.label(Vocab::SourceType, &f.grade.source_type, lang)
            .to_string(),
        v.label(Vocab::Origin, &f.grade.origin, lang).to_string(),
        v.label(Vocab::Independence, &f.grade.independent, lang)
            .to_string(),
    ];
    if f.is_superseded() {
        words.push(t(lang, "grade-superseded"));
    }
    words.join(" · ")
}

/// The compact badge: the grade's facts, linked to their definitions.
pub fn badge(f: &Figure, reference: &Reference, lang: Lang) -> Markup {
    html! {
        a.grade href=(links::grades(lang)) { (grade_words(f, reference, lang)) }
    }
}

/// The quotation and its page, opened on demand (no script: `<details>`).
pub fn quote(f: &Figure, lang: Lang, record_lang: Option<&str>) -> Markup {
    let s = &f.source;
    html! {
        details.quote {
            summary { (t(lang, "evidence-quote")) }
            blockquote dir="auto" lang=[record_lang] { (s.locator) }
            p {
                @if is_web_url(&s.url) {
                    a.source-link href=(s.url) rel="noopener noreferrer" dir="auto" lang=[record_lang] { (s.title) }
                } @else {
                    span dir="auto" lang=[record_lang] { (s.title) }
                }
                @if !s.publisher.is_empty() || !s.published.is_empty() {
                    " (" bdi lang=[record_lang] { (s.publisher) }
                    @if !s.publisher.is_empty() && !s.published.is_empty() { ", " }
                    (s.published) ")"
                }
            }
            @if f.grade.is_secondary() {
                p dir="auto" { (t(lang, "evidence-original")) " " span lang=[record_lang] { (f.grade.original) } }
            }
            @if let Some(n) = f.sample_size {
                p { (t_args(lang, "evidence-sample", &[("count", Arg::from(&format::count(n, lang)))])) }
            }
            @if !f.note.is_empty() {
                p.note dir="auto" lang=[record_lang] { (f.note) }
            }
            p.checked { (t_args(lang, "evidence-checked", &[("date", Arg::from(&s.checked))])) }
        }
    }
}

/// The Evidence table: every figure with its measure, value, period, unit, grade and quote.
pub fn table(
    figures: &[Figure],
    reference: &Reference,
    lang: Lang,
    record_lang: Option<&str>,
) -> Markup {
    if figures.is_empty() {
        return html! {};
    }
    html! {
        div.table-scroll {
            table.evidence {
                caption { (t(lang, "evidence-caption")) }
                thead {
                    tr {
                        th scope="col" { (t(lang, "evidence-measure")) }
                        th scope="col" { (t(lang, "evidence-value")) }
                        th scope="col" { (t(lang, "evidence-period")) }
                        th scope="col" { (t(lang, "evidence-unit")) }
                        th scope="col" { (t(lang, "evidence-grade")) }
                        th scope="col" { (t(lang, "evidence-source")) }
                    }
                }
                tbody {
                    @for f in figures {
                        tr id=(format!("figure-{}", f.id)) {
                            th scope="row" { (reference.vocabularies.label(Vocab::Measure, &f.measure, lang)) }
                            td.num { (value(f, reference, lang)) }
                            td { (period(f, lang)) }
                            td { (unit_and_scope(f, reference, lang, record_lang)) }
                            td { (badge(f, reference, lang)) }
                            td { (quote(f, lang, record_lang)) }
                        }
                    }
                }
            }
        }
    }
}
