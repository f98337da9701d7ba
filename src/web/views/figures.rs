//! Short texts for a practice's figures and tags, shared by the compare, country and
//! insights pages. UI wording is English here, in one place, for the Fluent move later.

use maud::{Markup, html};

use super::format;
use super::links;
use super::strings;
use crate::model::{Lang, Practice, REFERENCE_YEAR, Reference, Vocab, is_web_url};

pub const NOT_PUBLISHED: &str = "not published";
pub const NOT_AVAILABLE: &str = "not available";

/// Tag labels joined by commas, or "not published".
pub fn tags(p: &Practice, reference: &Reference, vocab: Vocab, lang: Lang) -> String {
    let keys = p.tags(vocab);
    if keys.is_empty() {
        return NOT_PUBLISHED.to_string();
    }
    keys.iter()
        .map(|k| reference.vocabularies.label(vocab, k, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A single vocabulary label, or "not published".
pub fn label(reference: &Reference, vocab: Vocab, key: &str, lang: Lang) -> String {
    strings::label(reference, vocab, key, lang)
        .map_or_else(|| NOT_PUBLISHED.to_string(), str::to_string)
}

/// The cost unit's label with a leading space, e.g. " per person"; empty when unknown.
pub fn unit(p: &Practice, reference: &Reference, lang: Lang) -> String {
    p.cost
        .unit
        .as_deref()
        .and_then(|u| strings::label(reference, Vocab::CostUnit, u, lang))
        .map(|u| format!(" {u}"))
        .unwrap_or_default()
}

/// "AUD 38.00 per person (2010)", as the source published it.
pub fn published(p: &Practice, amount: Option<f64>, reference: &Reference, lang: Lang) -> String {
    let Some(amount) = amount else {
        return NOT_PUBLISHED.to_string();
    };
    let money = match p.cost.currency.as_deref() {
        Some(code) => format::currency(amount, code, lang),
        None => format::money(amount, lang),
    };
    let year = p.cost.year.map(|y| format!(" ({y})")).unwrap_or_default();
    format!("{money}{}{year}", unit(p, reference, lang))
}

/// A derived dollar figure, "not available" when published but not convertible.
pub fn usd(derived: Option<f64>, published: Option<f64>, lang: Lang) -> String {
    match (derived, published) {
        (Some(v), _) => format::usd(v, lang),
        (None, Some(_)) => NOT_AVAILABLE.to_string(),
        (None, None) => NOT_PUBLISHED.to_string(),
    }
}

/// The cost per day in constant dollars with its unit ("US$ 5.00 per person").
pub fn cost_constant(p: &Practice, reference: &Reference, lang: Lang) -> String {
    match p.derived.per_day_usd_constant {
        Some(_) => format!(
            "{}{}",
            usd(p.derived.per_day_usd_constant, p.cost.per_day, lang),
            unit(p, reference, lang)
        ),
        None => usd(None, p.cost.per_day, lang),
    }
}

/// The daily saving against detention in constant dollars, said plainly when negative.
pub fn saving(p: &Practice, lang: Lang) -> String {
    match p.derived.saving_per_day_usd_constant {
        Some(v) if v < 0.0 => format!("none: costs {} more", format::usd(-v, lang)),
        Some(v) => format::usd(v, lang),
        None if p.cost.detention_per_day.is_none() || p.cost.per_day.is_none() => {
            NOT_PUBLISHED.to_string()
        }
        None => NOT_AVAILABLE.to_string(),
    }
}

pub fn compliance(p: &Practice, lang: Lang) -> String {
    p.outcome_compliance_pct
        .map_or_else(|| NOT_PUBLISHED.to_string(), |v| format::percent(v, lang))
}

pub fn constant_heading() -> String {
    format!("constant {REFERENCE_YEAR} US$")
}

/// The country of a practice as a link to its country page.
pub fn country_link(p: &Practice, reference: &Reference, lang: Lang) -> Markup {
    html! { a href=(links::country(&p.iso2, lang)) { (strings::country(p, reference, lang)) } }
}

/// The source as a link (http(s) only) or as text.
pub fn source(p: &Practice) -> Markup {
    let title = if p.source_title.is_empty() {
        p.source_url.as_str()
    } else {
        p.source_title.as_str()
    };
    html! {
        @if is_web_url(&p.source_url) {
            a.source-link href=(p.source_url) rel="noopener noreferrer" dir="auto" { (title) }
        } @else {
            span dir="auto" { (title) }
        }
    }
}
