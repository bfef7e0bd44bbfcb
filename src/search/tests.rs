//! The search module's tests: records, the index, shards and the cache.

use super::bundle::{index_with, ENTRY};
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

fn sharded(files: &[OutputFile], shard: usize, cache: Option<&Path>) -> Result<Vec<OutputFile>> {
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
