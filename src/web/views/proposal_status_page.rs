//! A proposal's status page, for whoever holds the address its receipt gave: received,
//! accepted (with its record and the release it entered, or the date it waits from) or
//! rejected (with the moderator's reason), and any record it may duplicate.

use maud::{Markup, html};

use super::format;
use super::layout::layout;
use super::links::{self, Here};
use crate::changes::InChangelog;
use crate::i18n::{Arg, t, t_args};
use crate::model::Lang;

/// What became of the proposal.
pub enum ProposalOutcome {
    /// Waiting for a moderator.
    Received,
    /// Accepted on `on`; `published`: the record is on the site (an import ran since).
    Accepted {
        on: String,
        published: bool,
        in_changelog: Option<InChangelog>,
    },
    /// Rejected on `on`, for `reason` (the moderator's words).
    Rejected { on: String, reason: String },
}

/// Everything the status page shows.
pub struct ProposalStatus<'a> {
    pub lang: Lang,
    pub reference: &'a str,
    /// The page's own path (the token is part of it).
    pub here: &'a str,
    pub correction: bool,
    pub practice_id: &'a str,
    pub programme: &'a str,
    /// The language the proposal's text is written in (its `text_lang`).
    pub programme_lang: Lang,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub received_on: &'a str,
    pub outcome: ProposalOutcome,
    /// Records already in the atlas it may duplicate.
    pub duplicates: &'a [String],
}

/// The `lang` of the proposed name on a page in another language.
fn programme_lang(status: &ProposalStatus<'_>) -> Option<&'static str> {
    (status.programme_lang != status.lang).then_some(status.programme_lang.code())
}

pub fn proposal_status_page(status: &ProposalStatus<'_>) -> Markup {
    let lang = status.lang;
    let title = t_args(
        lang,
        "ps-title",
        &[("reference", Arg::from(status.reference))],
    );
    let what = if status.correction {
        "ps-what-correction"
    } else {
        "ps-what-new"
    };
    let received = format::date(status.received_on, lang);
    let body = html! {
        h1 { (title) }
        p.lede { (t(lang, what)) " " bdi lang=[programme_lang(status)] { (status.programme) } }
        p { (t_args(lang, "ps-received", &[("date", Arg::from(received.as_str()))])) }
        (outcome(status))
        (duplicates(status.duplicates, lang))
        p.hint { (t(lang, "ps-private")) }
        ul {
            li { a href=(links::localized("/propose", lang)) { (t(lang, "cf-receipt-another")) } }
            li { a href=(links::home(lang)) { (t(lang, "back-to-search")) } }
        }
    };
    layout(&title, lang, &Here::new(status.here, ""), body)
}

fn outcome(status: &ProposalStatus<'_>) -> Markup {
    let lang = status.lang;
    let date = |stamp: &str| format::date(stamp, lang);
    match &status.outcome {
        ProposalOutcome::Received => html! {
            div.notice.status-received { p { strong { (t(lang, "ps-pending")) } } }
        },
        ProposalOutcome::Rejected { on, reason } => html! {
            div.notice.status-rejected {
                p { strong { (t_args(lang, "ps-rejected", &[("date", Arg::from(date(on).as_str()))])) } }
                @if reason.trim().is_empty() {
                    p { (t(lang, "ps-no-reason")) }
                } @else {
                    p { (t(lang, "ps-reason")) }
                    blockquote { p { (reason) } }
                }
            }
        },
        ProposalOutcome::Accepted {
            on,
            published,
            in_changelog,
        } => html! {
            div.notice.status-accepted {
                p { strong { (t_args(lang, "ps-accepted", &[("date", Arg::from(date(on).as_str()))])) } }
                p { (release_line(in_changelog.as_ref(), on, lang)) }
                @if *published {
                    p { (t(lang, "ps-record")) " " a href=(links::practice(status.practice_id, lang)) { bdi lang=[programme_lang(status)] { (status.programme) } } }
                } @else {
                    p { (t(lang, "ps-not-yet-published")) }
                }
            }
        },
    }
}

/// The release an accepted proposal entered, or since when it waits for one.
pub fn release_line(in_changelog: Option<&InChangelog>, accepted_on: &str, lang: Lang) -> String {
    match in_changelog {
        Some(InChangelog::Released { version, date, .. }) => t_args(
            lang,
            "ps-in-release",
            &[
                ("version", Arg::from(version.as_str())),
                ("date", Arg::from(format::date(date, lang).as_str())),
            ],
        ),
        Some(InChangelog::Unreleased { accepted }) => t_args(
            lang,
            "ps-not-yet-released",
            &[("date", Arg::from(format::date(accepted, lang).as_str()))],
        ),
        None => t_args(
            lang,
            "ps-not-yet-released",
            &[("date", Arg::from(format::date(accepted_on, lang).as_str()))],
        ),
    }
}

/// Records already in the atlas the proposal may duplicate, linked.
pub fn duplicates(ids: &[String], lang: Lang) -> Markup {
    html! {
        @if !ids.is_empty() {
            div.notice {
                p { (t(lang, "cf-receipt-same")) }
                ul {
                    @for id in ids {
                        li { a href=(links::practice(id, lang)) { (id) } }
                    }
                }
            }
        }
    }
}
