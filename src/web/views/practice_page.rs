//! The record page of one practice: facts, tags, costs in three forms (with bounds and the
//! cost year's basis), outcomes, its sources and which figure each supports, and when it was
//! verified and released.

use maud::{Markup, html};

use super::detention;
use super::evidence;
use super::figures::{self, Amount};
use super::format;
use super::layout::layout;
use super::links::{self, Here};
use super::record_text;
use super::strings;
use crate::i18n::{Arg, t, t_args};
use crate::model::{
    Figure, Lang, Practice, REFERENCE_YEAR, Reference, TextField, Vocab, is_web_url,
};
use crate::search::FacetName;

/// What an empty field says. The data never fills a gap with a guess, and neither do we.
fn not_published(lang: Lang) -> String {
    t(lang, "not-published")
}

/// What a record page shows besides the record: today's date (an old `active` reads "last
/// reported active in YYYY") and the records it links to.
#[derive(Debug, Default)]
pub struct Related<'a> {
    /// `YYYY-MM-DD`; empty shows every status as dated, never as old.
    pub today: &'a str,
    /// The records named by the practice's links (any order; a missing one is not shown).
    pub linked: Vec<&'a Practice>,
    /// Figures of countries (any country: the practice's own are picked out), against
    /// which its ATD costs are set.
    pub country_figures: &'a [Figure],
    /// The accepted proposal that last changed the record, while no numbered release holds
    /// it yet (a reader citing the record needs to know it is not in one).
    pub unreleased: Option<&'a crate::changes::Accepted>,
}

/// `tools` is the research block (citation, similar practices) placed after the source.
pub fn practice_page(
    p: &Practice,
    reference: &Reference,
    lang: Lang,
    tools: Markup,
    related: &Related<'_>,
) -> Markup {
    // A record is written in its own language (`text_lang`); say which when the page is in
    // another, for screen readers and translation tools.
    let record_lang = record_text::record_lang(p, lang);
    let here = Here::new(
        format!("/practices/{}", crate::web::urls::encode(p.id.as_str())),
        "",
    );
    let country = strings::country(p, reference, lang);
    let gloss = p.text_in(TextField::Programme, lang);
    let summary = p.text_in(TextField::Summary, lang);
    let body = html! {
        article.practice {
            h1 dir="auto" lang=[record_lang] { (p.programme) }
            @if gloss.translated.is_some() {
                p.gloss dir="auto" lang=[record_text::lang_attr(&gloss, lang)] { (gloss.text) (record_text::translated_mark(gloss.lang, p.text_lang, lang)) }
            }
            p.meta {
                a href=(links::country(&p.iso2, lang)) { (country) } (kind_and_status(p, reference, lang))
                @if let Some(year) = p.last_reported_active(related.today) {
                    " · " (t_args(lang, "status-last-reported", &[("year", Arg::from(&year.to_string()))]))
                }
            }
            @if record_lang.is_some() && summary.translated.is_none() {
                p.hint { (t_args(lang, "record-language-note", &[("language", Arg::from(p.text_lang.code()))])) }
            }
            @if !summary.text.is_empty() {
                p.summary lang=[record_text::lang_attr(&summary, lang)] dir="auto" { (summary.text) }
                (record_text::original_switch(&summary, lang))
            }
            (facts(p, reference, lang, record_lang, related.today))
            (linked_records(p, &related.linked, lang))
            (costs(p, reference, lang))
            (outcomes(p, lang))
            // Figures and their quotes come from figures.csv, written in English.
            (evidence_section(p, reference, lang, (lang != Lang::En).then_some("en")))
            (detention::pairs_section(&p.figures, related.country_figures, &p.iso2, country, reference, lang))
            (source(p, lang, record_lang))
            (sources(p, lang, record_lang))
            (provenance_dates(p, related.unreleased, lang))
            (tools)
            p.suggest { a href=(links::correction(p.id.as_str(), lang)) { (t(lang, "cf-suggest-correction")) } }
            p.back { a href=(links::home(lang)) data-back-to-search { span aria-hidden="true" { "← " } (t(lang, "back-to-search")) } }
        }
    };
    layout(&p.programme, lang, &here, body)
}

