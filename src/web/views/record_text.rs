//! A record's free text in the reader's language: the translation with its `lang`, a mark
//! saying how it was made (and when it may be out of date), and the original (in the
//! record's own language, `text_lang`) one click away in a `<details>` that works without
//! JavaScript.

use maud::{Markup, html};

use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, Practice, Shown, TranslationMethod};

/// The `lang` attribute of a record's text as written (its name, organisation, source
/// titles): the record's language whenever it is not the page's.
pub fn record_lang(p: &Practice, page: Lang) -> Option<&'static str> {
    (p.text_lang != page).then_some(p.text_lang.code())
}

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

/// The switch under a translated text: "Machine translation from Spanish · show the
/// original", the original inside with its own `lang`; a note when the original changed
/// since. Empty for an original text.
pub fn original_switch(shown: &Shown<'_>, page: Lang) -> Markup {
    let Some(translated) = shown.translated else {
        return html! {};
    };
    let label = match translated.method {
        TranslationMethod::Machine => "translation-machine",
        TranslationMethod::Human => "translation-human",
    };
    let from = [("from", Arg::from(translated.original_lang.code()))];
    html! {
        details.original {
            summary { (t_args(page, label, &from)) }
            p lang=(translated.original_lang.code()) dir="auto" { (translated.original) }
        }
        @if translated.stale {
            p.hint { (t_args(page, "translation-stale", &from)) }
        }
    }
}

/// A short mark after a translated excerpt (results, compare): how it was made. None for
/// the original (`shown_lang` is the record's `original` language) or a text not in the
/// page's language.
pub fn translated_mark(shown_lang: Lang, original: Lang, page: Lang) -> Markup {
    if shown_lang == original || shown_lang != page {
        return html! {};
    }
    html! { " " span.note.mt { "(" (t(page, "translation-mark")) ")" } }
}
