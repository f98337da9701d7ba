//! The search page: the form (box, facets, ranges, sort), active-filter chips, the result
//! count, the results with highlighted snippets and key figures, and pagination.

use std::collections::HashMap;

use maud::{Markup, html};

use super::figures::{self, Amount};
use super::format;
use super::layout::layout;
use super::links::{self, Here};
use super::range_pictures;
use super::record_text;
use super::slot::{SLOT, with_slot};
use super::strings;
use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, Practice, REFERENCE_YEAR, Reference, Vocab};
use crate::search::query::MAX_OFFSET;
use crate::search::suggest::Suggestions;
use crate::search::{
    FacetCounts, FacetName, FacetValue, Hit, Range, Reading, SearchQuery, SearchResults, Snippet,
    Sort,
};
use crate::web::params::SearchRequest;
use crate::web::urls;
use range_pictures::RangeValues;

/// Everything the search page shows.
pub struct SearchView<'a> {
    /// The query, its language and how the parameters were read.
    pub request: &'a SearchRequest,
    /// Hits, total, facet counts and warnings.
    pub results: &'a SearchResults,
    /// The hits' records, matched to hits by id (a hit without a record is skipped).
    pub practices: &'a [Practice],
    pub reference: &'a Reference,
    /// Figures for the histograms beside the range filters; none shows no pictures.
    pub range_values: Option<&'a RangeValues>,
    /// What to offer when nothing matched (empty otherwise).
    pub suggestions: &'a Suggestions,
    /// `YYYY-MM-DD`: an `active` status older than three years on this day reads "last
    /// reported active in YYYY" (empty: never).
    pub today: &'a str,
}

/// Values shown before a facet's "more" disclosure.
const FACET_TOP: usize = 10;
/// Page links shown either side of the current page.
const PAGE_WINDOW: usize = 2;

pub fn search_page(v: &SearchView<'_>) -> Markup {
    let q = &v.request.query;
    let lang = v.request.lang;
    let title = if q.text.is_empty() {
        t(lang, "search-title")
    } else {
        t_args(lang, "search-title-query", &[("query", Arg::from(&q.text))])
    };
    let body = html! {
        h1 { (t(lang, "search-heading")) }
        p.lede { (t(lang, "search-lede")) }
        form #search.search action="/" method="get" role="search" {
            (search_bar(q, lang))
            input type="hidden" name="lang" value=(lang.code());
            @if q.per_page != links::browse_query().per_page {
                input type="hidden" name="per_page" value=(q.per_page);
            }
            div.search-grid {
                (filters(v))
                div.results-col {
                    (sort_control(q.sort, lang))
                    (results_fragment(v))
                }
            }
        }
        // The result checkboxes and the "Compare selected" button belong to this form through
        // their `form` attribute, so comparing needs no script and no nested forms.
        form #compare-form action="/compare" method="get" {
            input type="hidden" name="lang" value=(lang.code());
        }
    };
    layout(&title, lang, &Here::search(q), body)
}

fn search_bar(q: &SearchQuery, lang: Lang) -> Markup {
    html! {
        div.search-bar {
            label for="q" { (t(lang, "search-label")) }
            div.search-row {
                input #q type="search" name="q" value=(q.text) autocomplete="off"
                    aria-describedby="q-hint" aria-controls="results-region";
                button type="submit" { (t(lang, "search-button")) }
            }
            p #q-hint.hint { (t(lang, "search-hint")) }
        }
    }
}

fn sort_label(sort: Sort, lang: Lang) -> String {
    let key = match sort {
        Sort::Relevance => "sort-relevance",
        Sort::CostAsc => "sort-cost-asc",
        Sort::CostDesc => "sort-cost-desc",
        Sort::Newest => "sort-newest",
        Sort::Country => "sort-country",
    };
    t(lang, key)
}

fn sort_control(current: Sort, lang: Lang) -> Markup {
    html! {
        div.sort {
            label for="sort" { (t(lang, "sort-label")) }
            select #sort name="sort" {
                @for sort in Sort::ALL {
                    option value=(sort.param()) selected[sort == current] { (sort_label(sort, lang)) }
                }
            }
            button.secondary type="submit" { (t(lang, "sort-button")) }
        }
    }
}

