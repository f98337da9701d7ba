//! Search URL parameters: raw strings from the query string → a validated `SearchQuery`
//! (the way back, a search → its address, is `urls`).
//!
//! Parsing never fails on what a user typed: bad numbers are dropped with a warning and
//! pagination is clamped. Only a malformed query string (undecodable) is a 400, upstream.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Lang, Reference};
use crate::search::query::{DEFAULT_PER_PAGE, MAX_FILTER_VALUES, MAX_OFFSET, MAX_PER_PAGE};
use crate::search::{FacetName, Range, RangeLimit, Reading, SearchQuery, Sort};

/// The query string as sent; repeated keys (`country=MX&country=KE`) become lists.
/// Values are read leniently: a number that cannot be read is ignored with a warning.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct RawSearchParams {
    /// Words in English, Spanish or French; quotes for a phrase.
    pub q: Option<String>,
    /// Kind of practice (the `kind` vocabulary); repeat for any of several.
    pub kind: Vec<String>,
    /// Region (the `region` vocabulary); repeat for any of several.
    pub region: Vec<String>,
    /// A part of a region (UN M49), e.g. `latin_america_and_the_caribbean`, `sub_saharan_africa`.
    pub subregion: Vec<String>,
    /// ISO 3166-1 alpha-2 code of a country in the countries table (any case); repeat for any
    /// of several.
    pub country: Vec<String>,
    /// Type of alternative to detention (the `atd_type` vocabulary); repeat for any of several.
    pub atd_type: Vec<String>,
    /// Stage of the CAP model (the `cap_stage` vocabulary); repeat for any of several.
    pub cap_stage: Vec<String>,
    /// Population served (the `population` vocabulary); repeat for any of several.
    pub population: Vec<String>,
    /// Status of the practice (the `status` vocabulary); repeat for any of several.
    pub status: Vec<String>,
    /// Who runs it (the `organisation_type` vocabulary); repeat for any of several.
    pub organisation_type: Vec<String>,
    /// Has a figure of this measure (the `measure` vocabulary, e.g. `absconding_pct`); repeat
    /// for any of several.
    pub measure: Vec<String>,
    /// Lowest cost per day in constant US dollars (`usd_reference_year`).
    #[param(value_type = Option<f64>, minimum = 0)]
    pub cost_min: Option<String>,
    /// Highest cost per day in constant US dollars (`usd_reference_year`).
    #[param(value_type = Option<f64>, minimum = 0)]
    pub cost_max: Option<String>,
    /// Earliest start year.
    #[param(value_type = Option<i32>, minimum = 0, maximum = 9999)]
    pub year_min: Option<String>,
    /// Latest start year.
    #[param(value_type = Option<i32>, minimum = 0, maximum = 9999)]
    pub year_max: Option<String>,
    /// Lowest reported compliance (appearance) rate, in percent.
    #[param(value_type = Option<f64>, minimum = 0, maximum = 100)]
    pub compliance_min: Option<String>,
    /// Highest reported compliance (appearance) rate, in percent.
    #[param(value_type = Option<f64>, minimum = 0, maximum = 100)]
    pub compliance_max: Option<String>,
    /// Lowest outcome share, in percent: of a measure chosen with `measure` (any of them), or
    /// of any outcome share when none is chosen.
    #[param(value_type = Option<f64>, minimum = 0, maximum = 100)]
    pub outcome_min: Option<String>,
    /// Highest outcome share, in percent (see `outcome_min`).
    #[param(value_type = Option<f64>, minimum = 0, maximum = 100)]
    pub outcome_max: Option<String>,
    /// Order of the results: by relevance (the default), cost up or down, newest first, or
    /// by country.
    pub sort: Option<String>,
    /// Page number, from 1; a page beyond the 10,000th result is read as the last one served.
    #[param(value_type = Option<u32>, minimum = 1)]
    pub page: Option<String>,
    /// Results per page (default 20, at most 100).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
    /// The language of labels.
    pub lang: Option<String>,
}

impl RawSearchParams {
    fn facet_values(&self, facet: FacetName) -> &[String] {
        match facet {
            FacetName::Kind => &self.kind,
            FacetName::Region => &self.region,
            FacetName::Subregion => &self.subregion,
            FacetName::Country => &self.country,
            FacetName::AtdType => &self.atd_type,
            FacetName::CapStage => &self.cap_stage,
            FacetName::Population => &self.population,
            FacetName::Status => &self.status,
            FacetName::OrganisationType => &self.organisation_type,
            FacetName::Measure => &self.measure,
        }
    }
}

/// A search as the web layer sees it: the query, its language, and how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    pub query: SearchQuery,
    pub lang: Lang,
    pub warnings: Vec<Reading>,
}

