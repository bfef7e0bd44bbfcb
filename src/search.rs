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
//! are sorted, so two builds are identical.

use crate::diag::{Bilingual, Diagnostic};
use crate::render::OutputFile;
use crate::theme::Theme;
use anyhow::{anyhow, Context, Result};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;
use regex::Regex;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

/// Folder of the index in the output, relative to the site root.
pub const BUNDLE_DIR: &str = "pagefind";

/// Pagefind's list of languages and their index files.
const ENTRY: &str = "pagefind-entry.json";

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

/// An open tag found in a page.
#[derive(Debug, Clone, Copy)]
struct Tag<'a> {
    name: &'a str,
    attrs: &'a str,
    /// Byte offset of `<`.
    start: usize,
    /// Byte offset just after `>`.
    end: usize,
}

fn open_tags() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"<([a-zA-Z][a-zA-Z0-9]*)((?:\s[^>]*)?)>").expect("static regex"))
}

fn tags_in(html: &str) -> Vec<Tag<'_>> {
    open_tags()
        .captures_iter(html)
        .filter_map(|c| {
            let (whole, name, attrs) = (c.get(0)?, c.get(1)?, c.get(2)?);
            Some(Tag {
                name: name.as_str(),
                attrs: attrs.as_str(),
                start: whole.start(),
                end: whole.end(),
            })
        })
        .collect()
}

/// The value of attribute `name`: `""` for a bare attribute, `None` if absent.
/// Accepts double-quoted, single-quoted and unquoted (minified) values.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"#)
            .expect("static regex")
    });
    re.captures_iter(attrs)
        .find(|c| {
            c.get(1)
                .is_some_and(|n| n.as_str().eq_ignore_ascii_case(name))
        })
        .map(|c| {
            c.get(2)
                .or_else(|| c.get(3))
                .or_else(|| c.get(4))
                .map_or("", |m| m.as_str())
        })
}

/// Byte offset just after the close tag matching `tag` (or the end of `html`).
fn element_end(html: &str, tag: &Tag<'_>) -> usize {
    let bytes = html.as_bytes();
    let name = tag.name.as_bytes();
    let mut depth = 1usize;
    let mut at = tag.end;
    while let Some(p) = html[at..].find('<').map(|p| at + p) {
        let closing = bytes.get(p + 1) == Some(&b'/');
        let n = p + 1 + usize::from(closing);
        let same = bytes
            .get(n..n + name.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(name))
            && bytes
                .get(n + name.len())
                .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/');
        at = p + 1;
        if !same {
            continue;
        }
        depth = if closing { depth - 1 } else { depth + 1 };
        if depth == 0 {
            return html[p..].find('>').map_or(html.len(), |q| p + q + 1);
        }
    }
    html.len()
}

/// Visible text of an HTML snippet (or attribute value), whitespace collapsed.
fn text_of(html: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"<[^>]*>").expect("static regex"));
    let plain = re.replace_all(html, " ");
    let decoded = plain
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn esc_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What every record of one page shares.
struct PageCtx<'a> {
    html: &'a str,
    rel_path: &'a str,
    lang: &'a str,
    meta: BTreeMap<String, String>,
    /// `(start, end, heading text)` of the labelled sections.
    sections: Vec<(usize, usize, String)>,
    /// `(start, end)` of the `data-pagefind-ignore` elements.
    ignored: Vec<(usize, usize)>,
}