/// The facet and range filters. Collapsed behind "Filters" on phones; the stylesheet opens
/// it as a sidebar on wide screens where the browser allows.
fn filters(v: &SearchView<'_>) -> Markup {
    let q = &v.request.query;
    let lang = v.request.lang;
    let active = active_count(q);
    let year = REFERENCE_YEAR.to_string();
    html! {
        details.filters {
            summary {
                (t(lang, "filters"))
                @if active > 0 {
                    " (" (t_args(lang, "filters-active", &[("count", active.into()), ("shown", Arg::from(&format::count(active as u64, lang)))])) ")"
                }
            }
            div.filters-body {
                div #facets {
                    @for facet in FacetName::ALL {
                        @if let Some(counts) = v.results.facets.iter().find(|c| c.facet == facet) {
                            (facet_fieldset(counts, v.reference, lang))
                        }
                    }
                }
                (range_fieldset("cost", &t_args(lang, "range-cost", &[("year", Arg::from(&year))]), q.cost_usd, "any", "0", None, lang))
                @if let Some(values) = v.range_values { (range_pictures::cost_picture(values, q, lang)) }
                (range_fieldset("year", &t(lang, "range-year"), q.start_year, "1", "1950", None, lang))
                (range_fieldset("compliance", &t(lang, "range-compliance"), q.compliance, "any", "0", Some("100"), lang))
                @if let Some(values) = v.range_values { (range_pictures::compliance_picture(values, q, lang)) }
                (range_fieldset("outcome", &t(lang, "range-outcome"), q.outcome, "any", "0", Some("100"), lang))
                p.hint { (t(lang, "range-outcome-hint")) }
                // The panel ends by saying what it leads to; the script keeps the number current.
                button.show-results type="submit" { (show_results(v.results.total, lang)) }
            }
        }
    }
}

fn active_count(q: &SearchQuery) -> usize {
    let values: usize = q.filters.values().map(Vec::len).sum();
    let ranges = [q.cost_usd, q.start_year, q.compliance, q.outcome]
        .iter()
        .filter(|r| !r.is_open())
        .count();
    values + ranges
}

/// One facet as checkboxes, most frequent first. Unselected values with no results are
/// left out: ticking them could only empty the list.
fn facet_fieldset(counts: &FacetCounts, reference: &Reference, lang: Lang) -> Markup {
    let shown: Vec<&FacetValue> = counts
        .values
        .iter()
        .filter(|fv| fv.selected || fv.count > 0)
        .collect();
    if shown.is_empty() {
        return html! {};
    }
    // Selected values stay in view even when they rank below the top ten.
    let mut top = Vec::new();
    let mut more = Vec::new();
    for (i, fv) in shown.into_iter().enumerate() {
        if i < FACET_TOP || fv.selected {
            top.push(fv);
        } else {
            more.push(fv);
        }
    }
    let facet = counts.facet;
    // The long tail of countries is read by name: in the page language's alphabetical order.
    if facet == FacetName::Country {
        // Each name's rank is looked up once, not twice per comparison (it was a twentieth of a
        // browse page); the order is `Countries::cmp_names`': rank, then code.
        more.sort_by_cached_key(|&fv| {
            (
                reference.countries.alphabetical_rank(&fv.value, lang),
                fv.value.as_str(),
            )
        });
    }
    let title = strings::facet_title(facet, lang);
    html! {
        fieldset.facet {
            legend { (title) }
            ul {
                @for fv in &top { (facet_option(facet, fv, reference, lang)) }
            }
            @if !more.is_empty() {
                details.more {
                    summary { (t_args(lang, "facet-more", &[("shown", Arg::from(&format::count(more.len() as u64, lang)))])) span.visually-hidden { ": " (title) } }
                    ul {
                        @for fv in &more { (facet_option(facet, fv, reference, lang)) }
                    }
                }
            }
        }
    }
}

fn facet_option(facet: FacetName, fv: &FacetValue, reference: &Reference, lang: Lang) -> Markup {
    html! {
        li {
            label {
                input type="checkbox" name=(facet.param()) value=(fv.value) checked[fv.selected];
                " "
                span.label { (strings::facet_value(reference, facet, &fv.value, lang)) }
                " "
                span.n { "(" (format::count(fv.count, lang)) ")" }
            }
        }
    }
}

