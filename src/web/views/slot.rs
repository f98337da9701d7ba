//! Markup inside a translated sentence: the translation marks where a link or a `<bdi>`
//! goes with [`SLOT`], and [`with_slot`] puts it there, the words around it escaped as usual.

use maud::{Markup, html};

/// Stands in for markup inside a translated sentence (see [`with_slot`]).
pub const SLOT: &str = "\u{E000}";

/// A translated sentence with markup (a link, a `<bdi>`) where the translation put [`SLOT`];
/// the words around it are escaped as usual.
pub fn with_slot(sentence: &str, markup: Markup) -> Markup {
    match sentence.split_once(SLOT) {
        Some((before, after)) => html! { (before) (markup) (after) },
        None => html! { (sentence) },
    }
}
