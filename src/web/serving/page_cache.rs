//! A memory of recent searches: the finished answer of a search page or API search, kept
//! per index generation, so a repeated search (a shared link, a popular query, the back
//! button, a script paging through the same results) is answered without searching again.
//!
//! What a search answers depends only on its address, the page language and the live index
//! generation, so those are the key; a new generation makes every older entry unreachable and
//! they age out. The memory is bounded in bytes.

use std::io::Write;
use std::sync::{Arc, OnceLock};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use flate2::write::GzEncoder;
use quick_cache::Weighter;
use quick_cache::sync::Cache;

use crate::model::Lang;
use crate::search::SearchIndex;
use crate::web::request::page_lang;

/// Answers that depend only on the address, the language and the generation. (Exports
/// stream and record pages carry today's date in their citation, so they are not kept.)
const CACHED_PATHS: [&str; 3] = ["/", "/api/v1/search", "/api/v1/practices"];

/// Longer addresses are not kept: they are hand-made or hostile, rarely repeated.
const MAX_TARGET_BYTES: usize = 1024;

/// Bigger answers are not kept (a search page is ~40 KB; a 100-result API page ~200 KB).
const MAX_ANSWER_BYTES: u64 = 512 * 1024;

/// Names the answers that came from memory, for operators reading logs or headers.
pub const CACHE_HEADER: &str = "x-atlas-cache";

/// The bytes kept at most, by default: a few hundred search pages.
pub const DEFAULT_CAPACITY_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    generation: u64,
    data_generation: i64,
    lang: Lang,
    target: String,
}

/// A finished answer: its headers and body, and the body gzipped once, the first time a
/// client that takes gzip asks (compressing on every request cost ten times the rest of a
/// repeat; compressing for clients that never ask would tax every new search).
#[derive(Debug)]
struct Answer {
    headers: HeaderMap,
    body: Bytes,
    gzipped: OnceLock<Option<Bytes>>,
}

impl Answer {
    fn new(headers: HeaderMap, body: Bytes) -> Answer {
        Answer {
            headers,
            body,
            gzipped: OnceLock::new(),
        }
    }

    fn gzipped(&self) -> Option<&Bytes> {
        self.gzipped
            .get_or_init(|| {
                (self.body.len() >= MIN_GZIP_BYTES)
                    .then(|| gzip(&self.body))
                    .flatten()
            })
            .as_ref()
    }
}

/// Smaller bodies gain less from compression than its header costs.
const MIN_GZIP_BYTES: usize = 256;

fn gzip(body: &[u8]) -> Option<Bytes> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(body.len() / 4), Compression::default());
    encoder.write_all(body).ok()?;
    encoder.finish().ok().map(Bytes::from)
}

/// Whether `Accept-Encoding` takes gzip (by name or `*`, with a non-zero weight).
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

#[derive(Debug, Clone)]
struct ByBytes;

impl Weighter<Key, Arc<Answer>> for ByBytes {
    fn weight(&self, key: &Key, answer: &Arc<Answer>) -> u64 {
        // The fixed part stands for the headers and the entry's own bookkeeping.
        // Fixed at insertion (the gzipped copy may come later): about a quarter of the body.
        (key.target.len() + answer.body.len() * 5 / 4 + 512) as u64
    }
}

/// The kept answers, shared by every request.
struct PageCache {
    answers: Cache<Key, Arc<Answer>, ByBytes>,
}

impl PageCache {
    /// An empty memory holding at most about `capacity_bytes`.
    fn new(capacity_bytes: u64) -> PageCache {
        PageCache {
            answers: Cache::with_weighter(1024, capacity_bytes, ByBytes),
        }
    }
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("answers", &self.answers.len())
            .field("bytes", &self.answers.weight())
            .finish()
    }
}

/// The memory, owned by its middleware: the kept answers and the live index (whose
/// generation keys them). One per router; its clones share the answers.
#[derive(Clone)]
pub struct Memory {
    pages: Arc<PageCache>,
    index: Arc<SearchIndex>,
}

impl Memory {
    /// An empty memory of at most `capacity_bytes` for the generations of `index`.
    pub fn new(index: Arc<SearchIndex>, capacity_bytes: u64) -> Memory {
        Memory {
            pages: Arc::new(PageCache::new(capacity_bytes)),
            index,
        }
    }
}

/// Answers from memory when it can; otherwise runs the handler and keeps a successful,
/// complete answer.
pub async fn serve(State(state): State<Memory>, request: Request, next: Next) -> Response {
    let Some(key) = key_of(&state.index, &request) else {
        return next.run(request).await;
    };
    let gzip_ok = accepts_gzip(request.headers());
    if let Some(answer) = state.pages.answers.get(&key) {
        return replay(&answer, gzip_ok, "hit");
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    // Only answers already whole in memory are kept: a streamed body passes untouched.
    let known_size = response.body().size_hint().exact();
    if known_size.is_none_or(|size| size > MAX_ANSWER_BYTES) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ANSWER_BYTES as usize).await else {
        // A rendered body cannot fail to read; if one ever does, nothing is kept.
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let answer = Arc::new(Answer::new(parts.headers, bytes));
    state.pages.answers.insert(key, answer.clone());
    replay(&answer, gzip_ok, "miss")
}

fn key_of(index: &SearchIndex, request: &Request) -> Option<Key> {
    if request.method() != Method::GET || !CACHED_PATHS.contains(&request.uri().path()) {
        return None;
    }
    let target = request.uri().path_and_query()?.as_str();
    if target.len() > MAX_TARGET_BYTES {
        return None;
    }
    let generation = index.generation();
    Some(Key {
        generation: generation.info.generation,
        data_generation: generation.info.data_generation,
        lang: page_lang(request.uri(), request.headers()),
        target: target.to_string(),
    })
}

fn replay(answer: &Answer, gzip_ok: bool, how: &'static str) -> Response {
    let gzipped = if gzip_ok { answer.gzipped() } else { None };
    let body = gzipped.unwrap_or(&answer.body).clone();
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    *headers = answer.headers.clone();
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    if gzipped.is_some() {
        // The compression layer outside leaves an answer that already names its encoding.
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    headers.insert(
        HeaderName::from_static(CACHE_HEADER),
        HeaderValue::from_static(how),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(value: &str) -> bool {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        accepts_gzip(&headers)
    }

    #[test]
    fn gzip_is_taken_by_name_or_star_unless_weighted_zero() {
        assert!(accepts("gzip"));
        assert!(accepts("br, GZIP;q=0.5"));
        assert!(accepts("*"));
        assert!(!accepts("gzip;q=0"));
        assert!(!accepts("gzip; q=0.000"));
        assert!(!accepts("br, deflate"));
        assert!(!accepts("identity"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn a_gzipped_body_reads_back_the_same() {
        let body = Bytes::from("<p>alternatives to detention</p>".repeat(40));
        let answer = Answer::new(HeaderMap::new(), body.clone());
        let zipped = answer.gzipped().expect("big enough to gzip").clone();
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&zipped[..]), &mut back)
            .unwrap();
        assert_eq!(back, body);
        assert!(
            Answer::new(HeaderMap::new(), Bytes::from("tiny"))
                .gzipped()
                .is_none()
        );
    }
}
