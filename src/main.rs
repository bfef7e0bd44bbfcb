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

/// `mi_option_purge_delay`: its place in the `mi_option_e` enum of the
/// mimalloc (v3) that libmimalloc-sys 0.1.49 builds; a test checks it.
/// (libmimalloc-sys names it only behind its `extended` feature, whose
/// extra dependency is not in this machine's registry.)
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// For `serve`: memory freed from now on stays with the process, to be
/// reused, instead of being handed back to the system after mimalloc's
/// purge delay (1 s in mimalloc v3). Each rebuild frees what the last one
/// allocated; handed back, it was zeroed and faulted in again on the next
/// rebuild.
/// At N = 100 (`scripts/gen-scaled-site`) a rebuild after a chapter edit
/// took ~720 ms with purging and ~560 ms without, for a resident size of
/// ~1.38 GB instead of ~1.02-1.17 GB (BENCHMARKS.md). A build is one pass
/// and keeps the default.
fn keep_freed_memory() {
    // SAFETY: mi_option_set takes an option number and a value and only
    // sets that option; -1 means "never purge" for the purge delay.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    extern "C" {
        fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
    }

    /// Run by the test below in a child process started with
    /// MIMALLOC_PURGE_DELAY set: mimalloc reads its options from the
    /// environment when the process starts.
    #[test]
    #[ignore = "run by purge_delay_is_the_option_serve_sets, in a child process"]
    fn child_reads_the_purge_delay_from_the_environment() {
        // SAFETY: reads one option.
        let got = unsafe { mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(got, 4321);
    }

    #[test]
    fn purge_delay_is_the_option_serve_sets() {
        let exe = std::env::current_exe().expect("test binary");
        let out = std::process::Command::new(exe)
            .args([
                "--ignored",
                "--exact",
                "tests::child_reads_the_purge_delay_from_the_environment",
            ])
            .env("MIMALLOC_PURGE_DELAY", "4321")
            .output()
            .expect("run the child");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("1 passed"),
            "option {} is not the purge delay: {text}",
            super::MI_OPTION_PURGE_DELAY
        );
    }
}

#[path = "cli/mod.rs"]
mod plansite_cli;
