//! The `plansite` binary: parses arguments, runs a command, prints results.
//! Only this file and `cli` print.

use std::process::ExitCode;

/// The build allocates many small strings and JSON values per page on
/// every core; mimalloc's per-thread heaps cut that cost (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    plansite_cli::run()
}

#[path = "cli/mod.rs"]
mod plansite_cli;
