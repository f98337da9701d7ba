//! Error pages (404, 400, 500): say what happened and offer a way on, never a dead end.

use maud::{Markup, html};

use super::layout::{layout, search_box};
use super::links::{self, Here};
use crate::model::Lang;

pub fn error_page(status: u16, title: &str, message: &str, lang: Lang) -> Markup {
    let body = html! {
        div.error-page {
            p.status { "Error " (status) }
            h1 { (title) }
            p { (message) }
            (search_box(lang, ""))
            p { a href=(links::home(lang)) { "Go to the home page and browse all practices" } }
        }
    };
    // The failed URL is not known here, so the language switch leads to the home page.
    layout(title, lang, &Here::new("/", ""), body)
}
