//! Tests of the rendered pages: escaping, highlights, counts, facets, chips and the shell.

use std::collections::BTreeMap;

use super::*;
use crate::model::{
    Cost, Country, DerivedCost, Labels, Lang, Link, Practice, PracticeId, REFERENCE_YEAR,
    Reference, Relation, Term, Vocab,
};
use crate::search::query::DEFAULT_PER_PAGE;
use crate::search::suggest::Suggestions;
use crate::search::{
    FacetCounts, FacetName, FacetValue, Hit, Range, RangeLimit, Reading, SearchQuery,
    SearchResults, Snippet, Synonyms,
};
use crate::store::DataRelease;
use crate::web::params::SearchRequest;

const SCRIPT: &str = "<script>alert(1)</script>";
const ATTR_BREAK: &str = "\"><img src=x onerror=alert(1)>";

fn labels(en: &str, es: &str, fr: &str) -> Labels {
    Labels {
        en: en.into(),
        es: es.into(),
        fr: fr.into(),
    }
}

fn reference() -> Reference {
    let mut r = Reference::default();
    let mut term = |vocab, key: &str, l: Labels| {
        r.vocabularies.insert(
            vocab,
            Term {
                key: key.into(),
                label: l,
                definition: labels("A definition.", "Una definición.", "Une définition."),
                kind: String::new(),
            },
        )
    };
    term(
        Vocab::Kind,
        "programme",
        labels("Programme", "Programa", "Programme"),
    );
    term(Vocab::Status, "active", labels("Active", "Activo", "Actif"));
    term(
        Vocab::Population,
        "children",
        labels("Children", "Niños", "Enfants"),
    );
    term(
        Vocab::AtdType,
        "case_management",
        labels("Case management", "Gestión de casos", "Gestion de cas"),
    );
    term(
        Vocab::CostUnit,
        "per_person",
        labels("per person", "por persona", "par personne"),
    );
    term(
        Vocab::Region,
        "americas",
        labels("Americas", "Américas", "Amériques"),
    );
    term(Vocab::OrganisationType, "ngo", labels("NGO", "ONG", "ONG"));
    r.countries.insert(Country {
        iso2: "MX".into(),
        iso3: "MEX".into(),
        m49: "484".into(),
        name: labels("Mexico", "México", "Mexique"),
        region: "americas".into(),
        subregion: "latin_america".into(),
    });
    r
}

fn practice(id: &str) -> Practice {
    Practice {
        id: PracticeId::parse(id).expect("test id is a slug"),
        country: "Mexico".into(),
        iso2: "MX".into(),
        region: "americas".into(),
        subregion: "latin_america".into(),
        programme: "Casa Alternativa".into(),
        kind: "programme".into(),
        organisation: "Some NGO".into(),
        organisation_type: "ngo".into(),
        start_year: Some(2015),
        end_year: None,
        status: "active".into(),
        populations: vec!["children".into()],
        atd_types: vec!["case_management".into()],
        cap_stages: vec![],
        participants: Some(1200),
        participants_note: String::new(),
        cost: Cost {
            per_day: Some(250.0),
            currency: Some("MXN".into()),
            unit: Some("per_person".into()),
            year: Some(2020),
            year_basis: Some("publication".into()),
            bound: Some("exact".into()),
            ..Cost::default()
        },
        derived: DerivedCost {
            per_day_usd: Some(11.6),
            per_day_usd_constant: Some(14.2),
            ..DerivedCost::default()
        },
        outcome_compliance_pct: Some(95.0),
        outcome_other: String::new(),
        summary: "Community placement for children.".into(),
        source_title: "Report".into(),
        source_url: "https://example.org/report".into(),
        last_verified: "2026-11-30".into(),
        sources: Vec::new(),
        figures: Vec::new(),
        releases: Default::default(),
        translations: Vec::new(),
        status_as_of: None,
        text_lang: Lang::En,
        links: Vec::new(),
    }
}

