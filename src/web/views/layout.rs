//! The page shell every page goes through: head, skip link, header, language switch, footer.

use maud::{DOCTYPE, Markup, html};

use super::links::{self, Here};
use crate::i18n::t;
use crate::model::Lang;

pub const SITE_NAME: &str = "ATD Atlas";

/// The name of a language in itself, for the language switch (and the proposal form's
/// language of the text).
pub(super) fn endonym(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Es => "Español",
        Lang::Fr => "Français",
    }
}

/// The site stylesheet, served by the router at [`STYLESHEET_PATH`].
pub const STYLESHEET: &str = include_str!("../assets/site.css");
pub const STYLESHEET_PATH: &str = "/static/site.css";
/// The enhancement script (progressive: every page works without it), served at [`SCRIPT_PATH`].
pub const SCRIPT: &str = include_str!("../assets/enhance.js");
pub const SCRIPT_PATH: &str = "/static/enhance.js";

/// Wraps a page body in the document shell. `here` is the current page, so the language
/// switch can link to it in the other languages.
pub fn layout(title: &str, lang: Lang, here: &Here, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – " (SITE_NAME) }
                link rel="stylesheet" href=(STYLESHEET_PATH);
                @for other in Lang::ALL {
                    link rel="alternate" hreflang=(other.code()) href=(here.in_lang(other));
                }
                script src=(SCRIPT_PATH) defer {}
            }
            body {
                a.skip href="#main" { (t(lang, "skip-link")) }
                (header(lang, here))
                main #main { (body) }
                (footer(lang))
            }
        }
    }
}

fn header(lang: Lang, here: &Here) -> Markup {
    let current = |path: &str| (here.path == path).then_some("page");
    html! {
        header.site {
            a.brand href=(links::home(lang)) { (SITE_NAME) }
            nav.primary aria-label=(t(lang, "nav-main")) {
                ul {
                    li { a href=(links::home(lang)) aria-current=[current("/")] { (t(lang, "nav-search")) } }
                    li { a href=(links::localized("/insights", lang)) aria-current=[current("/insights")] { (t(lang, "nav-insights")) } }
                    li { a href=(links::localized("/data", lang)) aria-current=[current("/data")] { (t(lang, "nav-data")) } }
                    li { a href=(links::localized("/about", lang)) aria-current=[current("/about")] { (t(lang, "nav-about")) } }
                    li { a href=(links::localized("/propose", lang)) aria-current=[current("/propose")] { (t(lang, "nav-propose")) } }
                }
            }
            nav.langs aria-label=(t(lang, "nav-language")) {
                ul {
                    @for other in Lang::ALL {
                        li {
                            a href=(here.in_lang(other)) hreflang=(other.code()) lang=(other.code())
                                aria-current=[(other == lang).then_some("true")] { (endonym(other)) }
                        }
                    }
                }
            }
        }
    }
}

fn footer(lang: Lang) -> Markup {
    html! {
        footer.site {
            p { (t(lang, "footer-data")) }
            p {
                (t(lang, "footer-licence")) " "
                a href=(links::localized("/about", lang)) { (t(lang, "footer-about-link")) }
            }
        }
    }
}

/// A small search form for pages other than search (errors, for instance).
pub fn search_box(lang: Lang, value: &str) -> Markup {
    html! {
        form.search-box action="/" method="get" role="search" {
            label for="q" { (t(lang, "search-label")) }
            div.search-row {
                input #q type="search" name="q" value=(value) autocomplete="off";
                button type="submit" { (t(lang, "search-button")) }
            }
            input type="hidden" name="lang" value=(lang.code());
        }
    }
}
