//! Small server-rendered SVG charts: horizontal bar charts (labels above the bars, so long
//! Spanish or French labels never clip), histograms, and the world map of practices.
//!
//! Every chart is a picture of a table the page prints beside it; the SVG carries a short
//! `<title>` and the numbers live in the table, where screen readers and text browsers read them.

use std::collections::HashMap;

use maud::{Markup, html};

use crate::model::{Lang, Reference};

const WIDTH: f64 = 640.0;
const LABEL_H: f64 = 18.0;
const BAR_H: f64 = 14.0;
const ROW_GAP: f64 = 10.0;
/// Room on the right for the value printed after the longest bar.
const VALUE_ROOM: f64 = 110.0;
/// Characters of a label line: 13-pixel text averages under 7 pixels a character, so 84
/// fit the chart's width.
const LABEL_CHARS: usize = 84;
/// Bar colours by series: blue for the alternative, brown for detention (>= 3:1 on white).
pub const SERIES_FILL: [&str; 3] = ["#0b4f8a", "#9a5b00", "#4d7c0f"];

/// One row of a bar chart: a label and one value per series (`None` where unknown). The label
/// starts with `name` (a programme's name as sourced, in `name_lang` when that is not the
/// page's) and goes on with `label`, in the page language.
pub struct BarRow {
    pub name: String,
    pub name_lang: Option<&'static str>,
    pub label: String,
    pub values: Vec<Option<f64>>,
}

