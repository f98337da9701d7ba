//! A record's free text in the reader's language: the translation with its `lang`, a mark
//! saying how it was made (and when it may be out of date), and the English original one
//! click away in a `<details>` that works without JavaScript.

use maud::{Markup, html};

use crate::i18n::t;
use crate::model::{Lang, Shown, TranslationMethod};

/// The `lang` attribute a record's text carries on a page in `page`: its language whenever it
/// is not the page's, and on a translation too (record text, not interface wording: the test
/// of interface words reads past it); none for English text on an English page.
pub fn lang_attr(shown: &Shown<'_>, page: Lang) -> Option<&'static str> {
    text_lang(shown.lang, page)
}

/// The same for a text known only by its language (an excerpt).
pub fn text_lang(text: Lang, page: Lang) -> Option<&'static str> {
    (text != page || text != Lang::En).then_some(text.code())
}

/// The switch under a translated text: "Machine translation from English · show the
/// original", the original inside; a note when the English changed since. Empty for an
/// original text.
pub fn original_switch(shown: &Shown<'_>, page: Lang) -> Markup {
    let Some(translated) = shown.translated else {
        return html! {};
    };
    let label = match translated.method {
        TranslationMethod::Machine => "translation-machine",
        TranslationMethod::Human => "translation-human",
    };
    html! {
        details.original {
            summary { (t(page, label)) }
            p lang="en" dir="auto" { (translated.original) }
        }
        @if translated.stale {
            p.hint { (t(page, "translation-stale")) }
        }
    }
}

/// A short mark after a translated excerpt (results, compare): how it was made.
pub fn translated_mark(shown_lang: Lang, page: Lang) -> Markup {
    if shown_lang == Lang::En || shown_lang != page {
        return html! {};
    }
    html! { " " span.note.mt { "(" (t(page, "translation-mark")) ")" } }
}
