//! Benchmark support (never used by the app itself): the SYNTHETIC record generator and the
//! in-process search measurements that `atd-bench` and `bench/run` report in BENCHMARKS.md.

pub mod measure;
pub mod synthetic;