/// Turns raw parameters into a bounded search. Unknown facet values are kept (they match
/// nothing and show as a removable chip) unless they could never be a key.
pub fn parse(raw: &RawSearchParams) -> SearchRequest {
    let mut warnings = Vec::new();
    let filters = filters(raw, &mut warnings);
    let cost_usd = range(
        &raw.cost_min,
        &raw.cost_max,
        0.0,
        1e9,
        RangeLimit::Cost,
        &mut warnings,
    );
    let start_year = range(
        &raw.year_min,
        &raw.year_max,
        0.0,
        9999.0,
        RangeLimit::Year,
        &mut warnings,
    );
    let compliance = range(
        &raw.compliance_min,
        &raw.compliance_max,
        0.0,
        100.0,
        RangeLimit::Compliance,
        &mut warnings,
    );
    let outcome = range(
        &raw.outcome_min,
        &raw.outcome_max,
        0.0,
        100.0,
        RangeLimit::Outcome,
        &mut warnings,
    );
    let sort = sort(raw, &mut warnings);
    let per_page = whole_number(raw.per_page.as_deref()).map_or(DEFAULT_PER_PAGE, |n| {
        n.clamp(1, MAX_PER_PAGE as u64) as usize
    });
    let max_page = MAX_OFFSET / per_page + 1;
    let page =
        whole_number(raw.page.as_deref()).map_or(1, |n| n.clamp(1, max_page as u64) as usize);
    let lang = raw
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default();
    SearchRequest {
        query: SearchQuery {
            text: raw.q.clone().unwrap_or_default().trim().to_string(),
            filters,
            cost_usd,
            start_year,
            compliance,
            outcome,
            sort,
            page,
            per_page,
            lang,
        },
        lang,
        warnings,
    }
}

/// The facet values asked for, normalised, each once, at most [`MAX_FILTER_VALUES`] in all
/// (a warning when some are cut).
fn filters(raw: &RawSearchParams, warnings: &mut Vec<Reading>) -> BTreeMap<FacetName, Vec<String>> {
    let mut filters = BTreeMap::new();
    let mut budget = MAX_FILTER_VALUES;
    for facet in FacetName::ALL {
        let mut values: Vec<String> = Vec::new();
        for value in raw.facet_values(facet) {
            let value = normalise_key(facet, value);
            if !is_plausible_key(&value) || values.contains(&value) {
                continue;
            }
            if budget == 0 {
                warnings.push(Reading::FiltersCut(MAX_FILTER_VALUES));
                break;
            }
            budget -= 1;
            values.push(value);
        }
        if !values.is_empty() {
            filters.insert(facet, values);
        }
    }
    filters
}

/// The sort asked for; relevance when none is, or (with a warning) an unknown one.
fn sort(raw: &RawSearchParams, warnings: &mut Vec<Reading>) -> Sort {
    raw.sort
        .as_deref()
        .filter(|s| !s.is_empty())
        .map_or(Sort::Relevance, |s| {
            Sort::from_param(s).unwrap_or_else(|| {
                warnings.push(Reading::UnknownSort);
                Sort::Relevance
            })
        })
}

/// Drops the filter values that are none of the atlas's (a country not in the countries
/// table, a kind not in its vocabulary …), each with a warning the page and the API show: an
/// unknown value is never a silent "no results".
pub fn ignore_unknown_values(request: &mut SearchRequest, reference: &Reference) {
    let warnings = &mut request.warnings;
    for (facet, values) in &mut request.query.filters {
        values.retain(|value| {
            let known = match facet.vocab() {
                Some(vocab) => reference.vocabularies.term(vocab, value).is_some(),
                None => reference.countries.get(value).is_some(),
            };
            if !known {
                warnings.push(Reading::UnknownValue {
                    facet: *facet,
                    value: value.clone(),
                });
            }
            known
        });
    }
    request.query.filters.retain(|_, values| !values.is_empty());
}

fn normalise_key(facet: FacetName, value: &str) -> String {
    let trimmed = value.trim();
    if facet == FacetName::Country {
        trimmed.to_ascii_uppercase()
    } else {
        trimmed.to_string()
    }
}

/// Keys are short slugs or codes; anything else cannot match and is dropped.
fn is_plausible_key(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn whole_number(raw: Option<&str>) -> Option<u64> {
    let raw = raw?.trim();
    if raw.is_empty() {
        return None;
    }
    raw.parse::<u64>().ok().or_else(|| {
        // "1e9" or "2.0": take the value if it is a finite non-negative number.
        raw.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .map(|v| v.min(u64::MAX as f64) as u64)
    })
}

fn number(
    raw: &Option<String>,
    lo: f64,
    hi: f64,
    limit: RangeLimit,
    warnings: &mut Vec<Reading>,
) -> Option<f64> {
    let text = raw.as_deref()?.trim();
    if text.is_empty() {
        return None;
    }
    match text.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v.clamp(lo, hi)),
        _ => {
            warnings.push(Reading::NotANumber {
                limit,
                text: text.to_string(),
            });
            None
        }
    }
}