/// A min/max pair; `name` is the parameter stem (`cost` → `cost_min`, `cost_max`).
fn range_fieldset(
    name: &str,
    legend: &str,
    range: Range,
    step: &str,
    min: &str,
    max: Option<&str>,
    lang: Lang,
) -> Markup {
    let field = |end: &str, label: &str, value: Option<f64>| {
        let id = format!("{name}_{end}");
        html! {
            div.range-field {
                label for=(id) { (label) }
                input id=(id) type="number" name=(id) step=(step) min=(min) max=[max]
                    value=(format::input_value(value));
            }
        }
    };
    html! {
        fieldset.range {
            legend { (legend) }
            div.range-row {
                (field("min", &t(lang, "range-from"), range.min))
                (field("max", &t(lang, "range-to"), range.max))
            }
        }
    }
}

/// "Show 12 results": the button that closes the filters panel by applying it.
fn show_results(total: usize, lang: Lang) -> String {
    t_args(
        lang,
        "show-results",
        &[
            ("count", Arg::from(total)),
            ("shown", Arg::from(&format::count(total as u64, lang))),
        ],
    )
}

/// The part a script may swap: chips, warnings, the count, the results and pagination.
pub fn results_fragment(v: &SearchView<'_>) -> Markup {
    let q = &v.request.query;
    let lang = v.request.lang;
    let by_id: HashMap<&str, &Practice> = v.practices.iter().map(|p| (p.id.as_str(), p)).collect();
    let rows: Vec<(&Hit, &Practice)> = v
        .results
        .hits
        .iter()
        .filter_map(|h| by_id.get(h.id.as_str()).map(|p| (h, *p)))
        .collect();
    // The script swaps the contents of #chips-area, #count and #results-body, never #count
    // itself: replacing a live region's element would silence its announcement.
    html! {
        div #results-region.results-region {
            div #chips-area {
                (chips(q, v.reference, lang))
                (warnings(v))
                @if v.results.relaxed {
                    p.notice.relaxed { (t(lang, "relaxed-notice")) }
                }
            }
            p #count.count role="status" aria-live="polite" { (count_sentence(v.results.total, &q.text, lang)) }
            div #results-body {
                @if v.results.total > 0 { (result_tools(q, lang)) }
                @if v.results.total == 0 {
                    (empty_state(q, v.suggestions, v.reference, lang))
                } @else if rows.is_empty() {
                    (past_the_end(q, v.results.total, lang))
                } @else {
                    ol #results.results start=(q.offset() + 1) {
                        @for (hit, p) in &rows { (result_item(hit, p, v.reference, lang, v.today)) }
                    }
                }
                (pagination(q, v.results.total, lang))
            }
        }
    }
}

/// "No practices match", "1 practice", "12 practices", with the words searched for.
pub fn count_sentence(total: usize, text: &str, lang: Lang) -> Markup {
    let shown = format::count(total as u64, lang);
    let number = [("count", Arg::from(total)), ("shown", Arg::from(&shown))];
    if text.is_empty() {
        return html! { (t_args(lang, "results-count", &number)) };
    }
    // The words searched for go in <bdi>, placed where the translation puts them.
    let sentence = t_args(
        lang,
        "results-count-query",
        &[number[0], number[1], ("query", Arg::from(SLOT))],
    );
    with_slot(&sentence, html! { bdi { (text) } })
}

fn warnings(v: &SearchView<'_>) -> Markup {
    let lang = v.request.lang;
    let all: Vec<&Reading> = v
        .request
        .warnings
        .iter()
        .chain(&v.results.warnings)
        .collect();
    if all.is_empty() {
        return html! {};
    }
    html! {
        div.notice {
            p { (t(lang, "notice-how-read")) }
            ul { @for r in all { li { (reading(r, lang)) } } }
        }
    }
}

