//! The three languages and a text in each of them.

/// The three languages every label exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    En,
    Es,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }
}

/// A text in English, Spanish and French.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Labels {
    pub en: String,
    pub es: String,
    pub fr: String,
}

impl Labels {
    pub fn get(&self, lang: Lang) -> &str {
        let text = match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
            Lang::Fr => &self.fr,
        };
        if text.is_empty() { &self.en } else { text }
    }

    pub fn all(&self) -> [&str; 3] {
        [&self.en, &self.es, &self.fr]
    }
}
