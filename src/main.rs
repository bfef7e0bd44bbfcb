//! The `plansite` binary: parses arguments, runs a command, prints results.
//! Only this file and `cli` print.

use std::process::ExitCode;

/// The build allocates many small strings and JSON values per page on
/// every core; mimalloc's per-thread heaps cut that cost (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    plansite_cli::run()
}

/// No transparent huge pages for this process: a fault on a fresh 2 MiB
/// page zeroes all of it even when only a few kilobytes of it are used,
/// which cost ~45 MB of peak memory at N = 100 (BENCHMARKS.md).
#[cfg(target_os = "linux")]
fn no_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments and only sets a
    // flag of this process; a failure (old kernel) changes nothing.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}

#[path = "cli/mod.rs"]
mod plansite_cli;
