//! No English interface word on a Spanish or French page: every page type rendered in both
//! languages (search with and without results, "did you mean", record, compare, country,
//! insights, data, about, changes, follow, the proposal form with errors, error pages, feeds),
//! a record's text taken out (it says its language: `lang="en"` as sourced, `lang="es"` when
//! translated), and what is left searched for the words of `locales/en/main.ftl` that the
//! page language never uses (its Fluent file and its reference labels). A planted English
//! sentence is caught; one marked as a record's is not; on the proposal form, where there is
//! no record text, a `lang` mark hides nothing but a language's name in itself.

use std::collections::BTreeSet;

use axum::http::StatusCode;

use crate::proposals::{Lab, encode_form, post_form, proposal, with};
use crate::support::{get, get_with, repo_path};

/// The words of a Fluent file's values: not its ids nor variable names (variant keys such as
/// `[one]` are the same in every file, so they never count as English-only).
fn ftl_words(lang: &str) -> BTreeSet<String> {
    let path = repo_path(&format!("locales/{lang}/main.ftl"));
    let text = std::fs::read_to_string(path).expect("ftl");
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .map(|line| match line.split_once(" = ") {
            Some((id, value)) if !id.starts_with(' ') => value,
            _ if line.ends_with(" =") => "",
            _ => line,
        })
        .map(without_variables)
        .flat_map(|value| words(&value))
        .collect()
}

/// A Fluent value without its `$variable` names.
fn without_variables(value: &str) -> String {
    let mut out = String::new();
    let mut in_name = false;
    for c in value.chars() {
        if c == '$' {
            in_name = true;
        } else if in_name && !(c.is_alphanumeric() || c == '_' || c == '-') {
            in_name = false;
        }
        if !in_name {
            out.push(c);
        }
    }
    out
}

/// The words of the reference tables' labels, definitions and country names in `lang`
/// ("Migrants" is French too).
fn reference_words(lang: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (file, columns) in [
        (
            "data/vocabularies.csv",
            ["label_", "definition_"].as_slice(),
        ),
        ("data/countries.csv", ["name_"].as_slice()),
    ] {
        let reader = csv::Reader::from_path(repo_path(file)).expect("csv");
        for row in crate::support::csv_rows(reader) {
            for column in columns {
                out.extend(words(&row[&format!("{column}{lang}")]));
            }
        }
    }
    out
}

/// The English interface words a page in `lang` must not show: in the English file, never in
/// `lang`'s file nor its reference labels, at least three letters (so "a" or "no" in a
/// Spanish sentence is no English).
fn english_only_words(lang: &str) -> BTreeSet<String> {
    let mut theirs = ftl_words(lang);
    theirs.extend(reference_words(lang));
    ftl_words("en")
        .into_iter()
        .filter(|w| w.chars().count() >= 3 && !theirs.contains(w))
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Elements that never hold content.
const VOID: [&str; 8] = ["area", "br", "col", "hr", "img", "input", "link", "meta"];

/// The text a reader meets on a page (text and the attributes read aloud or shown), with
/// scripts, styles, `code` and every element that says its language (`lang`, `xml:lang`: a
/// record's text, English as sourced or translated) left out.
fn visible_text(page: &str) -> String {
    text_outside(page, Marked::Skipped)
}

/// What an element with a `lang` attribute is: a record's text (skipped), or, on a page that
/// shows no record text (a new proposal's form), interface like the rest, but for the values
/// typed into the fields.
#[derive(Clone, Copy, PartialEq)]
enum Marked {
    Skipped,
    OnlyTypedValues,
}

fn text_outside(page: &str, marked: Marked) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        // Formulas, file and column names are identifiers, the same in every language; what a
        // field holds was typed by someone (or is a record's text being corrected); an HTML
        // page's `<title>` cannot mark a record's English name, which its `h1` repeats marked.
        let html_title = name == "title" && page.starts_with("<!DOCTYPE html>");
        if ["script", "style", "code", "textarea"].contains(&name.as_str()) || html_title {
            let end = format!("</{name}>");
            rest = rest.find(&end).map_or("", |i| &rest[i + end.len()..]);
            continue;
        }
        // A language's name in itself (the form's "Spanish (Español)") is in that language.
        let typed = name == "input" || tag.contains("class=\"endonym\"");
        let record = tag.contains(" lang=\"") || tag.contains("xml:lang=\"");
        let skipped = record && (marked == Marked::Skipped || typed);
        if skipped && name != "html" && name != "feed" && !name.is_empty() {
            if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
                rest = skip_element(rest, &name);
            }
            continue;
        }
        for attribute in ["aria-label", "title", "placeholder", "alt"] {
            out.push_str(&attribute_value(tag, attribute).unwrap_or_default());
            out.push(' ');
        }
    }
    out.push_str(rest);
    decode_entities(&out)
}

