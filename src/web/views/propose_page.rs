//! The proposal form (a new practice, or a correction prefilled with a record's values)
//! and its receipt. Field names are the CSV column names; errors sit beside their fields in
//! the page language; everything typed comes back as typed. Works without JavaScript.

use maud::{Markup, html};

use super::layout::layout;
use super::links::{self, Here};
use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, Reference, Vocab};
use crate::proposals::{DERIVED_COLUMNS, Desk, Draft, ErrorKind, FieldError, Reason};

/// Everything the form shows.
pub struct ProposeView<'a> {
    pub lang: Lang,
    pub reference: &'a Reference,
    /// The columns of the practices file, in its order (columns by name).
    pub columns: &'a [String],
    pub draft: &'a Draft,
    pub errors: &'a [FieldError],
    /// For a correction: the practice's programme name.
    pub correcting: Option<&'a str>,
    pub desk: Desk,
}

/// How a field is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Text,
    Long,
    Number,
    Url,
    Country,
    Pick(Vocab),
    Many(Vocab),
    /// One of the atlas's languages (the language of the proposal's text).
    Language,
}

/// A form field: its column, how it is typed, whether it is required.
type Field = (&'static str, Input, bool);

/// The form's fields, grouped under a heading key, in the order a person fills them in.
const GROUPS: [(&str, &[Field]); 4] = [
    (
        "cf-group-practice",
        &[
            // Asked first, before anything is written: the text that follows is in it.
            ("text_lang", Input::Language, false),
            ("iso2", Input::Country, true),
            ("programme", Input::Text, true),
            ("kind", Input::Pick(Vocab::Kind), true),
            ("organisation", Input::Text, false),
            (
                "organisation_type",
                Input::Pick(Vocab::OrganisationType),
                true,
            ),
            ("status", Input::Pick(Vocab::Status), true),
            ("status_as_of", Input::Text, false),
            ("start_year", Input::Number, false),
            ("end_year", Input::Number, false),
        ],
    ),
    (
        "cf-group-who",
        &[
            ("populations", Input::Many(Vocab::Population), false),
            ("atd_types", Input::Many(Vocab::AtdType), false),
            ("cap_stages", Input::Many(Vocab::CapStage), false),
            ("participants", Input::Number, false),
            ("participants_note", Input::Text, false),
        ],
    ),
    // Costs and outcome shares are figures (figures.csv), each with its quoted sentence and
    // grade: a proposal gives them as text, and a moderator files them.
    ("cf-group-results", &[("outcome_other", Input::Long, false)]),
    (
        "cf-group-source",
        &[
            ("summary", Input::Long, true),
            ("source_title", Input::Text, true),
            ("source_url", Input::Url, true),
        ],
    ),
];

/// Columns with a hint under their label (`cf-hint-<column>`): every list to choose from
/// says what its choices mean, every field with a format shows it.
const HINTED: [&str; 15] = [
    "text_lang",
    "programme",
    "kind",
    "organisation_type",
    "status",
    "status_as_of",
    "start_year",
    "populations",
    "atd_types",
    "cap_stages",
    "outcome_other",
    "summary",
    "source_url",
    "why",
    "why_source",
];

/// A correction's own fields: why it changes the record and which source says so
/// (required when it changes a figure; the check says which).
const WHY: [Field; 2] = [
    ("why", Input::Long, false),
    ("why_source", Input::Url, false),
];

/// The honeypot: a field people never see or fill; software that fills every field does.
pub const HONEYPOT: &str = "website";

fn known(column: &str) -> bool {
    GROUPS
        .iter()
        .any(|(_, fields)| fields.iter().any(|(c, _, _)| *c == column))
}

/// The form page (also after a mistake, with the typed values and the errors).
pub fn propose_page(view: &ProposeView<'_>) -> Markup {
    let lang = view.lang;
    let title = match view.correcting {
        Some(_) => t(lang, "cf-title-correction"),
        None => t(lang, "cf-title-new"),
    };
    let here = match &view.draft.practice {
        Some(id) => Here::new(
            "/propose",
            format!("practice={}", crate::web::urls::encode(id)),
        ),
        None => Here::new("/propose", ""),
    };
    let body = html! {
        h1 { (title) }
        @if let Some(programme) = view.correcting {
            p.lede #f-practice { (t(lang, "cf-correcting")) " " bdi lang=[written_in(view.draft, lang)] { (programme) } }
        }
        p.lede { (t(lang, "cf-lede")) }
        @match view.desk {
            Desk::Off => { (closed(lang, "cf-off")) }
            Desk::Unavailable => { (closed(lang, "cf-unavailable")) }
            Desk::Open | Desk::SaveFailed | Desk::TooMany | Desk::Full => {
                @if let Some(key) = refusal(view.desk) {
                    div.notice role="alert" { p { (t(lang, key)) } }
                }
                (error_summary(view))
                (form(view))
            }
        }
    };
    layout(&title, lang, &here, body)
}

/// Why a valid proposal was not stored (the form is shown again with it).
fn refusal(desk: Desk) -> Option<&'static str> {
    match desk {
        Desk::SaveFailed => Some("cf-save-failed"),
        Desk::TooMany => Some("cf-too-many"),
        Desk::Full => Some("cf-full"),
        Desk::Open | Desk::Off | Desk::Unavailable => None,
    }
}

