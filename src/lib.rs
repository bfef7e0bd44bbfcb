//! plansite: publishes a government plan as a bilingual static website.
//!
//! The pipeline is `load → resolve → render → publish`; the seed importer
//! (`seed`) writes the `content/` tree that `load` reads. Modules reach only
//! downward: `model` and `diag` know nothing of the filesystem, and only the
//! binary (`main`, `cli`) prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cachefile;
pub mod config;
pub mod diag;
pub mod disclosure;
pub mod fingerprint;
pub mod i18n;
pub mod linkcheck;
pub mod load;
pub mod markdown;
pub mod minify;
pub mod model;
pub mod output;
pub mod pagecache;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod schema;
pub mod search;
pub mod seed;
pub mod serve;
pub mod theme;
