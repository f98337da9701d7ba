//! Real-browser tests: Debian's chromium driven through chromedriver (WebDriver, fantoccini)
//! against the app served on 127.0.0.1 with the shipped data. axe-core audits every page type
//! in every language; user journeys with and without JavaScript, and by keyboard only; no
//! request may leave the site.
//!
//! Needs `chromium` and `chromium-driver` (apt) and `npm ci` in this directory (axe-core, a
//! test-only tool). Without them the tests say SKIPPED and pass on a developer machine, but
//! fail when `CI=true` or `REQUIRE_BROWSER=1` (`tests/common/programs.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

#[path = "../common/programs.rs"]
mod programs;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::Duration;

use atd_atlas::bench::synthetic::Model;
use atd_atlas::cli;
use atd_atlas::config::{Limits, Paths};
use atd_atlas::import::load_reference;
use atd_atlas::web::{self, AppState, ProposalIntake};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use tokio::process::{Child, Command};

const WAIT: Duration = Duration::from_secs(10);
/// Window widths: the sidebar layout, and the phone layout where "Filters" is a toggle.
const DESKTOP: u32 = 1280;
const PHONE: u32 = 480;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The browser and driver, or `None` after the SKIPPED line; a missing one fails the test
/// where a browser is required.
fn browser_paths(test: &str) -> Option<(PathBuf, PathBuf)> {
    let browser = programs::need(test, &programs::CHROMIUM)?;
    let driver = programs::need(test, &programs::CHROMEDRIVER)?;
    Some((browser, driver))
}

/// The app on the shipped data, served once for all tests of this binary on its own runtime.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        serve_imported(|dir| {
            let paths = paths_in(dir);
            cli::import_and_index(&paths, &paths.practices_csv()).expect("import");
            paths
        })
    })
}

/// The app on SYNTHETIC records generated now: more practices with a cost than the insights
/// page gives a row each, so its cost section shows its bounded form.
fn synthetic_server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        serve_imported(|dir| {
            let reference = load_reference(&repo("data")).expect("reference tables");
            let model = Model::from_shipped(&repo("data"), &reference).expect("model");
            let csv = dir.join("synthetic.csv");
            model
                .write_files(&csv, 400, 7, &reference)
                .expect("synthetic files");
            let paths = paths_in(dir);
            cli::import_and_index(&paths, &csv).expect("synthetic records import");
            paths
        })
    })
}

/// The shipped reference tables, with this run's database and index in `dir`.
fn paths_in(dir: &Path) -> Paths {
    Paths {
        data_dir: repo("data"),
        db: dir.join("atlas.sqlite3"),
        index_dir: dir.join("index"),
    }
}

/// Serves the app on what `import` puts in a temporary folder, on its own runtime.
fn serve_imported(import: impl FnOnce(&Path) -> Paths + Send + 'static) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async move {
            let dir = tempfile::tempdir().expect("temp dir");
            let paths = import(dir.path());
            // Proposals go to a database of this run; the data files are only read.
            let proposals = ProposalIntake::open(
                &dir.path().join("proposals.sqlite3"),
                paths.practices_csv(),
                &Limits::default(),
            );
            let state = AppState::open(&paths)
                .expect("app opens")
                .with_proposals(proposals);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr"))
                .expect("send addr");
            axum::serve(listener, web::router(state))
                .await
                .expect("serve");
            drop(dir);
        });
    });
    rx.recv().expect("server address")
}

/// One browser session with its own chromedriver and profile; closed in order on `finish`.
struct Browser {
    client: Client,
    driver: Child,
    /// The process group of chromedriver and the chromium it starts (see `Drop`).
    group: Option<u32>,
    _profile: tempfile::TempDir,
    base: String,
}

/// A test that fails half-way never reaches `finish`: end the browser it started anyway, by
/// its own process group, so no chromium outlives the test.
impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(group) = self.group.take() {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", "--", &format!("-{group}")])
                .stderr(Stdio::null())
                .status();
        }
    }
}

/// The port chromedriver announces on its first lines ("… started successfully on port N.").
async fn driver_port(driver: &mut Child) -> u16 {
    use tokio::io::AsyncBufReadExt;
    let stdout = driver.stdout.take().expect("chromedriver's stdout");
    let mut lines = tokio::io::BufReader::new(stdout).lines();
    let announced = async {
        while let Some(line) = lines.next_line().await.expect("chromedriver's output") {
            if let Some(port) = line
                .split("on port ")
                .nth(1)
                .and_then(|rest| rest.trim_end_matches('.').trim().parse::<u16>().ok())
                .filter(|port| *port != 0)
            {
                return port;
            }
        }
        panic!("chromedriver exited without saying its port");
    };
    let port = tokio::time::timeout(WAIT, announced)
        .await
        .expect("chromedriver did not start");
    // Keep reading what it prints, so a full pipe never blocks it.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    port
}

/// A WebDriver session; a few tries, because four tests start browsers at once on two cores
/// and a session request can meet a driver that is not ready or resets the connection.
async fn new_session(port: u16, caps: serde_json::Map<String, Value>) -> Client {
    let mut failures = Vec::new();
    for attempt in 0..3 {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(500 * attempt)).await;
        }
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => return client,
            Err(e) => failures.push(e.to_string()),
        }
    }
    panic!("no WebDriver session after 3 tries: {failures:#?}");
}

impl Browser {
    /// A session with JavaScript on or off, at a desktop width or a phone-like one.
    async fn start(test: &str, javascript: bool, width: u32) -> Option<Browser> {
        Browser::start_on(test, javascript, width, server()).await
    }

