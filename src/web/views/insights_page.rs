//! The insights page: charts of the whole dataset, each followed by its numbers as a table
//! (the table is the accessible version of the chart), and the world map.

use std::collections::HashMap;

use maud::{Markup, html};

use super::charts::{self, BarRow, SERIES_FILL};
use super::figures;
use super::format;
use super::layout::layout;
use super::links::{self, Here};
use super::range_pictures;
use super::record_text;
use super::strings;
use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, Practice, REFERENCE_YEAR, Reference, Vocab};
use crate::overview::Overview;
use crate::search::{FacetName, Range, SearchQuery, Sort};
use crate::web::urls;

pub fn insights_page(overview: &Overview, reference: &Reference, lang: Lang) -> Markup {
    let title = t(lang, "insights-title");
    let shown = format::count(overview.total as u64, lang);
    let body = html! {
        h1 { (title) }
        p.lede {
            (t_args(lang, "insights-lede", &[("count", Arg::from(overview.total)), ("shown", Arg::from(&shown))]))
        }
        p { a href=(links::localized("/evidence", lang)) { (t(lang, "insights-evidence-map")) } }
        nav.toc aria-label=(t(lang, "about-toc")) {
            ul {
                li { a href="#map" { (t(lang, "insights-by-country")) } }
                li { a href="#costs" { (t(lang, "insights-toc-costs")) } }
                li { a href="#by-region" { (t(lang, "insights-toc-region")) } }
                li { a href="#by-atd_type" { (t(lang, "insights-toc-atd-type")) } }
                li { a href="#by-population" { (t(lang, "insights-toc-population")) } }
                li { a href="#by-cap_stage" { (t(lang, "insights-toc-cap-stage")) } }
            }
        }
        (map_section(overview, reference, lang))
        (cost_section(overview, reference, lang))
        (count_section(overview, reference, Vocab::Region, FacetName::Region, &t(lang, "insights-by-region"), lang))
        (count_section(overview, reference, Vocab::AtdType, FacetName::AtdType, &t(lang, "insights-by-atd-type"), lang))
        (count_section(overview, reference, Vocab::Population, FacetName::Population, &t(lang, "insights-by-population"), lang))
        (count_section(overview, reference, Vocab::CapStage, FacetName::CapStage, &t(lang, "insights-by-cap-stage"), lang))
    };
    layout(&title, lang, &Here::new("/insights", ""), body)
}