/// Why there is no form, and the other way to propose a change.
fn closed(lang: Lang, why: &str) -> Markup {
    html! {
        div.notice { p { (t(lang, why)) } }
        p { (t(lang, "cf-other-way")) }
        p { a href=(links::localized("/about", lang)) { (t(lang, "footer-about-link")) } }
    }
}

fn error_summary(view: &ProposeView<'_>) -> Markup {
    let lang = view.lang;
    if view.errors.is_empty() {
        return html! {};
    }
    let count = view.errors.len() as f64;
    html! {
        div.notice.error-summary role="alert" aria-labelledby="error-summary-title" {
            h2 #error-summary-title { (t_args(lang, "cf-errors", &[("count", Arg::Num(count))])) }
            ul {
                @for error in view.errors {
                    li { a href=(format!("#{}", field_id(&error.column))) { (field_label(&error.column, lang)) ": " (summary_text(error, lang)) } }
                }
            }
        }
    }
}

/// The `lang` of the record being corrected (its `text_lang`, English in a file without
/// the column) on a page in another language.
fn written_in(draft: &Draft, page: Lang) -> Option<&'static str> {
    let text_lang = Lang::from_code(draft.value("text_lang")).unwrap_or_default();
    (text_lang != page).then_some(text_lang.code())
}

fn form(view: &ProposeView<'_>) -> Markup {
    let lang = view.lang;
    let action = links::localized("/propose", lang);
    let extra: Vec<&String> = view
        .columns
        .iter()
        .filter(|c| !known(c) && !DERIVED_COLUMNS.contains(&c.as_str()))
        .collect();
    html! {
        form.proposal method="post" action=(action) novalidate {
            @if let Some(id) = &view.draft.practice {
                input type="hidden" name="practice" value=(id);
            }
            p.hint { (t(lang, "cf-required-note")) }
            @for (group, fields) in GROUPS {
                fieldset {
                    legend { (t(lang, group)) }
                    @for (column, input, required) in fields.iter() {
                        (field(view, column, *input, *required))
                    }
                }
            }
            @if view.draft.practice.is_some() {
                fieldset {
                    legend { (t(lang, "cf-group-why")) }
                    @for (column, input, required) in WHY.iter() {
                        (field(view, column, *input, *required))
                    }
                }
            }
            @if !extra.is_empty() {
                fieldset {
                    legend { (t(lang, "cf-group-more")) }
                    @for column in extra { (field(view, column, Input::Text, false)) }
                }
            }
            fieldset {
                legend { (t(lang, "cf-group-you")) }
                p.hint { (t(lang, "cf-you-note")) }
                (contact(view, "submitter", &view.draft.submitter, "organization"))
                (contact(view, "email", &view.draft.email, "email"))
            }
            div.trap aria-hidden="true" {
                label for=(field_id(HONEYPOT)) { (t(lang, "cf-honeypot")) }
                input id=(field_id(HONEYPOT)) type="text" name=(HONEYPOT) value="" tabindex="-1" autocomplete="off";
            }
            button type="submit" { (t(lang, "cf-send")) }
        }
    }
}