/// How a search was read, in the page's language.
fn reading(r: &Reading, lang: Lang) -> String {
    let count = |key: &str, n: usize| t_args(lang, key, &[("count", Arg::Num(n as f64))]);
    match r {
        Reading::TextCut(n) => count("reading-text-cut", *n),
        Reading::WordsCut(n) => count("reading-words-cut", *n),
        Reading::FiltersCut(n) => count("reading-filters-cut", *n),
        Reading::UnknownSort => t(lang, "reading-unknown-sort"),
        Reading::NotANumber { limit, text } => {
            let name = t(lang, &format!("reading-limit-{}", limit.name()));
            t_args(
                lang,
                "reading-not-a-number",
                &[("limit", Arg::from(&name)), ("text", Arg::from(text))],
            )
        }
        Reading::UnknownValue { facet, value } => t_args(
            lang,
            "reading-unknown-value",
            &[
                ("facet", Arg::from(&strings::facet_title(*facet, lang))),
                ("value", Arg::from(value)),
            ],
        ),
    }
}

/// One removable chip per selected value and per range, then "Clear all".
fn chips(q: &SearchQuery, reference: &Reference, lang: Lang) -> Markup {
    let ranges = range_chips(q, lang);
    if q.filters.values().all(Vec::is_empty) && ranges.is_empty() {
        return html! {};
    }
    html! {
        div.chips {
            p #chips-label.chips-label { (t(lang, "chips-label")) }
            ul aria-labelledby="chips-label" {
                @for facet in FacetName::ALL {
                    @for value in q.selected(facet) {
                        li {
                            a.chip href=(urls::search_url("/", &urls::toggled(q, facet, value), lang)) {
                                span.visually-hidden { (t(lang, "chip-remove")) " " }
                                (t_args(lang, "chip-value", &[("facet", Arg::from(&strings::facet_title(facet, lang))), ("value", Arg::from(strings::facet_value(reference, facet, value, lang)))]))
                                span.x aria-hidden="true" { " ×" }
                            }
                        }
                    }
                }
                @for (text, url) in &ranges {
                    li {
                        a.chip href=(url) {
                            span.visually-hidden { (t(lang, "chip-remove")) " " }
                            (text)
                            span.x aria-hidden="true" { " ×" }
                        }
                    }
                }
                li { a.clear href=(urls::search_url("/", &urls::cleared(q), lang)) { (t(lang, "clear-all")) } }
            }
        }
    }
}

/// The search in words, one part per condition: the words typed, then each filter value and
/// range as its chip says it. Empty for the whole atlas. Names a followed search and its feed.
pub fn search_terms(q: &SearchQuery, reference: &Reference, lang: Lang) -> Vec<String> {
    let mut terms = Vec::new();
    if !q.text.trim().is_empty() {
        terms.push(t_args(
            lang,
            "follow-words",
            &[("query", Arg::from(q.text.trim()))],
        ));
    }
    for facet in FacetName::ALL {
        for value in q.selected(facet) {
            terms.push(t_args(
                lang,
                "chip-value",
                &[
                    ("facet", Arg::from(&strings::facet_title(facet, lang))),
                    (
                        "value",
                        Arg::from(strings::facet_value(reference, facet, value, lang)),
                    ),
                ],
            ));
        }
    }
    terms.extend(range_chips(q, lang).into_iter().map(|(text, _)| text));
    terms
}

/// (chip text, URL without that range) for each range in use.
fn range_chips(q: &SearchQuery, lang: Lang) -> Vec<(String, String)> {
    let usd = |v: f64| format::usd(v, lang);
    let year = |v: f64| format!("{v:.0}");
    let span_text = |range: Range, show: &dyn Fn(f64) -> String| range_text(range, show, lang);
    let pct = |v: f64| format::percent(v, lang);
    let mut out = Vec::new();
    let mut push =
        |label: &str, range: Range, show: &dyn Fn(f64) -> String, clear: fn(&mut SearchQuery)| {
            let Some(span) = span_text(range, show) else {
                return;
            };
            let mut without = q.clone();
            without.page = 1;
            clear(&mut without);
            out.push((
                t_args(
                    lang,
                    "chip-value",
                    &[("facet", Arg::from(label)), ("value", Arg::from(&span))],
                ),
                urls::search_url("/", &without, lang),
            ));
        };
    let reference_year = REFERENCE_YEAR.to_string();
    push(
        &t_args(lang, "chip-cost", &[("year", Arg::from(&reference_year))]),
        q.cost_usd,
        &usd,
        |w| w.cost_usd = Range::default(),
    );
    push(&t(lang, "range-year"), q.start_year, &year, |w| {
        w.start_year = Range::default()
    });
    push(&t(lang, "figure-compliance"), q.compliance, &pct, |w| {
        w.compliance = Range::default()
    });
    push(&t(lang, "chip-outcome"), q.outcome, &pct, |w| {
        w.outcome = Range::default()
    });
    out
}

