//! Search: building the shipped site writes a pagefind index for both
//! languages, two builds write byte-identical index files, and
//! `--no-search` writes none.

use super::support::{read_tree, repo, stderr, TempSite};
use std::path::Path;

/// Builds the site at `site` into `out` with extra `args`; panics with stderr on failure.
fn build(site: &TempSite, out: &Path, args: &[&str]) {
    let out = out.to_string_lossy();
    let mut all = vec!["build", "--lang", "en", "--output", &out];
    all.extend_from_slice(args);
    let output = site.run(&all);
    assert!(output.status.success(), "build failed: {}", stderr(&output));
}

#[test]
fn shipped_site_has_a_deterministic_index_for_both_languages() {
    let site = TempSite::copy(&repo());
    let tmp = tempfile::tempdir().expect("tempdir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&site, &a, &[]);
    build(&site, &b, &[]);

    let entry: serde_json::Value = serde_json::from_slice(
        &std::fs::read(a.join("pagefind/pagefind-entry.json")).expect("entry json"),
    )
    .expect("json");
    // A record per section (its paragraphs listed in its meta `p`), or
    // per table row or other paragraph.
    let mut records: std::collections::BTreeMap<String, (u64, usize)> = Default::default();
    for (rel, bytes) in read_tree(&a) {
        if rel.ends_with(".html") {
            for r in plansite::search::page_records(&rel, &String::from_utf8_lossy(&bytes)) {
                let e = records.entry(r.lang.to_lowercase()).or_default();
                e.0 += 1;
                e.1 += r.meta.get("p").map_or(1, |m| m.split(' ').count());
            }
        }
    }
    for lang in ["zh-cn", "en"] {
        let pages = entry["languages"][lang]["page_count"].as_u64().unwrap_or(0);
        let (want, paragraphs) = records[lang];
        assert_eq!(pages, want, "{lang}: every record is indexed");
        assert!(
            paragraphs >= 150 && want * 2 < paragraphs as u64,
            "{lang}: {paragraphs} paragraphs in {want} records, expected every chapter paragraph"
        );
        let meta = format!(
            "pagefind/pagefind.{}.pf_meta",
            entry["languages"][lang]["hash"].as_str().unwrap_or("")
        );
        assert!(a.join(&meta).is_file(), "{meta} missing");
    }
    let index_a = read_tree(&a.join("pagefind"));
    let index_b = read_tree(&b.join("pagefind"));
    assert!(
        index_a.keys().any(|k| k.starts_with("fragment/"))
            && index_a.keys().any(|k| k.starts_with("index/"))
    );
    assert!(index_a.contains_key("pagefind.js") && index_a.contains_key("pagefind-worker.js"));
    assert_eq!(
        index_a
            .get("shards.json")
            .map(|b| String::from_utf8_lossy(b).into_owned()),
        Some(r#"{"en":[],"zh-cn":[]}"#.to_string()),
        "the plan fits one shard per language"
    );
    assert!(
        !index_a.keys().any(|k| k.contains("-ui.")),
        "pagefind's bundled UIs are not shipped"
    );
    assert_eq!(
        index_a.keys().collect::<Vec<_>>(),
        index_b.keys().collect::<Vec<_>>(),
        "same index files"
    );
    for (name, bytes) in &index_a {
        assert!(
            index_b.get(name) == Some(bytes),
            "{name} differs between two builds"
        );
    }

    let search = std::fs::read_to_string(a.join("en/search/index.html")).expect("search page");
    assert!(
        search.contains("../../assets/search.js") && search.contains("../../pagefind/"),
        "relative paths to the script and index"
    );
    let chapter = std::fs::read_to_string(a.join("chapters/07/index.html")).expect("chapter");
    assert!(
        chapter.contains("data-pagefind-body"),
        "chapters opt into the index"
    );
}

#[test]
fn no_search_flag_builds_no_index() {
    let site = TempSite::copy(&repo());
    let out = site.path("public");
    build(&site, &out, &["--no-search"]);
    assert!(out.join("search/index.html").is_file());
    assert!(
        !out.join("pagefind").exists(),
        "--no-search must not write pagefind/"
    );
}

/// Guards pagefind's silent skip: a theme whose chapter template lost
/// `data-pagefind-body` must be told that the index is empty.
#[test]
fn chapter_template_without_body_marker_warns() {
    let site = TempSite::copy(&repo());
    site.patch(
        "themes/default/templates/chapter.html",
        " data-pagefind-body",
        "",
    );
    let out = site.path("public");
    let output = site.run(&["build", "--lang", "en", "--output", &out.to_string_lossy()]);
    assert!(
        output.status.success(),
        "a warning does not fail the build: {}",
        stderr(&output)
    );
    let err = stderr(&output);
    assert!(
        err.contains("data-pagefind-body") && err.contains("templates/chapter.html"),
        "{err}"
    );
    assert!(!out.join("pagefind").exists(), "nothing to index");
}

/// A theme that gives both site languages' pages the same `<html lang>`:
/// the per-language parts would share a language, so the build indexes all
/// records as one language instead, with every paragraph of both.
#[test]
fn one_html_lang_for_both_languages_gives_one_index() {
    let site = TempSite::copy(&repo());
    site.patch(
        "themes/default/templates/base.html",
        "<html lang=\"{{ c.html_lang }}\">",
        "<html lang=\"zh-CN\">",
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    build(&site, &one, &[]);
    let entry: serde_json::Value = serde_json::from_slice(
        &std::fs::read(one.join("pagefind/pagefind-entry.json")).expect("entry json"),
    )
    .expect("json");
    let langs = entry["languages"].as_object().expect("languages");
    assert_eq!(langs.keys().collect::<Vec<_>>(), ["zh-cn"], "{entry}");
    let shipped = TempSite::copy(&repo());
    build(&shipped, &two, &[]);
    let both: serde_json::Value = serde_json::from_slice(
        &std::fs::read(two.join("pagefind/pagefind-entry.json")).expect("entry json"),
    )
    .expect("json");
    let count = |v: &serde_json::Value, l: &str| v["languages"][l]["page_count"].as_u64();
    let sum = count(&both, "zh-cn").unwrap_or(0) + count(&both, "en").unwrap_or(0);
    assert_eq!(count(&entry, "zh-cn"), Some(sum), "every paragraph of both");
}

/// The search page's synonym groups: those of `content/synonyms.toml` and
/// the `全称（缩写）` pairs the text writes, per language; a bad file is
/// refused with its path and line.
#[test]
fn synonyms_come_from_content_and_from_the_texts_own_abbreviations() {
    let site = TempSite::copy(&super::support::fixture("mini"));
    site.patch(
        "content/chapters/02.zh.md",
        "开展噪声扰民排查。",
        "开展噪声扰民排查，重点削减：臭氧（O3）、二氧化氮（NO2）。",
    );
    site.write(
        "content/synonyms.toml",
        "[[group]]\nzh = [\"噪声\", \"噪音\"]\nen = [\"noise\", \"din\"]\n",
    );
    let out = site.run(&["build", "--lang", "both"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let groups: serde_json::Value =
        serde_json::from_str(&site.read("public/pagefind/synonyms.json")).expect("json");
    assert_eq!(
        groups["zh-cn"],
        serde_json::json!([
            ["噪声", "噪音"],
            ["细颗粒物", "PM2.5"],
            ["臭氧", "O3"],
            ["二氧化氮", "NO2"]
        ])
    );
    assert_eq!(
        groups["en"],
        serde_json::json!([["noise", "din"], ["particulate matter", "PM2.5"]])
    );

    site.write(
        "content/synonyms.toml",
        "# groups\n\n[[group]]\nzh = [\"噪声\", \"\"]\n",
    );
    let out = site.run(&["build", "--lang", "both"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("content/synonyms.toml:3")
            && err.contains("空词")
            && err.contains("empty term"),
        "{err}"
    );
    site.write(
        "content/synonyms.toml",
        "[[group]]\nzh = [\"a\", \"b\"]\nfr = [\"x\"]\n",
    );
    let out = site.run(&["build", "--lang", "both"]);
    assert!(!out.status.success(), "an unknown key is refused");
    assert!(
        stderr(&out).contains("content/synonyms.toml"),
        "{}",
        stderr(&out)
    );
}