fn evil() -> Practice {
    let mut p = practice("evil-record");
    p.programme = format!("{SCRIPT}{ATTR_BREAK}");
    p.country = SCRIPT.into();
    p.iso2 = "ZZ".into(); // not in the country table: the source's spelling is shown
    p.organisation = ATTR_BREAK.into();
    p.summary = format!("Summary {SCRIPT} {ATTR_BREAK}");
    p.outcome_other = ATTR_BREAK.into();
    p.participants_note = SCRIPT.into();
    p.source_title = ATTR_BREAK.into();
    p.source_url = "javascript:alert(1)".into();
    p.populations = vec![ATTR_BREAK.into()];
    p
}

fn query() -> SearchQuery {
    SearchQuery {
        page: 1,
        per_page: DEFAULT_PER_PAGE,
        ..SearchQuery::default()
    }
}

fn request(q: SearchQuery, lang: Lang) -> SearchRequest {
    SearchRequest {
        query: q,
        lang,
        warnings: vec![],
    }
}

fn results(total: usize, practices: &[Practice], facets: Vec<FacetCounts>) -> SearchResults {
    SearchResults {
        relaxed: false,
        ranges: None,
        total,
        hits: practices
            .iter()
            .map(|p| Hit {
                id: p.id.to_string(),
                score: 1.0,
                snippet: Snippet {
                    text: p.summary.clone(),
                    highlights: vec![],
                    lang: Lang::En,
                },
            })
            .collect(),
        facets,
        warnings: vec![],
        generation: 1,
    }
}

/// A record's page in `lang` with no tools and no related records, as HTML.
fn record_page(p: &Practice, lang: Lang) -> String {
    practice_page(p, &reference(), lang, maud::html! {}, &Related::default()).into_string()
}

fn render_search(req: &SearchRequest, res: &SearchResults, practices: &[Practice]) -> String {
    let r = reference();
    search_page(&SearchView {
        request: req,
        results: res,
        practices,
        reference: &r,
        range_values: None,
        suggestions: &Suggestions::default(),
        today: "2026-12-06",
    })
    .into_string()
}

/// The tags of a page: with maud escaping `<` in text and attributes, every `<` opens one.
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(rest))
        .collect()
}

/// A tag split into its markup (even parts) and its quoted attribute values (odd parts);
/// maud escapes `"` inside values, so a quote always delimits a value.
fn tag_parts(tag: &str) -> (Vec<&str>, Vec<&str>) {
    let parts: Vec<&str> = tag.split('"').collect();
    let markup = parts.iter().step_by(2).copied().collect();
    let values = parts.iter().skip(1).step_by(2).copied().collect();
    (markup, values)
}

/// The page without the one script element the layout adds (our own file, no inline code).
fn without_our_script(html: &str) -> String {
    let ours = format!("<script src=\"{SCRIPT_PATH}\" defer></script>");
    assert!(html.contains(&ours), "the enhancement script is linked");
    html.replace(&ours, "")
}

fn assert_no_injection(html: &str) {
    let html = &without_our_script(html);
    assert!(!html.contains("<script"), "raw script tag");
    assert!(!html.contains("<img"), "raw img tag");
    for tag in tags(html) {
        let (markup, values) = tag_parts(tag);
        assert!(
            !markup
                .iter()
                .any(|m| m.to_ascii_lowercase().contains("onerror")),
            "event handler in <{tag}>"
        );
        assert!(
            !values.iter().any(|v| v
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("javascript:")),
            "javascript: URL in <{tag}>"
        );
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "payload shown as text"
    );
}

fn assert_shell(html: &str, lang: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(&format!("<html lang=\"{lang}\">")));
    assert!(html.contains("href=\"#main\""), "skip link");
    assert_eq!(html.matches("<main").count(), 1, "one main");
    assert!(html.contains("<main id=\"main\">"));
    assert!(
        !without_our_script(html).contains("<script"),
        "no other script"
    );
    assert!(!html.contains("style="), "no style attributes");
    assert!(!html.contains("<style"), "no style elements");
    assert!(html.contains(&format!("href=\"{STYLESHEET_PATH}\"")));
}

