//! Benchmark support (never used by the app itself): the SYNTHETIC record generator and the
//! in-process search measurements that `atd-bench` and `bench/run` report in BENCHMARKS.md,
//! and the pinned workload (version, frozen data and seeds) they all run.

pub mod measure;
pub mod synthetic;
pub mod workload;
