//! Releases, case by case: diffs of practices and figures, the changelog written and read back, the Unreleased section.

use super::diff::rows_of;
use super::*;

fn rows(csv: &str) -> Vec<Row> {
    rows_of(csv.as_bytes()).unwrap()
}

const OLD: &str = "id,country,programme,cost_unit,summary\n\
    a-one,Chile,One,,First.\n\
    b-two,Peru,Two,per_person,Second.\n\
    c-three,Cuba,Three,,Third.\n";
const NEW: &str = "id,country,programme,cost_unit,summary,last_verified\n\
    a-one,Chile,One,per_person,First.,2026-11-30\n\
    c-three,Cuba,Three,,Third.,\n\
    d-four,Fiji,Four,,\"Fourth, \"\"quoted\"\"\nline.\",2026-11-30\n";

#[test]
fn a_diff_lists_added_removed_and_changed_fields() {
    let changes = diff(&rows(OLD), &rows(NEW));
    assert_eq!(changes.added.len(), 1);
    assert_eq!(changes.added[0].title, "Four (Fiji)");
    assert_eq!(changes.removed[0].id, "b-two");
    assert_eq!(changes.changed.len(), 1);
    assert_eq!(
        changes.changed[0].fields,
        vec![
            FieldChange {
                column: "cost_unit".into(),
                old: String::new(),
                new: "per_person".into()
            },
            FieldChange {
                column: "last_verified".into(),
                old: String::new(),
                new: "2026-11-30".into()
            },
        ]
    );
}

#[test]
fn an_entry_reads_back_as_the_same_release() {
    let release = Release {
        version: "1.1.0".into(),
        date: "2026-11-30".into(),
        changes: diff(&rows(OLD), &rows(NEW)),
    };
    let text = with_entry("", &release).unwrap();
    assert!(text.starts_with("# ATD Atlas data changelog\n"));
    assert_eq!(parse(&text), vec![release.clone()]);
    let older = Release {
        version: "1.0.0".into(),
        date: "2026-11-21".into(),
        changes: Changes::default(),
    };
    let both = with_entry(&with_entry("", &older).unwrap(), &release).unwrap();
    let versions: Vec<String> = parse(&both).into_iter().map(|r| r.version).collect();
    assert_eq!(versions, ["1.1.0", "1.0.0"]);
    let again = with_entry(&both, &release).unwrap_err();
    assert!(format!("{again}").contains("already has release 1.1.0"));
}

const OLD_FIGURES: &str = "id,practice_id,iso2,measure,value,value_high,currency,unit,period_start,period_end\n\
    f-one,a-one,CL,atd_cost_per_day,38,,USD,per_family,2017,2017\n\
    f-two,,CL,detention_cost_per_day,120,,USD,per_person,2019,2020\n";
const NEW_FIGURES: &str = "id,practice_id,iso2,measure,value,value_high,currency,unit,period_start,period_end\n\
    f-one,a-one,CL,atd_cost_per_day,40,,USD,per_family,2017,2017\n\
    f-three,,PE,compliance_pct,75,80,,,2012,2012\n";

#[test]
fn figures_are_diffed_and_read_back_beside_the_practices() {
    let figures = diff_figures(&rows(OLD_FIGURES), &rows(NEW_FIGURES));
    let ids = |items: &[Listed]| items.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&figures.added), ["f-three"]);
    assert_eq!(figures.added[0].title, "compliance_pct 75–80, 2012 (PE)");
    assert_eq!(ids(&figures.removed), ["f-two"]);
    assert_eq!(
        figures.removed[0].title,
        "detention_cost_per_day 120 USD per_person, 2019–2020 (CL)"
    );
    assert_eq!(figures.changed.len(), 1);
    assert_eq!(
        figures.changed[0].fields,
        [FieldChange {
            column: "value".into(),
            old: "38".into(),
            new: "40".into()
        }]
    );
    let mut changes = diff(&rows(OLD), &rows(NEW));
    changes.figures = figures;
    let release = Release {
        version: "1.3.0".into(),
        date: "2026-12-06".into(),
        changes,
    };
    let text = with_entry("", &release).unwrap();
    assert!(text.contains("· Figures added: 1 · Figures removed: 1 · Figures changed: 1\n"));
    assert!(text.contains("\n### Figures changed\n\n- `f-one`: "));
    assert_eq!(parse(&text), vec![release]);
}

#[test]
fn marks_follow_the_releases_in_order() {
    let first = Release {
        version: "1.0.0".into(),
        date: "2026-11-21".into(),
        changes: diff(&[], &rows(OLD)),
    };
    let second = Release {
        version: "1.1.0".into(),
        date: "2026-11-30".into(),
        changes: diff(&rows(OLD), &rows(NEW)),
    };
    let marks = marks(&[second, first]);
    let mark = |id: &str| {
        marks
            .get(id)
            .map(|m| (m.added_in.as_str(), m.changed_in.as_str()))
    };
    assert_eq!(mark("a-one"), Some(("1.0.0", "1.1.0")));
    assert_eq!(mark("c-three"), Some(("1.0.0", "1.0.0")));
    assert_eq!(mark("d-four"), Some(("1.1.0", "1.1.0")));
    assert_eq!(mark("b-two"), None);
}

