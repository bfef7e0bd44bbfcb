//! plansite: publishes a government plan as a bilingual static website.
//!
//! The pipeline is `load → resolve → render → publish`; the seed importer
//! (`seed`) writes the `content/` tree that `load` reads. Modules reach only
//! downward: `model` and `diag` know nothing of the filesystem, and only the
//! binary (`main`, `cli`) prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod diag;
pub mod fingerprint;
pub mod model;
pub mod schema;
pub mod seed;
pub mod config;
pub mod i18n;
pub mod load;
pub mod markdown;
pub mod resolve;
pub mod theme;
pub mod render;
pub mod search;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod linkcheck;
pub mod serve;
pub mod disclosure;
