//! The system tests: real processes, sockets and programs, slow on purpose. The crash and
//! fault harness (SIGKILL, injected errors), damaged files at start-up, the lifecycle of data
//! and index, serving limits over real TCP, exports and reindexing under load, start-up while
//! the index builds, a read-only filesystem, the app behind nginx, the benchmark harness at a
//! small N, and the binary as a person runs it. See RELIABILITY.md for the matrix.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

mod accept_crash;
mod bench_smoke;
#[path = "../common/binary.rs"]
mod binary;
mod cli;
mod crash;
mod exports;
mod lifecycle;
mod limits;
mod net;
mod nginx;
#[path = "../common/programs.rs"]
mod programs;
#[path = "../common/proposals.rs"]
mod proposals;
mod propose;
mod readonly_fs;
mod recovery;
mod reindex;
mod replicas;
mod startup;
#[path = "../common/support.rs"]
mod support;
mod system_programs;
