//! Error pages (404, 400, 500): say what happened and offer a way on, never a dead end.

use maud::{Markup, html};

use super::layout::{layout, search_box};
use super::links::{self, Here};
use crate::i18n::{t, t_args};
use crate::model::Lang;

/// The page for an error status. English pages show the handler's own message; the other
/// languages show the translated message for the status (the handlers' messages are English).
pub fn error_page(status: u16, title: &str, message: &str, lang: Lang) -> Markup {
    let known = matches!(status, 400 | 404 | 500);
    let (title, message) = if lang == Lang::En || !known {
        (title.to_string(), message.to_string())
    } else {
        (
            t(lang, &format!("error-title-{status}")),
            t(lang, &format!("error-message-{status}")),
        )
    };
    let title = title.as_str();
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
