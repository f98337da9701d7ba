//! translations.csv, case by case: rows claimed by their practice, numbers checked against the original, stale marks, bad rows, the record's own language.

use super::*;

const HEADER: &str = "practice_id,field,lang,text,method,source_sha256\n";

fn row(id: &str, field: &str, lang: &str, text: &str, english: &str) -> String {
    format!(
        "{id},{field},{lang},\"{text}\",machine,{}\n",
        sha256_hex(english)
    )
}

fn practice(summary: &str) -> Practice {
    let mut p = crate::import::tests::sample_practice();
    p.summary = summary.to_string();
    p
}

#[test]
fn numbers_ignore_separators_between_digits_only() {
    assert_eq!(
        numbers("1,200 people, 99.4% in 2017"),
        ["1200", "2017", "994"]
    );
    assert_eq!(
        numbers("1 200 personnes, 99,4 % en 2017"),
        ["1200", "2017", "994"]
    );
    assert_eq!(numbers("5, 10 and 15"), ["10", "15", "5"]);
    assert_ne!(numbers("1,200"), numbers("1,300"));
}

#[test]
fn a_matching_translation_is_attached_and_a_changed_english_marks_it_stale() {
    let english = "About 1,200 people took part in 2019.";
    let csv = HEADER.to_string()
        + &row(
            "mx-test-programme",
            "summary",
            "es",
            "Unas 1.200 personas participaron en 2019.",
            english,
        )
        + &row(
            "mx-test-programme",
            "summary",
            "fr",
            "Environ 1 200 personnes en 2019.",
            "older text",
        );
    let (mut tr, problems) = parse_translations("translations.csv", csv.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    let mut p = practice(english);
    assert!(tr.attach(&mut p).is_empty());
    let es = p.translation(TextField::Summary, Lang::Es).expect("es");
    assert!(!es.stale);
    let fr = p.translation(TextField::Summary, Lang::Fr).expect("fr");
    assert!(fr.stale);
    assert_eq!(tr.stale.len(), 1);
    assert_eq!(tr.stale[0].line, 3);
}

#[test]
fn different_numbers_are_refused_with_line_and_column() {
    let english = "About 1,200 people took part in 2019.";
    let csv = HEADER.to_string()
        + &row(
            "mx-test-programme",
            "summary",
            "es",
            "Unas 1.300 personas en 2019.",
            english,
        );
    let (mut tr, _) = parse_translations("translations.csv", csv.as_bytes());
    let mut p = practice(english);
    let problems = tr.attach(&mut p);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, Some(2));
    assert_eq!(problems[0].column.as_deref(), Some("text"));
    assert!(
        problems[0].message.contains("1300"),
        "{}",
        problems[0].message
    );
    assert!(p.translations.is_empty());
}

#[test]
fn bad_rows_are_refused_each_with_its_column() {
    let sha = sha256_hex("x");
    let csv = format!(
        "{HEADER}mx-test-programme,summary,de,Text,machine,{sha}\n\
         mx-test-programme,colour,es,Texto,machine,{sha}\n\
         mx-test-programme,summary,es,,machine,{sha}\n\
         mx-test-programme,summary,pt,Text,machine,{sha}\n\
         mx-test-programme,summary,fr,Texte,guess,{sha}\n\
         mx-test-programme,summary,fr,Texte,machine,abc\n\
         mx-test-programme,outcome_other,es,Texto,machine,{sha}\n\
         mx-test-programme,outcome_other,es,Otro,machine,{sha}\n"
    );
    let (_, problems) = parse_translations("translations.csv", csv.as_bytes());
    let places: Vec<(u64, &str)> = problems
        .iter()
        .map(|p| (p.line.unwrap_or(0), p.column.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        places,
        [
            (2, "lang"),
            (3, "field"),
            (4, "text"),
            (5, "lang"),
            (6, "method"),
            (7, "source_sha256"),
            (9, "practice_id"),
        ]
    );
    assert!(
        problems[6].message.contains("line 8"),
        "{}",
        problems[6].message
    );
}

#[test]
fn a_row_for_an_unknown_practice_is_refused() {
    let csv = HEADER.to_string() + &row("zz-nowhere", "summary", "es", "Texto", "Text");
    let (tr, problems) = parse_translations("translations.csv", csv.as_bytes());
    assert!(problems.is_empty());
    let unclaimed = tr.unclaimed("practices.csv");
    assert_eq!(unclaimed.len(), 1);
    assert_eq!(unclaimed[0].line, Some(2));
    assert!(unclaimed[0].message.contains("zz-nowhere"));
}

#[test]
fn a_translation_of_an_empty_field_is_refused() {
    let csv = HEADER.to_string() + &row("mx-test-programme", "participants_note", "es", "Nota", "");
    let (mut tr, _) = parse_translations("translations.csv", csv.as_bytes());
    let mut p = practice("Text.");
    p.participants_note.clear();
    let problems = tr.attach(&mut p);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].column.as_deref(), Some("field"));
}

/// A SYNTHETIC record written in Spanish (`text_lang = es`).
fn spanish(summary: &str) -> Practice {
    let mut p = practice(summary);
    p.text_lang = Lang::Es;
    p
}

#[test]
fn an_english_translation_of_a_spanish_record_is_attached_and_shown_on_english_pages() {
    let original = "Unas 1.200 personas participaron en 2019.";
    let csv = HEADER.to_string()
        + &row(
            "mx-test-programme",
            "summary",
            "en",
            "About 1,200 people took part in 2019.",
            original,
        );
    let (mut tr, problems) = parse_translations("translations.csv", csv.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    let mut p = spanish(original);
    assert!(tr.attach(&mut p).is_empty());
    let on_english = p.text_in(TextField::Summary, Lang::En);
    assert_eq!(on_english.text, "About 1,200 people took part in 2019.");
    let translated = on_english.translated.expect("an English translation");
    assert_eq!(translated.original, original);
    assert_eq!(translated.original_lang, Lang::Es);
    let on_spanish = p.text_in(TextField::Summary, Lang::Es);
    assert_eq!((on_spanish.text, on_spanish.lang), (original, Lang::Es));
    assert!(on_spanish.translated.is_none());
    let on_french = p.text_in(TextField::Summary, Lang::Fr);
    assert_eq!(on_french.lang, Lang::Es, "no French: the Spanish original");
}

#[test]
fn a_translation_into_the_records_own_language_is_refused_with_line_and_column() {
    let original = "Unas 1.200 personas participaron en 2019.";
    let csv = HEADER.to_string() + &row("mx-test-programme", "summary", "es", original, original);
    let (mut tr, problems) = parse_translations("translations.csv", csv.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    let mut p = spanish(original);
    let problems = tr.attach(&mut p);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].file, "translations.csv");
    assert_eq!(problems[0].line, Some(2));
    assert_eq!(problems[0].column.as_deref(), Some("lang"));
    assert!(
        problems[0].message.contains("its own language"),
        "{}",
        problems[0].message
    );
    assert!(p.translations.is_empty());
    // The same row is an English record's Spanish translation.
    let (mut tr, _) = parse_translations("translations.csv", csv.as_bytes());
    let mut english = practice(original);
    assert!(tr.attach(&mut english).is_empty());
}