fn field_id(column: &str) -> String {
    format!("f-{column}")
}

fn field_label(column: &str, lang: Lang) -> String {
    let key = format!("cf-label-{column}");
    let label = t(lang, &key);
    if label == key {
        // A column this version of the form does not know yet: its name is its label.
        column.to_string()
    } else {
        label
    }
}

/// The line of the summary at the top: the full sentence, or for a refused value a pointer
/// to the explanation beside the field.
fn summary_text(error: &FieldError, lang: Lang) -> String {
    match error.kind {
        ErrorKind::Invalid(_) => t(lang, "cf-error-check"),
        _ => error_text(error, lang),
    }
}

/// What a refused value of `column` should look like, in the page language (why this value
/// was refused follows it: [`reason_text`]).
fn invalid_key(column: &str) -> &'static str {
    match column {
        "start_year" | "end_year" | "cost_year" => "cf-error-year",
        "cost_per_day" | "detention_cost_per_day" => "cf-error-amount",
        "participants" => "cf-error-count",
        "outcome_compliance_pct" => "cf-error-percent",
        "cost_currency" => "cf-error-currency",
        "source_url" | "why_source" => "cf-error-url",
        "iso2" | "kind" | "organisation_type" | "status" | "cost_unit" | "text_lang" => {
            "cf-error-choose"
        }
        "populations" | "atd_types" | "cap_stages" => "cf-error-tick",
        _ => "cf-error-invalid",
    }
}

fn error_text(error: &FieldError, lang: Lang) -> String {
    let key = match error.kind {
        ErrorKind::Required => "cf-error-required",
        ErrorKind::Invalid(_) => invalid_key(&error.column),
        ErrorKind::Contact if error.column == "email" => "cf-error-email",
        ErrorKind::Contact => "cf-error-submitter",
        ErrorKind::NothingChanged => "cf-error-nothing-changed",
        ErrorKind::UnknownPractice => "cf-error-unknown-practice",
    };
    t(lang, key)
}

/// The errors of one field, as shown under its label.
fn errors_of<'a>(view: &'a ProposeView<'_>, column: &str) -> Vec<&'a FieldError> {
    view.errors.iter().filter(|e| e.column == column).collect()
}

/// Why this value was refused, in the page language: on English pages the importer's exact
/// words, on the others the form's own message for the kind of problem (none when there is
/// nothing more specific than the field's message).
fn reason_text(reason: Reason, detail: &str, lang: Lang) -> Option<String> {
    if lang == Lang::En {
        return Some(detail.to_string()).filter(|d| !d.is_empty());
    }
    let key = match reason {
        Reason::Formula => "cf-reason-formula",
        Reason::Invisible => "cf-reason-invisible",
        Reason::LineBreak => "cf-reason-line-break",
        Reason::NotANumber => "cf-reason-not-a-number",
        Reason::Negative => "cf-reason-negative",
        Reason::OutOfRange => "cf-reason-out-of-range",
        Reason::NotAnAddress => "cf-reason-not-an-address",
        Reason::Other => return None,
    };
    Some(t(lang, key))
}

fn error_lines(errors: &[&FieldError], column: &str, lang: Lang) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.field-error id=(format!("e-{column}")) {
                @for error in errors {
                    p {
                        strong { (error_text(error, lang)) }
                        @if let ErrorKind::Invalid(reason) = error.kind {
                            @if let Some(why) = reason_text(reason, &error.detail, lang) {
                                " " (why)
                            }
                        }
                    }
                }
            }
        }
    }
}