/// What follows the element `name` opened just before `rest` (nested ones of the same name
/// counted).
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut depth = 1;
    let mut at = 0;
    while depth > 0 {
        let next_close = rest[at..].find(&close).map(|i| at + i);
        let next_open = rest[at..]
            .match_indices(&open)
            .map(|(i, _)| at + i)
            .find(|&i| {
                rest[i + open.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c == ' ' || c == '>')
            });
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                depth += 1;
                at = o + open.len();
            }
            (_, Some(c)) => {
                depth -= 1;
                at = c + close.len();
            }
            (_, None) => return "",
        }
    }
    &rest[at..]
}

fn attribute_value(tag: &str, attribute: &str) -> Option<String> {
    let start = tag.find(&format!(" {attribute}=\""))? + attribute.len() + 3;
    let end = tag[start..].find('"')?;
    Some(tag[start..start + end].to_string())
}

fn decode_entities(text: &str) -> String {
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The English interface words on `page`, with a little of what surrounds each.
fn english_on(page: &str, english: &BTreeSet<String>) -> Vec<String> {
    english_in(&visible_text(page), english)
}

/// The same in the main part of a page with no record text (a new proposal's form): a `lang`
/// mark hides nothing there. (Outside it, the language menu names each language in itself.)
fn english_on_form(page: &str, english: &BTreeSet<String>) -> Vec<String> {
    let main = page.find("<main").zip(page.find("</main>"));
    let main = main.map_or(page, |(from, to)| &page[from..to]);
    english_in(&text_outside(main, Marked::OnlyTypedValues), english)
}

fn english_in(text: &str, english: &BTreeSet<String>) -> Vec<String> {
    let text = without_addresses(text);
    let mut found = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                start = None;
                let word = &text[from..at];
                if english.contains(&word.to_lowercase()) {
                    let before = text[..from]
                        .char_indices()
                        .rev()
                        .nth(40)
                        .map_or(0, |(i, _)| i);
                    let after = text[at..]
                        .char_indices()
                        .nth(40)
                        .map_or(text.len(), |(i, _)| at + i);
                    let context = text[before..after].split_whitespace().collect::<Vec<_>>();
                    found.push(format!("{word:?} in …{}…", context.join(" ")));
                }
            }
            _ => {}
        }
    }
    found
}

/// Text without web addresses and e-mail addresses (a source's address is no interface).
fn without_addresses(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !(w.contains("://") || w.starts_with("www.") || w.contains('@')))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every kind of page a reader can reach, as addresses without `lang`.
const PAGES: [&str; 22] = [
    "/",
    "/?q=alternativas%20comunitarias",
    "/?q=vigilancia%20electr%C3%B3nica%20y%20ni%C3%B1os",
    "/?q=familias%20no%20detenidas",
    "/?q=zzqxv%20wwqk",
    "/?q=comunitaria&cost_min=1&cost_max=2",
    "/?q=vigilanse",
    "/?q=surveillanse",
    "/practices/be-family-units-return-houses",
    "/practices/us-ice-isap",
    "/compare?ids=us-ice-isap,be-family-units-return-houses,us-family-case-management-program",
    "/countries/mx",
    "/countries/be",
    "/insights",
    "/data",
    "/about",
    "/changes",
    "/follow?q=familias",
    "/no-such-page",
    "/practices/no-such-practice",
    "/countries/zz",
    "/propose?practice=us-ice-isap",
];

/// Feeds carry text to readers too: their titles and entries.
const FEEDS: [&str; 3] = [
    "/practices.atom",
    "/practices.atom?q=familias",
    "/changes.atom",
];