/// After the status: how old the news is. An old `active` says so in words; any other dated
/// status gives its date.
fn status_date(p: &Practice, today: &str, lang: Lang) -> String {
    if let Some(year) = p.last_reported_active(today) {
        return format!(
            " · {}",
            t_args(
                lang,
                "status-last-reported",
                &[("year", Arg::from(&year.to_string()))]
            )
        );
    }
    match &p.status_as_of {
        Some(date) => format!(
            " · {}",
            t_args(lang, "status-as-of", &[("date", Arg::from(date))])
        ),
        None => String::new(),
    }
}

/// "Earlier phase: …", "Successor: …": the other records of the same programme, grouped by
/// how they relate to this one, each a link to its record.
fn linked_records(p: &Practice, linked: &[&Practice], lang: Lang) -> Markup {
    let mut groups: Vec<(&'static str, Vec<&Practice>)> = Vec::new();
    for link in &p.links {
        let Some(other) = linked.iter().find(|o| o.id == link.other) else {
            continue;
        };
        match groups.iter_mut().find(|(role, _)| *role == link.role()) {
            Some((_, records)) => records.push(other),
            None => groups.push((link.role(), vec![other])),
        }
    }
    if groups.is_empty() {
        return html! {};
    }
    html! {
        section.linked aria-labelledby="linked-heading" {
            h2 #linked-heading { (t(lang, "links-heading")) }
            dl.facts {
                @for (role, records) in &groups {
                    div {
                        dt { (t_args(lang, &format!("link-{role}"), &[("count", Arg::from(records.len()))])) }
                        dd {
                            @for (i, other) in records.iter().enumerate() {
                                @if i > 0 { "; " }
                                a href=(links::practice(other.id.as_str(), lang)) dir="auto" lang=[record_text::record_lang(other, lang)] { (other.programme) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn kind_and_status(p: &Practice, reference: &Reference, lang: Lang) -> String {
    [
        strings::label(reference, Vocab::Kind, &p.kind, lang),
        strings::label(reference, Vocab::Status, &p.status, lang),
    ]
    .into_iter()
    .flatten()
    .map(|label| format!(" · {label}"))
    .collect()
}

/// A vocabulary value as a link to the search filtered by it.
fn facet_link(reference: &Reference, facet: FacetName, key: &str, lang: Lang) -> Markup {
    html! { a href=(links::facet(facet, key, lang)) { (strings::facet_value(reference, facet, key, lang)) } }
}

/// A link to the search filtered by one value, with a given text.
fn facet_link_text(facet: FacetName, key: &str, text: &str, lang: Lang) -> Markup {
    html! { a href=(links::facet(facet, key, lang)) { (text) } }
}

/// A single-valued vocabulary field, linked, or "not published".
fn facet_or_missing(reference: &Reference, facet: FacetName, key: &str, lang: Lang) -> Markup {
    if key.is_empty() {
        return html! { (not_published(lang)) };
    }
    facet_link(reference, facet, key, lang)
}

fn tag_list(p: &Practice, reference: &Reference, facet: FacetName, lang: Lang) -> Markup {
    let Some(vocab) = facet.vocab() else {
        return html! {};
    };
    let keys = p.tags(vocab);
    if keys.is_empty() {
        return html! { (not_published(lang)) };
    }
    html! {
        ul.tags {
            @for key in keys { li { (facet_link(reference, facet, key, lang)) } }
        }
    }
}

fn facts(
    p: &Practice,
    reference: &Reference,
    lang: Lang,
    record_lang: Option<&str>,
    today: &str,
) -> Markup {
    let note = p.text_in(TextField::ParticipantsNote, lang);
    let subregion = strings::label(reference, Vocab::Subregion, &p.subregion, lang);
    let org_type = strings::label(
        reference,
        Vocab::OrganisationType,
        &p.organisation_type,
        lang,
    );
    html! {
        h2 { (t(lang, "overview")) }
        dl.facts {
            div {
                dt { (t(lang, "field-country")) }
                dd {
                    a href=(links::country(&p.iso2, lang)) { (strings::country(p, reference, lang)) }
                    " · " (facet_link_text(FacetName::Country, &p.iso2, &t(lang, "search-its-practices"), lang))
                }
            }
            div {
                dt { (t(lang, "field-region")) }
                dd {
                    (facet_or_missing(reference, FacetName::Region, &p.region, lang))
                    @if let Some(sub) = subregion { " · " (sub) }
                }
            }
            div { dt { (t(lang, "field-kind")) } dd { (facet_or_missing(reference, FacetName::Kind, &p.kind, lang)) } }
            div {
                dt { (t(lang, "field-organisation")) }
                dd {
                    @if p.organisation.is_empty() { (not_published(lang)) } @else { bdi lang=[record_lang] { (p.organisation) } }
                    @if let Some(t) = org_type {
                        " (" a href=(links::facet(FacetName::OrganisationType, &p.organisation_type, lang)) { (t) } ")"
                    }
                }
            }
            div { dt { (t(lang, "field-status")) } dd { (facet_or_missing(reference, FacetName::Status, &p.status, lang)) (status_date(p, today, lang)) } }
            div { dt { (t(lang, "field-years")) } dd { (format::years(p.start_year, p.end_year, lang).unwrap_or_else(|| not_published(lang))) } }
            div { dt { (t(lang, "field-populations")) } dd { (tag_list(p, reference, FacetName::Population, lang)) } }
            div { dt { (t(lang, "field-atd-types")) } dd { (tag_list(p, reference, FacetName::AtdType, lang)) } }
            div { dt { (t(lang, "field-cap-stages")) } dd { (tag_list(p, reference, FacetName::CapStage, lang)) } }
            div {
                dt { (t(lang, "field-participants")) }
                dd {
                    @match p.participants {
                        Some(n) => { (format::count(n, lang)) }
                        None => { (not_published(lang)) }
                    }
                    @if !note.text.is_empty() {
                        " " span.note lang=[record_text::lang_attr(&note, lang)] { "(" (note.text) ")" }
                        (record_text::translated_mark(note.lang, p.text_lang, lang))
                    }
                }
            }
        }
    }
}

/// One cell of the costs table: the figure, "not published" when the source gave none, or
/// "not available" when it gave one we could not convert (year or rate unknown).
fn cost_cell(
    published: Option<f64>,
    derived: Option<f64>,
    show: impl Fn(f64) -> String,
    lang: Lang,
) -> Markup {
    match (derived, published) {
        (Some(v), _) => html! { td.num { (show(v)) } },
        (None, Some(_)) => html! { td.missing { (t(lang, "not-available")) } },
        (None, None) => html! { td.missing { (not_published(lang)) } },
    }
}

fn costs(p: &Practice, reference: &Reference, lang: Lang) -> Markup {
    let c = &p.cost;
    let d = &p.derived;
    let unit = strings::cost_unit(reference, c.unit.as_deref(), lang);
    let code = c.currency.as_deref();
    // The published row needs a currency to mean anything; without one it is not shown as money.
    let original = |v: f64| {
        code.map_or_else(
            || format::money(v, lang),
            |code| format::currency(v, code, lang),
        )
    };
    let usd = |v: f64| format::usd(v, lang);
    let year_text = c.year.map(|y| y.to_string());
    let year_arg = Arg::Str(year_text.as_deref().unwrap_or_default());
    let published_heading = match (code, c.year) {
        (Some(code), Some(_)) => t_args(
            lang,
            "as-published-code-year",
            &[("code", Arg::Str(code)), ("year", year_arg)],
        ),
        (Some(code), None) => t_args(lang, "as-published-code", &[("code", Arg::Str(code))]),
        _ => t(lang, "as-published"),
    };
    let rate_heading = match c.year {
        Some(_) => t_args(lang, "usd-at-year-rate", &[("year", year_arg)]),
        None => t(lang, "usd-at-unknown-rate"),
    };
    let reference_year = REFERENCE_YEAR.to_string();
    let ry = [("year", Arg::from(&reference_year))];
    html! {
        h2 #costs { (t(lang, "cost-per-day")) }
        table.costs {
            caption {
                (t(lang, "cost-per-day"))
                @if let Some(unit) = unit { ", " (unit) }
            }
            thead {
                tr { td {} th scope="col" { (t(lang, "cost-alternative")) } th scope="col" { (t(lang, "cost-detention")) } }
            }
            tbody {
                tr {
                    th scope="row" { (published_heading) }
                    (cost_cell(c.per_day, c.per_day, original, lang))
                    (cost_cell(c.detention_per_day, c.detention_per_day, original, lang))
                }
                tr {
                    th scope="row" { (rate_heading) }
                    (cost_cell(c.per_day, d.per_day_usd, usd, lang))
                    (cost_cell(c.detention_per_day, d.detention_per_day_usd, usd, lang))
                }
                tr {
                    th scope="row" { (t_args(lang, "constant-usd", &ry)) }
                    (cost_cell(c.per_day, d.per_day_usd_constant, usd, lang))
                    (cost_cell(c.detention_per_day, d.detention_per_day_usd_constant, usd, lang))
                }
            }
        }
        @if c.bound.is_some() || c.detention_bound.is_some() {
            p.bounds {
                (t(lang, "bound-heading")) " "
                (bound_text(p, Amount::Atd, reference, lang)) " · "
                (bound_text(p, Amount::Detention, reference, lang))
            }
        }
        @if let Some(year) = c.year {
            p.year-basis {
                @if c.year_assumed() {
                    strong { (t_args(lang, "year-basis-publication", &[("year", Arg::from(&year.to_string()))])) }
                } @else {
                    (t_args(lang, "year-basis-stated", &[("year", Arg::from(&year.to_string()))]))
                }
            }
        }
        p.saving {
            (t_args(lang, "saving-label", &ry)) " "
            (saving_text(d.saving_per_day_usd_constant, c.detention_per_day.is_some(), lang))
        }
        p.hint {
            (t_args(lang, "cost-hint", &ry)) " "
            a href=(links::localized("/about", lang)) { (t(lang, "cost-hint-link")) }
        }
    }
}

/// "Alternative: lower bound" — how one amount relates to the true figure, every derived
/// figure in its column included.
fn bound_text(p: &Practice, amount: Amount, reference: &Reference, lang: Lang) -> String {
    let (heading, published) = match amount {
        Amount::Atd => ("cost-alternative", p.cost.per_day),
        Amount::Detention => ("cost-detention", p.cost.detention_per_day),
    };
    let what = match (published, figures::bound_note(p, amount, reference, lang)) {
        (None, _) => not_published(lang),
        (Some(_), Some(note)) => note,
        (Some(_), None) => label_lower(reference, Vocab::Bound, "exact", lang),
    };
    t_args(
        lang,
        "bound-of",
        &[
            ("what", Arg::from(&t(lang, heading))),
            ("bound", Arg::from(&what)),
        ],
    )
}

fn label_lower(reference: &Reference, vocab: Vocab, key: &str, lang: Lang) -> String {
    strings::label(reference, vocab, key, lang).map_or_else(|| key.to_string(), str::to_lowercase)
}

/// Every source of the practice: where it is, and which of the row's figures it supports.
fn sources(p: &Practice, lang: Lang, record_lang: Option<&str>) -> Markup {
    if p.sources.is_empty() {
        return html! {};
    }
    html! {
        h2 #sources { (t(lang, "sources-title")) }
        ol.sources {
            @for s in &p.sources {
                li {
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
                    dl.source-facts {
                        div { dt { (t(lang, "source-locator")) } dd dir="auto" lang=[record_lang] { (s.locator) } }
                        div {
                            dt { (t(lang, "source-supports")) }
                            dd {
                                @if s.supports.is_empty() { (t(lang, "source-supports-context")) }
                                @else { (supported_labels(&s.supports, lang)) }
                            }
                        }
                        div { dt { (t(lang, "source-checked")) } dd { (s.checked) } }
                    }
                }
            }
        }
    }
}

/// Every figure of the practice, graded and quoted: the evidence its headline values come from.
fn evidence_section(
    p: &Practice,
    reference: &Reference,
    lang: Lang,
    record_lang: Option<&str>,
) -> Markup {
    if p.figures.is_empty() {
        return html! {};
    }
    html! {
        section #evidence {
            h2 { (t(lang, "evidence-title")) }
            p { (t(lang, "evidence-intro")) " " a href=(links::grades(lang)) { (t(lang, "grade-legend-link")) } }
            (evidence::table(&p.figures, reference, lang, record_lang))
        }
    }
}

/// The supported columns in words ("start year, status, cost per day").
fn supported_labels(columns: &[String], lang: Lang) -> String {
    columns
        .iter()
        .map(|c| {
            let key = format!("column-{}", c.replace('_', "-"));
            let label = t(lang, &key);
            if label == key { c.clone() } else { label }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// When the facts were last verified, and the data releases that added and last changed them.
fn provenance_dates(
    p: &Practice,
    unreleased: Option<&crate::changes::Accepted>,
    lang: Lang,
) -> Markup {
    let releases = &p.releases;
    html! {
        p.verified {
            @if !p.last_verified.is_empty() {
                (t_args(lang, "last-verified", &[("date", Arg::from(&p.last_verified))]))
            }
            @if let Some(accepted) = unreleased {
                " "
                a href=(links::localized("/changes", lang) + "#accepted-" + &accepted.reference) {
                    (t_args(lang, "record-not-yet-released", &[
                        ("reference", Arg::from(&accepted.reference)),
                        ("date", Arg::from(&accepted.date)),
                    ]))
                }
            }
            @if !releases.added_in.is_empty() {
                " "
                a href=(links::localized("/changes", lang) + "#release-" + &releases.added_in) {
                    (t_args(lang, "release-added", &[("version", Arg::from(&releases.added_in))]))
                }
                @if releases.changed_in != releases.added_in {
                    " · "
                    a href=(links::localized("/changes", lang) + "#release-" + &releases.changed_in) {
                        (t_args(lang, "release-changed", &[("version", Arg::from(&releases.changed_in))]))
                    }
                }
            }
        }
    }
}

fn saving_text(saving: Option<f64>, detention_published: bool, lang: Lang) -> String {
    match saving {
        None if !detention_published => t(lang, "saving-no-detention"),
        None => t(lang, "saving-unavailable"),
        Some(v) if v < 0.0 => t_args(
            lang,
            "saving-none",
            &[("amount", Arg::from(&format::usd(-v, lang)))],
        ),
        Some(v) => format::usd(v, lang),
    }
}

fn outcomes(p: &Practice, lang: Lang) -> Markup {
    let other = p.text_in(TextField::OutcomeOther, lang);
    html! {
        h2 { (t(lang, "outcomes")) }
        dl.facts {
            div {
                dt { (t(lang, "field-compliance")) }
                dd {
                    @match p.outcome_compliance_pct {
                        Some(v) => { (format::percent(v, lang)) " " span.note { (t(lang, "compliance-note")) } }
                        None => { (not_published(lang)) }
                    }
                }
            }
            div {
                dt { (t(lang, "field-other-outcomes")) }
                @if other.text.is_empty() {
                    dd { (not_published(lang)) }
                } @else {
                    dd {
                        p lang=[record_text::lang_attr(&other, lang)] dir="auto" { (other.text) }
                        (record_text::original_switch(&other, lang))
                    }
                }
            }
        }
    }
}

/// The source: a link only for http(s) URLs; anything else is shown as text, never linked.
fn source(p: &Practice, lang: Lang, record_lang: Option<&str>) -> Markup {
    let title = if p.source_title.is_empty() {
        p.source_url.as_str()
    } else {
        p.source_title.as_str()
    };
    html! {
        h2 { (t(lang, "source")) }
        div.source {
            @if is_web_url(&p.source_url) {
                p { a.source-link href=(p.source_url) rel="noopener noreferrer" dir="auto" lang=[record_lang] { (title) } }
                p.url { (p.source_url) }
            } @else {
                p dir="auto" lang=[record_lang] { (title) }
                @if !p.source_url.is_empty() && p.source_url != title {
                    p.url { (p.source_url) }
                }
            }
            p.hint { (t(lang, "source-hint")) }
        }
    }
}