fn map_section(overview: &Overview, reference: &Reference, lang: Lang) -> Markup {
    let counts = &overview.countries;
    let mut rows: Vec<(&String, &usize)> = counts.iter().collect();
    rows.sort_by(|a, b| {
        b.1.cmp(a.1)
            .then_with(|| reference.countries.cmp_names(a.0, b.0, lang))
    });
    html! {
        section #map {
            h2 { (t(lang, "insights-by-country")) }
            p.hint { (t(lang, "insights-map-hint")) }
            figure.chart-figure {
                (charts::world_map(counts, reference, lang, &|code| links::country(code, lang)))
                figcaption.hint { (t(lang, "insights-map-credit")) }
            }
            (map_countries(counts, reference, lang))
            details.chart-table {
                summary { (t_args(lang, "insights-country-table", &[("count", Arg::from(rows.len())), ("shown", Arg::from(&format::count(rows.len() as u64, lang)))])) }
                table.counts {
                    thead { tr { th scope="col" { (t(lang, "field-country")) } th scope="col" { (t(lang, "practices-column")) } } }
                    tbody {
                        @for (code, n) in &rows {
                            tr {
                                th scope="row" { a href=(links::country(code, lang)) { (reference.countries.name(code, lang)) } }
                                td.num { (n) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The map's countries as a list of links, by name: on a phone the map is too small to tap a
/// country (most are a few pixels wide), so each gets a target of its own (shown on narrow
/// screens only, where the stylesheet sizes it for a finger).
fn map_countries(counts: &HashMap<String, usize>, reference: &Reference, lang: Lang) -> Markup {
    let mut rows: Vec<(&String, &usize)> = counts.iter().collect();
    rows.sort_by(|a, b| reference.countries.cmp_names(a.0, b.0, lang));
    html! {
        nav.map-countries aria-labelledby="map-countries-title" {
            p #map-countries-title { (t(lang, "insights-map-countries")) }
            ul {
                @for (code, n) in rows {
                    li {
                        a href=(links::country(code, lang)) {
                            (reference.countries.name(code, lang)) " " span.n { "(" (n) ")" }
                        }
                    }
                }
            }
        }
    }
}

/// The most practices the cost section gives a row each. Past it the chart counts every
/// practice by cost band, the table lists the cheapest, and a link leads to the rest in
/// search: a row and a bar for each of 52,000 practices made a 37 MB page (BENCHMARKS.md).
pub const COST_ROWS: usize = 50;

fn cost_section(overview: &Overview, reference: &Reference, lang: Lang) -> Markup {
    let with_costs = &overview.costed;
    let bounded = with_costs.len() > COST_ROWS;
    let shown_rows = &with_costs[..with_costs.len().min(COST_ROWS)];
    let heading = figures::constant_heading(lang);
    let with_heading = [("heading", Arg::from(&heading))];
    let shown = format::count(with_costs.len() as u64, lang);
    let total = format::count(overview.total as u64, lang);
    html! {
        section #costs {
            h2 { (t(lang, "insights-costs-title")) }
            p {
                (t_args(lang, "insights-costs-intro", &[("heading", Arg::from(&heading)), ("shown", Arg::from(&shown)), ("total", Arg::from(&total))]))
            }
            @if bounded {
                p { (t_args(lang, "insights-costs-bounded", &[("shown", Arg::from(&shown)), ("rows", Arg::from(COST_ROWS))])) }
            }
            p.legend {
                svg.key viewBox="0 0 10 10" aria-hidden="true" { rect width="10" height="10" fill=(SERIES_FILL[0]) {} }
                " " (t(lang, "cost-alternative")) " "
                svg.key viewBox="0 0 10 10" aria-hidden="true" { rect width="10" height="10" fill=(SERIES_FILL[1]) {} }
                " " (t(lang, "cost-detention"))
            }
            @if bounded {
                (cost_bands(with_costs, lang))
            } @else {
                figure.chart-figure {
                    (charts::bar_chart(&t_args(lang, "insights-costs-chart", &with_heading), &cost_bars(with_costs, reference, lang), &|v| format::usd(v, lang), &t(lang, "not-published")))
                }
            }
            details.chart-table open {
                summary {
                    @if bounded {
                        (t_args(lang, "insights-costs-table-cheapest", &[("rows", Arg::from(COST_ROWS))]))
                    } @else {
                        (t(lang, "insights-costs-table"))
                    }
                }
                (cost_table(shown_rows, reference, lang))
            }
            @if bounded { (more_costs(&with_costs[COST_ROWS..], lang)) }
            p.hint { (t_args(lang, "insights-method", &[("year", Arg::from(&REFERENCE_YEAR.to_string()))])) " " a href=(links::localized("/about", lang) + "#method") { (t(lang, "insights-method-link")) } }
        }
    }
}

/// A bar pair (alternative, detention) for each practice with a cost.
fn cost_bars(with_costs: &[Practice], reference: &Reference, lang: Lang) -> Vec<BarRow> {
    with_costs
        .iter()
        .map(|p| BarRow {
            name: p.programme.clone(),
            name_lang: record_text::record_lang(p, lang),
            label: bar_label(p, reference, lang),
            values: vec![
                p.derived.per_day_usd_constant,
                p.derived.detention_per_day_usd_constant,
            ],
        })
        .collect()
}

/// The cost table: a row for each of `rows`, in the section's order (cheapest alternative
/// first).
fn cost_table(rows: &[Practice], reference: &Reference, lang: Lang) -> Markup {
    let heading = figures::constant_heading(lang);
    let with_heading = [("heading", Arg::from(&heading))];
    html! {
        div.table-scroll {
            table.counts {
                thead {
                    tr {
                        th scope="col" { (t(lang, "insights-programme")) }
                        th scope="col" { (t(lang, "field-country")) }
                        th scope="col" { (t_args(lang, "insights-alternative", &with_heading)) }
                        th scope="col" { (t_args(lang, "insights-detention", &with_heading)) }
                        th scope="col" { (t(lang, "insights-saving")) }
                        th scope="col" { (t(lang, "insights-cost-year")) }
                    }
                }
                tbody {
                    @for p in rows {
                        tr {
                            th scope="row" dir="auto" lang=[record_text::record_lang(p, lang)] { a href=(links::practice(p.id.as_str(), lang)) { (p.programme) } }
                            td { (figures::country_link(p, reference, lang)) }
                            td.num { (figures::cost_constant(p, reference, lang)) }
                            td.num { (figures::detention_constant(p, reference, lang)) }
                            td.num { (figures::saving(p, reference, lang)) }
                            td.num {
                                (p.cost.year.map(|y| y.to_string()).unwrap_or_default())
                                @if let Some(note) = figures::year_note(p, lang) { " (" (note) ")" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Every practice with a cost counted by cost band (the search page's histogram bands), the
/// alternative's and detention's apart: the picture of the whole when the table shows only
/// the cheapest. Each band's alternatives link to them in search.
fn cost_bands(with_costs: &[Practice], lang: Lang) -> Markup {
    let heading = figures::constant_heading(lang);
    let bands = range_pictures::cost_bands();
    let count_in = |value: fn(&Practice) -> Option<f64>| {
        let mut counts = vec![0usize; bands.len()];
        for v in with_costs.iter().filter_map(value) {
            if let Some(i) = range_pictures::bin_of(v, &bands) {
                counts[i] += 1;
            }
        }
        counts
    };
    let alternative = count_in(|p| p.derived.per_day_usd_constant);
    let detention = count_in(|p| p.derived.detention_per_day_usd_constant);
    let label = |(lo, hi): (f64, Option<f64>)| {
        let show = |v: f64| format!("US$\u{A0}{v:.0}");
        match hi {
            Some(h) => format!("{}–{v:.0}", show(lo), v = h),
            None => t_args(lang, "histogram-open-bin", &[("low", Arg::from(&show(lo)))]),
        }
    };
    let rows: Vec<BarRow> = bands
        .iter()
        .zip(alternative.iter().zip(&detention))
        .map(|(band, (a, d))| BarRow {
            name: label(*band),
            name_lang: None,
            label: String::new(),
            values: vec![Some(*a as f64), Some(*d as f64)],
        })
        .collect();
    let title = t_args(
        lang,
        "insights-costs-bands",
        &[("heading", Arg::from(&heading))],
    );
    html! {
        figure.chart-figure {
            (charts::bar_chart(&title, &rows, &|v| format::count(v as u64, lang), &t(lang, "not-published")))
        }
        details.chart-table {
            summary { (t_args(lang, "table-of", &[("title", Arg::from(&title))])) }
            table.counts {
                thead {
                    tr {
                        th scope="col" { (t_args(lang, "insights-costs-band", &[("heading", Arg::from(&heading))])) }
                        th scope="col" { (t(lang, "cost-alternative")) }
                        th scope="col" { (t(lang, "cost-detention")) }
                    }
                }
                tbody {
                    @for ((band, a), d) in bands.iter().zip(&alternative).zip(&detention) {
                        tr {
                            th scope="row" { (label(*band)) }
                            td.num {
                                @if *a > 0 {
                                    a href=(cost_search("/", band.0, band.1, lang)) { (format::count(*a as u64, lang)) }
                                } @else { "0" }
                            }
                            td.num { (format::count(*d as u64, lang)) }
                        }
                    }
                }
            }
        }
    }
}

/// What the table leaves out: how many, and where to see them all. `rest` is in the
/// section's order, so its first practice with an alternative's cost is the cheapest left
/// out; the search from that cost (rounded down to the cent) lists every one of them.
fn more_costs(rest: &[Practice], lang: Lang) -> Markup {
    let with_alternative: Vec<f64> = rest
        .iter()
        .filter_map(|p| p.derived.per_day_usd_constant)
        .collect();
    let only_detention = rest.len() - with_alternative.len();
    let from = with_alternative.first().map(|c| cents_below(*c));
    html! {
        @if let Some(from) = from {
            p.costs-more {
                (t_args(lang, "insights-costs-more", &[("count", Arg::from(with_alternative.len())), ("shown", Arg::from(&format::count(with_alternative.len() as u64, lang))), ("from", Arg::from(&format::usd(from, lang)))]))
            }
            ul.actions {
                li { a href=(cost_search("/", from, None, lang)) { (t(lang, "insights-costs-more-search")) } }
                li { a href=(cost_search("/practices.csv", from, None, lang)) download { (t(lang, "country-download-csv")) } }
            }
        }
        @if only_detention > 0 {
            p.costs-more {
                (t_args(lang, "insights-costs-more-detention", &[("count", Arg::from(only_detention)), ("shown", Arg::from(&format::count(only_detention as u64, lang)))]))
                " "
                a href=(links::localized("/practices.csv", lang)) download { (t(lang, "insights-costs-all-csv")) }
            }
        }
    }
}

/// The largest whole number of cents at or below `cost`: a readable bound that still takes
/// in the practice it came from.
fn cents_below(cost: f64) -> f64 {
    let cents = (cost * 100.0).floor() / 100.0;
    if cents > cost { cents - 0.01 } else { cents }
}

/// A search (or export, by `path`) of the practices whose alternative costs from `min` to
/// `max` a day, cheapest first.
fn cost_search(path: &str, min: f64, max: Option<f64>, lang: Lang) -> String {
    let query = SearchQuery {
        cost_usd: Range {
            min: Some(min),
            max,
        },
        sort: Sort::CostAsc,
        ..links::browse_query()
    };
    urls::search_url(path, &query, lang)
}

/// A bar's label after the programme's name: its country, and the unit its two costs are in (the chart
/// mixes per-person and per-family costs, so every bar says which), with "year assumed" when
/// the cost year is the source's publication year.
fn bar_label(p: &Practice, reference: &Reference, lang: Lang) -> String {
    let unit = strings::cost_unit(reference, p.cost.unit.as_deref(), lang)
        .unwrap_or_else(|| t(lang, "unit-not-stated"));
    let mut label = format!(" ({}), {unit}", strings::country(p, reference, lang));
    if let Some(note) = figures::year_note(p, lang) {
        label.push_str(" · ");
        label.push_str(&note);
    }
    label
}

/// Practices per term of a vocabulary (a practice with several tags counts once per tag),
/// in the vocabulary's order, most first.
fn term_counts<'a>(
    overview: &Overview,
    reference: &'a Reference,
    vocab: Vocab,
) -> Vec<(&'a str, usize)> {
    let mut counts: Vec<(&str, usize)> = reference
        .vocabularies
        .terms(vocab)
        .iter()
        .map(|t| (t.key.as_str(), overview.count(vocab, &t.key)))
        .filter(|(_, n)| *n > 0)
        .collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
}

fn count_section(
    overview: &Overview,
    reference: &Reference,
    vocab: Vocab,
    facet: FacetName,
    title: &str,
    lang: Lang,
) -> Markup {
    let counts = term_counts(overview, reference, vocab);
    let label = |key: &str| reference.vocabularies.label(vocab, key, lang).to_string();
    let rows: Vec<BarRow> = counts
        .iter()
        .map(|(key, n)| BarRow {
            name: label(key),
            name_lang: None,
            label: String::new(),
            values: vec![Some(*n as f64)],
        })
        .collect();
    let show = |v: f64| format::count(v as u64, lang);
    let multi = vocab != Vocab::Region;
    html! {
        section id=(format!("by-{}", vocab.name())) {
            h2 { (title) }
            @if multi { p.hint { (t(lang, "insights-multi")) } }
            figure.chart-figure { (charts::bar_chart(title, &rows, &show, &t(lang, "not-published"))) }
            details.chart-table {
                summary { (t_args(lang, "table-of", &[("title", Arg::from(title))])) }
                table.counts {
                    thead { tr { th scope="col" { (strings::facet_title(facet, lang)) } th scope="col" { (t(lang, "practices-column")) } } }
                    tbody {
                        @for (key, n) in &counts {
                            tr {
                                th scope="row" { a href=(links::facet(facet, key, lang)) { (label(key)) } }
                                td.num { (n) }
                            }
                        }
                    }
                }
            }
        }
    }
}
