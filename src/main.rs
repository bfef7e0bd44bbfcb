//! The `plansite` binary: parses arguments, runs a command, prints results.
//! Only this file and `cli` print.

use std::process::ExitCode;

fn main() -> ExitCode {
    plansite_cli::run()
}

#[path = "cli/mod.rs"]
mod plansite_cli;
