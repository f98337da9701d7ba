//! Reads the synonyms table (`data/synonyms.csv`: `terms` separated by `|`, and `meaning`).

use std::path::Path;

use anyhow::Context;

use crate::search::{SynonymGroup, Synonyms};

pub const SYNONYMS_FILE: &str = "synonyms.csv";

/// The table in `data_dir`, or an empty one when the file is absent (searches then match
/// only what was typed). A malformed file is an error naming the line.
pub fn load_synonyms(data_dir: &Path) -> anyhow::Result<Synonyms> {
    let path = data_dir.join(SYNONYMS_FILE);
    if !path.exists() {
        return Ok(Synonyms::default());
    }
    let mut reader =
        csv::Reader::from_path(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut groups = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.with_context(|| format!("{}:{line}", path.display()))?;
        let terms: Vec<String> = record
            .get(0)
            .unwrap_or_default()
            .split('|')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        anyhow::ensure!(
            terms.len() >= 2,
            "{}:{line}: a synonym group needs at least two terms",
            path.display()
        );
        let meaning = record.get(1).unwrap_or_default().trim().to_string();
        groups.push(SynonymGroup { terms, meaning });
    }
    Ok(Synonyms::new(groups))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_loads_and_has_the_field_acronyms() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let table = load_synonyms(&data).expect("loads");
        let all: Vec<&str> = table
            .groups()
            .iter()
            .flat_map(|g| g.terms.iter().map(String::as_str))
            .collect();
        for acronym in [
            "ATD",
            "UASC",
            "UAC",
            "UAM",
            "bail",
            "bond",
            "kids",
            "case worker",
        ] {
            assert!(all.contains(&acronym), "{acronym}");
        }
    }

    #[test]
    fn a_missing_file_is_an_empty_table_and_a_lone_term_is_an_error() {
        let dir = tempfile::tempdir().expect("dir");
        assert!(
            load_synonyms(dir.path())
                .expect("empty")
                .groups()
                .is_empty()
        );
        std::fs::write(dir.path().join(SYNONYMS_FILE), "terms,meaning\nATD,x\n").expect("write");
        let err = load_synonyms(dir.path()).expect_err("one term");
        assert!(format!("{err:#}").contains(":2"), "{err:#}");
    }
}
