//! A record's free text in other languages: which fields, how a translation was made, and
//! what a reader is shown.

use super::lang::Lang;

/// A free-text field of a practice that can be read in another language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextField {
    /// A gloss of a descriptive programme name (proper names are never glossed).
    Programme,
    Summary,
    OutcomeOther,
    ParticipantsNote,
}

impl TextField {
    pub const ALL: [TextField; 4] = [
        TextField::Programme,
        TextField::Summary,
        TextField::OutcomeOther,
        TextField::ParticipantsNote,
    ];

    /// The column of `practices.csv` (and of `translations.csv`'s `field`).
    pub fn name(self) -> &'static str {
        match self {
            TextField::Programme => "programme",
            TextField::Summary => "summary",
            TextField::OutcomeOther => "outcome_other",
            TextField::ParticipantsNote => "participants_note",
        }
    }

    pub fn from_name(name: &str) -> Option<TextField> {
        TextField::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// How a translation was made: generated text stays `Machine` until a person reviews it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranslationMethod {
    Machine,
    Human,
}

impl TranslationMethod {
    pub fn name(self) -> &'static str {
        match self {
            TranslationMethod::Machine => "machine",
            TranslationMethod::Human => "human",
        }
    }

    pub fn from_name(name: &str) -> Option<TranslationMethod> {
        match name {
            "machine" => Some(TranslationMethod::Machine),
            "human" => Some(TranslationMethod::Human),
            _ => None,
        }
    }
}

/// One field of a practice in a language other than its original's (from `translations.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub field: TextField,
    pub lang: Lang,
    pub text: String,
    pub method: TranslationMethod,
    /// The original text changed since this was made from it: it may be out of date.
    pub stale: bool,
}

/// A field as a reader sees it: the translation in the page language when there is one,
/// else the original in its own language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown<'a> {
    pub text: &'a str,
    /// The language the text is in.
    pub lang: Lang,
    /// Set when `text` is a translation: the original it was made from, and how.
    pub translated: Option<Translated<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Translated<'a> {
    pub original: &'a str,
    /// The language of `original` (the record's `text_lang`).
    pub original_lang: Lang,
    pub method: TranslationMethod,
    pub stale: bool,
}
