//! Search: the rendered pages → a pagefind index, one per `<html lang>`,
//! written as more output files under `pagefind/`.
//!
//! A page opts in with an element carrying `data-pagefind-body` (the theme
//! marks the chapter article). Inside it every `<p id>` (and `<tr id>`) becomes
//! its own search record, so a result is one paragraph and links straight to
//! its anchor: `chapters/NN/index.html#cNN-sN-pN`. Each record carries the
//! page's `data-pagefind-meta` values (`KEY:value`, or `KEY` for the
//! element's text; the theme gives the chapter) and, as `title`, the
//! heading that labels its `<section>` (`aria-labelledby`). Content inside
//! `data-pagefind-ignore` is skipped. The index is fragmented by pagefind: a
//! query fetches only the index chunks for its words and the fragments of the
//! results it shows. Records are indexed in page order and the output files
//! are sorted, so two builds are identical. Before indexing, each record
//! gets the synonyms of the terms it writes (`synonyms.rs`), and the
//! groups are shipped in `pagefind/synonyms.json` for the search page.
//!
//! Submodules: `records` cuts pages into records, `digest` reads a
//! record's text as pagefind does, `synonyms` derives and applies the
//! synonym groups, `bundle` runs pagefind on one shard and joins bundles,
//! `cache` keeps built shards between builds, `across` gives the portal of
//! a site of several plans what its search of every plan's index needs.

use crate::diag::{Bilingual, Diagnostic};
use crate::model::{Lang, Localized};
use crate::render::OutputFile;
use crate::theme::Theme;
use anyhow::{anyhow, Context, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

pub mod across;
mod bundle;
mod cache;
mod digest;
mod records;
pub mod synonyms;

use bundle::{index_language, is_index_data, merge, record_document};
use cache::{cache_name, cached_index, prune_cache};
pub use records::page_records;

/// Folder of the index in the output, relative to the site root.
pub const BUNDLE_DIR: &str = "pagefind";

/// The synonym groups of each `<html lang>`, for `search.js`.
const SYNONYMS: &str = "synonyms.json";

/// One paragraph (or table row) to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Root-relative URL with the anchor, e.g. `/chapters/03/index.html#c03-s2-p1`.
    pub url: String,
    /// The page's `<html lang>`.
    pub lang: String,
    /// Metadata shown with the result: `title` (section heading) and the
    /// page's `data-pagefind-meta` keys (e.g. `chapter`).
    pub meta: BTreeMap<String, String>,
    /// The element's own HTML, `<p id=…>…</p>`.
    pub html: String,
}

/// The warning when no page opted in: the search page would find nothing.
pub fn nothing_indexed(theme: &Theme) -> Diagnostic {
    let path = theme
        .origin
        .get("templates/chapter.html")
        .cloned()
        .unwrap_or_else(|| "templates/chapter.html".into());
    Diagnostic::warning(
        path,
        0,
        Bilingual::new("没有页面带 data-pagefind-body 属性，搜索索引为空", "no page carries data-pagefind-body, so the search index is empty"),
    )
    .with_hint(
        "请在章节模板的正文元素上保留 data-pagefind-body（默认主题标在 <article class=\"chapter\">）",
        "keep data-pagefind-body on the chapter template's main element (the default theme marks <article class=\"chapter\">)",
    )
}

/// Records per pagefind index. A language with more records is split into
/// shards that the browser merges, listed in `shards.json`: the shards are
/// indexed on both cores and cached one by one (a rebuild indexes again only
/// the shards whose records changed). Shards are also needed because
/// pagefind compares each new record's URL with every earlier one's (n²
/// for n records: a site 100 times this plan did not finish in 10 minutes
/// in one index); and each index costs pagefind a minification of its two
/// scripts, so shards are not made smaller than this. A record is a
/// section (about 3.5 paragraphs in the shipped plan): 600 sections hold
/// about the text that 2,000 paragraph records did, and at N = 100 a
/// shard of 2,000 sections took 1.25 GB against 0.74 GB for 700.
const SHARD_RECORDS: usize = 600;

/// Lists each language's extra shard folders for `search.js`.
const SHARDS: &str = "shards.json";

/// Builds the search index from each page's records, given in page order.
/// With a `cache` folder, a shard whose records are the same as in an
/// earlier build is read from there instead of being indexed again.
pub fn index_records<'a>(
    pages: impl Iterator<Item = &'a [Record]>,
    synonyms: &Localized<Vec<Vec<String>>>,
    cache: Option<&Path>,
) -> Result<Vec<OutputFile>> {
    assemble(vec![index_part(pages, synonyms, cache)?], cache)
}

/// The indexed shards of some pages' records: every shard of each
/// `<html lang>` they carry, with their cache names.
pub struct Part {
    langs: Vec<(String, Vec<Bundle>)>,
    names: Vec<String>,
    /// Each language's synonym groups, given and derived.
    synonyms: Vec<(String, Vec<Vec<String>>)>,
}

/// Pagefind's files of one index (path inside the bundle → bytes).
type Bundle = Vec<(String, Vec<u8>)>;

impl Part {
    /// The `<html lang>` values indexed, lowercased.
    pub fn langs(&self) -> impl Iterator<Item = &str> {
        self.langs.iter().map(|(l, _)| l.as_str())
    }
}

