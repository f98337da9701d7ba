//! `Practice`: one validated row of `practices.csv` with its sources, figures, releases,
//! translations and links.

use super::figures::{Figure, Source};
use super::lang::Lang;
use super::money::{Cost, DerivedCost};
use super::practice_id::PracticeId;
use super::text::{Shown, TextField, Translated, Translation};
use super::vocabularies::Vocab;

/// The data releases a practice first appeared in and last changed in (`1.2.0`), as
/// recorded in the changelog; empty when the store has no release history for it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReleaseMarks {
    pub added_in: String,
    pub changed_in: String,
}

/// One law, policy or programme in one country: a validated row of `practices.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Practice {
    pub id: PracticeId,
    /// Display name as written in the source.
    pub country: String,
    pub iso2: String,
    /// UN M49 region and sub-region keys, derived from `iso2`.
    pub region: String,
    pub subregion: String,
    pub programme: String,
    pub kind: String,
    pub organisation: String,
    pub organisation_type: String,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub status: String,
    pub populations: Vec<String>,
    pub atd_types: Vec<String>,
    pub cap_stages: Vec<String>,
    pub participants: Option<u64>,
    pub participants_note: String,
    pub cost: Cost,
    pub derived: DerivedCost,
    pub outcome_compliance_pct: Option<f64>,
    pub outcome_other: String,
    pub summary: String,
    pub source_title: String,
    pub source_url: String,
    /// When the row's facts were last checked against its sources, `YYYY-MM-DD`.
    pub last_verified: String,
    /// The date of the latest source stating `status` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`);
    /// `None` when no source dates it (always for `unknown`).
    pub status_as_of: Option<String>,
    /// The language its free text (programme, summary, outcome_other, participants_note)
    /// is written in: English for every shipped row, the proposer's for an accepted proposal.
    pub text_lang: Lang,
    /// Where each figure can be checked (from `sources.csv`).
    pub sources: Vec<Source>,
    /// Its figures (from `figures.csv`), in file order; `cost` and `outcome_compliance_pct`
    /// are headline values chosen from them.
    pub figures: Vec<Figure>,
    pub releases: ReleaseMarks,
    /// Versions of its free text in the other languages (from `translations.csv`).
    pub translations: Vec<Translation>,
    /// Other records of the same programme (from `links.csv`), seen from this record.
    pub links: Vec<Link>,
}

/// How long an `active` status stays current: older than this, it reads "last reported
/// active in YYYY" (issue 19: programmes close quietly; a reader must see how old the news is).
pub const STATUS_CURRENT_YEARS: i32 = 3;

/// How two records of one programme relate, as `links.csv` writes it (`a relation b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// `a` follows `b` (a later phase or a replacement).
    SuccessorOf,
    /// `a` is one period or phase of the programme `b`.
    PhaseOf,
    /// `a` is a component of `b` (a technology, service or pilot within it).
    PartOf,
}

impl Relation {
    pub const ALL: [Relation; 3] = [Relation::SuccessorOf, Relation::PhaseOf, Relation::PartOf];

    pub fn key(self) -> &'static str {
        match self {
            Relation::SuccessorOf => "successor_of",
            Relation::PhaseOf => "phase_of",
            Relation::PartOf => "part_of",
        }
    }

    pub fn from_key(key: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.key() == key)
    }
}

/// One link as seen from a record: `outgoing` when the record is the subject of the row
/// (`this successor_of other`), not when it is the object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub relation: Relation,
    pub outgoing: bool,
    pub other: PracticeId,
}

impl Link {
    /// The link read from this record's side, as the API names it: `successor_of`,
    /// `predecessor_of`, `phase_of`, `has_phase`, `part_of`, `has_part`.
    pub fn role(&self) -> &'static str {
        match (self.relation, self.outgoing) {
            (Relation::SuccessorOf, true) => "successor_of",
            (Relation::SuccessorOf, false) => "predecessor_of",
            (Relation::PhaseOf, true) => "phase_of",
            (Relation::PhaseOf, false) => "has_phase",
            (Relation::PartOf, true) => "part_of",
            (Relation::PartOf, false) => "has_part",
        }
    }
}

// `TextField::of` lives here rather than in `text`: a field is read off a `Practice`, and
// `Practice` holds `Translation`s, so `text` naming `Practice` would be a cycle.
impl TextField {
    /// The original text of this field in `p` (in `p.text_lang`).
    pub fn of(self, p: &Practice) -> &str {
        match self {
            TextField::Programme => &p.programme,
            TextField::Summary => &p.summary,
            TextField::OutcomeOther => &p.outcome_other,
            TextField::ParticipantsNote => &p.participants_note,
        }
    }
}

/// The last day a partial date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) can mean, as
/// `(year, month, day)`: a year-only date may be its 31 December.
fn latest_day(date: &str) -> Option<(i32, u32, u32)> {
    let mut parts = date.split('-').map(str::parse::<u32>);
    let year = i32::try_from(parts.next()?.ok()?).ok()?;
    let month = parts.next().transpose().ok()?;
    let day = parts.next().transpose().ok()?;
    Some((year, month.unwrap_or(12), day.unwrap_or(31)))
}

impl Practice {
    /// The translation of `field` into `lang`, if there is one.
    pub fn translation(&self, field: TextField, lang: Lang) -> Option<&Translation> {
        self.translations
            .iter()
            .find(|t| t.field == field && t.lang == lang)
    }

    /// `field` as shown on a page in `lang`: its translation into `lang`, or the original
    /// in its own language (`text_lang`). A page in the original's language shows the original.
    pub fn text_in(&self, field: TextField, lang: Lang) -> Shown<'_> {
        let original = field.of(self);
        let translation = (lang != self.text_lang)
            .then(|| self.translation(field, lang))
            .flatten();
        match translation {
            Some(t) if !original.is_empty() => Shown {
                text: &t.text,
                lang,
                translated: Some(Translated {
                    original,
                    original_lang: self.text_lang,
                    method: t.method,
                    stale: t.stale,
                }),
            },
            _ => Shown {
                text: original,
                lang: self.text_lang,
                translated: None,
            },
        }
    }

    /// The sources that support a column, in file order.
    pub fn sources_of<'a>(&'a self, column: &'a str) -> impl Iterator<Item = &'a Source> + 'a {
        self.sources.iter().filter(move |s| s.supports(column))
    }

    /// The year to show as "last reported active in YYYY": `Some` only for an `active`
    /// status whose latest source is certainly older than [`STATUS_CURRENT_YEARS`] on `today`
    /// (`YYYY-MM-DD`); a year-only date counts as its last day, so it is never called old
    /// too early.
    pub fn last_reported_active(&self, today: &str) -> Option<i32> {
        if self.status != "active" {
            return None;
        }
        let (year, month, day) = latest_day(self.status_as_of.as_deref()?)?;
        let (now_year, now_month, now_day) = latest_day(today)?;
        let limit = (now_year - STATUS_CURRENT_YEARS, now_month, now_day);
        ((year, month, day) < limit).then_some(year)
    }

    /// The tags of one multi-valued vocabulary.
    pub fn tags(&self, vocab: Vocab) -> &[String] {
        match vocab {
            Vocab::Population => &self.populations,
            Vocab::AtdType => &self.atd_types,
            Vocab::CapStage => &self.cap_stages,
            _ => &[],
        }
    }
}

/// Whether a URL may be shown as a link: only absolute http(s).
pub fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|host| !host.is_empty() && !host.starts_with('/'))
}
