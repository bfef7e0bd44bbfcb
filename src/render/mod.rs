//! Render: the resolved site → every output file, in memory. Templates are
//! compiled once; pages render in parallel and in a fixed order, so the
//! output is the same on any number of threads.

mod datahash;
mod engine;
pub mod exports;
pub mod html;
pub mod links;
mod memo;
mod page;
pub mod portal;
pub mod routes;
mod templates;
pub mod views;

use crate::config::SiteConfig;
use crate::i18n::I18n;
use crate::model::*;
use crate::theme::Theme;
#[cfg(test)]
use engine::{by_language, RENDER_ORDER};
pub use engine::{render, Done, Post, Recall, Rendered};
pub use memo::{templates_key, Memo};
pub use page::Digest;
use templates::template_error;
pub use templates::{escape_html, templates};

/// The bytes of text in `v`: its strings and keys.
fn text_len(v: &serde_json::Value) -> usize {
    use serde_json::Value::*;
    match v {
        String(s) => s.len(),
        Array(a) => a.iter().map(text_len).sum(),
        Object(o) => o.iter().map(|(k, v)| k.len() + text_len(v)).sum(),
        Null | Bool(_) | Number(_) => 0,
    }
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub rel_path: String,
    pub bytes: Vec<u8>,
}

/// Some files of a site, by path, shared: `serve` on a site of several
/// plans keeps each plan's from one run to the next, and the preview
/// serves them without a copy.
pub type Part = std::sync::Arc<std::collections::BTreeMap<String, Vec<u8>>>;

/// `files` as a [`Part`].
pub fn part(files: Vec<OutputFile>) -> Part {
    std::sync::Arc::new(files.into_iter().map(|f| (f.rel_path, f.bytes)).collect())
}

/// What the renderer needs besides the site.
pub struct RenderInput<'a> {
    pub config: &'a SiteConfig,
    pub theme: &'a Theme,
    pub i18n: &'a I18n,
    pub disclosure: &'a crate::disclosure::Disclosure,
}

/// The plan's open data, the largest file of the site.
pub const PLAN_JSON: &str = "data/plan.json";

/// The files that are not pages and do not depend on them: theme assets,
/// data exports, feeds. The caller makes them beside the pages, as it makes
/// the plan's JSON, the largest ([`exports::data::write_plan_json`],
/// [`exports::data::plan_json`]). [`render`] gives the pages and the sitemap.
pub fn data_files(site: &Site, input: &RenderInput<'_>) -> Vec<OutputFile> {
    let mut out: Vec<OutputFile> = input
        .theme
        .assets()
        .map(|(path, bytes)| OutputFile {
            rel_path: path.to_string(),
            bytes: bytes.to_vec(),
        })
        .collect();
    out.extend(site.images.iter().map(|(path, bytes)| OutputFile {
        rel_path: path.clone(),
        bytes: bytes.clone(),
    }));
    out.push(OutputFile {
        rel_path: "data/indicators.csv".into(),
        bytes: exports::data::indicators_csv(site),
    });
    out.push(OutputFile {
        rel_path: "data/tasks.csv".into(),
        bytes: exports::tasks_csv(site),
    });
    out.push(OutputFile {
        rel_path: "data/commitments.csv".into(),
        bytes: exports::commitments_csv(site),
    });
    let base = input.config.base();
    for lang in Lang::ALL {
        out.push(exports::feeds::atom(
            site,
            input.disclosure,
            &base,
            lang,
            &input.i18n.get(lang, "feed_title"),
        ));
    }
    out.push(exports::feeds::robots(&base));
    out.extend(exports::progress::files(site));
    out
}

#[cfg(test)]
mod tests;
