//! The "Follow this search" page: the search named in words, what a feed is and how to add
//! one to a reader, and the feed's address to copy.

use maud::{Markup, html};

use super::format;
use super::layout::layout;
use super::links::{self, Here};
use super::search_page::search_terms;
use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, Reference};
use crate::search::SearchQuery;
use crate::web::urls;

/// Everything the follow page shows.
pub struct FollowView<'a> {
    pub query: &'a SearchQuery,
    /// How many practices match the search today.
    pub total: u64,
    pub reference: &'a Reference,
    /// The address the site is reached at, for a feed address a reader can use.
    pub public_url: &'a str,
    pub lang: Lang,
}

pub fn follow_page(v: &FollowView<'_>) -> Markup {
    let lang = v.lang;
    let followed = links::followed(v.query);
    let terms = search_terms(&followed, v.reference, lang);
    let feed = format!(
        "{}{}",
        v.public_url.trim_end_matches('/'),
        links::feed(&followed, lang)
    );
    let title = t(lang, "follow-title");
    let body = html! {
        h1 { (title) }
        p.lede { (t(lang, "follow-lede")) }
        section.followed aria-labelledby="followed-heading" {
            h2 #followed-heading { (t(lang, "follow-search-heading")) }
            @if terms.is_empty() {
                p { (t(lang, "follow-everything")) }
            } @else {
                ul.terms { @for term in &terms { li { (term) } } }
            }
            p { (t_args(lang, "follow-matching", &[("count", Arg::from(v.total)), ("shown", Arg::from(&format::count(v.total, lang)))])) }
        }
        section aria-labelledby="feed-what" {
            h2 #feed-what { (t(lang, "follow-what-heading")) }
            p { (t(lang, "follow-what")) }
        }
        section aria-labelledby="feed-how" {
            h2 #feed-how { (t(lang, "follow-how-heading")) }
            ol.steps {
                li { (t(lang, "follow-step-copy")) }
                li { (t(lang, "follow-step-add")) }
                li { (t(lang, "follow-step-done")) }
            }
            div.feed-address {
                label for="feed-address" { (t(lang, "follow-address-label")) }
                input #feed-address type="url" readonly value=(feed) dir="ltr" spellcheck="false";
            }
            p {
                a href=(links::feed(&followed, lang)) type="application/atom+xml" { (t(lang, "follow-open-feed")) }
            }
        }
        p.back { a href=(urls::search_url("/", &followed, lang)) { span aria-hidden="true" { "← " } (t(lang, "follow-back")) } }
    };
    layout(
        &title,
        lang,
        &Here::new("/follow", urls::query_string_without_lang(&followed)),
        body,
    )
}