    /// The same, on the app at `site`.
    async fn start_on(
        test: &str,
        javascript: bool,
        width: u32,
        site: SocketAddr,
    ) -> Option<Browser> {
        let (chromium, chromedriver) = browser_paths(test)?;
        let base = format!("http://{site}");
        // chromedriver picks its own free port and says which: no probe-then-bind race
        // between tests starting browsers at once.
        let mut driver = Command::new(chromedriver)
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver starts");
        let group = driver.id();
        let port = driver_port(&mut driver).await;
        let profile = tempfile::tempdir().expect("profile dir");
        let mut options = json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                format!("--window-size={width},900"), "--lang=en-US",
                format!("--user-data-dir={}", profile.path().display()),
            ],
        });
        if !javascript {
            options["prefs"] = json!({"profile.managed_default_content_settings.javascript": 2});
        }
        // A window is never narrower than 500 pixels; a small phone's screen is emulated.
        if width < PHONE {
            options["mobileEmulation"] = json!({"deviceMetrics": {
                "width": width, "height": 844, "pixelRatio": 2.0, "touch": true, "mobile": true
            }});
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        let client = new_session(port, caps).await;
        Some(Browser {
            client,
            driver,
            group,
            _profile: profile,
            base,
        })
    }

    async fn goto(&self, path: &str) {
        let url = format!("{}{path}", self.base);
        self.client.goto(&url).await.expect("goto");
    }

    async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.expect("script")
    }

    async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .text()
            .await
            .expect("text")
    }

    async fn url(&self) -> String {
        self.client.current_url().await.expect("url").to_string()
    }

    /// Waits until `check` holds for the current URL.
    async fn wait_url(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let url = self.url().await;
            if check(&url) {
                return url;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{what}: url stayed {url}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the text of `css` satisfies `check`.
    async fn wait_text(&self, css: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if check(&text) {
                return text;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{css}: text stayed {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn html_lang(&self) -> String {
        self.js("return document.documentElement.lang")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Every URL the page loaded (document and resources) that is not on this site.
    async fn external_requests(&self) -> Vec<String> {
        let urls = self
            .js("return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))")
            .await;
        urls.as_array()
            .expect("list")
            .iter()
            .filter_map(Value::as_str)
            .filter(|u| !u.starts_with(&self.base))
            .map(str::to_string)
            .collect()
    }

    async fn finish(mut self) {
        // Close the session first: killing the driver first leaves chromium behind.
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill().await;
        self.group = None;
    }
}

/// axe-core from `npm ci` in tests/browser; like the browser, required in CI, skipped with a
/// message elsewhere.
fn axe_source(test: &str) -> Option<String> {
    let path = repo("tests/browser/node_modules/axe-core/axe.min.js");
    let found = programs::need_found(
        test,
        "axe-core",
        programs::locate_file(&path),
        "`npm ci` in tests/browser (test-only)",
        "REQUIRE_BROWSER",
    )?;
    Some(std::fs::read_to_string(&found).expect("axe-core readable"))
}

/// axe-core's WCAG 2.x A/AA (and 2.2 AA) rules on the current page: the violations, as
/// `id (impact): n nodes` lines with the first failing selector.
async fn axe(b: &Browser, axe_src: &str) -> Vec<String> {
    b.client.execute(axe_src, vec![]).await.expect("axe loads");
    let result = b
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, {runOnly: {type: 'tag', values:
                   ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa','best-practice']}})
                 .then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact,
                     nodes: v.nodes.length, first: v.nodes[0] ? v.nodes[0].target.join(' ') : ''}))}))
                 .catch(e => done({error: String(e)}));"#,
            vec![],
        )
        .await
        .expect("axe runs");
    assert!(result.get("error").is_none(), "axe failed: {result}");
    result["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| {
            format!(
                "{} ({}): {} nodes, e.g. {}",
                v["id"], v["impact"], v["nodes"], v["first"]
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_violations_and_nothing_leaves_the_site() {
    let Some(axe_src) = axe_source("axe_finds_no_violations_and_nothing_leaves_the_site") else {
        return;
    };
    let Some(b) = Browser::start(
        "axe_finds_no_violations_and_nothing_leaves_the_site",
        true,
        DESKTOP,
    )
    .await
    else {
        return;
    };
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for lang in ["en", "es", "fr"] {
        for (kind, path) in [
            ("search", format!("/?lang={lang}")),
            (
                "results",
                format!("/?q=children&country=MX&country=US&lang={lang}"),
            ),
            ("no results", format!("/?q=zzqqxx&lang={lang}")),
            (
                "record",
                format!("/practices/us-family-case-management-program?lang={lang}"),
            ),
            ("about", format!("/about?lang={lang}")),
            ("not found", format!("/nowhere?lang={lang}")),
            (
                "compare",
                format!(
                    "/compare?ids=us-family-case-management-program,ca-toronto-bail-program&lang={lang}"
                ),
            ),
            ("country", format!("/countries/MX?lang={lang}")),
            (
                "country with a detention-cost series",
                format!("/countries/GB?lang={lang}"),
            ),
            ("evidence map", format!("/evidence?lang={lang}")),
            (
                "evidence map by measure",
                format!("/evidence?by=measure&lang={lang}"),
            ),
            (
                "record set against detention",
                format!("/practices/us-ice-isap?lang={lang}"),
            ),
            (
                "country without practices",
                format!("/countries/KE?lang={lang}"),
            ),
            ("insights", format!("/insights?lang={lang}")),
            ("data", format!("/data?lang={lang}")),
            ("propose", format!("/propose?lang={lang}")),
            (
                "correction",
                format!("/propose?practice=us-family-case-management-program&lang={lang}"),
            ),
            (
                "receipt",
                format!("/propose/received?ref=S-2026-0001&lang={lang}"),
            ),
            ("changes", format!("/changes?lang={lang}")),
            ("api docs", format!("/api/docs?lang={lang}")),
            (
                "follow",
                format!("/follow?q=children&country=MX&lang={lang}"),
            ),
        ] {
            b.goto(&path).await;
            assert_eq!(b.html_lang().await, lang, "{path}");
            let violations = axe(&b, &axe_src).await;
            report.push(format!("{lang} {kind}: {} violations", violations.len()));
            for v in violations {
                failures.push(format!("{path}: {v}"));
            }
            let external = b.external_requests().await;
            assert!(external.is_empty(), "{path} requested {external:?}");
        }
    }
    // The proposal form with its errors (sent half-filled) meets the same bar.
    for lang in ["en", "es", "fr"] {
        b.goto(&format!("/propose?lang={lang}")).await;
        fill(&b, "#f-source_url", "not an address").await;
        send_proposal(&b).await;
        b.wait_text(".error-summary", |t| !t.is_empty()).await;
        let violations = axe(&b, &axe_src).await;
        report.push(format!(
            "{lang} form errors: {} violations",
            violations.len()
        ));
        for v in violations {
            failures.push(format!("/propose ({lang}, with errors): {v}"));
        }
    }
    // A proposal's status page (reached from a real receipt: it needs the token) too.
    for lang in ["en", "es", "fr"] {
        open_a_proposals_status_page(&b, lang).await;
        assert_eq!(b.html_lang().await, lang);
        let violations = axe(&b, &axe_src).await;
        report.push(format!(
            "{lang} proposal status: {} violations",
            violations.len()
        ));
        for v in violations {
            failures.push(format!("/propose/status ({lang}): {v}"));
        }
    }
    // The audit can fail: an unlabelled field and an image without text are caught.
    b.goto("/?lang=en").await;
    b.js("const i = document.createElement('input'); document.querySelector('main').append(i); \
          const g = document.createElement('img'); g.src = 'data:,'; document.querySelector('main').append(g);")
        .await;
    let control = axe(&b, &axe_src).await.join("\n");
    b.finish().await;
    println!("axe-core: {}", report.join("; "));
    assert!(
        failures.is_empty(),
        "axe violations:\n{}",
        failures.join("\n")
    );
    assert!(
        control.contains("image-alt") && control.contains("label"),
        "negative control: {control}"
    );
}

/// Ticks the first `n` unticked checkboxes of a facet.
async fn tick(b: &Browser, param: &str, n: usize) -> Vec<String> {
    // On a phone the filters sit behind their "Filters" toggle: open it as a user would.
    let filters = b
        .client
        .find(Locator::Css("details.filters"))
        .await
        .expect("filters");
    if filters.attr("open").await.expect("attr").is_none() {
        let toggle = filters.find(Locator::Css("summary")).await.expect("toggle");
        toggle.click().await.expect("open the filters");
    }
    let mut ticked = Vec::new();
    for _ in 0..n {
        let css = format!("#facets input[name='{param}']:not(:checked)");
        let boxes = b.client.find_all(Locator::Css(&css)).await.expect("boxes");
        let first = boxes
            .first()
            .unwrap_or_else(|| panic!("no unticked {param}"));
        let value = first.attr("value").await.expect("attr").expect("value");
        first.click().await.expect("tick");
        ticked.push(value.clone());
        if b.js("return !!window.__stayed").await.as_bool() == Some(true) {
            // With the script, the page does not reload: wait for the URL to follow.
            let want = format!("{param}={value}");
            b.wait_url("tick updates the URL", |u| u.contains(&want))
                .await;
        }
    }
    ticked
}

fn count_of(text: &str) -> usize {
    text.split_whitespace()
        .next()
        .and_then(|n| n.replace([',', '.', '\u{202F}'], "").parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_user_journey_with_javascript_updates_in_place() {
    let Some(b) = Browser::start(
        "a_user_journey_with_javascript_updates_in_place",
        true,
        PHONE,
    )
    .await
    else {
        return;
    };
    b.goto("/?lang=en").await;
    let everything = count_of(&b.text("#count").await);
    // A marker that a page load would erase.
    b.js("window.__stayed = true; window.__count = document.getElementById('count')")
        .await;
    let q = b.client.find(Locator::Css("#q")).await.expect("search box");
    q.send_keys("asylum").await.expect("type");
    b.wait_text("#count", |t| t.contains("asylum")).await;
    b.wait_url("typing updates the URL", |u| u.contains("q=asylum"))
        .await;
    assert_eq!(
        b.js("return window.__stayed").await,
        json!(true),
        "no page load while typing"
    );
    assert_eq!(
        b.js("return document.getElementById('count') === window.__count && window.__count.getAttribute('aria-live')").await,
        json!("polite"),
        "the live region is updated in place, so screen readers announce the new count"
    );
    let typed = count_of(&b.text("#count").await);
    assert!(typed > 0 && typed < everything, "{typed} of {everything}");

    let kinds = tick(&b, "kind", 2).await;
    let url = b.url().await;
    assert!(
        kinds.iter().all(|k| url.contains(&format!("kind={k}"))),
        "{url}"
    );
    assert_eq!(
        b.js("return window.__stayed").await,
        json!(true),
        "ticks do not reload"
    );
    let chips = b
        .client
        .find_all(Locator::Css(".chip"))
        .await
        .expect("chips");
    assert_eq!(chips.len(), 2, "a chip per ticked value");

    // Removing a chip is a link: the page loads with one value left.
    chips[1].click().await.expect("remove chip");
    let want_gone = format!("kind={}", kinds[1]);
    b.wait_url("chip removed", |u| !u.contains(&want_gone))
        .await;
    assert_eq!(
        b.client
            .find_all(Locator::Css(".chip"))
            .await
            .expect("chips")
            .len(),
        1
    );
    b.run_rest_of_journey().await;
    b.finish().await;
}

impl Browser {
    /// Page forward, switch to Spanish, open a record: the same with or without JavaScript.
    async fn run_rest_of_journey(&self) {
        let next = self
            .client
            .find(Locator::Css("a[rel=next]"))
            .await
            .expect("a next page");
        next.click().await.expect("next");
        self.wait_url("page 2", |u| u.contains("page=2")).await;
        let start = self
            .client
            .find(Locator::Css("#results"))
            .await
            .expect("results");
        assert_eq!(
            start.attr("start").await.expect("attr").as_deref(),
            Some("21")
        );

        let spanish = self
            .client
            .find(Locator::Css("nav.langs a[hreflang=es]"))
            .await
            .expect("switch");
        spanish.click().await.expect("to Spanish");
        let url = self.wait_url("Spanish", |u| u.contains("lang=es")).await;
        assert!(
            url.contains("q=asylum") && url.contains("page=2"),
            "the switch keeps the page: {url}"
        );
        assert_eq!(self.html_lang().await, "es");
        assert!(
            self.text("#count").await.contains("prácticas"),
            "count in Spanish"
        );
        assert_eq!(self.text("label[for=q]").await, "Buscar prácticas");

        let first = self
            .client
            .find(Locator::Css("#results .result-title a"))
            .await
            .expect("a result");
        let title = first.text().await.expect("title");
        first.click().await.expect("open record");
        self.wait_url("record", |u| {
            u.contains("/practices/") && u.contains("lang=es")
        })
        .await;
        assert_eq!(self.text("h1").await, title);
        assert_eq!(self.html_lang().await, "es");
        assert!(self.text("main").await.contains("Costo por día"));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_same_journey_works_without_javascript() {
    let Some(b) = Browser::start("the_same_journey_works_without_javascript", false, PHONE).await
    else {
        return;
    };
    b.goto("/?lang=en").await;
    let q = b.client.find(Locator::Css("#q")).await.expect("search box");
    q.send_keys("asylum").await.expect("type");
    b.client
        .find(Locator::Css(".search-row button[type=submit]"))
        .await
        .expect("search button")
        .click()
        .await
        .expect("submit");
    b.wait_url("submitted", |u| u.contains("q=asylum")).await;
    assert!(b.text("#count").await.contains("asylum"));
    assert_eq!(
        b.js("return window.__stayed === undefined").await,
        json!(true)
    );

    let kinds = tick(&b, "kind", 2).await;
    b.client
        .find(Locator::Css(".filters-body > button[type=submit]"))
        .await
        .expect("apply")
        .click()
        .await
        .expect("apply filters");
    let url = b.wait_url("filters applied", |u| u.contains("kind=")).await;
    assert!(
        kinds.iter().all(|k| url.contains(&format!("kind={k}"))),
        "{url}"
    );
    let chips = b
        .client
        .find_all(Locator::Css(".chip"))
        .await
        .expect("chips");
    assert_eq!(chips.len(), 2);
    chips[1].click().await.expect("remove chip");
    let want_gone = format!("kind={}", kinds[1]);
    b.wait_url("chip removed", |u| !u.contains(&want_gone))
        .await;
    b.run_rest_of_journey().await;
    b.finish().await;
}

/// Presses Tab until the focused element matches `css`; fails after `limit` presses.
async fn tab_to(b: &Browser, css: &str, limit: usize) {
    let check = format!("return document.activeElement.matches({css:?})");
    for _ in 0..limit {
        if b.js(&check).await == json!(true) {
            return;
        }
        let active = b.client.active_element().await.expect("focus");
        active.send_keys(&Key::Tab).await.expect("tab");
    }
    panic!("Tab never reached {css}");
}

#[tokio::test(flavor = "multi_thread")]
async fn everything_works_from_the_keyboard() {
    let Some(b) = Browser::start("everything_works_from_the_keyboard", true, DESKTOP).await else {
        return;
    };
    b.goto("/?lang=fr").await;
    // The first Tab lands on the skip link, and it leads to the main content.
    b.client
        .find(Locator::Css("body"))
        .await
        .expect("body")
        .send_keys(&Key::Tab)
        .await
        .expect("tab");
    assert_eq!(
        b.js("return document.activeElement.className").await,
        json!("skip")
    );
    let focus_visible = b
        .js("const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && s.top !== '-64px'")
        .await;
    assert_eq!(
        focus_visible,
        json!(true),
        "the focused skip link is visible"
    );
    b.client
        .active_element()
        .await
        .expect("skip")
        .send_keys(&Key::Enter)
        .await
        .expect("enter");
    b.wait_url("skip link", |u| u.ends_with("#main")).await;

    tab_to(&b, "#q", 10).await;
    b.client
        .active_element()
        .await
        .expect("q")
        .send_keys("enfants")
        .await
        .expect("type");
    b.client
        .active_element()
        .await
        .expect("q")
        .send_keys(&Key::Enter)
        .await
        .expect("enter");
    b.wait_url("search by Enter", |u| u.contains("q=enfants"))
        .await;
    b.wait_text("#count", |t| t.contains("enfants")).await;

    // A facet value: Tab to it, Space ticks it, results follow.
    tab_to(&b, "#facets input[type=checkbox]", 40).await;
    let value = b.js("return document.activeElement.value").await;
    b.client
        .active_element()
        .await
        .expect("box")
        .send_keys(&Key::Space)
        .await
        .expect("space");
    let value = value.as_str().expect("value").to_string();
    b.wait_url("space ticks", |u| u.contains(&format!("={value}")))
        .await;
    assert_eq!(
        b.js("return document.activeElement.checked").await,
        json!(true),
        "focus stays on the box"
    );

    // The sort control and a result link are reachable and work with Enter.
    // The sort control: Tab to it, choose with the arrow keys; the results follow.
    tab_to(&b, "#sort", 200).await;
    b.client
        .active_element()
        .await
        .expect("sort")
        .send_keys(&Key::Down)
        .await
        .expect("down");
    b.wait_url("sort by keyboard", |u| u.contains("sort=cost_asc"))
        .await;

    tab_to(&b, "#results .result-title a", 200).await;
    b.client
        .active_element()
        .await
        .expect("link")
        .send_keys(&Key::Enter)
        .await
        .expect("open");
    b.wait_url("record by keyboard", |u| {
        u.contains("/practices/") && u.contains("lang=fr")
    })
    .await;
    assert_eq!(b.html_lang().await, "fr");

    // The language switch, by keyboard, keeps the record.
    tab_to(&b, "nav.langs a[hreflang=es]", 30).await;
    b.client
        .active_element()
        .await
        .expect("switch")
        .send_keys(&Key::Enter)
        .await
        .expect("enter");
    b.wait_url("language by keyboard", |u| {
        u.contains("/practices/") && u.contains("lang=es")
    })
    .await;
    assert_eq!(b.html_lang().await, "es");
    b.finish().await;
}

/// Types into a field after clearing it.
async fn fill(b: &Browser, css: &str, text: &str) {
    let field = b.client.find(Locator::Css(css)).await.expect(css);
    field.clear().await.expect("clear");
    field.send_keys(text).await.expect("type");
}

async fn choose(b: &Browser, css: &str, value: &str) {
    b.client
        .find(Locator::Css(css))
        .await
        .expect(css)
        .select_by_value(value)
        .await
        .expect("choose");
}

async fn send_proposal(b: &Browser) {
    b.client
        .find(Locator::Css("form.proposal button[type=submit]"))
        .await
        .expect("send button")
        .click()
        .await
        .expect("send");
}

/// A proposal in Spanish with JavaScript off: fill the form, get one thing wrong, see the
/// error beside the field with everything typed still there, fix it, send, get a receipt.
#[tokio::test(flavor = "multi_thread")]
async fn a_proposal_without_javascript_survives_a_mistake_and_gets_a_receipt() {
    let test = "a_proposal_without_javascript_survives_a_mistake_and_gets_a_receipt";
    let Some(b) = Browser::start(test, false, PHONE).await else {
        return;
    };
    b.goto("/propose?lang=es").await;
    assert_eq!(b.html_lang().await, "es");
    choose(&b, "#f-iso2", "KE").await;
    fill(&b, "#f-programme", "Programa de prueba del navegador").await;
    choose(&b, "#f-kind", "programme").await;
    choose(&b, "#f-organisation_type", "ngo").await;
    choose(&b, "#f-status", "pilot").await;
    for tick in ["#f-populations-children", "#f-atd_types-case_management"] {
        b.client
            .find(Locator::Css(tick))
            .await
            .expect(tick)
            .click()
            .await
            .expect("tick");
    }
    fill(&b, "#f-start_year", "2022").await;
    fill(
        &b,
        "#f-summary",
        "Una propuesta escrita por la prueba del navegador.",
    )
    .await;
    fill(&b, "#f-source_title", "Informe de prueba").await;
    // The mistake: an address without http(s).
    fill(&b, "#f-source_url", "www.example.org/informe").await;
    fill(&b, "#f-email", "alguien@example.org").await;
    send_proposal(&b).await;

    let summary = b
        .wait_text(".error-summary", |t| t.contains("un problema"))
        .await;
    assert!(summary.contains("Dirección de la fuente"), "{summary}");
    assert!(
        !b.text("#e-source_url").await.is_empty(),
        "the error sits by its field"
    );
    let kept = b
        .js("return ['#f-programme','#f-summary','#f-start_year','#f-email','#f-source_url','#f-iso2']
                .map(s => document.querySelector(s).value)
                .concat([document.querySelector('#f-populations-children').checked,
                         document.querySelector('#f-atd_types-case_management').checked])")
        .await;
    assert_eq!(
        kept,
        json!([
            "Programa de prueba del navegador",
            "Una propuesta escrita por la prueba del navegador.",
            "2022",
            "alguien@example.org",
            "www.example.org/informe",
            "KE",
            true,
            true
        ]),
        "nothing typed is lost"
    );

    fill(&b, "#f-source_url", "https://example.org/informe").await;
    send_proposal(&b).await;
    b.wait_url("receipt", |u| u.contains("/propose/received?ref=S-"))
        .await;
    assert!(b.text("h1").await.contains("Gracias"));
    let reference = b.text(".receipt-ref strong").await;
    assert!(
        reference.starts_with("S-") && reference.len() >= 11,
        "{reference}"
    );
    assert_eq!(b.html_lang().await, "es");

    // The receipt's link opens the proposal's own status page, in Spanish, clean under axe.
    b.client
        .find(Locator::Css(".status-link a"))
        .await
        .expect("the status link")
        .click()
        .await
        .expect("follow it");
    b.wait_url("status page", |u| {
        u.contains(&format!("/propose/status/{reference}/"))
    })
    .await;
    assert!(b.text("main").await.contains("En espera"));
    assert_eq!(b.html_lang().await, "es");
    b.finish().await;
}

/// Sends a complete proposal from the form (test input, into this run's own database) and
/// opens the status page its receipt links.
async fn open_a_proposals_status_page(b: &Browser, lang: &str) {
    b.goto(&format!("/propose?lang={lang}")).await;
    choose(b, "#f-iso2", "KE").await;
    fill(b, "#f-programme", &format!("Browser status test {lang}")).await;
    choose(b, "#f-kind", "programme").await;
    choose(b, "#f-organisation_type", "ngo").await;
    choose(b, "#f-status", "pilot").await;
    fill(b, "#f-summary", "A proposal sent by the browser tests.").await;
    fill(b, "#f-source_title", "Test report").await;
    fill(b, "#f-source_url", "https://example.org/status-test").await;
    send_proposal(b).await;
    b.wait_url("receipt", |u| u.contains("/propose/received?ref=S-"))
        .await;
    b.client
        .find(Locator::Css(".status-link a"))
        .await
        .expect("the status link")
        .click()
        .await
        .expect("follow it");
    b.wait_url("status page", |u| u.contains("/propose/status/S-"))
        .await;
}

/// Ticks the "Compare" box of the first `n` listed results that are not ticked yet.
async fn pick_for_compare(b: &Browser, n: usize) -> Vec<String> {
    let mut picked = Vec::new();
    for _ in 0..n {
        let boxes = b
            .client
            .find_all(Locator::Css("#results input[name=ids]:not(:checked)"))
            .await
            .expect("compare boxes");
        let first = boxes.first().expect("an unticked result");
        picked.push(first.attr("value").await.expect("attr").expect("value"));
        first.click().await.expect("tick compare");
    }
    picked
}

/// The ids that "Compare selected" would send now: the ticked boxes and the picks kept for
/// results no longer listed.
async fn compare_form_ids(b: &Browser) -> Vec<String> {
    let ids = b
        .js("return new FormData(document.getElementById('compare-form')).getAll('ids')")
        .await;
    serde_json::from_value(ids).expect("ids")
}

/// The blocker of issue 17: with the script, ticking "Compare" fired the live search, the
/// results were re-rendered and the ticks were gone. Tick three; live searches change the
/// list under the ticks (another order, no results at all, everything back); compare: three
/// columns.
#[tokio::test(flavor = "multi_thread")]
async fn compare_with_javascript_keeps_the_ticks_through_live_search() {
    let test = "compare_with_javascript_keeps_the_ticks_through_live_search";
    let Some(b) = Browser::start(test, true, DESKTOP).await else {
        return;
    };
    b.goto("/?cost_min=1&cost_max=100&sort=cost_asc&lang=en")
        .await;
    b.js("window.__stayed = true").await;
    let mut picked = pick_for_compare(&b, 2).await;
    // A live search between the ticks; the URL follows only once its results are on the page.
    choose(&b, "#sort", "cost_desc").await;
    b.wait_url("live search by sort", |u| u.contains("sort=cost_desc"))
        .await;
    picked.extend(pick_for_compare(&b, 1).await);
    let mut want = picked.clone();
    want.sort();
    want.dedup();
    assert_eq!(
        want.len(),
        3,
        "three different practices ticked: {picked:?}"
    );
    assert_eq!(b.js("return window.__stayed").await, json!(true));

    // Words that match nothing: the ticked results leave the page, their ticks stay.
    let q = b.client.find(Locator::Css("#q")).await.expect("search box");
    q.send_keys("zzqqxx").await.expect("type");
    b.wait_url("live search by words", |u| u.contains("q=zzqqxx"))
        .await;
    let mut sent = compare_form_ids(&b).await;
    sent.sort();
    assert_eq!(sent, want, "ticks of results no longer listed still count");
    // The words erased: the results come back, ticked.
    for _ in 0.."zzqqxx".len() {
        q.send_keys(&Key::Backspace.to_string())
            .await
            .expect("erase");
    }
    b.wait_url("words erased", |u| !u.contains("q=")).await;
    let mut on_page: Vec<String> = serde_json::from_value(
        b.js("return [...document.querySelectorAll('#results input[name=ids]:checked')].map(e => e.value)")
            .await,
    )
    .expect("ids");
    on_page.sort();
    assert_eq!(on_page, want, "the boxes are ticked again");
    let mut sent = compare_form_ids(&b).await;
    sent.sort();
    assert_eq!(sent, want, "each practice is sent once");

    b.client
        .find(Locator::Css("button[form=compare-form]"))
        .await
        .expect("Compare selected")
        .click()
        .await
        .expect("compare");
    b.wait_url("compare page", |u| u.contains("/compare?"))
        .await;
    let columns = b
        .client
        .find_all(Locator::Css("table.compare thead th[scope=col]"))
        .await
        .expect("columns");
    assert_eq!(columns.len(), 3, "one column per ticked practice");
    let url = b.url().await;
    for id in &picked {
        assert!(url.contains(id.as_str()), "{id} in {url}");
    }
    b.finish().await;
}

/// The kinds ticked in the filters, as the page shows them.
async fn ticked_kinds(b: &Browser) -> Value {
    b.js("return [...document.querySelectorAll('#facets input[name=kind]:checked')].map(e => e.value)")
        .await
}

/// With the script, each tick is a history entry: Back undoes the last tick (a filter or a
/// "Compare" pick) without a page load, Forward redoes it; "Back to search" on a record
/// returns to the search it came from, in the record's language.
#[tokio::test(flavor = "multi_thread")]
async fn back_undoes_the_last_tick_and_back_to_search_returns_to_the_search() {
    let test = "back_undoes_the_last_tick_and_back_to_search_returns_to_the_search";
    let Some(b) = Browser::start(test, true, PHONE).await else {
        return;
    };
    b.goto("/?q=asylum&lang=en").await;
    b.js("window.__stayed = true").await;
    let kinds = tick(&b, "kind", 2).await;
    let first = format!("kind={}", kinds[0]);
    let second = format!("kind={}", kinds[1]);

    b.client.back().await.expect("back");
    b.wait_url("Back undoes the second tick", |u| {
        u.contains(&first) && !u.contains(&second)
    })
    .await;
    let deadline = std::time::Instant::now() + WAIT;
    while ticked_kinds(&b).await != json!([kinds[0]]) {
        assert!(
            std::time::Instant::now() < deadline,
            "after Back the filters show {}",
            ticked_kinds(&b).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    b.client.back().await.expect("back");
    b.wait_url("Back undoes the first tick", |u| !u.contains("kind="))
        .await;
    b.client.forward().await.expect("forward");
    b.wait_url("Forward redoes it", |u| {
        u.contains(&first) && !u.contains(&second)
    })
    .await;
    assert_eq!(
        b.js("return window.__stayed").await,
        json!(true),
        "no page load"
    );
    assert!(b.url().await.contains("q=asylum"), "the words stay");

    // A "Compare" tick is a step too.
    let picked = pick_for_compare(&b, 1).await;
    assert_eq!(compare_form_ids(&b).await, picked);
    b.client.back().await.expect("back");
    let deadline = std::time::Instant::now() + WAIT;
    while !compare_form_ids(&b).await.is_empty() {
        assert!(std::time::Instant::now() < deadline, "Back kept the pick");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(b.url().await.contains(&first), "the search is unchanged");

    // From a result to its record, the record in Spanish, and "Back to search".
    let search = b.url().await;
    b.client
        .find(Locator::Css("#results .result-title a"))
        .await
        .expect("a result")
        .click()
        .await
        .expect("open record");
    b.wait_url("record", |u| u.contains("/practices/")).await;
    b.client
        .find(Locator::Css("nav.langs a[hreflang=es]"))
        .await
        .expect("switch")
        .click()
        .await
        .expect("to Spanish");
    b.wait_url("record in Spanish", |u| u.contains("lang=es"))
        .await;
    b.client
        .find(Locator::Css("p.back a"))
        .await
        .expect("Back to search")
        .click()
        .await
        .expect("back to search");
    let back = b
        .wait_url("the search again", |u| !u.contains("/practices/"))
        .await;
    assert_eq!(
        back,
        search.replace("lang=en", "lang=es"),
        "the same search, in Spanish"
    );
    assert_eq!(b.html_lang().await, "es");
    b.finish().await;
}

/// A small phone's width (a 390 CSS-pixel screen).
const SMALL_PHONE: u32 = 390;

/// How far the page or any element reaches past the right edge of the screen, in CSS pixels,
/// and the first element that does.
async fn overflow(b: &Browser) -> Value {
    b.js("const w = document.documentElement.clientWidth;
         const past = [...document.querySelectorAll('main *')]
           .filter(e => !e.closest('.table-scroll') || e.classList.contains('table-scroll'))
           .map(e => [e, e.getBoundingClientRect().right - w])
           .filter(([e, d]) => d > 1 && e.getClientRects().length);
         return {page: document.documentElement.scrollWidth - w,
                 first: past.length ? past[0][0].outerHTML.slice(0, 120) : null};")
        .await
}
/// Labels of the insights charts that run past their chart's edge (in the chart's own units).
async fn cut_chart_labels(b: &Browser) -> Value {
    b.js(
        "return [...document.querySelectorAll('svg.chart')].flatMap(svg => {
           const width = svg.viewBox.baseVal.width;
           return [...svg.querySelectorAll('text')]
             .filter(t => { const box = t.getBBox(); return box.x + box.width > width + 0.5; })
             .map(t => t.textContent);
         })",
    )
    .await
}

/// On a 390-pixel phone: the filters panel ends with "Show N results" (kept current by the
/// live search), a record's cost table and every page fit the screen, and no chart label on
/// the insights page runs past its chart's edge.
#[tokio::test(flavor = "multi_thread")]
async fn a_small_phone_shows_whole_pages_and_the_filters_end_with_show_results() {
    let test = "a_small_phone_shows_whole_pages_and_the_filters_end_with_show_results";
    let Some(b) = Browser::start(test, true, SMALL_PHONE).await else {
        return;
    };
    b.goto("/?lang=en").await;
    assert_eq!(
        b.js("return document.documentElement.clientWidth").await,
        json!(SMALL_PHONE),
        "the screen is a small phone's"
    );
    let everything = count_of(&b.text("#count").await);
    let last = b
        .js("return document.querySelector('.filters-body').lastElementChild.textContent")
        .await;
    assert_eq!(
        last,
        json!(format!("Show {everything} results")),
        "the panel's last word"
    );
    // With the script, `tick` waits for the live search to reach the address.
    b.js("window.__stayed = true").await;
    tick(&b, "kind", 1).await;
    let fewer = count_of(&b.text("#count").await);
    assert!(fewer < everything);
    let deadline = std::time::Instant::now() + WAIT;
    while b.text(".show-results").await != format!("Show {fewer} results") {
        assert!(
            std::time::Instant::now() < deadline,
            "the button kept the old count"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    for path in [
        "/?lang=en",
        "/practices/ca-toronto-bail-program?lang=fr",
        "/practices/us-family-case-management-program?lang=es",
        "/insights?lang=es",
        "/countries/KE?lang=en",
        "/follow?q=children&lang=fr",
    ] {
        b.goto(path).await;
        assert_eq!(
            overflow(&b).await,
            json!({"page": 0, "first": null}),
            "{path}"
        );
    }
    b.goto("/practices/ca-toronto-bail-program?lang=fr").await;
    let fits = b
        .js(
            "const t = document.querySelector('table.costs').getBoundingClientRect();
             return t.left >= 0 && t.right <= document.documentElement.clientWidth",
        )
        .await;
    assert_eq!(fits, json!(true), "the cost table fits the screen");
    for lang in ["en", "es", "fr"] {
        b.goto(&format!("/insights?lang={lang}")).await;
        assert_eq!(cut_chart_labels(&b).await, json!([]), "{lang}");
    }
    b.finish().await;
}

/// Past its row limit (SYNTHETIC records), the insights page's cost section — the chart by
/// cost band, the cheapest practices' rows, the links to the rest — passes axe in every
/// language and fits a 390-pixel phone, and its search link works without a script.
#[tokio::test(flavor = "multi_thread")]
async fn insights_past_its_row_limit_is_accessible_and_fits_a_small_phone() {
    let test = "insights_past_its_row_limit_is_accessible_and_fits_a_small_phone";
    let Some(axe_src) = axe_source(test) else {
        return;
    };
    let Some(b) = Browser::start_on(test, true, DESKTOP, synthetic_server()).await else {
        return;
    };
    for lang in ["en", "es", "fr"] {
        b.goto(&format!("/insights?lang={lang}")).await;
        assert_eq!(
            b.js("return document.querySelectorAll('#costs .costs-more').length")
                .await,
            json!(1),
            "{lang}: the line about the practices left out"
        );
        let violations = axe(&b, &axe_src).await;
        assert!(violations.is_empty(), "{lang}: {violations:#?}");
    }
    b.finish().await;

    let Some(b) = Browser::start_on(test, true, SMALL_PHONE, synthetic_server()).await else {
        return;
    };
    for lang in ["en", "es", "fr"] {
        b.goto(&format!("/insights?lang={lang}")).await;
        assert_eq!(
            overflow(&b).await,
            json!({"page": 0, "first": null}),
            "{lang}"
        );
        assert_eq!(cut_chart_labels(&b).await, json!([]), "{lang}");
    }
    // Closing this phone-emulating session over WebDriver hung here; ending its process
    // group (what `Drop` does) ends it as surely.
    drop(b);

    let Some(b) = Browser::start_on(test, false, DESKTOP, synthetic_server()).await else {
        return;
    };
    b.goto("/insights?lang=en").await;
    b.client
        .find(Locator::Css("#costs .costs-more + ul.actions a"))
        .await
        .expect("the search link")
        .click()
        .await
        .expect("click");
    let url = b
        .wait_url("the search of the rest", |u| u.contains("cost_min="))
        .await;
    assert!(url.contains("sort=cost_asc"), "{url}");
    assert!(count_of(&b.text("#count").await) > 0, "it lists practices");
    b.finish().await;
}

/// The shipped records with the most text on their page, longest first (their `main`'s text,
/// fetched and parsed in the page: one request per record, no rendering).
async fn longest_records(b: &Browser, n: usize) -> Vec<String> {
    b.client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(Duration::from_secs(300)),
            None,
            None,
        ))
        .await
        .expect("script timeout");
    let found = b
        .js(&format!(
            "return (async () => {{
               const rows = (await (await fetch('/practices.json')).json()).rows;
               const sized = [];
               for (const r of rows) {{
                 const html = await (await fetch('/practices/' + r.id + '?lang=en')).text();
                 const main = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
                 sized.push([main.textContent.length, r.id]);
               }}
               sized.sort((a, b) => b[0] - a[0]);
               return sized.slice(0, {n}).map(s => s[1]);
             }})()"
        ))
        .await;
    serde_json::from_value(found).expect("ids")
}

/// Pages in a PDF: its page objects (`/Type /Page`, not the `/Pages` tree).
fn pdf_pages(pdf: &[u8]) -> usize {
    let marker = b"/Type /Page";
    pdf.windows(marker.len() + 1)
        .filter(|w| w.starts_with(marker) && w[marker.len()] != b's')
        .count()
}

/// Issue 17 item 11: a record prints as a one-page brief on A4 and on US Letter, the three
/// longest shipped records included (the browser's own print, as a reader's "Print" does).
#[tokio::test(flavor = "multi_thread")]
async fn the_longest_records_print_on_one_page_a4_and_letter() {
    use fantoccini::wd::{PrintConfiguration, PrintSize};
    let test = "the_longest_records_print_on_one_page_a4_and_letter";
    let Some(b) = Browser::start(test, true, DESKTOP).await else {
        return;
    };
    b.goto("/?lang=en").await;
    let longest = longest_records(&b, 3).await;
    assert_eq!(longest.len(), 3, "{longest:?}");
    for id in &longest {
        b.goto(&format!("/practices/{id}?lang=en")).await;
        for (paper, size) in [("A4", PrintSize::A4), ("Letter", PrintSize::US_LETTER)] {
            let config = PrintConfiguration::builder()
                .size(size)
                .shrink_to_fit(false)
                .build()
                .expect("print settings");
            let pdf = b.client.print(config).await.expect("print");
            assert!(pdf.starts_with(b"%PDF"), "{id} on {paper}: not a PDF");
            assert_eq!(pdf_pages(&pdf), 1, "{id} on {paper}: pages");
        }
    }
    b.finish().await;
}

/// Issue 17 item 7: on a 390-pixel phone each country of the insights map has a target a
/// finger can tap (the map draws most countries a few pixels wide): the same countries as the
/// map's links, each at least 44 pixels high and on screen; a tap opens the country's page,
/// and so does Enter after tabbing to it.
#[tokio::test(flavor = "multi_thread")]
async fn the_maps_countries_can_be_tapped_on_a_small_phone() {
    let test = "the_maps_countries_can_be_tapped_on_a_small_phone";
    let Some(axe_src) = axe_source(test) else {
        return;
    };
    let Some(b) = Browser::start(test, true, SMALL_PHONE).await else {
        return;
    };
    b.goto("/insights?lang=en").await;
    assert_eq!(
        axe(&b, &axe_src).await,
        Vec::<String>::new(),
        "axe at phone width"
    );
    let targets = b
        .js("const w = document.documentElement.clientWidth;
             const hrefs = css => [...new Set([...document.querySelectorAll(css)]
               .map(a => a.getAttribute('href')))].sort();
             const small = [...document.querySelectorAll('.map-countries a')]
               .map(a => [a, a.getBoundingClientRect()])
               .filter(([a, r]) => r.height < 44 || r.width < 44 || r.left < 0 || r.right > w)
               .map(([a]) => a.textContent);
             return {same: JSON.stringify(hrefs('svg.map a')) === JSON.stringify(hrefs('.map-countries a')),
                     count: hrefs('.map-countries a').length, small};")
        .await;
    assert_eq!(targets["same"], json!(true), "{targets}");
    assert!(targets["count"].as_u64().unwrap() > 20, "{targets}");
    assert_eq!(
        targets["small"],
        json!([]),
        "targets too small or off screen"
    );

    let mexico = b
        .client
        .find(Locator::Css(".map-countries a[href^='/countries/MX']"))
        .await
        .expect("Mexico's target");
    mexico.click().await.expect("tap");
    b.wait_url("the tap opens the country", |u| u.contains("/countries/MX"))
        .await;

    b.goto("/insights?lang=en").await;
    tab_to(&b, ".map-countries a", 400).await;
    let first = b
        .js("return document.activeElement.getAttribute('href')")
        .await;
    let active = b.client.active_element().await.expect("focus");
    active.send_keys(&Key::Enter).await.expect("enter");
    let first = first.as_str().unwrap().to_string();
    let path = first.split('?').next().unwrap().to_string();
    b.wait_url("Enter opens the country", |u| u.contains(&path))
        .await;
    b.finish().await;
}