/// Splits one rendered page into its search records (none if it has no
/// `data-pagefind-body` or no `<html lang>`).
pub fn page_records(rel_path: &str, html: &str) -> Vec<Record> {
    if memchr::memmem::find(html.as_bytes(), b"data-pagefind-body").is_none() {
        return vec![]; // most pages: no need to look at their tags
    }
    let all = tags_in(html);
    let lang = all
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case("html"))
        .and_then(|t| attr(t.attrs, "lang"));
    let body = all
        .iter()
        .find(|t| attr(t.attrs, "data-pagefind-body").is_some());
    let (Some(lang), Some(body)) = (lang, body) else {
        return vec![];
    };
    let body_end = element_end(html, body);
    let tags: Vec<Tag<'_>> = all
        .iter()
        .copied()
        .filter(|t| t.start > body.start && t.start < body_end)
        .collect();
    let page = PageCtx {
        html,
        rel_path,
        lang,
        meta: page_meta(html, &tags),
        sections: section_titles(html, &all, &tags),
        ignored: tags
            .iter()
            .filter(|t| attr(t.attrs, "data-pagefind-ignore").is_some())
            .map(|t| (t.start, element_end(html, t)))
            .collect(),
    };
    tags.iter().filter_map(|t| record_at(&page, t)).collect()
}

