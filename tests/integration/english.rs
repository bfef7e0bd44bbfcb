//! The English edition: every page mirrored, hreflang pairs resolve, no
//! untranslated Chinese, the fallback notice, and glossary consistency.

use crate::support::*;

fn built(from: &std::path::Path) -> TempSite {
    let site = TempSite::copy(from);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

#[test]
fn every_page_has_its_counterpart_and_hreflang_resolves() {
    let site = built(&repo());
    let tree = read_tree(&site.path("public"));
    let pages: Vec<&String> = tree
        .keys()
        .filter(|k| k.ends_with(".html") && !k.starts_with("pagefind"))
        .collect();
    let link = regex::Regex::new(r"<link [^>]*hreflang[^>]*>").expect("re");
    let attr = |tag: &str, name: &str| -> String {
        let re = regex::Regex::new(&format!(r#"\b{name}=(?:"([^"]*)"|([^\s>]+))"#)).expect("re");
        re.captures(tag)
            .map(|c| c.get(1).or(c.get(2)).map_or("", |m| m.as_str()).to_string())
            .unwrap_or_default()
    };
    for p in &pages {
        let other = match p.strip_prefix("en/") {
            Some(zh) => zh.to_string(),
            None => format!("en/{p}"),
        };
        assert!(tree.contains_key(&other), "{p} has no counterpart {other}");
        let html = String::from_utf8_lossy(&tree[*p]);
        let lang = if p.starts_with("en/") {
            "lang=en"
        } else {
            "lang=zh-CN"
        };
        assert!(
            html.contains(&format!("<html {lang}"))
                || html.contains(&format!("<html {}", lang.replace('=', "=\""))),
            "{p}: wrong <html lang>"
        );
        if p.ends_with("404.html") {
            continue; // shown at any URL: no alternates of its own
        }
        let found: Vec<(String, String)> = link
            .find_iter(&html)
            .map(|m| {
                (
                    attr(m.as_str(), "hreflang"),
                    attr(m.as_str(), "href").replace("&#x2F;", "/"),
                )
            })
            .collect();
        assert_eq!(
            found.len(),
            2,
            "{p}: expected two hreflang alternates, got {found:?}"
        );
        for (_, href) in found {
            let dir = std::path::Path::new(p.as_str())
                .parent()
                .map(|d| d.to_path_buf())
                .unwrap_or_default();
            let target = site.path("public").join(dir).join(&href);
            assert!(target.exists(), "{p}: hreflang {href} does not resolve");
        }
    }
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    })
}

#[test]
fn english_pages_contain_no_untranslated_chinese() {
    let site = built(&repo());
    for (path, bytes) in read_tree(&site.path("public")) {
        if !(path.starts_with("en/") && path.ends_with(".html")) {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        let text = html_text(main_html(&html), Some("[lang=zh-CN]"));
        let bad: Vec<&str> = text.lines().filter(|l| has_han(l)).take(3).collect();
        assert!(
            bad.is_empty(),
            "{path}: Chinese outside lang=zh-CN: {bad:?}"
        );
    }
}

#[test]
fn missing_translation_shows_chinese_with_a_notice() {
    let site = TempSite::copy(&fixture("mini"));
    site.patch("content/chapters/01.en.md", "<!-- s1-p1 ", "<!-- s9-p9 ");
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("content/chapters/01.zh.md:") && err.contains("has no English translation"),
        "{err}"
    );
    let html = site.read("public/en/chapters/01/index.html");
    let para =
        regex::Regex::new(r#"<p id="?c01-s1-p1"? lang="?zh-CN"?>[^<]*到2025年"#).expect("re");
    assert!(
        para.is_match(&html),
        "the Chinese is shown, marked lang=zh-CN"
    );
    assert!(html.contains("Not yet translated"), "visible notice");
    let check = site.run(&["check", "--lang", "en"]);
    let out = stdout(&check);
    assert!(
        out.contains("50.0%") || out.contains("(1/2"),
        "coverage reported:\n{out}"
    );
}

#[test]
fn stale_translation_is_reported_with_file_and_line() {
    let site = TempSite::copy(&fixture("mini"));
    site.patch(
        "content/chapters/02.zh.md",
        "开展噪声扰民排查。",
        "开展噪声扰民排查和整治。",
    );
    let out = site.run(&["check", "--lang", "en"]);
    let err = stderr(&out);
    assert!(err.contains("stale translation"), "{err}");
    assert!(err.contains("content/chapters/02.en.md:"), "{err}");
    assert!(out.status.success(), "stale is a warning without --strict");
    assert!(
        !site.run(&["check", "--strict"]).status.success(),
        "--strict fails on stale"
    );
}

#[test]
fn a_unit_name_renders_identically_everywhere() {
    let site = built(&fixture("mini"));
    let name = "Ecology and Environment Branch";
    let chapter = site.read("public/en/chapters/02/index.html");
    let dept = site.read("public/en/departments/ecology/index.html");
    let data = site.read("public/data/plan.json");
    assert!(chapter.contains(&format!(">{name}</a>")), "chapter clause");
    assert!(
        dept.contains(&format!("<h1>{name}</h1>")),
        "department page"
    );
    assert!(data.contains(&format!("\"en\": \"{name}\"")), "open data");
    assert!(
        chapter.contains("(Lead: <a"),
        "clause rendered from task data"
    );
}

#[test]
fn shipped_translation_is_complete() {
    let out = run_in(&repo(), &["check", "--strict", "--lang", "en"]);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("100.0%  ("), "{}", stdout(&out));
}