#[test]
fn a_hostile_record_is_escaped_on_the_practice_page() {
    let html = record_page(&evil(), Lang::En);
    assert_no_injection(&html);
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        !html.contains("href=\"javascript"),
        "non-web source is not a link"
    );
    assert!(
        html.contains("javascript:alert(1)"),
        "the bad URL is still shown as text"
    );
}

#[test]
fn a_hostile_record_and_query_are_escaped_on_the_search_page() {
    let p = evil();
    let mut q = query();
    q.text = format!("{SCRIPT}{ATTR_BREAK}");
    q.filters
        .insert(FacetName::Population, vec![ATTR_BREAK.into()]);
    let mut req = request(q, Lang::Es);
    req.warnings.push(Reading::NotANumber {
        limit: RangeLimit::Cost,
        text: ATTR_BREAK.into(),
    });
    let facets = vec![FacetCounts {
        facet: FacetName::Population,
        values: vec![FacetValue {
            value: ATTR_BREAK.into(),
            count: 1,
            selected: true,
        }],
    }];
    let html = render_search(
        &req,
        &results(1, std::slice::from_ref(&p), facets),
        std::slice::from_ref(&p),
    );
    assert_no_injection(&html);
    assert_shell(&html, "es");
}

#[test]
fn highlights_become_marks_around_exactly_the_matched_bytes() {
    let text = "Niños y familias: niños acompañados";
    let first = text.find("Niños").unwrap();
    let second = text.rfind("niños").unwrap();
    let snippet = Snippet {
        text: text.into(),
        // Out of order on purpose: ranges are sorted before cutting.
        highlights: vec![second..second + "niños".len(), first..first + "Niños".len()],
        lang: Lang::Es,
    };
    let html = search_page::highlighted(&snippet).into_string();
    assert_eq!(
        html,
        "<mark>Niños</mark> y familias: <mark>niños</mark> acompañados"
    );
}

#[test]
fn bad_highlight_ranges_are_skipped_not_panicked_on() {
    let text = "añb café";
    let snippet = Snippet {
        text: text.into(),
        // 2..3 splits "ñ"; 3..100 runs past the end; 6..4 is reversed; then a good one.
        highlights: vec![2..3, 3..100, std::ops::Range { start: 6, end: 4 }, 5..10],
        lang: Lang::Es,
    };
    let html = search_page::highlighted(&snippet).into_string();
    assert_eq!(html, "añb <mark>café</mark>");
    let escaped = Snippet {
        text: "<b>bail</b> <i>bond</i>".into(),
        highlights: vec![3..7, 15..19],
        lang: Lang::En,
    };
    assert_eq!(
        search_page::highlighted(&escaped).into_string(),
        "&lt;b&gt;<mark>bail</mark>&lt;/b&gt; &lt;i&gt;<mark>bond</mark>&lt;/i&gt;"
    );
}

#[test]
fn the_count_sentence_fits_zero_one_and_many() {
    let count = |n: usize| {
        let p = practice("mx-casa");
        let shown: Vec<Practice> = if n == 0 { vec![] } else { vec![p] };
        let html = render_search(
            &request(query(), Lang::En),
            &results(n, &shown, vec![]),
            &shown,
        );
        let start = html.find("id=\"count\"").expect("count element");
        let end = start + html[start..].find("</p>").unwrap();
        html[start..end].to_string()
    };
    let zero = count(0);
    assert!(zero.contains("No practices match"), "{zero}");
    assert!(zero.contains("aria-live=\"polite\"") && zero.contains("role=\"status\""));
    assert!(count(1).ends_with(">1 practice"), "{}", count(1));
    assert!(count(1234).ends_with(">1,234 practices"), "{}", count(1234));
}