fn range_text(range: Range, show: &dyn Fn(f64) -> String, lang: Lang) -> Option<String> {
    let (from, to) = (range.min.map(show), range.max.map(show));
    fn arg(v: &Option<String>) -> Arg<'_> {
        Arg::Str(v.as_deref().unwrap_or_default())
    }
    let key = match (range.min, range.max) {
        (Some(_), Some(_)) => "range-between",
        (Some(_), None) => "range-from-only",
        (None, Some(_)) => "range-up-to",
        (None, None) => return None,
    };
    Some(t_args(lang, key, &[("from", arg(&from)), ("to", arg(&to))]))
}

/// Never an empty page: say what to try next, with a corrected spelling and nearby filter
/// values when there are some.
fn empty_state(
    q: &SearchQuery,
    suggestions: &Suggestions,
    reference: &Reference,
    lang: Lang,
) -> Markup {
    let has_filters = active_count(q) > 0;
    let words_only = urls::cleared(q);
    let filters_only = SearchQuery {
        text: String::new(),
        page: 1,
        ..q.clone()
    };
    html! {
        div.empty {
            @if let Some(text) = &suggestions.did_you_mean {
                @let corrected = SearchQuery { text: text.clone(), page: 1, ..q.clone() };
                p.did-you-mean {
                    (t(lang, "did-you-mean")) " "
                    a href=(urls::search_url("/", &corrected, lang)) { bdi { (text) } }
                    @if lang == Lang::Es { "?" }
                }
            }
            @if !suggestions.facet_values.is_empty() {
                p { (t(lang, "nearest-values")) }
                ul.suggested {
                    @for (facet, value, count) in &suggestions.facet_values {
                        li {
                            a href=(links::facet(*facet, value, lang)) {
                                (t_args(lang, "chip-value", &[("facet", Arg::from(&strings::facet_title(*facet, lang))), ("value", Arg::from(strings::facet_value(reference, *facet, value, lang)))]))
                            }
                            " " span.n { "(" (format::count(*count, lang)) ")" }
                        }
                    }
                }
            }
            p { (t(lang, "empty-try")) }
            ul {
                @if has_filters {
                    li { a href=(urls::search_url("/", &words_only, lang)) { (t(lang, "empty-clear-filters")) } }
                }
                @if !q.text.is_empty() {
                    li { (t(lang, "empty-check-spelling")) }
                    @if has_filters {
                        li { a href=(urls::search_url("/", &filters_only, lang)) { (t(lang, "empty-keep-filters")) } }
                    }
                }
                li { a href=(links::home(lang)) { (t(lang, "empty-browse")) } }
            }
        }
    }
}

/// Downloads of every matching row, the button that compares the ticked results, and the
/// way to follow the search.
fn result_tools(q: &SearchQuery, lang: Lang) -> Markup {
    let mut all = q.clone();
    all.page = 1;
    all.per_page = links::browse_query().per_page;
    html! {
        div.result-tools {
            button.secondary type="submit" form="compare-form" { (t(lang, "compare-selected")) }
            span.downloads {
                (t(lang, "downloads-all")) " "
                a href=(urls::search_url("/practices.csv", &all, lang)) download { "CSV" }
                " · "
                a href=(urls::search_url("/practices.json", &all, lang)) { "JSON" }
            }
            a.follow href=(links::follow(q, lang)) { (t(lang, "follow-search")) }
        }
    }
}