#[tokio::test]
async fn no_english_interface_word_on_a_spanish_or_french_page() {
    let mut problems = Vec::new();
    for lang in ["es", "fr"] {
        let english = english_only_words(lang);
        for must in ["search", "results", "and", "more", "lowest", "the"] {
            assert!(
                must.len() < 3 || english.contains(must),
                "{lang}: the list of English words lacks {must:?}: it would check nothing"
            );
        }
        for address in PAGES.iter().chain(FEEDS.iter()) {
            let joiner = if address.contains('?') { '&' } else { '?' };
            let reply = get(&format!("{address}{joiner}lang={lang}")).await;
            assert!(
                reply.status == StatusCode::OK || reply.status == StatusCode::NOT_FOUND,
                "{address} {lang}: {}",
                reply.status
            );
            let checked = words(&visible_text(&reply.body)).len();
            assert!(
                checked > 20,
                "{address} {lang}: only {checked} words to check"
            );
            for found in english_on(&reply.body, &english) {
                problems.push(format!("{address} ({lang}): {found}"));
            }
        }
        let lab = Lab::new();
        let typed = with(&proposal(), "start_year", "twenty twenty");
        let typed = with(&typed, "participants", "-5");
        let typed = with(&typed, "cost_per_day", "cheap");
        let typed = with(&typed, "source_url", "not an address");
        let typed = with(&typed, "summary", "=HYPERLINK(\"x\")");
        let typed = with(&typed, "programme", "Line\u{200B}break");
        let router = lab.router(&atd_atlas::config::Limits::default());
        let reply = post_form(router.clone(), lang, encode_form(&typed)).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        for found in english_on_form(&reply.body, &english) {
            problems.push(format!("POST /propose ({lang}): {found}"));
        }
        let form = get_with(router, &format!("/propose?lang={lang}")).await;
        for found in english_on_form(&form.body, &english) {
            problems.push(format!("/propose ({lang}): {found}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} English words on Spanish or French pages:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[tokio::test]
async fn the_check_catches_a_planted_english_string_and_spares_text_marked_english() {
    let english = english_only_words("es");
    let page = get("/about?lang=es").await.body;
    let clean = english_on(&page, &english);
    assert!(clean.is_empty(), "the page is clean: {clean:?}");
    let planted = page.replacen("</main>", "<p>Cost per day, lowest first</p></main>", 1);
    let found = english_on(&planted, &english);
    assert!(
        found.iter().any(|f| f.starts_with("\"lowest\"")),
        "a planted English sentence is caught: {found:?}"
    );
    let in_attribute = page.replacen("<main", "<main aria-label=\"Search results\"", 1);
    assert!(!english_on(&in_attribute, &english).is_empty());
    let marked = page.replacen(
        "</main>",
        "<div lang=\"en\"><p>Cost per day, <em>lowest</em> first</p></div><br></main>",
        1,
    );
    assert!(
        english_on(&marked, &english).is_empty(),
        "record text marked lang=\"en\" is not interface"
    );
}

/// The words between `<p class="did-you-mean">` and its link's end: the correction offered.
fn offered(page: &str) -> Option<String> {
    let from = page.find("<p class=\"did-you-mean\">")?;
    let rest = &page[from..];
    let link = rest.find("<a ")?;
    let text = rest[link..].split_once('>')?.1;
    Some(text.split_once("</a>")?.0.to_string())
}

#[tokio::test]
async fn did_you_mean_offers_a_word_of_the_page_language() {
    for (address, lang, want) in [
        ("/?q=bijilanzia", "es", "vigilancia"),
        ("/?q=surbellanse", "fr", "surveillance"),
        ("/?q=guardianshiiipp", "en", "guardianship"),
    ] {
        let page = get(&format!("{address}&lang={lang}")).await.body;
        let offered = offered(&page).unwrap_or_else(|| panic!("{address} {lang}: no correction"));
        assert!(
            offered.contains(want),
            "{address} {lang}: offered {offered:?}"
        );
    }
}

#[tokio::test]
async fn helper_words_match_but_only_content_words_are_highlighted() {
    let page = get("/?q=mujeres%20y%20ni%C3%B1os&lang=es").await.body;
    assert!(
        page.contains("<mark>mujeres</mark>"),
        "content words are marked"
    );
    for helper in ["y", "de", "la", "and", "no"] {
        assert!(
            !page.contains(&format!("<mark>{helper}</mark>")),
            "the helper word {helper:?} is not highlighted"
        );
    }
    let french = get("/?q=femmes%20et%20enfants&lang=fr").await.body;
    assert!(french.contains("<mark>femmes</mark>") || french.contains("<mark>enfants</mark>"));
    assert!(!french.contains("<mark>et</mark>"));
}

/// The codes of every practice in the "Country (A–Z)" order of `lang`, through the API.
async fn countries_in_country_order(lang: &str) -> Vec<String> {
    let mut codes = Vec::new();
    for page in 1..=3 {
        let body = get(&format!(
            "/api/v1/search?sort=country&lang={lang}&per_page=100&page={page}"
        ))
        .await
        .json();
        let results = body["results"].as_array().expect("results").clone();
        codes.extend(
            results
                .iter()
                .map(|r| r["iso2"].as_str().expect("iso2").to_string()),
        );
    }
    codes
}

#[tokio::test]
async fn country_a_to_z_follows_the_page_languages_alphabet() {
    let reference = atd_atlas::import::load_reference(&repo_path("data")).expect("reference");
    let mut orders = Vec::new();
    for lang in atd_atlas::model::Lang::ALL {
        let codes = countries_in_country_order(lang.code()).await;
        assert!(codes.len() > 100, "{lang:?}: every practice is listed");
        let names: Vec<&str> = codes
            .iter()
            .map(|c| reference.countries.name(c, lang))
            .collect();
        for pair in names.windows(2) {
            assert_ne!(
                atd_atlas::i18n::collate(lang, pair[0], pair[1]),
                std::cmp::Ordering::Greater,
                "{lang:?}: {} before {}",
                pair[0],
                pair[1]
            );
        }
        let mut seen: Vec<&String> = Vec::new();
        for code in &codes {
            if seen.last() != Some(&code) {
                seen.push(code);
            }
        }
        orders.push(seen.into_iter().cloned().collect::<Vec<_>>());
    }
    // Germany is "Alemania" in Spanish and "Allemagne" in French: near the top there, not in
    // English.
    let place = |order: &Vec<String>| order.iter().position(|c| c == "DE").expect("DE");
    assert!(
        place(&orders[1]) < place(&orders[0]),
        "es puts Alemania earlier"
    );
    assert!(
        place(&orders[2]) < place(&orders[0]),
        "fr puts Allemagne earlier"
    );
}
