//! The reference tables' loader, case by case: good tables load, bad rows name file and line.

use super::*;

fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data")
}

/// A copy of the fixture data dir with one file replaced.
fn with_file(name: &str, contents: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(fixture_dir()).expect("fixture dir") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    std::fs::write(dir.path().join(name), contents).expect("write");
    dir
}

fn error(name: &str, contents: &str) -> String {
    let dir = with_file(name, contents);
    format!("{:#}", load_reference(dir.path()).expect_err("should fail"))
}

#[test]
fn fixture_reference_loads() {
    let reference = load_reference(&fixture_dir()).expect("fixture reference");
    assert!(reference.vocabularies.contains(Vocab::Kind, "programme"));
    assert_eq!(
        reference
            .vocabularies
            .label(Vocab::Population, "children", crate::model::Lang::Es),
        "Niños"
    );
    let mx = reference.countries.get("MX").expect("MX");
    assert_eq!(mx.region, "americas");
    assert!(reference.money.is_currency("EUR"));
    assert_eq!(reference.money.units_per_usd("CAD", 2010), Some(1.25));
    assert_eq!(reference.money.cpi.get(&REFERENCE_YEAR), Some(&300.0));
    assert!(reference.money.cpi_source.contains("TEST DATA"));
}

#[test]
fn bad_rows_name_file_and_line() {
    let cases = [
        (
            "currencies.csv",
            "code,name\nUSD,US Dollar\neur,Euro\n",
            "currencies.csv:3: code `eur`",
        ),
        (
            "currencies.csv",
            "code,name\nUSD,US Dollar\nUSD,Again\n",
            "currencies.csv:3: code `USD` appears twice",
        ),
        (
            "currencies.csv",
            "code\nUSD\n",
            "currencies.csv:1: required column `name` is missing",
        ),
        (
            "fx_usd_annual.csv",
            "currency,year,units_per_usd,source\nbgn,2010,1,s\n",
            "fx_usd_annual.csv:2: currency `bgn`",
        ),
        (
            "fx_usd_annual.csv",
            "currency,year,units_per_usd,source\nCAD,2010,1,s\nCAD,2010,2,s\n",
            "fx_usd_annual.csv:3: CAD 2010 appears twice",
        ),
        (
            "fx_usd_annual.csv",
            "currency,year,units_per_usd,source\nCAD,2010,-1,s\n",
            "fx_usd_annual.csv:2: units_per_usd `-1`",
        ),
        (
            "fx_usd_annual.csv",
            "currency,year,units_per_usd,source\nCAD,20x0,1,s\n",
            "fx_usd_annual.csv:2: year `20x0`",
        ),
        (
            "us_cpi_annual.csv",
            "year,cpi_u_annual_avg,source\n2010,200,s\n",
            "reference year 2024",
        ),
        (
            "us_cpi_annual.csv",
            "year,cpi_u_annual_avg,source,extra\n2024,1,s,x\n",
            "unknown column `extra`",
        ),
        (
            "countries.csv",
            "iso2,iso3,m49,name_en,name_es,name_fr,region,subregion\nmx,MEX,484,Mexico,,,americas,\n",
            "countries.csv:2: iso2 `mx`",
        ),
        (
            "countries.csv",
            "iso2,iso3,m49,name_en,name_es,name_fr,region,subregion\nMX,MEX,484,Mexico,,,nowhere,\n",
            "countries.csv:2: region `nowhere`",
        ),
        (
            "vocabularies.csv",
            "vocabulary,key,label_en,label_es,label_fr,definition_en,definition_es,definition_fr,kind\nkinds,law,Law,,,,,,\n",
            "vocabularies.csv:2: unknown vocabulary `kinds`",
        ),
        (
            "vocabularies.csv",
            "vocabulary,key,label_en,label_es,label_fr,definition_en,definition_es,definition_fr,kind\nkind,law,Law,,,,,,\n",
            "vocabulary `status` has no terms",
        ),
        (
            "vocabularies.csv",
            "vocabulary,key,label_en,label_es,label_fr,definition_en,definition_es,definition_fr,kind\nkind,law,Law\u{202e},,,,,,\n",
            "vocabularies.csv:2: column label_en contains a control character U+202E",
        ),
    ];
    for (file, contents, needle) in cases {
        let message = error(file, contents);
        assert!(
            message.contains(needle),
            "{file}: {message:?} lacks {needle:?}"
        );
    }
}

#[test]
fn missing_file_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let message = format!("{:#}", load_reference(dir.path()).expect_err("no files"));
    assert!(message.contains("vocabularies.csv"), "{message}");
}
