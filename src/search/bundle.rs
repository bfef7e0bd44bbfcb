//! One pagefind index: a language's records (or a shard of them) →
//! pagefind's files; and the first shards of every language joined into
//! the bundle in `pagefind/`.

use super::records::esc_attr;
use super::{digest, Record};
use crate::render::OutputFile;
use anyhow::{Context, Result};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;

/// Pagefind's list of languages and their index files.
pub(super) const ENTRY: &str = "pagefind-entry.json";

/// The small document pagefind indexes for one record.
pub(super) fn record_document(r: &Record) -> String {
    let metas: String = r
        .meta
        .iter()
        .map(|(k, v)| {
            format!(
                "<span data-pagefind-meta=\"{}:{}\"></span>",
                esc_attr(k),
                esc_attr(v)
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"></head><body>{metas}<div data-pagefind-body>{}</div></body></html>",
        esc_attr(&r.lang),
        r.html
    )
}

/// A shard's own index files (the scripts and wasm come from the first).
pub(super) fn is_index_data(name: &str) -> bool {
    name == ENTRY
        || (name.starts_with("pagefind.") && name.ends_with(".pf_meta"))
        || name.starts_with("index/")
        || name.starts_with("fragment/")
        || name.starts_with("filter/")
}

/// Files pagefind writes that the site uses (its bundled UIs are left out).
fn is_needed(name: &str) -> bool {
    is_index_data(name)
        || matches!(name, "pagefind.js" | "pagefind-worker.js")
        || (name.starts_with("wasm.") && name.ends_with(".pagefind"))
}

/// Indexes the records of one language, in their order, and returns
/// pagefind's files (path inside the bundle → bytes).
pub(super) fn index_language(records: &[&Record]) -> Result<Vec<(String, Vec<u8>)>> {
    index_with(records, true)
}

/// [`index_language`]; with `as_text`, a record whose text
/// [`digest::digest`] can read is given to pagefind as that text, else as
/// a small HTML document (the same index, see `digest.rs`).
pub(super) fn index_with(records: &[&Record], as_text: bool) -> Result<Vec<(String, Vec<u8>)>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .context("starting the search indexer")?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .build();
        let mut index = PagefindIndex::new(Some(config)).context("starting pagefind")?;
        for r in records {
            let added = match as_text.then(|| digest::digest(&r.html)).flatten() {
                Some(text) => {
                    let lang = r.lang.to_lowercase();
                    let meta = Some(r.meta.clone());
                    index
                        .add_custom_record(r.url.clone(), text, lang, meta, None, None)
                        .await
                }
                None => {
                    index
                        .add_html_file(None, Some(r.url.clone()), record_document(r))
                        .await
                }
            };
            added.with_context(|| format!("indexing {}", r.url))?;
        }
        let files = index
            .get_files()
            .await
            .context("building the search index")?;
        Ok(files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
            .collect())
    })
}

/// Joins the per-language bundles: their index files are disjoint, the
/// scripts and wasm are the same bytes, and `pagefind-entry.json` lists
/// every language.
pub(super) fn merge(bundles: Vec<Vec<(String, Vec<u8>)>>) -> Result<Vec<OutputFile>> {
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut entry: Option<serde_json::Value> = None;
    for (name, bytes) in bundles.into_iter().flatten() {
        if name == ENTRY {
            let next: serde_json::Value =
                serde_json::from_slice(&bytes).context("reading pagefind-entry.json")?;
            entry = Some(match entry.take() {
                None => next,
                Some(mut all) => {
                    let from = next.get("languages").and_then(|l| l.as_object());
                    let to = all.get_mut("languages").and_then(|l| l.as_object_mut());
                    if let (Some(to), Some(from)) = (to, from) {
                        to.extend(from.clone());
                    }
                    all
                }
            });
        } else if is_needed(&name) {
            out.insert(name, bytes);
        }
    }
    if let Some(entry) = entry {
        out.insert(
            ENTRY.into(),
            serde_json::to_vec(&entry).context("writing pagefind-entry.json")?,
        );
    }
    Ok(out
        .into_iter()
        .map(|(name, bytes)| OutputFile {
            rel_path: format!("{}/{name}", super::BUNDLE_DIR),
            bytes,
        })
        .collect())
}