/// The `data-pagefind-meta` values inside the body: `KEY:value`, or `KEY`
/// for the element's text.
fn page_meta(html: &str, tags: &[Tag<'_>]) -> BTreeMap<String, String> {
    tags.iter()
        .filter_map(|t| {
            let meta = attr(t.attrs, "data-pagefind-meta").filter(|m| !m.is_empty())?;
            Some(match meta.split_once(':') {
                Some((key, value)) => (key.trim().to_string(), text_of(value)),
                None => (
                    meta.trim().to_string(),
                    text_of(&html[t.end..element_end(html, t)]),
                ),
            })
        })
        .collect()
}

/// The record of a `<p id>` or `<tr id>` outside ignored elements.
fn record_at(page: &PageCtx<'_>, t: &Tag<'_>) -> Option<Record> {
    if !(t.name.eq_ignore_ascii_case("p") || t.name.eq_ignore_ascii_case("tr")) {
        return None;
    }
    if page
        .ignored
        .iter()
        .any(|(s, e)| t.start >= *s && t.start < *e)
    {
        return None;
    }
    let id = attr(t.attrs, "id").filter(|i| !i.is_empty())?;
    let mut meta = page.meta.clone();
    let section = page
        .sections
        .iter()
        .rev()
        .find(|(s, e, _)| t.start > *s && t.start < *e);
    if let Some(title) = section
        .map(|(_, _, title)| title.clone())
        .or_else(|| meta.get("chapter").cloned())
    {
        meta.insert("title".into(), title);
    }
    Some(Record {
        url: format!("/{}#{id}", page.rel_path),
        lang: page.lang.to_string(),
        meta,
        html: page.html[t.start..element_end(page.html, t)].to_string(),
    })
}

/// `(start, end, heading text)` of every `<section>` labelled by a heading.
fn section_titles(html: &str, all: &[Tag<'_>], tags: &[Tag<'_>]) -> Vec<(usize, usize, String)> {
    tags.iter()
        .filter(|t| t.name.eq_ignore_ascii_case("section"))
        .filter_map(|t| {
            let label = attr(t.attrs, "aria-labelledby")?;
            let heading = all.iter().find(|h| attr(h.attrs, "id") == Some(label))?;
            let title = text_of(&html[heading.end..element_end(html, heading)]);
            Some((t.start, element_end(html, t), title))
        })
        .collect()
}

/// The small document pagefind indexes for one record.
fn record_document(r: &Record) -> String {
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
fn is_index_data(name: &str) -> bool {
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
fn index_language(records: &[&Record]) -> Result<Vec<(String, Vec<u8>)>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .context("starting the search indexer")?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .build();
        let mut index = PagefindIndex::new(Some(config)).context("starting pagefind")?;
        for r in records {
            index
                .add_html_file(None, Some(r.url.clone()), record_document(r))
                .await
                .with_context(|| format!("indexing {}", r.url))?;
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

/// The cache file of a shard: named by a hash of the pagefind version and
/// of every record document, in order.
fn cache_name(records: &[&Record]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(indexer_identity());
    for r in records {
        let doc = record_document(r);
        h.update((r.url.len() as u64).to_le_bytes());
        h.update(r.url.as_bytes());
        h.update((doc.len() as u64).to_le_bytes());
        h.update(doc.as_bytes());
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.shard")
}

/// What else decides a shard's bytes: the exact dependencies (pagefind,
/// its compression backend, …) and this file's indexing code. A binary
/// built from other sources never reuses a shard it did not make.
fn indexer_identity() -> &'static [u8] {
    static ID: OnceLock<Vec<u8>> = OnceLock::new();
    ID.get_or_init(|| {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(include_str!("../Cargo.lock"));
        h.update(include_str!("search.rs"));
        h.finalize().to_vec()
    })
}

/// Indexes one shard, or reads it from the cache when an earlier build
/// indexed the very same records. A cache that cannot be read or written
/// is skipped: the index is then built as without one.
fn cached_index(
    records: &[&Record],
    cache: Option<(&Path, &str)>,
) -> Result<Vec<(String, Vec<u8>)>> {
    let Some((dir, name)) = cache else {
        return index_language(records);
    };
    let path = dir.join(name);
    if let Some(files) = std::fs::read(&path).ok().and_then(|b| decode_shard(&b)) {
        return Ok(files);
    }
    let files = index_language(records)?;
    if std::fs::create_dir_all(dir).is_ok() {
        let tmp = path.with_extension("tmp");
        if std::fs::write(&tmp, encode_shard(&files)).is_ok() {
            let _ = std::fs::rename(&tmp, &path);
        }
    }
    Ok(files)
}

/// Removes cached shards that this build did not use.
fn prune_cache(dir: &Path, used: &[String]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if !used.contains(&name) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// `count, (name length, name, bytes length, bytes)*`, little-endian u64s.
fn encode_shard(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        files
            .iter()
            .map(|(n, b)| n.len() + b.len() + 16)
            .sum::<usize>()
            + 8,
    );
    out.extend((files.len() as u64).to_le_bytes());
    for (name, bytes) in files {
        out.extend((name.len() as u64).to_le_bytes());
        out.extend(name.as_bytes());
        out.extend((bytes.len() as u64).to_le_bytes());
        out.extend(bytes);
    }
    out
}

fn decode_shard(mut b: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (b.get(..n)?, b.get(n..)?);
        *b = rest;
        Some(head)
    }
    fn num(b: &mut &[u8]) -> Option<usize> {
        let bytes: [u8; 8] = take(b, 8)?.try_into().ok()?;
        usize::try_from(u64::from_le_bytes(bytes)).ok()
    }
    let count = num(&mut b)?;
    let mut files = Vec::with_capacity(count.min(1 << 16));
    for _ in 0..count {
        let n = num(&mut b)?;
        let name = String::from_utf8(take(&mut b, n)?.to_vec()).ok()?;
        let n = num(&mut b)?;
        files.push((name, take(&mut b, n)?.to_vec()));
    }
    b.is_empty().then_some(files)
}

/// Joins the per-language bundles: their index files are disjoint, the
/// scripts and wasm are the same bytes, and `pagefind-entry.json` lists
/// every language.
fn merge(bundles: Vec<Vec<(String, Vec<u8>)>>) -> Result<Vec<OutputFile>> {
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
            rel_path: format!("{BUNDLE_DIR}/{name}"),
            bytes,
        })
        .collect())
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

/// Records per pagefind index. Pagefind's `add_html_file` compares each new
/// page with every earlier one (n² for n records: a site 100 times this plan
/// did not finish in 10 minutes), so a language with more records is split
/// into shards that the browser merges, listed in `shards.json`.
const SHARD_RECORDS: usize = 2000;

/// Lists each language's extra shard folders for `search.js`.
const SHARDS: &str = "shards.json";

/// Builds the search index of every opted-in HTML page in `files`. Returns
/// the index files (none when no page opted in), sorted.
/// `PLANSITE_SEARCH_SHARD_RECORDS` overrides the shard size (for tests).
pub fn index(files: &[OutputFile]) -> Result<Vec<OutputFile>> {
    let pages: Vec<Vec<Record>> = files
        .iter()
        .filter(|f| f.rel_path.ends_with(".html"))
        .filter_map(|f| {
            Some(page_records(
                &f.rel_path,
                std::str::from_utf8(&f.bytes).ok()?,
            ))
        })
        .collect();
    index_records(pages.iter().map(Vec::as_slice), None)
}

/// Builds the search index from each page's records, given in page order.
/// With a `cache` folder, a shard whose records are the same as in an
/// earlier build is read from there instead of being indexed again.
pub fn index_records<'a>(
    pages: impl Iterator<Item = &'a [Record]>,
    cache: Option<&Path>,
) -> Result<Vec<OutputFile>> {
    let shard = std::env::var("PLANSITE_SEARCH_SHARD_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SHARD_RECORDS);
    let mut by_lang: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    for r in pages.flatten() {
        by_lang.entry(r.lang.to_lowercase()).or_default().push(r);
    }
    index_sharded(&by_lang, shard, cache).map_err(|e| anyhow!("search index: {e:#}"))
}

/// One pagefind index per language and shard of `shard` records, built in
/// parallel. The first shard of every language forms the bundle in
/// `pagefind/`; shard `i` of language `l` goes to `pagefind/l-i/`.
fn index_sharded(
    by_lang: &BTreeMap<String, Vec<&Record>>,
    shard: usize,
    cache: Option<&Path>,
) -> Result<Vec<OutputFile>> {
    if by_lang.is_empty() {
        return Ok(vec![]);
    }
    let jobs: Vec<(&str, usize, &[&Record])> = by_lang
        .iter()
        .flat_map(|(lang, records)| {
            let chunks = records.chunks(shard.max(1)).enumerate();
            chunks.map(move |(i, chunk)| (lang.as_str(), i, chunk))
        })
        .collect();
    let names: Vec<String> = match cache {
        Some(_) => jobs.par_iter().map(|(_, _, r)| cache_name(r)).collect(),
        None => vec![],
    };
    let built: Vec<Vec<(String, Vec<u8>)>> = jobs
        .par_iter()
        .enumerate()
        .map(|(i, (_, _, records))| {
            let slot = cache.zip(names.get(i).map(String::as_str));
            cached_index(records, slot)
        })
        .collect::<Result<_>>()?;
    if let Some(dir) = cache {
        prune_cache(dir, &names);
    }
    let mut firsts = vec![];
    let mut extra = vec![];
    let mut manifest: BTreeMap<&str, Vec<String>> =
        by_lang.keys().map(|l| (l.as_str(), vec![])).collect();
    for ((lang, i, _), bundle) in jobs.iter().zip(built) {
        if *i == 0 {
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
        manifest.entry(lang).or_default().push(dir);
    }
    let mut out = merge(firsts)?;
    out.extend(extra);
    out.push(OutputFile {
        rel_path: format!("{BUNDLE_DIR}/{SHARDS}"),
        bytes: serde_json::to_vec(&manifest).context("writing shards.json")?,
    });
    out.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="zh-CN"><body><nav><p id="nav-p">导航</p></nav>
<article class="chapter" data-pagefind-body>
<header data-pagefind-meta="chapter:第三章 推动结构调整"><p class="kicker">第三章</p><h1>推动结构调整</h1><dl><dt>规划期</dt></dl></header>
<nav class="toc" data-pagefind-ignore><h2 id="toc-h">目录</h2><p id="toc-p">不应索引</p></nav>
<section id="c03-s0"><p id="c03-s0-p1">引言段落。</p></section>
<section id="c03-s1" aria-labelledby="c03-s1-h"><h2 id="c03-s1-h"><span class="num">第一节</span> 夯实&amp;根基</h2>
<p id="c03-s1-p1"><strong class="lead">秸秆</strong>综合利用<span class="clause" id="c03-s1-p1-t1">（牵头）</span></p>
<p class="kicker">no id</p></section>
</article><footer><p id="f">页脚</p></footer></body></html>"#;

    #[test]
    fn splits_body_paragraphs_with_chapter_and_section() {
        let recs = page_records("chapters/03/index.html", PAGE);
        let urls: Vec<&str> = recs.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "/chapters/03/index.html#c03-s0-p1",
                "/chapters/03/index.html#c03-s1-p1"
            ]
        );
        assert!(recs.iter().all(|r| r.lang == "zh-CN"));
        assert_eq!(recs[0].meta["chapter"], "第三章 推动结构调整");
        assert_eq!(
            recs[0].meta["title"], "第三章 推动结构调整",
            "a section without heading falls back to the chapter"
        );
        assert_eq!(recs[1].meta["title"], "第一节 夯实&根基");
        assert!(recs[1].html.starts_with("<p id=\"c03-s1-p1\">") && recs[1].html.ends_with("</p>"));
        assert!(recs[1].html.contains("（牵头）</span>"));
    }

    #[test]
    fn pages_without_body_or_lang_give_nothing() {
        assert!(page_records(
            "x.html",
            "<html lang=\"en\"><body><p id=\"a\">x</p></body></html>"
        )
        .is_empty());
        assert!(page_records(
            "x.html",
            "<html><body data-pagefind-body><p id=\"a\">x</p></body></html>"
        )
        .is_empty());
    }

    #[test]
    fn reads_minified_markup() {
        let html = "<html lang=en><body><article data-pagefind-body><header data-pagefind-meta=chapter><h1>Chapter 3</h1></header><section aria-labelledby=s1-h id=s1><h2 id=s1-h>Air, \"two high\"</h2><p id=c03-s1-p1>Straw <b>burning</b></p></section></article></body></html>";
        let recs = page_records("en/chapters/03/index.html", html);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].url, "/en/chapters/03/index.html#c03-s1-p1");
        assert_eq!(recs[0].meta["title"], "Air, \"two high\"");
        assert_eq!(recs[0].html, "<p id=c03-s1-p1>Straw <b>burning</b></p>");
        let doc = record_document(&recs[0]);
        assert!(
            doc.contains("data-pagefind-meta=\"title:Air, &quot;two high&quot;\""),
            "{doc}"
        );
        assert!(doc.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    }

    #[test]
    fn nested_elements_close_at_the_matching_tag() {
        let html = "<div a><div b>x</div>y</div>z";
        let tags = tags_in(html);
        assert_eq!(
            &html[..element_end(html, &tags[0])],
            "<div a><div b>x</div>y</div>"
        );
        assert_eq!(attr(" id='q' data-x", "data-x"), Some(""));
        assert_eq!(attr(" id='q' data-x", "id"), Some("q"));
        assert_eq!(attr(" id='q'", "lang"), None);
    }

    #[test]
    fn indexes_both_languages_deterministically() {
        let files = two_languages();
        let a = sharded(&files, SHARD_RECORDS, None).expect("index builds");
        let b = sharded(&files, SHARD_RECORDS, None).expect("index builds again");
        assert_eq!(a, b);
        let names: Vec<&str> = a.iter().map(|f| f.rel_path.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind.js"));
        assert!(names.iter().any(|n| n.starts_with("pagefind/fragment/")));
        assert!(
            !names.iter().any(|n| n.contains("-ui.")),
            "bundled UIs are not shipped"
        );
        let entry = text(&a, "pagefind/pagefind-entry.json");
        assert!(
            entry.contains("\"zh-cn\"") && entry.contains("\"en\""),
            "{entry}"
        );
        assert_eq!(text(&a, "pagefind/shards.json"), r#"{"en":[],"zh-cn":[]}"#);
    }

    #[test]
    fn large_languages_are_split_into_shards_the_browser_merges() {
        let out = sharded(&two_languages(), 1, None).expect("index builds");
        assert_eq!(
            text(&out, "pagefind/shards.json"),
            r#"{"en":["en-1/"],"zh-cn":["zh-cn-1/"]}"#
        );
        let root = text(&out, "pagefind/pagefind-entry.json");
        assert!(root.contains("\"page_count\":1"), "{root}");
        for shard in ["pagefind/en-1/", "pagefind/zh-cn-1/"] {
            let files: Vec<&str> = out
                .iter()
                .map(|f| f.rel_path.as_str())
                .filter(|n| n.starts_with(shard))
                .collect();
            assert!(
                files.contains(&format!("{shard}pagefind-entry.json").as_str()),
                "{files:?}"
            );
            assert!(files.iter().any(|n| n.contains("/fragment/")), "{files:?}");
            assert!(
                !files
                    .iter()
                    .any(|n| n.ends_with(".js") || n.contains("wasm.")),
                "{files:?}"
            );
        }
    }

    fn sharded(
        files: &[OutputFile],
        shard: usize,
        cache: Option<&Path>,
    ) -> Result<Vec<OutputFile>> {
        let mut by_lang: BTreeMap<String, Vec<Record>> = BTreeMap::new();
        for f in files {
            for r in page_records(&f.rel_path, std::str::from_utf8(&f.bytes)?) {
                by_lang.entry(r.lang.to_lowercase()).or_default().push(r);
            }
        }
        let refs = by_lang
            .iter()
            .map(|(l, v)| (l.clone(), v.iter().collect()))
            .collect();
        index_sharded(&refs, shard, cache)
    }

    #[test]
    fn a_cache_returns_the_same_index_and_keeps_only_used_shards() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        let files = two_languages();
        let cold = sharded(&files, SHARD_RECORDS, None).expect("index builds");
        let first = sharded(&files, SHARD_RECORDS, Some(&cache)).expect("fills the cache");
        let shards = |d: &Path| std::fs::read_dir(d).map(|r| r.count()).unwrap_or(0);
        assert_eq!(shards(&cache), 2, "one cached shard per language");
        // A cached shard is used: overwrite one with a marker file set.
        let entry = std::fs::read_dir(&cache)
            .expect("cache")
            .flatten()
            .next()
            .expect("entry");
        let marked = encode_shard(&[("pagefind-entry.json".into(), b"{}".to_vec())]);
        std::fs::write(entry.path(), marked).expect("write");
        let hit = sharded(&files, SHARD_RECORDS, Some(&cache)).expect("reads the cache");
        assert_ne!(hit, cold, "the tampered shard was read, not rebuilt");
        std::fs::remove_dir_all(&cache).expect("clear");
        let again = sharded(&files, SHARD_RECORDS, Some(&cache)).expect("cache again");
        assert_eq!(first, cold);
        assert_eq!(again, cold);
        // Another site: the old shards are pruned.
        let other = &files[..1];
        sharded(other, SHARD_RECORDS, Some(&cache)).expect("index builds");
        assert_eq!(shards(&cache), 1);
        assert!(decode_shard(b"junk").is_none());
    }

    fn two_languages() -> Vec<OutputFile> {
        let en = PAGE
            .replace("lang=\"zh-CN\"", "lang=\"en\"")
            .replace("秸秆", "Straw burning");
        vec![
            OutputFile {
                rel_path: "chapters/03/index.html".into(),
                bytes: PAGE.as_bytes().to_vec(),
            },
            OutputFile {
                rel_path: "en/chapters/03/index.html".into(),
                bytes: en.into_bytes(),
            },
        ]
    }

    fn text(files: &[OutputFile], name: &str) -> String {
        files
            .iter()
            .find(|f| f.rel_path == name)
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .unwrap_or_default()
    }
}
