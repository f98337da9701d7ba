//! The benchmark harness's parts at a small N (CI's smoke run, so they cannot rot): the
//! SYNTHETIC generator's rows pass the real importer, the index builds from them, every
//! measured scenario runs, and the browse counts cached per generation equal fresh counts.

use atd_atlas::bench::measure::{self, Scenario};
use atd_atlas::bench::synthetic::{self, Model};
use atd_atlas::cli;
use atd_atlas::import::load_reference;
use atd_atlas::model::Vocab;
use atd_atlas::search::{SearchIndex, SearchQuery, Sort};
use atd_atlas::store::Reader;

use crate::support::{copy_shipped_data, paths_in, repo_path};

const N: u64 = 300;

fn synthetic_csv(dir: &std::path::Path, n: u64, seed: u64) -> std::path::PathBuf {
    let reference = load_reference(&repo_path("data")).expect("reference");
    let model = Model::from_shipped(&repo_path("data"), &reference).expect("model");
    let out = dir.join("synthetic.csv");
    model
        .write_files(&out, n, seed, &reference)
        .expect("generate");
    out
}

#[test]
fn synthetic_records_pass_the_real_importer_and_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let csv = synthetic_csv(dir.path(), N, 1);
    let paths = paths_in(dir.path());
    let release = cli::import_and_index(&paths, &csv).expect("synthetic rows are valid");
    assert_eq!(release.practices, N as i64);

    let reader = Reader::open(&paths.db).unwrap();
    let all = reader.all_practices().unwrap();
    assert!(all.iter().all(|p| p.id.as_str().starts_with("synthetic-")));
    assert!(all.iter().all(|p| p.source_title.contains("SYNTHETIC")));
    assert!(
        all.iter()
            .all(|p| p.source_url.starts_with("https://example.org/"))
    );
    // Costs come in several currencies and years, and the importer derives dollars for them.
    let currencies: std::collections::BTreeSet<_> =
        all.iter().filter_map(|p| p.cost.currency.clone()).collect();
    let years: std::collections::BTreeSet<_> = all.iter().filter_map(|p| p.cost.year).collect();
    assert!(currencies.len() >= 3, "currencies: {currencies:?}");
    assert!(years.len() >= 3, "years: {years:?}");
    assert!(
        all.iter()
            .filter(|p| p.cost.per_day.is_some())
            .all(|p| p.derived.per_day_usd_constant.is_some())
    );
    // More than a handful of countries, all of them real ISO codes from the shipped table.
    let reference = load_reference(&paths.data_dir).unwrap();
    let countries: std::collections::BTreeSet<_> = all.iter().map(|p| p.iso2.clone()).collect();
    assert!(countries.len() >= 10, "countries: {}", countries.len());
    assert!(
        countries
            .iter()
            .all(|c| reference.countries.get(c).is_some())
    );
}

#[test]
fn the_same_seed_gives_the_same_file() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let first = std::fs::read(synthetic_csv(a.path(), 50, 9)).unwrap();
    let second = std::fs::read(synthetic_csv(b.path(), 50, 9)).unwrap();
    assert_eq!(first, second);
}

