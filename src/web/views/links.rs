//! Internal URLs the views link to, always carrying the page language.

use std::collections::BTreeMap;

use crate::model::Lang;
use crate::search::query::DEFAULT_PER_PAGE;
use crate::search::{FacetName, SearchQuery, Sort};
use crate::web::urls::{self, encode};

/// A path in the page language: `/about?lang=en`, `/about?lang=es`. English is explicit too:
/// a link without `lang` would follow the reader's browser instead of their choice.
pub fn localized(path: &str, lang: Lang) -> String {
    format!("{path}?lang={}", lang.code())
}

/// The record page of a practice.
pub fn practice(id: &str, lang: Lang) -> String {
    localized(&format!("/practices/{}", encode(id)), lang)
}

/// The proposal form prefilled with a practice, to suggest a correction.
pub fn correction(id: &str, lang: Lang) -> String {
    format!("/propose?practice={}&lang={}", encode(id), lang.code())
}

/// The page of a country: every practice there and what it covers.
pub fn country(iso2: &str, lang: Lang) -> String {
    localized(&format!("/countries/{}", encode(iso2)), lang)
}

/// The legend of the figures' grade badge.
pub fn grades(lang: Lang) -> String {
    localized("/grades", lang)
}

/// The side-by-side comparison of some practices.
pub fn compare(ids: &[&str], lang: Lang) -> String {
    let list = ids
        .iter()
        .map(|id| encode(id))
        .collect::<Vec<_>>()
        .join(",");
    format!("/compare?ids={list}&lang={}", lang.code())
}

/// An empty search: page 1 of everything, default paging.
pub fn browse_query() -> SearchQuery {
    SearchQuery {
        page: 1,
        per_page: DEFAULT_PER_PAGE,
        ..SearchQuery::default()
    }
}

/// The home page: browse everything.
pub fn home(lang: Lang) -> String {
    urls::search_url("/", &browse_query(), lang)
}

/// A search filtered by one facet value, e.g. `/?country=MX`.
pub fn facet(facet: FacetName, value: &str, lang: Lang) -> String {
    let query = SearchQuery {
        filters: BTreeMap::from([(facet, vec![value.to_string()])]),
        ..browse_query()
    };
    urls::search_url("/", &query, lang)
}

/// A search as followed: its words and filters, without page, paging or sort (its feed lists
/// the newest additions first).
pub fn followed(q: &SearchQuery) -> SearchQuery {
    SearchQuery {
        text: q.text.trim().to_string(),
        filters: q.filters.clone(),
        cost_usd: q.cost_usd,
        start_year: q.start_year,
        compliance: q.compliance,
        sort: Sort::Relevance,
        ..browse_query()
    }
}

/// The page that explains how to follow a search, with its feed's address.
pub fn follow(q: &SearchQuery, lang: Lang) -> String {
    urls::search_url("/follow", &followed(q), lang)
}

/// The Atom feed of a search (relative to the site).
pub fn feed(q: &SearchQuery, lang: Lang) -> String {
    urls::search_url("/practices.atom", &followed(q), lang)
}

/// The page being shown, minus its language, so the language switch can keep it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Here {
    pub path: String,
    /// The query string without `lang` and without the leading `?`; may be empty.
    pub query: String,
}

impl Here {
    pub fn new(path: impl Into<String>, query: impl Into<String>) -> Here {
        Here {
            path: path.into(),
            query: query.into(),
        }
    }

    /// The current search page, whatever its filters.
    pub fn search(q: &SearchQuery) -> Here {
        Here::new("/", urls::query_string_without_lang(q))
    }

    /// This page in another language. `lang` is always explicit here, English included, so
    /// a choice made by link wins over the browser's Accept-Language.
    pub fn in_lang(&self, lang: Lang) -> String {
        let sep = if self.query.is_empty() { "" } else { "&" };
        format!("{}?{}{sep}lang={}", self.path, self.query, lang.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_the_language() {
        assert_eq!(localized("/about", Lang::En), "/about?lang=en");
        assert_eq!(localized("/about", Lang::Fr), "/about?lang=fr");
        assert_eq!(practice("mx-casa", Lang::Es), "/practices/mx-casa?lang=es");
        assert_eq!(
            facet(FacetName::Country, "MX", Lang::En),
            "/?country=MX&lang=en"
        );
        assert_eq!(
            facet(FacetName::Status, "active", Lang::Es),
            "/?status=active&lang=es"
        );
        assert_eq!(home(Lang::En), "/?lang=en");
    }

    #[test]
    fn the_language_switch_keeps_path_and_query() {
        assert_eq!(Here::new("/about", "").in_lang(Lang::En), "/about?lang=en");
        assert_eq!(
            Here::new("/", "q=bail&country=MX").in_lang(Lang::Es),
            "/?q=bail&country=MX&lang=es"
        );
    }
}
