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
use std::collections::BTreeMap;
use std::path::Path;

mod cache;
mod digest;
mod records;

use cache::{cache_name, cached_index, prune_cache};
use records::esc_attr;
pub use records::page_records;

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
pub(super) fn index_language(records: &[&Record]) -> Result<Vec<(String, Vec<u8>)>> {
    index_with(records, true)
}

/// [`index_language`]; with `as_text`, a record whose text
/// [`digest::digest`] can read is given to pagefind as that text, else as
/// a small HTML document (the same index, see `digest.rs`).
fn index_with(records: &[&Record], as_text: bool) -> Result<Vec<(String, Vec<u8>)>> {
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
    cache: Option<&Path>,
) -> Result<Vec<OutputFile>> {
    assemble(vec![index_part(pages, cache)?], cache)
}

/// The indexed shards of some pages' records: every shard of each
/// `<html lang>` they carry, with their cache names.
pub struct Part {
    langs: Vec<(String, Vec<Bundle>)>,
    names: Vec<String>,
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
    index_shards(&by_lang, shard, cache).map_err(|e| anyhow!("search index: {e:#}"))
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
    Ok(Part { langs, names })
}

/// Joins the parts into the index's files. The first shard of every
/// language forms the bundle in `pagefind/`; shard `i` of language `l`
/// goes to `pagefind/l-i/`. With a cache, shards no part used are removed.
pub fn assemble(parts: Vec<Part>, cache: Option<&Path>) -> Result<Vec<OutputFile>> {
    if let Some(dir) = cache {
        let used: Vec<String> = parts.iter().flat_map(|p| p.names.clone()).collect();
        prune_cache(dir, &used);
    }
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
    out.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::cache::{decode_shard, encode_shard};
    use super::records::{attr, element_end, tags_in};
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
        assemble(vec![index_shards(&refs, shard, cache)?], cache)
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

    /// Every record of the shipped site, indexed as text and as HTML
    /// documents: the same words, fragments (but for pagefind's anchors,
    /// which the search page does not use) and index.
    #[test]
    fn text_records_index_as_their_html_documents_do() {
        let mut by_lang: BTreeMap<String, Vec<Record>> = BTreeMap::new();
        for (rel, html) in records::shipped_pages() {
            for r in page_records(&rel, &html) {
                by_lang.entry(r.lang.to_lowercase()).or_default().push(r);
            }
        }
        assert_eq!(by_lang.len(), 2, "both languages have records");
        for (lang, records) in &by_lang {
            let unread: Vec<&str> = records
                .iter()
                .filter(|r| digest::digest(&r.html).is_none())
                .map(|r| r.url.as_str())
                .collect();
            assert!(
                unread.is_empty(),
                "{lang}: records given as HTML: {unread:?}"
            );
            let refs: Vec<&Record> = records.iter().collect();
            let as_html = index_with(&refs, false).expect("index as HTML");
            let as_text = index_with(&refs, true).expect("index as text");
            let names = |files: &[(String, Vec<u8>)], dir: &str| -> Vec<String> {
                let mut n: Vec<String> = files
                    .iter()
                    .filter(|(name, _)| name.starts_with(dir))
                    .map(|(name, _)| name.clone())
                    .collect();
                n.sort();
                n
            };
            assert!(!names(&as_text, "index/").is_empty());
            assert_eq!(
                names(&as_html, "index/"),
                names(&as_text, "index/"),
                "{lang}"
            );
            let html = fragments(&as_html);
            let text = fragments(&as_text);
            assert_eq!(html.len(), records.len(), "{lang}");
            assert_eq!(html, text, "{lang}");
        }
    }

    /// A record added again under the same URL replaces the first, in
    /// place, as pagefind's scan of earlier records does.
    #[test]
    fn a_url_indexed_twice_keeps_the_last_record() {
        let record = |url: &str, text: &str| Record {
            url: url.into(),
            lang: "en".into(),
            meta: BTreeMap::from([("title".to_string(), "T".to_string())]),
            html: format!("<p id=x>{text}</p>"),
        };
        let records = [
            record("/a.html#x", "first words"),
            record("/b.html#x", "other words"),
            record("/a.html#x", "second words"),
        ];
        let refs: Vec<&Record> = records.iter().collect();
        for as_text in [true, false] {
            let files = index_with(&refs, as_text).expect("index builds");
            let frags = fragments(&files);
            assert_eq!(frags.len(), 2, "{frags:?}");
            let content = frags["/a.html#x"]["content"].as_str().expect("content");
            assert!(content.contains("second"), "{content}");
            assert!(!content.contains("first"), "{content}");
            let entry = files
                .iter()
                .find(|(name, _)| name == ENTRY)
                .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
                .expect("entry");
            assert!(entry.contains("\"page_count\":2"), "{entry}");
        }
    }

    /// The fragments of a bundle by URL, without their anchors.
    fn fragments(files: &[(String, Vec<u8>)]) -> BTreeMap<String, serde_json::Value> {
        use std::io::Read;
        files
            .iter()
            .filter(|(name, _)| name.starts_with("fragment/"))
            .map(|(_, bytes)| {
                let mut raw = vec![];
                flate2::read::GzDecoder::new(bytes.as_slice())
                    .read_to_end(&mut raw)
                    .expect("gzip");
                let json = &raw[raw.iter().position(|b| *b == b'{').expect("json")..];
                let mut v: serde_json::Value = serde_json::from_slice(json).expect("fragment");
                v.as_object_mut().expect("object").remove("anchors");
                (v["url"].as_str().expect("url").to_string(), v)
            })
            .collect()
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