/// A horizontal bar chart. `show` formats a value for the label after its bar; `missing`
/// is written where a value is unknown (in the page's language).
pub fn bar_chart(
    title: &str,
    rows: &[BarRow],
    show: &dyn Fn(f64) -> String,
    missing: &str,
) -> Markup {
    let series = rows
        .iter()
        .map(|r| r.values.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let max = rows
        .iter()
        .flat_map(|r| r.values.iter().flatten())
        .fold(0.0_f64, |a, &b| a.max(b));
    let bars_h = series as f64 * (BAR_H + 2.0) + ROW_GAP;
    // Each label on as many lines as it needs, broken between words, so none runs past the
    // chart's edge and is cut mid-word (a phone shows the whole chart, scaled down).
    let labels: Vec<Vec<(String, String)>> = rows
        .iter()
        .map(|r| wrap(&r.name, &r.label, LABEL_CHARS))
        .collect();
    let tops: Vec<f64> = labels
        .iter()
        .scan(0.0, |top, lines| {
            let this = *top;
            *top += lines.len().max(1) as f64 * LABEL_H + bars_h;
            Some(this)
        })
        .collect();
    let height = labels
        .iter()
        .map(|lines| lines.len().max(1) as f64 * LABEL_H + bars_h)
        .sum::<f64>()
        .max(LABEL_H + bars_h);
    let scale = if max > 0.0 {
        (WIDTH - VALUE_ROOM) / max
    } else {
        0.0
    };
    html! {
        svg.chart viewBox=(format!("0 0 {WIDTH} {height}")) role="img" xmlns="http://www.w3.org/2000/svg" {
            title { (title) }
            @for ((row, lines), top) in rows.iter().zip(&labels).zip(&tops) {
                @let top = *top;
                text x="0" y=(fmt(top + 13.0)) font-size="13" fill="#1a1a1a" {
                    @for (n, (name, rest)) in lines.iter().enumerate() {
                        @let dy = (n > 0).then(|| fmt(LABEL_H));
                        tspan x="0" dy=[dy] {
                            @if !name.is_empty() { tspan lang=[row.name_lang] { (name) } }
                            @if !name.is_empty() && !rest.is_empty() { " " }
                            (rest)
                        }
                    }
                }
                @let bars_top = top + lines.len().max(1) as f64 * LABEL_H;
                @for (s, value) in row.values.iter().enumerate() {
                    @let y = bars_top + s as f64 * (BAR_H + 2.0);
                    @match value {
                        Some(v) => {
                            @let w = (v * scale).max(1.0);
                            rect x="0" y=(fmt(y)) width=(fmt(w)) height=(fmt(BAR_H)) fill=(SERIES_FILL[s % SERIES_FILL.len()]) {}
                            text x=(fmt(w + 4.0)) y=(fmt(y + 11.0)) font-size="12" fill="#1a1a1a" { (show(*v)) }
                        }
                        None => {
                            text x="0" y=(fmt(y + 11.0)) font-size="12" fill="#555" { (missing) }
                        }
                    }
                }
            }
        }
    }
}

/// One figure of a yearly series: its year, its value, and whether it counts a place (drawn
/// as a square) rather than a person (a circle).
pub struct SeriesPoint {
    pub year: i32,
    pub value: f64,
    pub per_place: bool,
}

const SERIES_H: f64 = 220.0;
/// Room on the left for the value axis, and below for the years.
const AXIS_LEFT: f64 = 96.0;
const AXIS_BOTTOM: f64 = 28.0;
const SERIES_TOP: f64 = 12.0;

/// A dot chart of values by year: a picture of the table printed beside it. `id` names its
/// title and description (for `aria-labelledby`); `show` formats an axis value;
/// `legend` names the circles and the squares (shown when any point counts places).
pub fn series_chart(
    id: &str,
    title: &str,
    desc: &str,
    points: &[SeriesPoint],
    show: &dyn Fn(f64) -> String,
    legend: (&str, &str),
) -> Markup {
    let first = points.iter().map(|p| p.year).min().unwrap_or(0);
    let last = points
        .iter()
        .map(|p| p.year)
        .max()
        .unwrap_or(0)
        .max(first + 1);
    let max = points.iter().fold(0.0_f64, |m, p| m.max(p.value));
    let top = nice_ceiling(max);
    let plot_w = WIDTH - AXIS_LEFT - 16.0;
    let plot_h = SERIES_H - SERIES_TOP - AXIS_BOTTOM;
    let x = |year: i32| AXIS_LEFT + (year - first) as f64 / (last - first) as f64 * plot_w;
    let y = |value: f64| SERIES_TOP + plot_h - value / top * plot_h;
    let step = ((last - first) / 8).max(1);
    let years: Vec<i32> = (first..=last)
        .filter(|y| (y - first) % step == 0 || *y == last)
        .collect();
    let any_place = points.iter().any(|p| p.per_place);
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    html! {
        svg.chart viewBox=(format!("0 0 {WIDTH} {SERIES_H}")) role="img" aria-labelledby=(format!("{title_id} {desc_id}")) xmlns="http://www.w3.org/2000/svg" {
            title #(title_id) { (title) }
            desc #(desc_id) { (desc) }
            @for tick in [0.0, top / 2.0, top] {
                line x1=(fmt(AXIS_LEFT)) x2=(fmt(AXIS_LEFT + plot_w)) y1=(fmt(y(tick))) y2=(fmt(y(tick))) stroke="#d0d0d0" stroke-width="1" {}
                text x=(fmt(AXIS_LEFT - 6.0)) y=(fmt(y(tick) + 4.0)) font-size="12" text-anchor="end" fill="#1a1a1a" { (show(tick)) }
            }
            @for year in &years {
                text x=(fmt(x(*year))) y=(fmt(SERIES_H - 8.0)) font-size="12" text-anchor="middle" fill="#1a1a1a" { (year) }
            }
            @for p in points {
                @if p.per_place {
                    rect x=(fmt(x(p.year) - 5.0)) y=(fmt(y(p.value) - 5.0)) width="10" height="10" fill=(SERIES_FILL[1]) {}
                } @else {
                    circle cx=(fmt(x(p.year))) cy=(fmt(y(p.value))) r="5" fill=(SERIES_FILL[0]) {}
                }
            }
            @if any_place {
                @let left = AXIS_LEFT + plot_w - 150.0;
                circle cx=(fmt(left + 5.0)) cy=(fmt(SERIES_TOP + 5.0)) r="5" fill=(SERIES_FILL[0]) {}
                text x=(fmt(left + 14.0)) y=(fmt(SERIES_TOP + 10.0)) font-size="12" fill="#1a1a1a" { (legend.0) }
                rect x=(fmt(left)) y=(fmt(SERIES_TOP + 16.0)) width="10" height="10" fill=(SERIES_FILL[1]) {}
                text x=(fmt(left + 14.0)) y=(fmt(SERIES_TOP + 26.0)) font-size="12" fill="#1a1a1a" { (legend.1) }
            }
        }
    }
}

/// The axis top: `value` rounded up to 1, 2 or 5 times a power of ten (100 for nothing).
fn nice_ceiling(value: f64) -> f64 {
    if !(value.is_finite() && value > 0.0) {
        return 100.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|c| *c >= value)
        .unwrap_or(10.0 * power)
}

/// `text` in lines of at most `width` characters, broken between words (a longer word
/// stands on its own line).
fn wrap(name: &str, rest: &str, width: usize) -> Vec<(String, String)> {
    let words = name
        .split_whitespace()
        .map(|w| (w, true))
        .chain(rest.split_whitespace().map(|w| (w, false)));
    let mut lines: Vec<(String, String)> = Vec::new();
    for (word, of_name) in words {
        let fits = lines.last().is_some_and(|(n, r)| {
            n.chars().count() + r.chars().count() + 1 + word.chars().count() <= width
        });
        if !fits {
            lines.push((String::new(), String::new()));
        }
        if let Some((n, r)) = lines.last_mut() {
            let part = if of_name { n } else { r };
            if !part.is_empty() {
                part.push(' ');
            }
            part.push_str(word);
        }
    }
    lines
}

/// One bin of a histogram: its label, how many results fall in it, and the link that
/// filters to it.
pub struct Bin {
    pub label: String,
    pub count: usize,
    pub href: String,
    /// Whether the bin lies inside the range already chosen.
    pub selected: bool,
}

/// A compact column histogram; each column links to its range, so it works without a script.
pub fn histogram(title: &str, bins: &[Bin]) -> Markup {
    let max = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let col_w = 24.0;
    let gap = 4.0;
    let plot_h = 48.0;
    let width = bins.len() as f64 * (col_w + gap);
    html! {
        // Not role="img": that would hide the column links from assistive technology.
        svg.histogram viewBox=(format!("0 0 {} {}", fmt(width), fmt(plot_h + 14.0))) role="group" aria-label=(title) xmlns="http://www.w3.org/2000/svg" {
            title { (title) }
            @for (i, bin) in bins.iter().enumerate() {
                @let x = i as f64 * (col_w + gap);
                @let h = if bin.count == 0 { 1.0 } else { (bin.count as f64 / max * plot_h).max(3.0) };
                a href=(bin.href) {
                    title { (bin.label) ": " (bin.count) }
                    rect x=(fmt(x)) y="0" width=(fmt(col_w)) height=(fmt(plot_h)) fill="#fff" fill-opacity="0" {}
                    rect x=(fmt(x)) y=(fmt(plot_h - h)) width=(fmt(col_w)) height=(fmt(h))
                        fill=(if bin.selected { "#0b4f8a" } else { "#8aa9c6" }) {}
                    text x=(fmt(x + col_w / 2.0)) y=(fmt(plot_h + 12.0)) font-size="10" text-anchor="middle" fill="#1a1a1a" { (bin.count) }
                }
            }
        }
    }
}

/// One country shape of the committed world map table.
struct Shape<'a> {
    m49: &'a str,
    name: &'a str,
    cx: f64,
    cy: f64,
    w: f64,
    h: f64,
    d: &'a str,
}