/// Indexes the records of some pages (a site language's, while the next
/// language renders), given in page order. [`assemble`] joins the parts;
/// parts must not share a `<html lang>`.
pub fn index_part<'a>(
    pages: impl Iterator<Item = &'a [Record]>,
    synonyms: &Localized<Vec<Vec<String>>>,
    cache: Option<&Path>,
) -> Result<Part> {
    let shard = std::env::var("PLANSITE_SEARCH_SHARD_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SHARD_RECORDS);
    let mut by_lang: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    for r in pages.flatten() {
        by_lang.entry(r.lang.to_lowercase()).or_default().push(r);
    }
    let (tailed, groups) = with_synonyms(&by_lang, synonyms);
    let refs: BTreeMap<String, Vec<&Record>> = tailed
        .iter()
        .map(|(l, v)| (l.clone(), v.iter().collect()))
        .collect();
    let mut part = index_shards(&refs, shard, cache).map_err(|e| anyhow!("search index: {e:#}"))?;
    part.synonyms = groups;
    Ok(part)
}

/// The site language whose `<html lang>` is `tag` (or its first subtag).
fn site_lang(tag: &str) -> Option<Lang> {
    let primary = |t: &str| t.split('-').next().unwrap_or("").to_ascii_lowercase();
    Lang::ALL
        .iter()
        .copied()
        .find(|l| l.tag().eq_ignore_ascii_case(tag))
        .or_else(|| {
            Lang::ALL
                .iter()
                .copied()
                .find(|l| primary(l.tag()) == primary(tag))
        })
}

/// Each language's records with their synonym tails, and its groups: the
/// site's for that language and those its records define.
type Tailed = (
    BTreeMap<String, Vec<Record>>,
    Vec<(String, Vec<Vec<String>>)>,
);

fn with_synonyms(
    by_lang: &BTreeMap<String, Vec<&Record>>,
    given: &Localized<Vec<Vec<String>>>,
) -> Tailed {
    let mut records = BTreeMap::new();
    let mut groups = vec![];
    for (lang, recs) in by_lang {
        let texts: Vec<String> = recs
            .iter()
            .filter_map(|r| digest::digest(&r.html))
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let site = site_lang(lang).map_or(&[][..], |l| given.get(l).as_slice());
        let table = synonyms::table(site, &texts);
        let tailed = recs
            .iter()
            .map(|r| synonyms::with_tail(r, &table))
            .collect();
        records.insert(lang.clone(), tailed);
        groups.push((lang.clone(), table));
    }
    (records, groups)
}

/// One pagefind index per language and shard of `shard` records, built in
/// parallel.
fn index_shards(
    by_lang: &BTreeMap<String, Vec<&Record>>,
    shard: usize,
    cache: Option<&Path>,
) -> Result<Part> {
    let jobs: Vec<(&str, &[&Record])> = by_lang
        .iter()
        .flat_map(|(lang, records)| {
            let chunks = records.chunks(shard.max(1));
            chunks.map(move |chunk| (lang.as_str(), chunk))
        })
        .collect();
    let names: Vec<String> = match cache {
        Some(_) => jobs.par_iter().map(|(_, r)| cache_name(r)).collect(),
        None => vec![],
    };
    let built: Vec<Bundle> = jobs
        .par_iter()
        .enumerate()
        .map(|(i, (_, records))| {
            let slot = cache.zip(names.get(i).map(String::as_str));
            cached_index(records, slot)
        })
        .collect::<Result<_>>()?;
    let mut langs: Vec<(String, Vec<Bundle>)> = vec![];
    for ((lang, _), bundle) in jobs.iter().zip(built) {
        match langs.last_mut() {
            Some((l, shards)) if l == lang => shards.push(bundle),
            _ => langs.push((lang.to_string(), vec![bundle])),
        }
    }
    Ok(Part {
        langs,
        names,
        synonyms: vec![],
    })
}

/// Joins the parts into the index's files. The first shard of every
/// language forms the bundle in `pagefind/`; shard `i` of language `l`
/// goes to `pagefind/l-i/`. With a cache, shards no part used are removed.
pub fn assemble(parts: Vec<Part>, cache: Option<&Path>) -> Result<Vec<OutputFile>> {
    if let Some(dir) = cache {
        let used: Vec<String> = parts.iter().flat_map(|p| p.names.clone()).collect();
        prune_cache(dir, &used);
    }
    let synonyms: BTreeMap<String, Vec<Vec<String>>> =
        parts.iter().flat_map(|p| p.synonyms.clone()).collect();
    let mut langs: Vec<(String, Vec<Bundle>)> = parts.into_iter().flat_map(|p| p.langs).collect();
    if langs.is_empty() {
        return Ok(vec![]);
    }
    langs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut firsts = vec![];
    let mut extra = vec![];
    let mut manifest: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (lang, shards) in &mut langs {
        let dirs = manifest.entry(lang.as_str()).or_default();
        for (i, bundle) in std::mem::take(shards).into_iter().enumerate() {
            if i == 0 {
                firsts.push(bundle);
                continue;
            }
            let dir = format!("{lang}-{i}/");
            extra.extend(
                bundle
                    .into_iter()
                    .filter(|(name, _)| is_index_data(name))
                    .map(|(name, bytes)| OutputFile {
                        rel_path: format!("{BUNDLE_DIR}/{dir}{name}"),
                        bytes,
                    }),
            );
            dirs.push(dir);
        }
    }
    let mut out = merge(firsts)?;
    out.extend(extra);
    out.push(OutputFile {
        rel_path: format!("{BUNDLE_DIR}/{SHARDS}"),
        bytes: serde_json::to_vec(&manifest).context("writing shards.json")?,
    });
    out.push(OutputFile {
        rel_path: format!("{BUNDLE_DIR}/{SYNONYMS}"),
        bytes: serde_json::to_vec(&synonyms).context("writing synonyms.json")?,
    });
    out.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok(out)
}

#[cfg(test)]
mod tests;