fn result_item(hit: &Hit, p: &Practice, reference: &Reference, lang: Lang, today: &str) -> Markup {
    let record_lang = record_text::record_lang(p, lang);
    let region = strings::label(reference, Vocab::Region, &p.region, lang);
    let kind = strings::label(reference, Vocab::Kind, &p.kind, lang);
    let meta: Vec<String> = [
        region.map(str::to_string),
        kind.map(str::to_string),
        format::years(p.start_year, p.end_year, lang),
        p.last_reported_active(today).map(|year| {
            t_args(
                lang,
                "status-last-reported",
                &[("year", Arg::from(&year.to_string()))],
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    html! {
        li.result {
            h2.result-title { a href=(links::practice(p.id.as_str(), lang)) dir="auto" lang=[record_lang] { (p.programme) } }
            p.meta {
                a href=(links::country(&p.iso2, lang)) { (strings::country(p, reference, lang)) }
                @for part in &meta { " · " (part) }
            }
            @if !hit.snippet.text.is_empty() {
                p.snippet lang=[record_text::text_lang(hit.snippet.lang, lang)] {
                    (highlighted(&hit.snippet)) (record_text::translated_mark(hit.snippet.lang, p.text_lang, lang))
                }
            }
            (key_figures(p, reference, lang))
            label.compare-pick {
                input type="checkbox" name="ids" value=(p.id.as_str()) form="compare-form";
                " " (t(lang, "compare-pick")) span.visually-hidden lang=[record_lang] { ": " (p.programme) }
            }
        }
    }
}

/// The snippet with matched words in `<mark>`, cut from the text by byte ranges. A range
/// that overlaps an earlier one or does not fall on character boundaries is skipped, so a
/// bad range costs a highlight, never a panic or broken text.
pub fn highlighted(snippet: &Snippet) -> Markup {
    let text = snippet.text.as_str();
    let mut ranges = snippet.highlights.clone();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut cursor = 0;
    for range in ranges {
        if range.start < cursor || range.start >= range.end {
            continue;
        }
        let (Some(before), Some(matched)) =
            (text.get(cursor..range.start), text.get(range.clone()))
        else {
            continue;
        };
        pieces.push((before, false));
        pieces.push((matched, true));
        cursor = range.end;
    }
    pieces.push((text.get(cursor..).unwrap_or_default(), false));
    html! {
        @for (piece, is_match) in pieces {
            @if is_match { mark { (piece) } } @else { (piece) }
        }
    }
}

/// " · lower bound · year assumed: 2017": what the derived figure `usd` rests on, when not
/// plain.
fn notes(p: &Practice, amount: Amount, usd: f64, reference: &Reference, lang: Lang) -> String {
    [
        figures::bound_note_usd(p, amount, usd, reference, lang),
        figures::year_note(p, lang),
    ]
    .into_iter()
    .flatten()
    .map(|note| format!(" · {note}"))
    .collect()
}

/// Cost per day (constant USD, or as published when it could not be converted), the
/// detention comparison and compliance; only what is known.
fn key_figures(p: &Practice, reference: &Reference, lang: Lang) -> Markup {
    let unit = strings::cost_unit(reference, p.cost.unit.as_deref(), lang);
    let unit = unit.as_deref();
    let cost = p
        .derived
        .per_day_usd_constant
        .map(|v| constant_per_day(v, unit, lang) + &notes(p, Amount::Atd, v, reference, lang))
        .or_else(|| published_per_day(p, p.cost.per_day, unit, lang));
    let detention = p
        .derived
        .detention_per_day_usd_constant
        .map(|v| constant_per_day(v, unit, lang) + &notes(p, Amount::Detention, v, reference, lang))
        .or_else(|| published_per_day(p, p.cost.detention_per_day, unit, lang));
    let compliance = p.outcome_compliance_pct.map(|v| format::percent(v, lang));
    if cost.is_none() && detention.is_none() && compliance.is_none() {
        return html! { p.figures-none { (t(lang, "figures-none")) } };
    }
    html! {
        dl.figures {
            @if let Some(cost) = cost { div { dt { (t(lang, "figure-cost")) } dd { (cost) } } }
            @if let Some(detention) = detention { div { dt { (t(lang, "figure-detention")) } dd { (detention) } } }
            @if let Some(compliance) = compliance { div { dt { (t(lang, "figure-compliance")) } dd { (compliance) } } }
        }
    }
}

/// "US$ 12.34/day per person (2024 USD)".
fn constant_per_day(value: f64, unit: Option<&str>, lang: Lang) -> String {
    let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
    let year = REFERENCE_YEAR.to_string();
    t_args(
        lang,
        "per-day-constant",
        &[
            ("amount", Arg::from(&format::usd(value, lang))),
            ("unit", Arg::from(&unit)),
            ("year", Arg::from(&year)),
        ],
    )
}

/// The published amount when no dollar figure could be derived: "AUD 38.00/day (2010)".
fn published_per_day(
    p: &Practice,
    amount: Option<f64>,
    unit: Option<&str>,
    lang: Lang,
) -> Option<String> {
    let amount = amount?;
    let code = p.cost.currency.as_deref()?;
    let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
    let amount = format::currency(amount, code, lang);
    let year = p.cost.year.map(|y| y.to_string());
    let key = if year.is_some() {
        "per-day-published"
    } else {
        "per-day-published-no-year"
    };
    Some(t_args(
        lang,
        key,
        &[
            ("amount", Arg::from(&amount)),
            ("unit", Arg::from(&unit)),
            ("year", Arg::Str(year.as_deref().unwrap_or_default())),
        ],
    ))
}

/// Previous/next and a window of page numbers around the current page.
/// The last page of `total` results, `per_page` at a time (never past the deepest offset).
fn last_page(q: &SearchQuery, total: usize) -> usize {
    let per_page = q.per_page.max(1);
    total.div_ceil(per_page).min(MAX_OFFSET / per_page + 1)
}

/// A page past the end (an old link after the data shrank, an edited address) says so, and
/// leads to the last page and the first.
fn past_the_end(q: &SearchQuery, total: usize, lang: Lang) -> Markup {
    let last = last_page(q, total).max(1);
    let page_url = |page: usize| urls::search_url("/", &urls::with_page(q, page), lang);
    html! {
        div.empty {
            p { (t_args(lang, "page-past-end", &[("page", q.page.into()), ("last", last.into())])) }
            ul {
                li { a href=(page_url(last)) { (t(lang, "go-last-page")) } }
                @if last > 1 { li { a href=(page_url(1)) { (t(lang, "go-first-page")) } } }
            }
        }
    }
}

fn pagination(q: &SearchQuery, total: usize, lang: Lang) -> Markup {
    let last = last_page(q, total);
    if last <= 1 {
        return html! {};
    }
    // A page past the end (an old link after the data shrank) still leads back.
    let current = q.page.max(1);
    let url = |page: usize| urls::search_url("/", &urls::with_page(q, page), lang);
    html! {
        nav.pagination aria-label=(t(lang, "pages-label")) {
            ul {
                @if current > 1 {
                    li { a rel="prev" href=(url((current - 1).min(last))) { span aria-hidden="true" { "‹ " } (t(lang, "page-previous")) } }
                }
                @for slot in page_slots(current, last) {
                    @match slot {
                        Some(page) if page == current => {
                            li { a href=(url(page)) aria-current="page" aria-label=(t_args(lang, "page-number", &[("page", page.into())])) { (page) } }
                        }
                        Some(page) => {
                            li { a href=(url(page)) aria-label=(t_args(lang, "page-number", &[("page", page.into())])) { (page) } }
                        }
                        None => { li.gap aria-hidden="true" { "…" } }
                    }
                }
                @if current < last {
                    li { a rel="next" href=(url(current + 1)) { (t(lang, "page-next")) span aria-hidden="true" { " ›" } } }
                }
            }
        }
    }
}

/// Page numbers to show: the first, the last, and a window around the current one;
/// `None` marks a gap.
fn page_slots(current: usize, last: usize) -> Vec<Option<usize>> {
    let lo = current.saturating_sub(PAGE_WINDOW).max(1);
    let hi = (current + PAGE_WINDOW).min(last);
    let mut pages: Vec<usize> = vec![1];
    pages.extend(lo..=hi);
    pages.push(last);
    pages.sort_unstable();
    pages.dedup();
    let mut slots = Vec::new();
    let mut previous = 0;
    for page in pages {
        if page > previous + 1 {
            slots.push(None);
        }
        slots.push(Some(page));
        previous = page;
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_slots_window_the_current_page() {
        assert_eq!(page_slots(1, 1), vec![Some(1)]);
        assert_eq!(page_slots(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_slots(10, 20),
            vec![
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(20)
            ]
        );
        assert_eq!(
            page_slots(2, 9),
            vec![Some(1), Some(2), Some(3), Some(4), None, Some(9)]
        );
    }
}