const WORLD_PATHS: &str = include_str!("../assets/world_paths.tsv");
/// Shapes smaller than this (in map units) also get a round marker, so they can be seen and
/// tapped.
const SMALL: f64 = 6.0;

fn shapes() -> impl Iterator<Item = Shape<'static>> {
    WORLD_PATHS.lines().filter_map(|line| {
        let mut f = line.split('\t');
        let (m49, name) = (f.next()?, f.next()?);
        let mut num = || f.next().and_then(|v| v.parse::<f64>().ok());
        let (cx, cy, w, h) = (num()?, num()?, num()?, num()?);
        Some(Shape {
            m49,
            name,
            cx,
            cy,
            w,
            h,
            d: f.next()?,
        })
    })
}

/// The ISO 3166-1 numeric code the map table uses. UN M49 equals it except where M49 has no
/// entry: Taiwan (ISO 158). Shapes without a code (N. Cyprus, Kosovo...) match no country.
fn iso_numeric<'a>(m49: &'a str, iso2: &str) -> Option<&'a str> {
    match (m49, iso2) {
        ("", "TW") => Some("158"),
        ("", _) => None,
        (code, _) => Some(code),
    }
}

/// Fill for a count: four steps of blue, darker for more practices.
fn shade(count: usize, max: usize) -> &'static str {
    let steps = ["#c6dbef", "#6baed6", "#2171b5", "#08306b"];
    if max <= 1 {
        return steps[2];
    }
    let i = ((count - 1) * steps.len()) / max;
    steps[i.min(steps.len() - 1)]
}

