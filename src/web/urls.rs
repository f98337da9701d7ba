//! A search → its address: query strings in a stable order and the links the views and the
//! API's `next_url` are made of (the way in is `params`).

use crate::model::Lang;
use crate::search::query::DEFAULT_PER_PAGE;
use crate::search::{FacetName, SearchQuery, Sort};

/// Builds the query string of a search (without the leading `?`), in a stable order. The
/// language is always explicit, so a shared link opens in the sender's language whatever the
/// reader's browser prefers.
pub fn query_string(q: &SearchQuery, lang: Lang) -> String {
    let rest = query_string_without_lang(q);
    let sep = if rest.is_empty() { "" } else { "&" };
    format!("{rest}{sep}lang={}", lang.code())
}

/// The query string of a search without its `lang` (for the language switch).
pub fn query_string_without_lang(q: &SearchQuery) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if !q.text.is_empty() {
        pairs.push(("q", q.text.clone()));
    }
    for facet in FacetName::ALL {
        for value in q.selected(facet) {
            pairs.push((facet.param(), value.clone()));
        }
    }
    let mut push_num = |name: &'static str, v: Option<f64>| {
        if let Some(v) = v {
            pairs.push((name, format_number(v)));
        }
    };
    push_num("cost_min", q.cost_usd.min);
    push_num("cost_max", q.cost_usd.max);
    push_num("year_min", q.start_year.min);
    push_num("year_max", q.start_year.max);
    push_num("compliance_min", q.compliance.min);
    push_num("compliance_max", q.compliance.max);
    push_num("outcome_min", q.outcome.min);
    push_num("outcome_max", q.outcome.max);
    if q.sort != Sort::Relevance {
        pairs.push(("sort", q.sort.param().to_string()));
    }
    if q.page > 1 {
        pairs.push(("page", q.page.to_string()));
    }
    if q.per_page != DEFAULT_PER_PAGE {
        pairs.push(("per_page", q.per_page.to_string()));
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `path?query`, always with the language.
pub fn search_url(path: &str, q: &SearchQuery, lang: Lang) -> String {
    format!("{path}?{}", query_string(q, lang))
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Percent-encodes a query-string value (RFC 3986 unreserved characters stay).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The same search with one facet value toggled, back on page 1.
pub fn toggled(q: &SearchQuery, facet: FacetName, value: &str) -> SearchQuery {
    let mut next = q.clone();
    next.page = 1;
    let values = next.filters.entry(facet).or_default();
    if let Some(pos) = values.iter().position(|v| v == value) {
        values.remove(pos);
    } else {
        values.push(value.to_string());
    }
    if values.is_empty() {
        next.filters.remove(&facet);
    }
    next
}

/// The same search on another page.
pub fn with_page(q: &SearchQuery, page: usize) -> SearchQuery {
    SearchQuery { page, ..q.clone() }
}

/// The same text with no filters, ranges or paging: what "clear all" leads to.
pub fn cleared(q: &SearchQuery) -> SearchQuery {
    SearchQuery {
        text: q.text.clone(),
        sort: q.sort,
        per_page: q.per_page,
        page: 1,
        ..SearchQuery::default()
    }
}
