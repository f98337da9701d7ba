//! Transport and middleware, below the routes and never naming them: the accept loop, the
//! per-request limits, security headers, HTTP caching, the memory of recent searches and
//! the 503 answered while the first index builds.

pub mod caching;
pub mod error_pages;
pub mod guard;
pub mod headers;
pub mod page_cache;
pub mod rebuilding;
pub mod server;
