//! plansite: publishes a government plan as a bilingual static website.
//!
//! The pipeline is `load → resolve → render → publish`; the seed importer
//! (`seed`) writes the `content/` tree that `load` reads. Modules reach only
//! downward: `model` and `diag` know nothing of the filesystem, and only the
//! binary (`main`, `cli`) prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

/// `format!("{}{}…", a, b, …)` for string pieces: one allocation of the
/// exact size and no formatting machinery. Links and labels are built this
/// way per page (`format!` was 6 % of a build's instructions at N = 10,
/// ~700 instructions a call).
macro_rules! cat {
    ($($s:expr),+ $(,)?) => {
        // A `match` keeps the pieces' temporaries alive to its end.
        match [$(::core::convert::AsRef::<str>::as_ref(&$s)),+] {
            parts => {
                let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
                for p in parts {
                    out.push_str(p);
                }
                out
            }
        }
    };
}

pub mod cachefile;
pub mod config;
pub mod diag;
pub mod disclosure;
pub mod docx;
pub mod fingerprint;
pub mod i18n;
pub mod linkcheck;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pagecache;
pub mod pipeline;
pub mod preview;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod schema;
pub mod search;
pub mod seed;
pub mod theme;
pub mod translate;