fn describedby(column: &str, hinted: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hinted {
        ids.push(format!("h-{column}"));
    }
    if has_error {
        ids.push(format!("e-{column}"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// What the person typed in `column` (a correction's reason and source are the draft's own).
fn typed<'a>(view: &'a ProposeView<'_>, column: &str) -> &'a str {
    match column {
        "why" => &view.draft.why,
        "why_source" => &view.draft.why_source,
        _ => view.draft.value(column),
    }
}

fn field(view: &ProposeView<'_>, column: &str, input: Input, required: bool) -> Markup {
    let lang = view.lang;
    let value = typed(view, column);
    let errors = errors_of(view, column);
    let hinted = HINTED.contains(&column);
    let described = describedby(column, hinted, !errors.is_empty());
    let invalid = (!errors.is_empty()).then_some("true");
    let id = field_id(column);
    let label = html! {
        (field_label(column, lang))
        @if required { " " span.req { (t(lang, "cf-required")) } }
    };
    let hint = html! {
        @if hinted { p.hint id=(format!("h-{column}")) { (t(lang, &format!("cf-hint-{column}"))) } }
    };
    if input == Input::Language {
        return language_picker(view, label, hint);
    }
    if let Input::Many(vocab) = input {
        let chosen: Vec<&str> = value.split(';').map(str::trim).collect();
        return html! {
            fieldset.field.many aria-describedby=[described] {
                legend id=(id) { (label) }
                // Sent even with no box ticked: the list was on the form (emptied on purpose),
                // unlike a post that leaves the list out (a correction keeps it as it is).
                input type="hidden" name=(column) value="";
                (hint)
                (error_lines(&errors, column, lang))
                ul {
                    @for term in view.reference.vocabularies.terms(vocab) {
                        @let box_id = format!("{id}-{}", term.key);
                        li {
                            input type="checkbox" id=(box_id) name=(column) value=(term.key)
                                checked[chosen.contains(&term.key.as_str())];
                            label for=(box_id) { (term.label.get(lang)) }
                        }
                    }
                }
            }
        };
    }
    html! {
        div.field {
            label for=(id) { (label) }
            (hint)
            (error_lines(&errors, column, lang))
            @match input {
                Input::Long => {
                    textarea id=(id) name=(column) rows="4" aria-describedby=[described.clone()] aria-invalid=[invalid] { (value) }
                }
                Input::Country => {
                    select id=(id) name=(column) aria-describedby=[described.clone()] aria-invalid=[invalid] autocomplete="country" {
                        option value="" { (t(lang, "cf-choose")) }
                        @for (code, name) in countries(view.reference, lang) {
                            option value=(code) selected[code.eq_ignore_ascii_case(value.trim())] { (name) }
                        }
                        @if !value.is_empty() && view.reference.countries.get(&value.trim().to_ascii_uppercase()).is_none() {
                            option value=(value) selected { (value) }
                        }
                    }
                }
                Input::Pick(vocab) => {
                    select id=(id) name=(column) aria-describedby=[described.clone()] aria-invalid=[invalid] {
                        option value="" { (t(lang, "cf-choose")) }
                        @for term in view.reference.vocabularies.terms(vocab) {
                            option value=(term.key) selected[term.key == value.trim()] { (term.label.get(lang)) }
                        }
                        @if !value.is_empty() && !view.reference.vocabularies.contains(vocab, value.trim()) {
                            option value=(value) selected { (value) }
                        }
                    }
                }
                // Drawn above, as radio buttons.
                Input::Language => {}
                Input::Number => {
                    input id=(id) type="text" inputmode="decimal" name=(column) value=(value) aria-describedby=[described.clone()] aria-invalid=[invalid];
                }
                Input::Url => {
                    input id=(id) type="url" name=(column) value=(value) aria-describedby=[described.clone()] aria-invalid=[invalid];
                }
                Input::Text | Input::Many(_) => {
                    input id=(id) type="text" name=(column) value=(value) aria-describedby=[described.clone()] aria-invalid=[invalid];
                }
            }
        }
    }
}

fn contact(view: &ProposeView<'_>, name: &str, value: &str, autocomplete: &str) -> Markup {
    let lang = view.lang;
    let errors = errors_of(view, name);
    let id = field_id(name);
    let described = describedby(name, false, !errors.is_empty());
    let kind = if name == "email" { "email" } else { "text" };
    html! {
        div.field {
            label for=(id) { (field_label(name, lang)) " " span.opt { (t(lang, "cf-optional")) } }
            (error_lines(&errors, name, lang))
            input id=(id) type=(kind) name=(name) value=(value) autocomplete=(autocomplete)
                aria-describedby=[described] aria-invalid=[(!errors.is_empty()).then_some("true")];
        }
    }
}

/// The language of the proposal's text, one of three: each named in the page language and,
/// when another, in itself ("Spanish (Español)", the name marked Spanish); the one typed (a
/// correction: the record's) chosen, else the page's. A value the atlas does not have (not
/// from this form) comes back chosen, to be corrected.
fn language_picker(view: &ProposeView<'_>, label: Markup, hint: Markup) -> Markup {
    let lang = view.lang;
    let column = "text_lang";
    let value = typed(view, column).trim();
    let errors = errors_of(view, column);
    let described = describedby(column, true, !errors.is_empty());
    let id = field_id(column);
    let chosen = if value.is_empty() {
        Some(lang)
    } else {
        Lang::from_code(value)
    };
    html! {
        fieldset.field.many.languages aria-describedby=[described] {
            legend id=(id) { (label) }
            (hint)
            (error_lines(&errors, column, lang))
            ul {
                @for text in Lang::ALL {
                    @let radio_id = format!("{id}-{}", text.code());
                    li {
                        input type="radio" id=(radio_id) name=(column) value=(text.code())
                            checked[chosen == Some(text)];
                        label for=(radio_id) {
                            (t_args(lang, "cf-text-lang-name", &[("language", Arg::from(text.code()))]))
                            @if text != lang {
                                " (" span.endonym lang=(text.code()) { (super::layout::endonym(text)) } ")"
                            }
                        }
                    }
                }
                @if chosen.is_none() {
                    @let radio_id = format!("{id}-other");
                    li {
                        input type="radio" id=(radio_id) name=(column) value=(value) checked;
                        label for=(radio_id) { (value) }
                    }
                }
            }
        }
    }
}

/// Countries by name in the page language.
fn countries(reference: &Reference, lang: Lang) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = reference
        .countries
        .iter()
        .map(|c| (c.iso2.clone(), c.name.get(lang).to_string()))
        .collect();
    all.sort_by(|a, b| reference.countries.cmp_names(&a.0, &b.0, lang));
    all
}

/// What the receipt says.
pub struct Receipt<'a> {
    pub lang: Lang,
    /// `S-2026-0007`; `None` when the reference cannot be shown.
    pub reference: Option<&'a str>,
    /// The proposal's status page (its token in the path), when the receipt names one.
    pub status_path: Option<&'a str>,
    /// Records already in the atlas the proposal may duplicate.
    pub duplicates: &'a [String],
}

/// The page after a proposal was received: its reference and what happens next.
pub fn receipt_page(receipt: &Receipt<'_>) -> Markup {
    let lang = receipt.lang;
    let title = t(lang, "cf-receipt-title");
    let body = html! {
        h1 { (title) }
        @if let Some(reference) = receipt.reference {
            p.receipt-ref { (t(lang, "cf-receipt-reference")) " " strong { (reference) } }
            p { (t(lang, "cf-receipt-keep")) }
        }
        @if let Some(path) = receipt.status_path {
            div.notice.status-link {
                p { (t(lang, "cf-receipt-status")) }
                p { a href=(links::localized(path, lang)) { (t(lang, "cf-receipt-status-link")) } }
                p.hint { (t(lang, "ps-private")) }
            }
        }
        h2 { (t(lang, "cf-receipt-next")) }
        p { (t(lang, "cf-receipt-next-text")) }
        (super::proposal_status_page::duplicates(receipt.duplicates, lang))
        ul {
            li { a href=(links::localized("/propose", lang)) { (t(lang, "cf-receipt-another")) } }
            li { a href=(links::home(lang)) { (t(lang, "back-to-search")) } }
        }
    };
    // The language links keep the token too: the page in another language is the same receipt.
    let query = match (receipt.reference, receipt.status_path) {
        (Some(r), Some(path)) => format!(
            "ref={r}&token={}",
            path.rsplit('/').next().unwrap_or_default()
        ),
        (Some(r), None) => format!("ref={r}"),
        (None, _) => String::new(),
    };
    layout(&title, lang, &Here::new("/propose/received", query), body)
}
