//! Proposals checked by the importer's rules against the shipped practices.csv (nothing is written).

use std::path::Path;

use super::*;

fn reference() -> Reference {
    import::load_reference(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data")).unwrap()
}

fn shipped(want: Option<&str>) -> SheetFacts {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/practices.csv")).unwrap();
    sheet::read_facts(&bytes, want).unwrap()
}

/// A complete, plausible proposal (not shipped data: only checked, never written).
pub fn good_draft() -> Draft {
    let mut draft = Draft::default();
    for (column, value) in [
        ("iso2", "KE"),
        ("programme", "Community case management pilot (test)"),
        ("kind", "programme"),
        ("organisation_type", "ngo"),
        ("status", "pilot"),
        ("populations", "asylum_seekers"),
        ("populations", "children"),
        ("start_year", "2021"),
        ("summary", "A test proposal."),
        ("source_title", "A report"),
        ("source_url", "https://example.org/report"),
    ] {
        draft.push(column, value);
    }
    draft
}

#[test]
fn a_valid_proposal_gets_an_id_a_country_and_its_cells() {
    let checked = check(&good_draft(), &shipped(None), &reference()).unwrap();
    assert_eq!(checked.kind, ProposalKind::New);
    assert_eq!(
        checked.practice_id,
        "ke-community-case-management-pilot-test"
    );
    let value = |c: &str| {
        checked
            .cells
            .iter()
            .find(|x| x.column == c)
            .unwrap()
            .value
            .clone()
    };
    assert_eq!(value("country"), "Kenya");
    assert_eq!(value("populations"), "asylum_seekers;children");
    assert!(checked.warnings.is_empty());
    assert!(checked.changed_columns().contains(&"source_url"));
    assert!(!checked.changed_columns().contains(&"end_year"));
}

#[test]
fn every_mistake_is_reported_beside_its_field_by_the_importer() {
    let mut draft = good_draft();
    draft.push("start_year", "twenty");
    draft.push("source_url", "javascript:alert(1)");
    draft.push("summary", "");
    draft.push("kind", "rumour");
    draft.push("programme", "bad\u{1b}[31m");
    let errors = check(&draft, &shipped(None), &reference()).unwrap_err();
    let columns: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
    for column in ["start_year", "source_url", "summary", "kind", "programme"] {
        assert!(
            columns.contains(&column),
            "{column} missing from {errors:?}"
        );
    }
    let summary = errors.iter().find(|e| e.column == "summary").unwrap();
    assert_eq!(summary.kind, ErrorKind::Required);
}

#[test]
fn a_same_name_practice_is_a_warning_not_a_refusal() {
    let facts = shipped(None);
    let (iso2, programme, id) = facts.names[0].clone();
    let existing = shipped(Some(&id)).row.unwrap();
    let cell = |c: &str| existing.iter().find(|(k, _)| k == c).unwrap().1.clone();
    let mut draft = good_draft();
    draft.push("iso2", &iso2.to_uppercase());
    draft.push("programme", &cell("programme"));
    assert_eq!(programme, cell("programme").to_lowercase());
    let checked = check(&draft, &facts, &reference()).unwrap();
    assert_eq!(checked.warnings, vec![Warning::SameName(id.clone())]);
    assert_ne!(
        checked.practice_id, id,
        "the new id never takes an existing one"
    );
}

#[test]
fn a_correction_marks_only_the_cells_it_changes() {
    let facts = shipped(None);
    let id = facts.names[3].2.clone();
    let facts = shipped(Some(&id));
    let mut draft = Draft {
        practice: Some(id.clone()),
        ..Draft::default()
    };
    for (column, value) in facts.row.clone().unwrap() {
        draft.push(&column, &value);
    }
    let unchanged = check(&draft, &facts, &reference()).unwrap_err();
    assert_eq!(unchanged[0].kind, ErrorKind::NothingChanged);
    draft.fields.retain(|(c, _)| c != "outcome_other");
    draft.push("outcome_other", "87.5 % attended every hearing.");
    // A changed result needs its reason and the address of its source.
    let unexplained = check(&draft, &facts, &reference()).unwrap_err();
    let columns: Vec<&str> = unexplained.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(columns, vec!["why", "why_source"]);
    draft.why = "The 2025 evaluation reports the share.".into();
    draft.why_source = "https://example.org/evaluation".into();
    let checked = check(&draft, &facts, &reference()).unwrap();
    assert_eq!(checked.why_source, "https://example.org/evaluation");
    assert_eq!(checked.kind, ProposalKind::Correction);
    assert_eq!(checked.practice_id, id);
    assert_eq!(checked.changed_columns(), vec!["outcome_other"]);
}

#[test]
fn contact_details_are_checked_and_optional() {
    let mut draft = good_draft();
    draft.email = "not an email".into();
    draft.submitter = "x".repeat(201);
    let errors = check(&draft, &shipped(None), &reference()).unwrap_err();
    assert!(errors.iter().any(|e| e.column == "email"));
    assert!(errors.iter().any(|e| e.column == "submitter"));
    draft.email = "someone@example.org".into();
    draft.submitter = "Someone, Some NGO".into();
    assert!(check(&draft, &shipped(None), &reference()).is_ok());
}

#[test]
fn terminal_text_shows_escapes_instead_of_running_them() {
    let shown = for_terminal("ok\u{1b}]0;pwned\u{7}\u{202e}txt\nnext\t<b>");
    assert_eq!(shown, "ok\\u{001b}]0;pwned\\u{0007}\\u{202e}txt\nnext\t<b>");
}

#[test]
fn new_ids_are_slugs_unique_in_the_file() {
    let mut facts = SheetFacts::default();
    assert_eq!(
        new_id("FR", "Maison d’accueil « Éole »", &facts),
        "fr-maison-d-accueil-eole"
    );
    facts.ids.insert("fr-x".into());
    assert_eq!(new_id("FR", "X", &facts), "fr-x-2");
    assert!(PracticeId::parse(&new_id("", "", &facts)).is_some());
    assert!(PracticeId::parse(&new_id("CN", "收容替代", &facts)).is_some());
}

#[test]
fn a_new_record_is_in_the_language_its_proposer_names_and_a_correction_keeps_its_own() {
    let text_lang_of = |draft: &Draft| {
        let checked = check(draft, &shipped(None), &reference()).unwrap();
        let cell = checked.cells.iter().find(|c| c.column == "text_lang");
        cell.map(|c| c.value.clone())
    };
    let mut draft = good_draft();
    draft.lang = crate::model::Lang::Es;
    assert_eq!(
        text_lang_of(&draft).as_deref(),
        Some("es"),
        "none named: the form's"
    );
    draft.push("text_lang", "");
    assert_eq!(
        text_lang_of(&draft).as_deref(),
        Some("es"),
        "empty: the form's"
    );
    draft.push("text_lang", " FR ");
    assert_eq!(text_lang_of(&draft).as_deref(), Some("fr"), "the one named");
    draft.push("text_lang", "de");
    let refused = check(&draft, &shipped(None), &reference()).unwrap_err();
    assert!(
        refused.iter().any(|e| e.column == "text_lang"),
        "{refused:?}"
    );
    let id = shipped(None).names[3].2.clone();
    let facts = shipped(Some(&id));
    let mut correction = Draft {
        practice: Some(id.clone()),
        lang: crate::model::Lang::Fr,
        why: "The report says so.".into(),
        why_source: "https://example.org/report".into(),
        ..Draft::default()
    };
    for (column, value) in facts.row.clone().unwrap() {
        correction.push(&column, &value);
    }
    correction.push("summary", "A corrected summary.");
    let checked = check(&correction, &facts, &reference()).unwrap();
    let kept = checked
        .cells
        .iter()
        .find(|c| c.column == "text_lang")
        .unwrap();
    assert_eq!(kept.value, "en", "the record's own language");
    assert!(!kept.changed);
    correction.push("text_lang", "es");
    let checked = check(&correction, &facts, &reference()).unwrap();
    let changed = checked
        .cells
        .iter()
        .find(|c| c.column == "text_lang")
        .unwrap();
    assert_eq!((changed.value.as_str(), changed.changed), ("es", true));
}