#[test]
fn an_empty_result_suggests_a_way_on() {
    let mut q = query();
    q.text = "zzzz".into();
    q.filters.insert(FacetName::Country, vec!["MX".into()]);
    let html = render_search(&request(q, Lang::En), &results(0, &[], vec![]), &[]);
    assert!(html.contains("No practices match “<bdi>zzzz</bdi>”"));
    assert!(html.contains("Clear all filters and keep the words"));
    assert!(html.contains("Browse all practices"));
    assert!(!html.contains("id=\"results\""), "no empty list");
}

#[test]
fn selected_facet_values_are_checked_and_zero_counts_hidden() {
    let mut q = query();
    q.filters.insert(FacetName::Country, vec!["MX".into()]);
    let value = |v: &str, count, selected| FacetValue {
        value: v.into(),
        count,
        selected,
    };
    let facets = vec![FacetCounts {
        facet: FacetName::Country,
        values: vec![
            value("MX", 3, true),
            value("KE", 2, false),
            value("AR", 0, false),
        ],
    }];
    let p = practice("mx-casa");
    let html = render_search(
        &request(q, Lang::Fr),
        &results(1, std::slice::from_ref(&p), facets),
        &[p],
    );
    assert!(html.contains("name=\"country\" value=\"MX\" checked"));
    assert!(
        html.contains("name=\"country\" value=\"KE\">"),
        "KE not checked"
    );
    assert!(!html.contains("value=\"AR\""), "zero-count value hidden");
    assert!(
        html.contains("Mexique"),
        "country name in the page language"
    );
    assert!(html.contains("name=\"lang\" value=\"fr\""));
}

#[test]
fn long_facets_show_the_top_ten_then_more() {
    let values: Vec<FacetValue> = (0..12)
        .map(|i| FacetValue {
            value: format!("C{i}"),
            count: 20 - i,
            selected: i == 11,
        })
        .collect();
    let facets = vec![FacetCounts {
        facet: FacetName::Country,
        values,
    }];
    let html = render_search(&request(query(), Lang::En), &results(0, &[], facets), &[]);
    let more = html
        .find("More (1)")
        .expect("a more disclosure with one value");
    let c10 = html.find("value=\"C10\"").unwrap();
    let c11 = html.find("value=\"C11\"").unwrap();
    assert!(c11 < more, "a selected value stays in view");
    assert!(c10 > more, "the eleventh value is behind more");
}

#[test]
fn chips_link_to_the_search_without_their_value() {
    let mut q = query();
    q.text = "bail".into();
    q.filters
        .insert(FacetName::Country, vec!["MX".into(), "KE".into()]);
    q.cost_usd = Range {
        min: None,
        max: Some(20.0),
    };
    q.page = 3;
    let html = render_search(&request(q, Lang::En), &results(0, &[], vec![]), &[]);
    assert!(
        html.contains("href=\"/?q=bail&amp;country=KE&amp;cost_max=20&amp;lang=en\""),
        "MX chip"
    );
    assert!(
        html.contains("href=\"/?q=bail&amp;country=MX&amp;cost_max=20&amp;lang=en\""),
        "KE chip"
    );
    assert!(
        html.contains("href=\"/?q=bail&amp;country=MX&amp;country=KE&amp;lang=en\""),
        "cost chip"
    );
    assert!(html.contains(&format!(
        "Cost per day ({REFERENCE_YEAR} USD): up to US$\u{A0}20.00"
    )));
    assert!(
        html.contains("<a class=\"clear\" href=\"/?q=bail&amp;lang=en\">"),
        "clear all keeps the words"
    );
}

