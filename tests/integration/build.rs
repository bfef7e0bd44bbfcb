//! Building: verbatim Chinese text, golden output, determinism, the
//! committed public/ being up to date.

use crate::support::*;
use std::collections::BTreeMap;

fn built_repo() -> TempSite {
    let site = TempSite::copy(&repo());
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

/// Seed body pieces: every line split at 。 and ；, bookmarks stripped,
/// whitespace removed.
fn seed_pieces(seed: &str) -> Vec<String> {
    let bookmark = regex::Regex::new(r"\[bookmark: [^\]]*\]").expect("re");
    let mut out = vec![];
    for line in seed.lines().skip(1) {
        let line = bookmark.replace_all(line, "");
        for piece in line.split(['。', '；']) {
            let compact: String = piece.chars().filter(|c| !c.is_whitespace()).collect();
            if !compact.is_empty() {
                out.push(compact);
            }
        }
    }
    out
}

#[test]
fn every_sentence_of_the_seed_is_on_the_chinese_pages() {
    let site = built_repo();
    let tree = read_tree(&site.path("public"));
    let mut text = String::new();
    for (path, bytes) in &tree {
        if path.ends_with(".html") && !path.starts_with("en/") {
            let t = html_text(&String::from_utf8_lossy(bytes), None);
            text.extend(t.chars().filter(|c| !c.is_whitespace()));
        }
    }
    let seed = site.read("seeds/yanzhou-14th-fyp-eco-plan.zh.txt");
    let pieces = seed_pieces(&seed);
    assert!(pieces.len() > 1300, "{} pieces", pieces.len());
    let missing: Vec<&String> = pieces
        .iter()
        .filter(|p| !text.contains(p.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} sentences missing, e.g. {:?}",
        missing.len(),
        pieces.len(),
        &missing[..missing.len().min(5)]
    );
    assert!(
        !text.contains("[bookmark:"),
        "Word artefacts must be stripped"
    );
}

#[test]
fn leads_render_bold_without_literal_asterisks() {
    let site = built_repo();
    let html = site.read("public/chapters/03/index.html");
    let lead =
        regex::Regex::new(r#"<strong class="?lead"?>优化国土空间开发与保护格局。</strong>落实"#)
            .expect("re");
    assert!(lead.is_match(&html), "lead markup missing");
    let text = html_text(main_html(&html), None);
    assert!(!text.contains("**"), "literal asterisks in chapter 3");
    let ch2 = html_text(main_html(&site.read("public/chapters/02/index.html")), None);
    assert!(
        ch2.contains("注：[ ]内为五年累计值。"),
        "escaped brackets render as written"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let a = built_repo();
    let b = built_repo();
    let (ta, tb) = (read_tree(&a.path("public")), read_tree(&b.path("public")));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(tb.get(k) == Some(v), "{k} differs between builds");
    }
}

/// Content and site.toml saved with CRLF line ends (Notepad, a Windows
/// checkout) build the very site their LF copies build.
#[test]
fn crlf_files_build_the_same_site() {
    let lf = built_repo();
    let crlf = TempSite::copy(&repo());
    let n = to_crlf(&crlf.path("content"), &[".md", ".toml"])
        + to_crlf(&crlf.path("site.toml"), &[".toml"]);
    assert!(n > 20, "only {n} files rewritten");
    let out = crlf.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let (a, b) = (
        read_tree(&lf.path("public")),
        read_tree(&crlf.path("public")),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(b.get(k) == Some(v), "{k} differs when the sources are CRLF");
    }
}

/// `--minify` changes only the markup: each page is the default build's
/// page minified, every other file is the same bytes, and the minified
/// pages are smaller.
#[test]
fn minify_changes_only_the_markup() {
    let site = built_repo();
    let out = site.path("minified");
    let o = site.run(&[
        "build",
        "--minify",
        "--output",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plain = read_tree(&site.path("public"));
    let small = read_tree(&out);
    let files = |t: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        t.keys()
            .filter(|k| !k.starts_with("pagefind/"))
            .cloned()
            .collect()
    };
    assert_eq!(files(&plain), files(&small));
    let (mut before, mut after) = (0, 0);
    for (rel, bytes) in &plain {
        if rel.ends_with(".html") {
            let page = String::from_utf8_lossy(bytes);
            assert_eq!(canon(&page).as_bytes(), &small[rel][..], "{rel}");
            assert!(
                page.contains("=\"") || !page.contains('='),
                "{rel} is not minified"
            );
            before += bytes.len();
            after += small[rel].len();
        } else if !rel.starts_with("pagefind/") {
            assert_eq!(bytes, &small[rel], "{rel}");
        }
    }
    assert!(after < before, "{after} < {before}");
}

#[test]
fn committed_public_equals_a_fresh_build() {
    let site = TempSite::copy(&repo());
    let out = site.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let fresh = read_tree(&site.path("public"));
    let committed = read_tree(&repo().join("public"));
    let differ: Vec<&String> = fresh
        .keys()
        .filter(|k| committed.get(*k) != fresh.get(*k))
        .collect();
    let extra: Vec<&String> = committed
        .keys()
        .filter(|k| !fresh.contains_key(*k))
        .collect();
    assert!(differ.is_empty() && extra.is_empty(), "public/ is stale: rebuild with `cargo run --release -- build` (differ: {differ:?}, extra: {extra:?})");
}

#[test]
fn golden_output_of_the_mini_fixture() {
    let site = TempSite::copy(&fixture("mini"));
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let got: BTreeMap<String, Vec<u8>> = read_tree(&site.path("public"));
    let expected_dir = repo().join("tests/expected/mini");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&expected_dir);
        copy_tree(&site.path("public"), &expected_dir);
    }
    let expected = read_tree(&expected_dir);
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "file list changed (UPDATE_GOLDEN=1 to accept)"
    );
    for (k, v) in &got {
        assert!(
            expected.get(k) == Some(v),
            "{k} differs from tests/expected/mini (UPDATE_GOLDEN=1 to accept)"
        );
    }
}

#[test]
fn failed_build_leaves_public_untouched() {
    let site = built_repo();
    let before = read_tree(&site.path("public"));
    site.patch(
        "content/chapters/03.zh.md",
        "## 夯实绿色发展根基",
        "## 夯实绿色发展根基\n\n<script>alert(1)</script>",
    );
    let out = site.build();
    assert!(!out.status.success());
    assert_eq!(read_tree(&site.path("public")), before);
}

#[test]
fn links_are_relative_and_name_files() {
    let site = built_repo();
    let href = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).expect("re");
    for (path, bytes) in read_tree(&site.path("public")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for c in href.captures_iter(&html) {
            let url = &c[1];
            assert!(
                !url.starts_with('/') && !url.contains("//"),
                "{path}: non-relative link {url}"
            );
            let file = url.split('#').next().unwrap_or("");
            assert!(!file.ends_with('/'), "{path}: link to a folder {url}");
        }
    }
}