#[test]
fn the_generator_refuses_to_write_into_the_data_folder() {
    let data = repo_path("data");
    let err =
        synthetic::refuse_data_dir(&data.join("synthetic.csv"), &data).expect_err("must refuse");
    assert!(err.to_string().contains("never go into"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    synthetic::refuse_data_dir(&dir.path().join("x.csv"), &data).expect("a temp dir is fine");
}

#[test]
fn every_scenario_runs_and_cached_browse_counts_equal_fresh_ones() {
    let dir = tempfile::tempdir().unwrap();
    let csv = synthetic_csv(dir.path(), N, 2);
    let paths = paths_in(dir.path());
    cli::import_and_index(&paths, &csv).expect("import");
    let reference = load_reference(&paths.data_dir).unwrap();
    let model = Model::from_shipped(&paths.data_dir, &reference).unwrap();
    let words = measure::query_words(model.words());
    let index = SearchIndex::open(&paths.index_dir).unwrap();
    let store = Reader::open(&paths.db).unwrap();
    let countries = store.country_codes().unwrap();
    let types: Vec<String> = reference
        .vocabularies
        .keys(Vocab::AtdType)
        .map(str::to_string)
        .collect();

    let mut matched_something = false;
    for scenario in Scenario::ALL {
        let queries = measure::queries(scenario, 20, &words, &countries, &types, 3);
        assert_eq!(queries.len(), 20);
        let stats = measure::run(&index, &store, scenario, &queries, 2).expect("runs");
        assert_eq!(stats.queries, 20);
        assert!(stats.p50 <= stats.p99 && stats.p99 <= stats.max);
        matched_something |= scenario == Scenario::Keyword && stats.mean_hits > 0.0;
        if matches!(scenario, Scenario::Browse | Scenario::BrowseUncached) {
            assert_eq!(stats.mean_hits, N as f64, "browse counts everything");
        }
    }
    assert!(matched_something, "keyword queries find synthetic records");

    for sort in [Sort::Newest, Sort::Relevance, Sort::CostAsc] {
        let q = SearchQuery {
            sort,
            page: 2,
            per_page: 20,
            ..SearchQuery::default()
        };
        let cached_first = index.search(&q).unwrap();
        let cached_again = index.search(&q).unwrap();
        let fresh = index.search_uncached(&q).unwrap();
        assert_eq!(cached_first, fresh);
        assert_eq!(cached_again, fresh);
    }
}

#[test]
fn fresh_addresses_never_repeat_and_each_finds_something() {
    let dir = tempfile::tempdir().unwrap();
    let csv = synthetic_csv(dir.path(), N, 3);
    let paths = paths_in(dir.path());
    cli::import_and_index(&paths, &csv).unwrap();
    let reference = load_reference(&repo_path("data")).unwrap();
    let model = Model::from_shipped(&repo_path("data"), &reference).unwrap();
    let store = Reader::open(&paths.db).unwrap();
    let addresses = measure::fresh_addresses(&store, &model, 2_000, 5).unwrap();
    assert_eq!(addresses.len(), 2_000);
    let distinct: std::collections::BTreeSet<&String> = addresses.iter().collect();
    assert_eq!(distinct.len(), addresses.len(), "an address repeats");
    let index = SearchIndex::open(&paths.index_dir).unwrap();
    for address in addresses.iter().take(200) {
        let raw: atd_atlas::web::params::RawSearchParams =
            serde_html_form::from_str(address).unwrap();
        let request = atd_atlas::web::params::parse(&raw);
        let found = index.search(&request.query).unwrap().total;
        assert!(found > 0, "{address} finds nothing");
    }
}

/// The pinned workload makes the same records and searches as when its version was made:
/// a change to the frozen data, a seed, the generator or a query set is a new version.
#[test]
fn the_pinned_workload_is_the_one_its_version_names() {
    use atd_atlas::bench::workload;
    let frozen = repo_path(workload::DIR);
    workload::check_dir(&frozen).expect("the frozen data of this version");
    let reference = load_reference(&frozen).unwrap();
    let model = Model::from_shipped(&frozen, &reference).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("synthetic.csv");
    model
        .write_files(
            &csv,
            workload::COUNTED_RECORDS,
            workload::RECORDS_SEED,
            &reference,
        )
        .unwrap();
    let paths = atd_atlas::config::Paths {
        data_dir: frozen,
        ..paths_in(dir.path())
    };
    let limits = atd_atlas::import::Limits {
        max_file_bytes: u64::MAX,
        max_rows: usize::MAX,
        ..atd_atlas::import::Limits::default()
    };
    cli::import_streaming(&paths, &csv, &reference, &limits).expect("the records import");
    let store = Reader::open(&paths.db).unwrap();
    let found = workload::fingerprint(&std::fs::read(&csv).unwrap(), &model, &store, &reference)
        .expect("every query set");
    let file = repo_path(workload::DIR).join(workload::FINGERPRINT_FILE);
    let expected = std::fs::read_to_string(&file).unwrap_or_default();
    let expected = u64::from_str_radix(expected.trim().trim_start_matches("0x"), 16).ok();
    assert_eq!(
        Some(found),
        expected,
        "workload v{} now makes other records or searches (fingerprint {found:#x}): that is a \
         new version — copy {} to the next version's folder, raise workload::VERSION, write \
         {found:#x} into its {}, and update bench/baseline.json in the same commit",
        workload::VERSION,
        workload::DIR,
        workload::FINGERPRINT_FILE
    );
}

/// `bench/run` measures each N in a folder holding the reference tables and the generated
/// practices.csv only (no figures.csv): the model learns its costs from the records' columns.
#[test]
fn a_folder_of_generated_records_alone_yields_a_model() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let tables = [
        "vocabularies.csv",
        "countries.csv",
        "currencies.csv",
        "fx_usd_annual.csv",
        "us_cpi_annual.csv",
        "synonyms.csv",
    ];
    copy_shipped_data(&data, |name| tables.contains(&name));
    let generated = synthetic_csv(dir.path(), N, 4);
    std::fs::rename(&generated, data.join("practices.csv")).unwrap();
    assert!(!data.join("figures.csv").exists());

    let reference = load_reference(&data).unwrap();
    let model = Model::from_shipped(&data, &reference).expect("a model from generated records");
    assert!(!model.words().is_empty());
}