#[test]
fn results_show_key_figures_and_link_in_the_page_language() {
    let p = practice("mx-casa");
    let html = render_search(
        &request(query(), Lang::Es),
        &results(1, std::slice::from_ref(&p), vec![]),
        &[p],
    );
    assert!(html.contains("href=\"/practices/mx-casa?lang=es\""));
    assert!(html.contains(&format!(
        "US$\u{A0}14,20/día por persona (USD de {REFERENCE_YEAR})"
    )));
    assert!(html.contains("95\u{A0}%"));
    assert!(html.contains(
        "<a href=\"/countries/MX?lang=es\">México</a> · Américas · Programa · desde 2015"
    ));
    assert!(
        html.contains("lang=\"en\""),
        "record text marked as English"
    );
}

#[test]
fn a_hit_without_its_record_is_skipped() {
    let p = practice("mx-casa");
    let mut res = results(2, std::slice::from_ref(&p), vec![]);
    res.hits.insert(
        0,
        Hit {
            id: "gone-record".into(),
            score: 2.0,
            snippet: Snippet::default(),
        },
    );
    let html = render_search(&request(query(), Lang::En), &res, &[p]);
    assert_eq!(html.matches("class=\"result\"").count(), 1);
}

#[test]
fn pagination_marks_the_current_page_and_keeps_the_query() {
    let mut q = query();
    q.text = "bail".into();
    q.page = 2;
    let p = practice("mx-casa");
    let html = render_search(
        &request(q, Lang::En),
        &results(45, std::slice::from_ref(&p), vec![]),
        &[p],
    );
    assert!(html.contains(
        "<a href=\"/?q=bail&amp;page=2&amp;lang=en\" aria-current=\"page\" aria-label=\"Page 2\">"
    ));
    assert!(html.contains("rel=\"prev\" href=\"/?q=bail&amp;lang=en\""));
    assert!(html.contains("rel=\"next\" href=\"/?q=bail&amp;page=3&amp;lang=en\""));
    assert!(!html.contains("page=4"), "three pages of twenty");
    assert!(html.contains("<ol class=\"results\" id=\"results\" start=\"21\">"));
}

#[test]
fn the_language_switch_keeps_the_page() {
    let mut q = query();
    q.text = "niños".into();
    let html = render_search(&request(q, Lang::Es), &results(0, &[], vec![]), &[]);
    assert!(html.contains("href=\"/?q=ni%C3%B1os&amp;lang=en\" hreflang=\"en\" lang=\"en\""));
    assert!(html.contains("href=\"/?q=ni%C3%B1os&amp;lang=fr\" hreflang=\"fr\" lang=\"fr\""));
    let page = record_page(&practice("mx-casa"), Lang::Fr);
    assert!(page.contains("href=\"/practices/mx-casa?lang=es\""));
}

#[test]
fn the_practice_page_links_tags_and_says_what_is_not_published() {
    let html = record_page(&practice("mx-casa"), Lang::En);
    assert_shell(&html, "en");
    assert!(html.contains("<h1 dir=\"auto\">Casa Alternativa</h1>"));
    assert!(html.contains("href=\"/countries/MX?lang=en\">Mexico</a>"));
    assert!(html.contains("href=\"/?country=MX&amp;lang=en\">search its practices</a>"));
    assert!(html.contains("href=\"/?population=children&amp;lang=en\">Children</a>"));
    assert!(html.contains("MXN\u{A0}250.00"));
    assert!(html.contains("US$\u{A0}11.60"));
    assert!(html.contains("US$\u{A0}14.20"));
    // No detention cost was published: its cells say so, and no saving is computed.
    assert_eq!(
        html.matches("not published").count(),
        7,
        "3 detention cells, its bound, saving, CAP stages, other outcomes"
    );
    assert!(html.contains(&format!(
        "Daily saving against detention ({REFERENCE_YEAR} USD): not published"
    )));
    assert!(html.contains("href=\"https://example.org/report\" rel=\"noopener noreferrer\""));
    assert_eq!(
        tags(&html)
            .iter()
            .filter(|t| t.contains("https://"))
            .count(),
        1,
        "one external link"
    );
}

