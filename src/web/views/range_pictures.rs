//! Histograms beside the cost and compliance range filters: how the current results spread,
//! each column a link that narrows the search to it. Works without a script.

use maud::{Markup, html};

use super::charts::{self, Bin};
use super::format;
use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, REFERENCE_YEAR};
use crate::search::{Range, SearchQuery};
use crate::web::urls;

pub use crate::search::RangeValues;

/// Cost bins in constant dollars per day: narrow at the low end where most programmes are.
const COST_EDGES: &[f64] = &[0.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0];
const COMPLIANCE_EDGES: &[f64] = &[0.0, 50.0, 60.0, 70.0, 80.0, 90.0];

/// `(low, high)` of each bin; the last is open-ended (`None`), or ends at `cap`.
fn bins(edges: &[f64], cap: Option<f64>) -> Vec<(f64, Option<f64>)> {
    edges
        .iter()
        .enumerate()
        .map(|(i, lo)| (*lo, edges.get(i + 1).copied().or(cap)))
        .collect()
}

/// The cost histogram's bands, `(low, high)`, the last open-ended: the insights page counts
/// every practice with a cost by the same bands.
pub fn cost_bands() -> Vec<(f64, Option<f64>)> {
    bins(COST_EDGES, None)
}

/// The band of `ranges` that `value` falls in (an edge belongs to the band above it).
pub fn bin_of(value: f64, ranges: &[(f64, Option<f64>)]) -> Option<usize> {
    ranges
        .iter()
        .rposition(|(lo, hi)| value >= *lo && hi.is_none_or(|h| value <= h))
}

#[allow(clippy::too_many_arguments)]
fn picture(
    values: &[f64],
    edges: &[f64],
    cap: Option<f64>,
    chosen: Range,
    set: &dyn Fn(&mut SearchQuery, Range),
    q: &SearchQuery,
    lang: Lang,
    show: &dyn Fn(f64) -> String,
) -> Vec<Bin> {
    let ranges = bins(edges, cap);
    let mut counts = vec![0usize; ranges.len()];
    for v in values {
        if let Some(i) = bin_of(*v, &ranges) {
            counts[i] += 1;
        }
    }
    ranges
        .iter()
        .zip(counts)
        .map(|((lo, hi), count)| {
            let mut next = q.clone();
            next.page = 1;
            let range = Range {
                min: Some(*lo),
                max: *hi,
            };
            set(&mut next, range);
            let selected = !chosen.is_open()
                && chosen.min.is_none_or(|m| *lo >= m)
                && chosen.max.is_none_or(|m| hi.is_some_and(|h| h <= m));
            Bin {
                label: match hi {
                    Some(h) => format!("{}–{}", show(*lo), show(*h)),
                    None => t_args(
                        lang,
                        "histogram-open-bin",
                        &[("low", show(*lo).as_str().into())],
                    ),
                },
                count,
                href: urls::search_url("/", &next, lang),
                selected,
            }
        })
        .collect()
}

fn block(title: &str, note: String, bins: &[Bin]) -> Markup {
    html! {
        div.range-picture {
            (charts::histogram(title, bins))
            p.hint { (note) }
        }
    }
}

/// The histogram under the cost range inputs.
pub fn cost_picture(values: &RangeValues, q: &SearchQuery, lang: Lang) -> Markup {
    let show = |v: f64| format!("{v:.0}");
    let bins = picture(
        &values.cost,
        COST_EDGES,
        None,
        q.cost_usd,
        &|q, r| q.cost_usd = r,
        q,
        lang,
        &show,
    );
    let year = REFERENCE_YEAR.to_string();
    let note = t_args(
        lang,
        "histogram-cost-note",
        &[
            (
                "shown",
                Arg::from(&format::count(values.cost.len() as u64, lang)),
            ),
            (
                "total",
                Arg::from(&format::count(values.cost_of as u64, lang)),
            ),
            ("year", Arg::from(&year)),
        ],
    );
    block(
        &t_args(lang, "histogram-cost", &[("year", Arg::from(&year))]),
        note,
        &bins,
    )
}

/// The histogram under the compliance range inputs.
pub fn compliance_picture(values: &RangeValues, q: &SearchQuery, lang: Lang) -> Markup {
    let show = |v: f64| format!("{v:.0}%");
    let bins = picture(
        &values.compliance,
        COMPLIANCE_EDGES,
        Some(100.0),
        q.compliance,
        &|q, r| q.compliance = r,
        q,
        lang,
        &show,
    );
    let note = t_args(
        lang,
        "histogram-compliance-note",
        &[
            (
                "shown",
                Arg::from(&format::count(values.compliance.len() as u64, lang)),
            ),
            (
                "total",
                Arg::from(&format::count(values.compliance_of as u64, lang)),
            ),
        ],
    );
    block(&t(lang, "histogram-compliance"), note, &bins)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_fall_in_one_bin_each() {
        let ranges = bins(COST_EDGES, None);
        assert_eq!(bin_of(0.0, &ranges), Some(0));
        assert_eq!(bin_of(7.5, &ranges), Some(1));
        assert_eq!(bin_of(10.0, &ranges), Some(2));
        assert_eq!(bin_of(1e6, &ranges), Some(6));
        let pct = bins(COMPLIANCE_EDGES, Some(100.0));
        assert_eq!(bin_of(100.0, &pct), Some(5));
        assert_eq!(bin_of(49.9, &pct), Some(0));
    }

    #[test]
    fn each_column_links_to_its_range() {
        let values = RangeValues {
            cost: vec![3.0, 4.0, 60.0],
            cost_of: 5,
            ..RangeValues::default()
        };
        let q = SearchQuery {
            page: 3,
            per_page: 20,
            ..SearchQuery::default()
        };
        let html = cost_picture(&values, &q, Lang::En).into_string();
        assert!(html.contains("href=\"/?cost_min=0&amp;cost_max=5&amp;lang=en\""));
        assert!(html.contains("href=\"/?cost_min=250&amp;lang=en\""));
        assert!(html.contains("3 of 5 results publish a cost"));
    }
}