fn accepted(reference: &str, id: &str, added: bool) -> Accepted {
    Accepted {
        date: "2026-12-06".into(),
        reference: reference.into(),
        added,
        id: id.into(),
        title: format!("Programme {id} (Chile)"),
    }
}

#[test]
fn accepted_proposals_wait_under_unreleased_until_a_release_takes_them() {
    let old = Release {
        version: "1.0.0".into(),
        date: "2026-11-01".into(),
        changes: diff(&rows(OLD), &rows(NEW)),
    };
    let changelog = with_entry("", &old).unwrap();
    let one = with_accepted(&changelog, &accepted("S-2026-0001", "e-five", true));
    let two = with_accepted(&one, &accepted("S-2026-0002", "a-one", false));
    let again = with_accepted(&two, &accepted("S-2026-0002", "a-one", false));
    assert_eq!(again, two, "a proposal is listed once");
    assert_eq!(
        unreleased(&two),
        vec![
            accepted("S-2026-0001", "e-five", true),
            accepted("S-2026-0002", "a-one", false)
        ]
    );
    assert!(two.find("## Unreleased").unwrap() < two.find("## 1.0.0").unwrap());
    assert_eq!(parse(&two), parse(&changelog), "no release of its own");

    let next = Release {
        version: "1.1.0".into(),
        date: "2026-12-10".into(),
        changes: Changes::default(),
    };
    let released = with_entry(&two, &next).unwrap();
    assert!(unreleased(&released).is_empty(), "{released}");
    assert!(!released.contains("## Unreleased"));
    let entry = &released[released.find("## 1.1.0").unwrap()..released.find("## 1.0.0").unwrap()];
    assert!(entry.contains("### Accepted proposals"), "{entry}");
    assert!(entry.contains("- 2026-12-06 S-2026-0001 added `e-five`: Programme e-five (Chile)"));
    assert_eq!(
        parse(&released)
            .iter()
            .map(|r| r.version.as_str())
            .collect::<Vec<_>>(),
        ["1.1.0", "1.0.0"]
    );
}

#[test]
fn an_accepted_proposal_is_found_in_its_release_or_waiting_for_one() {
    let accepted = |reference: &str| Accepted {
        date: "2026-12-01".into(),
        reference: reference.into(),
        added: true,
        id: "ke-x".into(),
        title: "X (Kenya)".into(),
    };
    let waiting = with_accepted("", &accepted("S-2026-0001"));
    assert_eq!(
        where_accepted(&waiting, "S-2026-0001"),
        Some(InChangelog::Unreleased {
            accepted: "2026-12-01".into()
        })
    );
    let release = Release {
        version: "2.0.0".into(),
        date: "2026-12-24".into(),
        changes: Changes::default(),
    };
    let released = with_entry(&waiting, &release).unwrap();
    let later = with_accepted(&released, &accepted("S-2026-0002"));
    assert_eq!(
        where_accepted(&later, "S-2026-0001"),
        Some(InChangelog::Released {
            version: "2.0.0".into(),
            date: "2026-12-24".into(),
            accepted: "2026-12-01".into()
        })
    );
    assert!(matches!(
        where_accepted(&later, "S-2026-0002"),
        Some(InChangelog::Unreleased { .. })
    ));
    assert_eq!(where_accepted(&later, "S-2026-0003"), None);
}

#[test]
fn notes_under_unreleased_stay_when_proposals_are_accepted_and_open_the_next_release() {
    let note = "New column `text_lang` in `practices.csv`: the language of a record's text.";
    let first = with_accepted("", &accepted("S-2026-0001", "e-five", true));
    let noted = first.replacen(
        "next release.\n\n",
        &format!("next release.\n\n{note}\n\n"),
        1,
    );
    assert_ne!(
        noted, first,
        "the note was written under the section's first sentence"
    );
    assert_eq!(unreleased_notes(&noted), note);
    let two = with_accepted(&noted, &accepted("S-2026-0002", "a-one", false));
    assert_eq!(unreleased_notes(&two), note, "{two}");
    assert_eq!(unreleased(&two).len(), 2, "a note is no proposal");

    let next = Release {
        version: "1.4.0".into(),
        date: "2026-12-10".into(),
        changes: diff(&rows(OLD), &rows(NEW)),
    };
    let released = with_entry(&two, &next).unwrap();
    assert!(!released.contains("## Unreleased"), "{released}");
    let entry = &released[released.find("## 1.4.0").unwrap()..];
    let counts = entry.find("Added: 1").unwrap();
    let at = entry.find(note).expect("the note opens the entry");
    assert!(
        counts < at && at < entry.find("### Added").unwrap(),
        "{entry}"
    );
    assert_eq!(
        parse(&released),
        vec![next],
        "the note is not read as a change"
    );
}

#[test]
fn a_row_that_only_gains_text_lang_as_english_has_not_changed() {
    let old = rows("id,country,programme\na-one,Chile,One\nb-two,Peru,Two\n");
    let new = rows("id,country,programme,text_lang\na-one,Chile,One,en\nb-two,Peru,Two,es\n");
    let changes = diff(&old, &new);
    assert_eq!(changes.changed.len(), 1, "{:?}", changes.changed);
    assert_eq!(changes.changed[0].id, "b-two");
    assert_eq!(changes.changed[0].fields[0].column, "text_lang");
}