#[test]
fn the_practice_page_marks_english_record_text_on_other_pages() {
    let html = record_page(&practice("mx-casa"), Lang::Es);
    assert_shell(&html, "es");
    assert!(html.contains("<p class=\"summary\" lang=\"en\" dir=\"auto\">"));
    assert!(html.contains(">Niños</a>"));
}

/// A SYNTHETIC record written in Spanish.
fn spanish(id: &str) -> Practice {
    let mut p = practice(id);
    p.text_lang = Lang::Es;
    p.programme = "Casa de acogida".into();
    p.summary = "Acompañamiento de familias.".into();
    p
}

#[test]
fn a_spanish_record_carries_its_language_and_is_no_translation_on_spanish_pages() {
    let p = spanish("mx-acogida");
    let english = record_page(&p, Lang::En);
    assert!(english.contains("<h1 dir=\"auto\" lang=\"es\">Casa de acogida</h1>"));
    assert!(english.contains("<p class=\"summary\" lang=\"es\" dir=\"auto\">"));
    assert!(
        english.contains("Record text is shown in Spanish"),
        "{english}"
    );
    let spanish_page = record_page(&p, Lang::Es);
    assert!(spanish_page.contains("<h1 dir=\"auto\">Casa de acogida</h1>"));
    assert!(!spanish_page.contains("El texto del registro se muestra"));
    // In the results: a Spanish snippet of a Spanish record is no machine translation.
    let mut res = results(1, std::slice::from_ref(&p), vec![]);
    res.hits[0].snippet.lang = Lang::Es;
    let html = render_search(&request(query(), Lang::Es), &res, std::slice::from_ref(&p));
    assert!(html.contains("Acompañamiento de familias."));
    assert!(!html.contains("traducción automática"), "{html}");
    let english_results = render_search(&request(query(), Lang::En), &res, &[p]);
    assert!(english_results.contains("<p class=\"snippet\" lang=\"es\">"));
}

/// The cost chart's bar names and the table's names carry the record's language: a
/// Spanish record's name is marked `es` on an English page and left unmarked on a Spanish one.
#[test]
fn the_cost_chart_marks_each_name_with_its_records_language() {
    let overview = crate::overview::Overview::of([spanish("mx-acogida")]);
    assert_eq!(overview.costed.len(), 1, "the SYNTHETIC record has a cost");
    let english = insights_page(&overview, &reference(), Lang::En).into_string();
    assert!(
        english.contains("<tspan lang=\"es\">Casa de acogida</tspan>"),
        "{english}"
    );
    let spanish_page = insights_page(&overview, &reference(), Lang::Es).into_string();
    assert!(
        spanish_page.contains("<tspan>Casa de acogida</tspan>"),
        "{spanish_page}"
    );
    assert!(!spanish_page.contains("lang=\"en\">Casa de acogida"));
}

#[test]
fn the_about_page_lists_vocabularies_in_the_page_language() {
    let release = DataRelease {
        generation: 7,
        fingerprint: "abc".into(),
        imported_at: "2026-07-30T12:00:00Z".into(),
        practices: 78,
    };
    let mut r = reference();
    r.money.cpi_source = "BLS CPI-U".into();
    r.money.fx_sources = BTreeMap::from([("TWD".to_string(), "Federal Reserve".to_string())]);
    let html = about_page(
        &r,
        Some(&release),
        &Synonyms::default(),
        "https://atlas.example.org",
        Lang::Fr,
    )
    .into_string();
    assert!(
        html.contains("désignent ce site ainsi : <code>https://atlas.example.org</code>"),
        "the public URL in use is shown"
    );
    assert_shell(&html, "fr");
    assert!(html.contains("78 pratiques"));
    assert!(html.contains("Gestion de cas"));
    assert!(html.contains("Une définition."));
    assert!(html.contains("Taux de change : <span lang=\"en\">Federal Reserve (TWD)</span>."));
    assert!(html.contains("Prix à la consommation : <span lang=\"en\">BLS CPI-U</span>."));
    assert!(html.contains("version des données 7 (30/07/2026)"));
    assert!(html.contains("/api/v1/practices/{id}"));
    assert!(html.contains("CC BY 4.0"));
    let bare = about_page(
        &Reference::default(),
        None,
        &Synonyms::default(),
        "http://127.0.0.1:8080",
        Lang::En,
    )
    .into_string();
    assert!(bare.contains("PA.NUS.FCRF"));
}

