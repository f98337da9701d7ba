//! Error pages, for every status `AppError` carries: what happened and a way on, never a dead end.

use maud::{Markup, html};

use super::layout::{layout, search_box};
use super::links::{self, Here};
use crate::i18n::{t, t_args};
use crate::model::Lang;

/// The page for an error status, its title and message already in `lang`.
pub fn error_page(status: u16, title: &str, message: &str, lang: Lang) -> Markup {
    let body = html! {
        div.error-page {
            p.status { (t_args(lang, "error-status", &[("status", status.to_string().as_str().into())])) }
            h1 { (title) }
            p { (message) }
            (search_box(lang, ""))
            p { a href=(links::home(lang)) { (t(lang, "error-home")) } }
        }
    };
    // The failed URL is not known here, so the language switch leads to the home page.
    layout(title, lang, &Here::new("/", ""), body)
}