fn range(
    min: &Option<String>,
    max: &Option<String>,
    lo: f64,
    hi: f64,
    limit: RangeLimit,
    warnings: &mut Vec<Reading>,
) -> Range {
    let mut min = number(min, lo, hi, limit, warnings);
    let mut max = number(max, lo, hi, limit, warnings);
    if let (Some(a), Some(b)) = (min, max)
        && a > b
    {
        // A reversed range is a slip of the hand, not a wish for nothing.
        (min, max) = (Some(b), Some(a));
    }
    Range { min, max }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::urls::{encode, query_string};

    fn raw(pairs: &[(&str, &str)]) -> RawSearchParams {
        let qs = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        serde_html_form::from_str(&qs).unwrap()
    }

    #[test]
    fn pagination_is_clamped_whatever_is_sent() {
        for (page, per_page, want_page, want_per) in [
            ("0", "0", 1, 1),
            ("-1", "-5", 1, DEFAULT_PER_PAGE),
            ("abc", "1e9", 1, MAX_PER_PAGE),
            ("1000000000000", "20", MAX_OFFSET / 20 + 1, 20),
            ("NaN", "", 1, DEFAULT_PER_PAGE),
        ] {
            let r = parse(&raw(&[("page", page), ("per_page", per_page)]));
            assert_eq!(r.query.page, want_page, "page={page}");
            assert_eq!(r.query.per_page, want_per, "per_page={per_page}");
        }
    }

    #[test]
    fn a_reversed_range_is_swapped_and_junk_is_warned() {
        let r = parse(&raw(&[
            ("cost_min", "50"),
            ("cost_max", "10"),
            ("year_min", "soon"),
        ]));
        assert_eq!(
            r.query.cost_usd,
            Range {
                min: Some(10.0),
                max: Some(50.0)
            }
        );
        assert!(r.query.start_year.is_open());
        assert_eq!(r.warnings.len(), 1);
    }

    #[test]
    fn query_strings_round_trip() {
        let r = parse(&raw(&[
            ("q", "niños & \"case management\""),
            ("country", "mx"),
            ("country", "KE"),
            ("cost_max", "20.5"),
            ("sort", "cost_asc"),
            ("page", "2"),
            ("lang", "es"),
        ]));
        let again: RawSearchParams =
            serde_html_form::from_str(&query_string(&r.query, r.lang)).unwrap();
        assert_eq!(parse(&again), r);
        assert_eq!(r.query.selected(FacetName::Country), ["MX", "KE"]);
    }

    #[test]
    fn path_like_and_overlong_facet_values_are_dropped() {
        let r = parse(&raw(&[
            ("country", "../etc"),
            ("kind", &"x".repeat(100)),
            ("status", "active"),
        ]));
        assert_eq!(r.query.filters.len(), 1);
        assert_eq!(r.query.selected(FacetName::Status), ["active"]);
    }
}

/// `/api/v1/figures`'s query string: each filter may repeat (any of its values matches);
/// filters combine (all must match). Unknown values match nothing; they never fail.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct RawFigureParams {
    /// A practice id; `none` selects country-level figures (those of no practice).
    pub practice: Vec<String>,
    /// ISO 3166-1 alpha-2 code of the country the figure is about.
    pub country: Vec<String>,
    /// A key of the `measure` vocabulary, e.g. `detention_cost_per_day`.
    pub measure: Vec<String>,
    /// Grade: who produced the figure (a `source_type` key, e.g. `audit`).
    pub source_type: Vec<String>,
    /// Grade: `primary` or `secondary`.
    pub origin: Vec<String>,
    /// Grade: `yes`, `no` or `unknown`.
    pub independent: Vec<String>,
    /// Grade: `false` leaves out superseded figures, `true` keeps only them; absent, both.
    pub superseded: Option<bool>,
}

impl RawFigureParams {
    /// Whether a figure passes every filter given.
    pub fn matches(&self, f: &crate::model::Figure) -> bool {
        let any = |values: &[String], value: &str| {
            values.is_empty() || values.iter().any(|v| v.eq_ignore_ascii_case(value))
        };
        let practice = f.practice_id.as_ref().map_or("none", |id| id.as_str());
        any(&self.practice, practice)
            && any(&self.country, &f.iso2)
            && any(&self.measure, &f.measure)
            && any(&self.source_type, &f.grade.source_type)
            && any(&self.origin, &f.grade.origin)
            && any(&self.independent, &f.grade.independent)
            && self.superseded.is_none_or(|s| s == f.is_superseded())
    }
}
