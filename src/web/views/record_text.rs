//! A record's free text in the reader's language: the translation with its `lang`, a mark
//! saying how it was made (and when it may be out of date), and the English original one
//! click away in a `<details>` that works without JavaScript.

use maud::{Markup, html};

use crate::i18n::t;
use crate::model::{Lang, Shown, TranslationMethod};

/// The `lang` attribute a text needs on a page in `page`: none when they agree.
pub fn lang_attr(shown: &Shown<'_>, page: Lang) -> Option<&'static str> {
    (shown.lang != page).then_some(shown.lang.code())
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