#[test]
fn error_pages_offer_search_and_home() {
    let html = error_page(
        404,
        "Page not found",
        "No practice has the id <x>.",
        Lang::En,
    )
    .into_string();
    assert_shell(&html, "en");
    assert!(html.contains("Error 404"));
    assert!(html.contains("No practice has the id &lt;x&gt;."));
    assert!(html.contains("role=\"search\""));
    assert!(html.contains("name=\"q\""));
    assert!(html.contains("href=\"/?lang=en\""));
}

#[test]
fn the_search_form_keeps_its_state() {
    let mut q = query();
    q.text = "bail".into();
    q.sort = crate::search::Sort::CostAsc;
    q.start_year = Range {
        min: Some(2010.0),
        max: None,
    };
    let html = render_search(&request(q, Lang::En), &results(0, &[], vec![]), &[]);
    assert!(html.contains(
        "<form class=\"search\" id=\"search\" action=\"/\" method=\"get\" role=\"search\">"
    ));
    assert!(html.contains("name=\"q\" value=\"bail\""));
    assert!(html.contains("<option value=\"cost_asc\" selected>"));
    assert!(html.contains("name=\"year_min\" step=\"1\" min=\"1950\" value=\"2010\""));
    assert!(html.contains(&format!("Cost per day (USD {REFERENCE_YEAR})")));
    assert!(
        html.contains("name=\"lang\" value=\"en\""),
        "the language is explicit, English too"
    );
}
#[test]
fn the_daily_saving_is_shown_and_a_negative_one_explained() {
    let mut p = practice("mx-casa");
    p.cost.detention_per_day = Some(1000.0);
    p.derived.detention_per_day_usd = Some(46.4);
    p.derived.detention_per_day_usd_constant = Some(56.8);
    p.derived.saving_per_day_usd_constant = Some(42.6);
    let html = record_page(&p, Lang::En);
    assert!(html.contains("MXN\u{A0}1,000.00"));
    assert!(html.contains(&format!(
        "Daily saving against detention ({REFERENCE_YEAR} USD): US$\u{A0}42.60"
    )));
    p.derived.saving_per_day_usd_constant = Some(-3.0);
    let html = record_page(&p, Lang::En);
    assert!(html.contains("none: the alternative costs US$\u{A0}3.00 more per day"));
}

#[test]
fn an_old_active_status_reads_last_reported_and_a_recent_one_its_date() {
    let mut p = practice("mx-casa");
    p.status_as_of = Some("2023-06-08".into());
    // Three years and a half before: old. A year-only date counts as its last day.
    assert_eq!(p.last_reported_active("2026-12-06"), Some(2023));
    p.status_as_of = Some("2023".into());
    assert_eq!(p.last_reported_active("2026-12-06"), None);
    assert_eq!(p.last_reported_active("2027-01-01"), Some(2023));
    let related = Related {
        today: "2027-01-01",
        linked: Vec::new(),
        ..Related::default()
    };
    let html = practice_page(&p, &reference(), Lang::Es, maud::html! {}, &related).into_string();
    assert!(
        html.contains("última constancia de actividad en 2023"),
        "{html}"
    );
    p.status_as_of = Some("2026-01-20".into());
    let html = practice_page(&p, &reference(), Lang::Fr, maud::html! {}, &related).into_string();
    assert!(html.contains("au 2026-01-20"), "{html}");
    assert!(!html.contains("dernière activité signalée"));
    // Not active: a date, never "last reported active".
    p.status = "ended".into();
    p.status_as_of = Some("2017-06".into());
    assert_eq!(p.last_reported_active("2026-12-06"), None);
}

