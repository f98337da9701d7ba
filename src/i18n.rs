//! Interface wording in English, Spanish and French (Fluent, `locales/*/main.ftl`), the
//! choice of language from a browser's `Accept-Language`, and the order of names in each
//! language (CLDR collation through ICU4X: "México" between "Malta" and "Mónaco").
//!
//! Views call [`t`] or [`t_args`] with a message id; a page's strings are added as Fluent
//! keys in the three files, never assembled from pieces here. Plural forms come from CLDR
//! rules through Fluent (`{ $count -> [one] … *[other] … }`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use std::cmp::Ordering;

use fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed};

use crate::model::Lang;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Without this, Fluent wraps every placeable in U+2068/U+2069 marks, which end up in
        // titles, test strings and copied text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static IDS: LazyLock<[LanguageIdentifier; 3]> = LazyLock::new(|| {
    Lang::ALL.map(|lang| {
        lang.code()
            .parse()
            .unwrap_or_else(|_| LanguageIdentifier::default())
    })
});

fn id(lang: Lang) -> &'static LanguageIdentifier {
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    &IDS[index]
}

/// A message in `lang`. A missing id shows as the id itself (a test checks none is missing),
/// so a slip is visible, never a panic.
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES
        .try_lookup(id(lang), key)
        .unwrap_or_else(|| key.to_string())
}

/// A value for a message argument: text or a number (numbers pick the plural form).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Arg<'a> {
        Arg::Str(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Arg<'a> {
        Arg::Str(s.as_str())
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Num(n as f64)
    }
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Num(n as f64)
    }
}

impl From<i32> for Arg<'_> {
    fn from(n: i32) -> Self {
        Arg::Num(f64::from(n))
    }
}

/// A message with arguments, e.g. `t_args(lang, "results-count", &[("count", n.into()),
/// ("shown", formatted.as_str().into())])`. Numbers are best passed twice when they are
/// shown: as a number to choose the plural form, and as text formatted for the language.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Str(s) => FluentValue::from(s.to_string()),
                Arg::Num(n) => FluentValue::from(*n),
            };
            (Cow::Owned(name.to_string()), value)
        })
        .collect();
    LOCALES
        .try_lookup_with_args(id(lang), key, &map)
        .unwrap_or_else(|| key.to_string())
}

/// The best of our languages for an `Accept-Language` header; English when none fits.
/// Regional variants fall back to their language (`es-MX` → Spanish, `fr-CA` → French).
pub fn negotiate(accept_language: &str) -> Lang {
    let requested = fluent_langneg::accepted_languages::parse(accept_language);
    let available: &[LanguageIdentifier] = IDS.as_slice();
    let default = &available[0];
    let chosen = fluent_langneg::negotiate_languages(
        &requested,
        available,
        Some(default),
        fluent_langneg::NegotiationStrategy::Lookup,
    );
    chosen
        .first()
        .and_then(|l| Lang::from_code(l.language.as_str()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids_in(lang: &str) -> Vec<String> {
        let path = format!("{}/locales/{lang}/main.ftl", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).expect("ftl file");
        text.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()) && l.contains(" ="))
            .filter_map(|l| l.split(" =").next())
            .map(|s| s.trim().to_string())
            .collect()
    }

    #[test]
    fn every_message_exists_in_every_language() {
        let en = ids_in("en");
        assert!(en.len() > 50, "{}", en.len());
        for lang in ["es", "fr"] {
            let other = ids_in(lang);
            let missing: Vec<&String> = en.iter().filter(|k| !other.contains(k)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            let extra: Vec<&String> = other.iter().filter(|k| !en.contains(k)).collect();
            assert!(extra.is_empty(), "{lang} has unknown {extra:?}");
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let count = |lang, n: usize| {
            t_args(
                lang,
                "results-count",
                &[
                    ("count", n.into()),
                    ("shown", n.to_string().as_str().into()),
                ],
            )
        };
        assert_eq!(count(Lang::En, 1), "1 practice");
        assert_eq!(count(Lang::En, 7), "7 practices");
        assert_eq!(count(Lang::Es, 1), "1 práctica");
        assert_eq!(count(Lang::Es, 7), "7 prácticas");
        assert_eq!(count(Lang::Fr, 0), "Aucune pratique ne correspond");
        assert_eq!(count(Lang::Fr, 1), "1 pratique");
        assert_eq!(count(Lang::Fr, 7), "7 pratiques");
        assert_eq!(count(Lang::En, 0), "No practices match");
        assert!(
            !count(Lang::Es, 7).contains('\u{2068}'),
            "no isolation marks"
        );
    }

    #[test]
    fn accept_language_picks_the_nearest_language() {
        assert_eq!(negotiate("es-MX"), Lang::Es);
        assert_eq!(negotiate("es-MX,es;q=0.9,en;q=0.8"), Lang::Es);
        assert_eq!(negotiate("fr-CA,fr;q=0.8"), Lang::Fr);
        assert_eq!(negotiate("de-DE,de;q=0.9"), Lang::En);
        assert_eq!(negotiate("de-DE,fr;q=0.5"), Lang::Fr);
        assert_eq!(negotiate(""), Lang::En);
        assert_eq!(negotiate("*"), Lang::En);
        assert_eq!(negotiate(";;;,,=q"), Lang::En);
        assert_eq!(t(Lang::Fr, "no-such-key"), "no-such-key");
    }
}

/// One collator per language, built once from ICU4X's compiled CLDR data. Tertiary strength:
/// accents and case order names that are otherwise alike, never before the base letters.
static COLLATORS: LazyLock<[Option<CollatorBorrowed<'static>>; 3]> = LazyLock::new(|| {
    Lang::ALL.map(|lang| {
        let locale: icu_locale_core::Locale = lang.code().parse().ok()?;
        let mut options = CollatorOptions::default();
        options.strength = Some(Strength::Tertiary);
        Collator::try_new((&locale).into(), options).ok()
    })
});

/// `a` against `b` in `lang`'s alphabetical order (byte order should the collation data be
/// missing, which compiled data never is: a test checks every language has its collator).
pub fn collate(lang: Lang, a: &str, b: &str) -> Ordering {
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    match &COLLATORS[index] {
        Some(collator) => collator.compare(a, b),
        None => a.cmp(b),
    }
}

#[cfg(test)]
mod collation_tests {
    use super::*;

    #[test]
    fn names_sort_in_the_order_of_their_language() {
        for lang in Lang::ALL {
            let index = Lang::ALL.iter().position(|l| *l == lang).unwrap();
            assert!(COLLATORS[index].is_some(), "{lang:?} has a collator");
        }
        let mut names = vec!["Myanmar", "Mónaco", "México", "Malta", "Marruecos"];
        names.sort_by(|a, b| collate(Lang::Es, a, b));
        assert_eq!(names, ["Malta", "Marruecos", "México", "Mónaco", "Myanmar"]);
        let mut names = vec![
            "Équateur",
            "Espagne",
            "Érythrée",
            "Estonie",
            "Égypte",
            "Eswatini",
        ];
        names.sort_by(|a, b| collate(Lang::Fr, a, b));
        assert_eq!(
            names,
            [
                "Égypte",
                "Équateur",
                "Érythrée",
                "Espagne",
                "Estonie",
                "Eswatini"
            ]
        );
        let mut names = vec!["Nicaragua", "Ñandú", "Nueva Zelanda", "Noruega"];
        names.sort_by(|a, b| collate(Lang::Es, a, b));
        assert_eq!(
            names,
            ["Nicaragua", "Noruega", "Nueva Zelanda", "Ñandú"],
            "ñ after n"
        );
    }
}
