//! Short texts for a practice's figures and tags, shared by the compare, country and
//! insights pages, in the page language (wording in `locales/`).

use maud::{Markup, html};

use super::format;
use super::links;
use super::strings;
use crate::i18n::{Arg, t, t_args};
use crate::model::{
    DifferenceReading, Lang, Practice, REFERENCE_YEAR, Reference, Vocab, is_web_url,
};

/// What an empty field says: the data never fills a gap with a guess.
pub fn not_published(lang: Lang) -> String {
    t(lang, "not-published")
}

/// What a published figure that cannot be converted says.
fn not_available(lang: Lang) -> String {
    t(lang, "not-available")
}

/// Tag labels joined by commas, or "not published".
pub fn tags(p: &Practice, reference: &Reference, vocab: Vocab, lang: Lang) -> String {
    let keys = p.tags(vocab);
    if keys.is_empty() {
        return not_published(lang);
    }
    keys.iter()
        .map(|k| reference.vocabularies.label(vocab, k, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A single vocabulary label, or "not published".
pub fn label(reference: &Reference, vocab: Vocab, key: &str, lang: Lang) -> String {
    strings::label(reference, vocab, key, lang).map_or_else(|| not_published(lang), str::to_string)
}

/// The cost unit's label with a leading space, e.g. " per person"; empty when unknown.
pub fn unit(p: &Practice, reference: &Reference, lang: Lang) -> String {
    strings::cost_unit(reference, p.cost.unit.as_deref(), lang)
        .map(|u| format!(" {u}"))
        .unwrap_or_default()
}

/// "AUD 38.00 per person (2010)", as the source published it.
pub fn published(p: &Practice, amount: Option<f64>, reference: &Reference, lang: Lang) -> String {
    let Some(amount) = amount else {
        return not_published(lang);
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
        (None, Some(_)) => not_available(lang),
        (None, None) => not_published(lang),
    }
}

/// The cost per day in constant dollars with what it rests on ("US$ 5.00 per person").
pub fn cost_constant(p: &Practice, reference: &Reference, lang: Lang) -> String {
    qualified_usd(
        p,
        p.derived.per_day_usd_constant,
        Amount::Atd,
        reference,
        lang,
    )
}

/// The detention cost per day in constant dollars with what it rests on.
pub fn detention_constant(p: &Practice, reference: &Reference, lang: Lang) -> String {
    qualified_usd(
        p,
        p.derived.detention_per_day_usd_constant,
        Amount::Detention,
        reference,
        lang,
    )
}

/// Which published amount of a practice a figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    Atd,
    Detention,
}

impl Amount {
    fn published(self, p: &Practice) -> Option<f64> {
        match self {
            Amount::Atd => p.cost.per_day,
            Amount::Detention => p.cost.detention_per_day,
        }
    }

    fn bound(self, p: &Practice) -> (Option<&str>, Option<f64>) {
        match self {
            Amount::Atd => (p.cost.bound.as_deref(), p.cost.per_day_high),
            Amount::Detention => (
                p.cost.detention_bound.as_deref(),
                p.cost.detention_per_day_high,
            ),
        }
    }
}

/// A derived dollar figure with everything it rests on, so it is never read for more than it
/// is: its unit, its bound when not exact, and "year assumed" when the cost year is the
/// source's publication year ("US$ 420.50 per family · lower bound · year assumed: 2017").
pub fn qualified_usd(
    p: &Practice,
    derived: Option<f64>,
    amount: Amount,
    reference: &Reference,
    lang: Lang,
) -> String {
    let Some(value) = derived else {
        return usd(None, amount.published(p), lang);
    };
    let mut text = format!("{}{}", format::usd(value, lang), unit(p, reference, lang));
    for note in [
        bound_note_usd(p, amount, value, reference, lang),
        year_note(p, lang),
    ]
    .into_iter()
    .flatten()
    {
        text.push_str(" · ");
        text.push_str(&note);
    }
    text
}

/// "upper bound", "lower bound", "range up to CAD 16.00"; nothing for an exact figure. The
/// range's top is in the published currency: for notes beside a dollar figure, see
/// [`bound_note_usd`].
pub fn bound_note(
    p: &Practice,
    amount: Amount,
    reference: &Reference,
    lang: Lang,
) -> Option<String> {
    bound_note_in(p, amount, None, reference, lang)
}

/// The bound beside a derived dollar figure `usd` (of the amount's low end): a range's top
/// reads in the same dollars, converted at the same rate and price level, with the published
/// amount in brackets ("range up to US$ 12.10 (CAD 16.00)"), so one line has one currency.
pub fn bound_note_usd(
    p: &Practice,
    amount: Amount,
    usd: f64,
    reference: &Reference,
    lang: Lang,
) -> Option<String> {
    bound_note_in(p, amount, Some(usd), reference, lang)
}

fn bound_note_in(
    p: &Practice,
    amount: Amount,
    usd: Option<f64>,
    reference: &Reference,
    lang: Lang,
) -> Option<String> {
    let (bound, high) = amount.bound(p);
    match (bound?, high) {
        ("exact", _) => None,
        ("range", Some(high)) => {
            let top = match p.cost.currency.as_deref() {
                Some(code) => format::currency(high, code, lang),
                None => format::money(high, lang),
            };
            // Conversion is one factor (rate × price index), the low end's.
            let factor = usd
                .zip(amount.published(p))
                .filter(|(_, low)| *low > 0.0)
                .map(|(usd, low)| usd / low);
            Some(match factor {
                Some(factor) => t_args(
                    lang,
                    "bound-range-to-usd",
                    &[
                        ("amount", Arg::from(&format::usd(high * factor, lang))),
                        ("original", Arg::from(&top)),
                    ],
                ),
                None => t_args(lang, "bound-range-to", &[("amount", Arg::from(&top))]),
            })
        }
        (key, _) => strings::label(reference, Vocab::Bound, key, lang).map(str::to_lowercase),
    }
}

/// "year assumed: 2017" when the cost year is the source's publication year.
pub fn year_note(p: &Practice, lang: Lang) -> Option<String> {
    let year = p.cost.year.filter(|_| p.cost.year_assumed())?;
    Some(t_args(
        lang,
        "year-assumed",
        &[("year", Arg::from(&year.to_string()))],
    ))
}

/// The daily saving against detention in constant dollars, with its unit ("per person"):
/// the unit of the practice's costs, which the saving is the difference of.
pub fn saving(p: &Practice, reference: &Reference, lang: Lang) -> String {
    let per = unit(p, reference, lang);
    match p.derived.saving_per_day_usd_constant {
        Some(v) if v < 0.0 => t_args(
            lang,
            "saving-none-short",
            &[(
                "amount",
                Arg::from(&format!("{}{per}", format::usd(-v, lang))),
            )],
        ),
        Some(v) => {
            // A saving built on a bound is no more exact than its bound: "more than USD 300"
            // of detention makes it "at least".
            let reading = DifferenceReading::of(
                p.cost.detention_bound.as_deref().unwrap_or("exact"),
                p.cost.bound.as_deref().unwrap_or("exact"),
            );
            let amount = format!("{}{per}", format::usd(v, lang));
            let key = match reading {
                DifferenceReading::Exact => return amount,
                DifferenceReading::About => "pairing-diff-about",
                DifferenceReading::AtLeast => "pairing-diff-at-least",
                DifferenceReading::AtMost => "pairing-diff-at-most",
                DifferenceReading::Uncertain => "pairing-diff-uncertain",
            };
            t_args(lang, key, &[("amount", Arg::from(&amount))])
        }
        None if p.cost.detention_per_day.is_none() || p.cost.per_day.is_none() => {
            not_published(lang)
        }
        None => not_available(lang),
    }
}

pub fn compliance(p: &Practice, lang: Lang) -> String {
    p.outcome_compliance_pct
        .map_or_else(|| not_published(lang), |v| format::percent(v, lang))
}

/// "constant 2024 US$", for column headings.
pub fn constant_heading(lang: Lang) -> String {
    t_args(
        lang,
        "constant-usd-short",
        &[("year", Arg::from(&REFERENCE_YEAR.to_string()))],
    )
}

/// The country of a practice as a link to its country page.
pub fn country_link(p: &Practice, reference: &Reference, lang: Lang) -> Markup {
    html! { a href=(links::country(&p.iso2, lang)) { (strings::country(p, reference, lang)) } }
}

/// The source as a link (http(s) only) or as text.
/// A record's source, its title as written (English, marked so on other pages' languages).
pub fn source(p: &Practice, lang: Lang) -> Markup {
    let title = if p.source_title.is_empty() {
        p.source_url.as_str()
    } else {
        p.source_title.as_str()
    };
    let sourced = (lang != Lang::En).then_some("en");
    html! {
        @if is_web_url(&p.source_url) {
            a.source-link href=(p.source_url) rel="noopener noreferrer" dir="auto" lang=[sourced] { (title) }
        } @else {
            span dir="auto" lang=[sourced] { (title) }
        }
    }
}