#[test]
fn linked_records_are_named_by_relation_and_link_to_their_page() {
    let mut p = practice("pl-phase-two");
    let mut earlier = practice("pl-phase-one");
    earlier.programme = "No Detention Necessary (phase one)".into();
    p.links = vec![Link {
        relation: Relation::SuccessorOf,
        outgoing: true,
        other: earlier.id.clone(),
    }];
    let related = Related {
        today: "2026-12-06",
        linked: vec![&earlier],
        ..Related::default()
    };
    let html = practice_page(&p, &reference(), Lang::En, maud::html! {}, &related).into_string();
    assert!(html.contains("Related records"), "{html}");
    assert!(html.contains("<dt>Earlier phase</dt>"), "{html}");
    assert!(
        html.contains("href=\"/practices/pl-phase-one?lang=en\""),
        "{html}"
    );
    assert!(html.contains("No Detention Necessary (phase one)"));
    let html = record_page(&earlier, Lang::En);
    assert!(!html.contains("Related records"), "no links, no section");
}

/// `/changes` marks each record's name with its language as the atlas has it now: a Spanish
/// record's in Spanish, an English one's in English on a French page, a removed record's not
/// at all (unknown rather than guessed); a changed name is marked with the languages the
/// release changed its text from and to.
#[test]
fn changes_marks_each_name_with_its_records_language() {
    use crate::changes::{Changed, Changes, FieldChange, Listed, Release};
    let listed = |id: &str, title: &str| Listed {
        id: id.into(),
        title: title.into(),
    };
    let release = Release {
        version: "9.9.9".into(),
        date: "2026-12-06".into(),
        changes: Changes {
            added: vec![
                listed("zz-synthetic-es", "Programa SINTÉTICO"),
                listed("zz-synthetic-en", "SYNTHETIC programme"),
            ],
            removed: vec![listed("zz-synthetic-gone", "Programme SYNTHÉTIQUE")],
            changed: vec![Changed {
                id: "zz-synthetic-now-es".into(),
                title: "Nombre SINTÉTICO".into(),
                fields: vec![
                    FieldChange {
                        column: "programme".into(),
                        old: "SYNTHETIC name".into(),
                        new: "Nombre SINTÉTICO".into(),
                    },
                    FieldChange {
                        column: "text_lang".into(),
                        old: "en".into(),
                        new: "es".into(),
                    },
                ],
            }],
            ..Changes::default()
        },
    };
    let text_langs: std::collections::HashMap<String, Lang> = [
        ("zz-synthetic-es".to_string(), Lang::Es),
        ("zz-synthetic-en".to_string(), Lang::En),
        ("zz-synthetic-now-es".to_string(), Lang::Es),
    ]
    .into_iter()
    .collect();
    let view = ChangesView {
        releases: &[release],
        unreleased: &[],
        text_langs: &text_langs,
    };
    let page = changes_page(&view, &reference(), Lang::Fr).into_string();
    assert!(
        page.contains("<span dir=\"auto\" lang=\"es\">Programa SINTÉTICO</span>"),
        "{page}"
    );
    assert!(page.contains("<span dir=\"auto\" lang=\"en\">SYNTHETIC programme</span>"));
    assert!(page.contains("<span dir=\"auto\">Programme SYNTHÉTIQUE</span>"));
    assert!(page.contains(
        "<span class=\"old\" dir=\"auto\" lang=\"en\">SYNTHETIC name</span> → \
         <span class=\"new\" dir=\"auto\" lang=\"es\">Nombre SINTÉTICO</span>"
    ));
    assert!(page.contains("Langue du texte"), "the column by its label");
    assert!(page.contains("anglais"), "languages by name");
    let spanish = changes_page(&view, &reference(), Lang::Es).into_string();
    assert!(spanish.contains("<span dir=\"auto\">Programa SINTÉTICO</span>"));
}
