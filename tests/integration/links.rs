//! The link check refuses the same broken links whichever way a page is
//! made: `check`, a cold `build`, and a rebuild that takes pages from the
//! render cache. A build that refuses leaves the output as it was.

use crate::support::{fixture, read_tree, repo, stderr, TempSite};

/// Asserts that `o` failed on a broken link to `url`.
fn refuses(o: &std::process::Output, what: &str, url: &str) {
    let err = stderr(o);
    assert!(!o.status.success(), "{what} accepted a broken link: {err}");
    assert!(err.contains(url), "{what} does not name {url}: {err}");
}

#[test]
fn build_refuses_a_broken_link_on_a_page_with_a_script() {
    // The search pages hold a <script>: those are the pages the minifier
    // writes with unquoted attribute values.
    let site = TempSite::copy(&repo());
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    site.patch(
        "themes/default/templates/search.html",
        "{% block main %}",
        "{% block main %}<a href=\"{{ c.root }}nowhere/index.html\">x</a>",
    );
    refuses(&site.run(&["check"]), "check", "nowhere/index.html");
    let before = read_tree(&site.path("public"));
    assert!(before.contains_key("search/index.html"));
    refuses(&site.build(), "build --no-search", "nowhere/index.html");
    let o = site.run(&["build", "--lang", "both"]);
    refuses(&o, "build", "nowhere/index.html");
    assert!(
        read_tree(&site.path("public")) == before,
        "a refused build changed public/"
    );
}

#[test]
fn a_rebuild_from_the_render_cache_refuses_what_a_cold_build_refuses() {
    let site = TempSite::copy(&fixture("sample-progress"));
    let link = "[mid-term](../../progress/reports/mid-term/index.html)";
    let chapter = site.read("content/chapters/01.zh.md");
    site.write("content/chapters/01.zh.md", &format!("{chapter}\n{link}\n"));
    for _ in 0..2 {
        let o = site.build();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert!(
        String::from_utf8_lossy(&read_tree(&site.path("public"))["chapters/01/index.html"])
            .contains("progress/reports/mid-term/index.html")
    );
    // The report goes; chapter 1's template data stays the same, so a
    // rebuild takes its page from the render cache.
    site.patch(
        "content/progress/2024.toml",
        "reports = [\"mid-term\"]",
        "reports = []",
    );
    for lang in ["zh", "en"] {
        std::fs::remove_file(site.path(&format!("content/progress/reports/mid-term.{lang}.md")))
            .expect("remove report");
    }
    let before = read_tree(&site.path("public"));
    let url = "progress/reports/mid-term/index.html";
    refuses(&site.run(&["check"]), "check", url);
    refuses(&site.build(), "a rebuild", url);
    assert!(
        read_tree(&site.path("public")) == before,
        "a refused rebuild changed public/"
    );
    // A cold build refuses it too.
    let cold = site.path("cold");
    let o = site.run(&[
        "build",
        "--no-search",
        "--lang",
        "both",
        "--output",
        cold.to_str().expect("utf-8 path"),
    ]);
    refuses(&o, "a cold build", url);
}

/// Every page of the shipped site, the SAMPLE progress site and the mini
/// fixture gives the link check the same links and ids as rendered and as
/// minify-html writes it (unquoted values, no space after a quoted one):
/// a page taken from the render cache is checked as a rendered one.
#[test]
fn a_page_scans_the_same_as_rendered_and_as_minified() {
    use plansite::pipeline::{self, Options};
    for root in [repo(), fixture("sample-progress"), fixture("mini")] {
        let opts = Options {
            minify: false,
            search: false,
        };
        let outcome = pipeline::run(&root, opts).expect("pipeline");
        let files = outcome.files.expect("built");
        let mut unquoted = 0;
        for f in files.iter().filter(|f| f.rel_path.ends_with(".html")) {
            let min = minify_html::minify(&f.bytes, plansite::pipeline::minify_cfg());
            let min = String::from_utf8(min).expect("utf-8");
            unquoted += usize::from(min.contains(" href=.") || min.contains("\"href=."));
            let html = String::from_utf8_lossy(&f.bytes);
            let scan = plansite::linkcheck::scan(&html);
            assert!(scan.urls().count() > 0, "{}: no links found", f.rel_path);
            assert_eq!(
                plansite::linkcheck::scan(&min),
                scan,
                "{}: minified, the page gives other links or ids",
                f.rel_path
            );
        }
        assert!(
            unquoted > 10,
            "{}: {unquoted} minified pages with unquoted links",
            root.display()
        );
    }
}