/// The world map: countries with practices shaded by count and linked to their page.
/// `counts` is by ISO alpha-2 code; `href` makes a country page link.
pub fn world_map(
    counts: &HashMap<String, usize>,
    reference: &Reference,
    lang: Lang,
    href: &dyn Fn(&str) -> String,
) -> Markup {
    let by_m49: HashMap<&str, &str> = reference
        .countries
        .iter()
        .filter_map(|c| Some((iso_numeric(&c.m49, &c.iso2)?, c.iso2.as_str())))
        .collect();
    let max = counts.values().copied().max().unwrap_or(0);
    let map_label = crate::i18n::t(lang, "insights-map-label");
    let placed: Vec<(Shape<'static>, Option<&str>, Option<usize>)> = shapes()
        .map(|shape| {
            let iso2 = (!shape.m49.is_empty())
                .then(|| by_m49.get(shape.m49).copied())
                .flatten();
            let n = iso2.and_then(|c| counts.get(c).copied());
            (shape, iso2, n)
        })
        .collect();
    html! {
        svg.map viewBox="0 0 1000 487" role="group" aria-label=(map_label) xmlns="http://www.w3.org/2000/svg" {
            title { (map_label) }
            @for (shape, iso2, n) in &placed {
                @match (iso2, n) {
                    (Some(code), Some(n)) => {
                        a href=(href(code)) {
                            title { (reference.countries.name(code, lang)) ": " (n) }
                            path d=(shape.d) fill=(shade(*n, max)) stroke="#fff" stroke-width="0.3" {}
                        }
                    }
                    _ => {
                        path d=(shape.d) fill="#dfe3e8" stroke="#fff" stroke-width="0.3" {
                            title { (iso2.map_or(shape.name, |c| reference.countries.name(c, lang))) }
                        }
                    }
                }
            }
            // Markers last, so small states sit above their neighbours.
            @for (shape, iso2, n) in &placed {
                @if let (Some(code), Some(n)) = (iso2, n) {
                    @if shape.w < SMALL && shape.h < SMALL {
                        a href=(href(code)) {
                            title { (reference.countries.name(code, lang)) ": " (n) }
                            circle cx=(fmt(shape.cx)) cy=(fmt(shape.cy)) r="4" fill=(shade(*n, max)) stroke="#1a1a1a" stroke-width="0.8" {}
                        }
                    }
                }
            }
        }
    }
}

/// The ISO numeric codes that have a shape on the map.
#[cfg(test)]
fn mapped_m49() -> Vec<&'static str> {
    shapes().map(|s| s.m49).filter(|m| !m.is_empty()).collect()
}

fn fmt(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_table_has_small_states_and_no_antarctica() {
        let ids = mapped_m49();
        for m49 in ["344", "470", "702", "048", "196", "780", "484"] {
            assert!(ids.contains(&m49), "{m49} missing from the map");
        }
        assert!(!ids.contains(&"010"));
        assert!(shapes().all(|s| s.d.starts_with('M') && s.d.ends_with('z')));
    }

    #[test]
    fn shades_grow_with_counts() {
        assert_eq!(shade(1, 7), "#c6dbef");
        assert_eq!(shade(7, 7), "#08306b");
        assert_eq!(shade(1, 1), "#2171b5");
    }

    #[test]
    fn long_labels_wrap_between_words_and_keep_the_name_apart() {
        let name =
            "Intensive Supervision Appearance Program (ISAP II) - ICE Alternatives to Detention";
        let rest = "(United States), per person · year assumed: 2014";
        let lines = wrap(name, rest, LABEL_CHARS);
        assert!(lines.len() > 1);
        let joined: Vec<String> = lines
            .iter()
            .map(|(n, r)| [n.as_str(), r.as_str()].join(" ").trim().to_string())
            .collect();
        assert!(joined.iter().all(|l| l.chars().count() <= LABEL_CHARS));
        assert_eq!(
            joined.join(" "),
            format!("{name} {rest}"),
            "no word is cut or lost"
        );
        let names: Vec<&str> = lines
            .iter()
            .map(|(n, _)| n.as_str())
            .filter(|n| !n.is_empty())
            .collect();
        assert_eq!(names.join(" "), name, "the name's words stay the name's");
        assert_eq!(
            wrap("short", "", LABEL_CHARS),
            [("short".to_string(), String::new())]
        );
    }

    #[test]
    fn bar_chart_prints_values_and_gaps() {
        let rows = [
            BarRow {
                name: "A".into(),
                name_lang: None,
                label: String::new(),
                values: vec![Some(10.0), None],
            },
            BarRow {
                name: "B".into(),
                name_lang: Some("en"),
                label: "(b)".into(),
                values: vec![Some(5.0), Some(20.0)],
            },
        ];
        let svg = bar_chart("t", &rows, &|v| format!("{v}"), "not published").into_string();
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("not published"));
        assert!(svg.contains(">20<"));
    }
}
