use super::*;
use crate::render::OutputFile;

/// Checks every link in every HTML file of `files`.
fn check(files: &[OutputFile]) -> Vec<BrokenLink> {
    use rayon::prelude::*;
    let scans: Vec<(&str, PageScan)> = files
        .par_iter()
        .filter(|f| f.rel_path.ends_with(".html"))
        .map(|f| {
            (
                f.rel_path.as_str(),
                scan(&String::from_utf8_lossy(&f.bytes)),
            )
        })
        .collect();
    let pages: Vec<(&str, &PageScan)> = scans.iter().map(|(p, s)| (*p, s)).collect();
    check_scanned(files.iter().map(|f| f.rel_path.as_str()), &pages)
}

#[test]
fn urls_split_like_split_terminator() {
    for urls in [
        "",
        "\0",
        "a\0",
        "a\0\0b\0",
        "../x/index.html#t\0#y\0",
        "a\0b",
    ] {
        let scan = PageScan {
            ids: vec![],
            urls: urls.to_string(),
        };
        let want: Vec<&str> = urls.split_terminator('\0').collect();
        assert_eq!(scan.urls().collect::<Vec<_>>(), want, "{urls:?}");
    }
}

/// The links and ids `scan` finds, ids sorted by their hash.
fn found(html: &str) -> (Vec<String>, Vec<u64>) {
    let s = scan(html);
    (s.urls().map(str::to_string).collect(), s.ids.clone())
}

#[test]
fn reads_quoted_unquoted_and_single_quoted_values() {
    let ids = |names: &[&str]| {
        let mut h: Vec<u64> = names.iter().map(|n| id_hash(n)).collect();
        h.sort_unstable();
        h
    };
    let want = (
        vec![
            "a.html".to_string(),
            "b/index.html#x".to_string(),
            "c.html".to_string(),
            "d.html?q=1&r=2".to_string(),
            "e.png".to_string(),
            "f.html".to_string(),
        ],
        ids(&["top", "x y", "z"]),
    );
    // As a template writes it, and as minify-html may: unquoted, no
    // space after a quoted value, names in capitals, single quotes,
    // entities written or not, spaces around `=`.
    let rendered = r#"<p id="top"><a class="k" href="a.html">1</a><a href="b/index.html#x">2</a><a href = "c.html">3</a><a href="d.html?q=1&amp;r=2">4</a><img src="e.png"><a id='x y' href="f.html">5</a><i id="z"></i>"#;
    let minified = r#"<p id=top><a class=k href=a.html>1</a><a class="k l"href=b/index.html#x>2</a><A HREF='c.html'>3</a><a href="d.html?q=1&r=2">4</a><img src=e.png><a id="x y"href=f&#x2e;html>5</a><i id=z></i>"#;
    assert_eq!(found(rendered), want);
    assert_eq!(found(minified), want);
}

#[test]
fn ignores_what_is_not_a_link() {
    let html = r#"<!DOCTYPE html><html><head><base href="../x/"><title>a href="t.html"</title>
<style>a[href="s.html"]{}</style><script>let a = '<a href="j.html">';</script>
<script src="ok.js"></script></head><body><!-- <a href="c.html"> --><p data-href="d.html">x < y</p>
<p title="href=e.html">1</p><a href=https://x.cn/>2</a><a href="mailto:a@b.cn">3</a></body></html>"#;
    assert_eq!(found(html), (vec!["ok.js".to_string()], vec![]));
}

#[test]
fn survives_unterminated_markup() {
    for html in [
        "<a href=\"x",
        "<a href=",
        "<a href",
        "<a",
        "<",
        "<!--",
        "<script>",
        "</",
    ] {
        let _ = scan(html);
    }
    assert_eq!(found("<a href=x.html").0, ["x.html"]);
}

fn f(p: &str, html: &str) -> OutputFile {
    OutputFile {
        rel_path: p.into(),
        bytes: html.as_bytes().to_vec(),
    }
}

#[test]
fn finds_missing_files_and_anchors() {
    let files = [
        f(
            "index.html",
            r##"<a href="a/index.html#x">1</a><a href="a/index.html#nope">2</a><a href="b.html">3</a><a href="https://x.cn/">4</a><a href="#top">5</a>"##,
        ),
        f(
            "a/index.html",
            r#"<p id="x"></p><a href="../index.html">up</a><img src="../assets/y.png">"#,
        ),
    ];
    let b = check(&files);
    let urls: Vec<(&str, bool)> = b
        .iter()
        .map(|x| (x.url.as_str(), x.missing_anchor))
        .collect();
    assert_eq!(
        urls,
        [
            ("../assets/y.png", false),
            ("#top", true),
            ("a/index.html#nope", true),
            ("b.html", false)
        ]
    );
}

#[test]
fn resolves_relative_paths() {
    let cases = [
        (
            "en/chapters/03/index.html",
            "../../index.html",
            Some("en/index.html"),
        ),
        ("a/b/index.html", "../c/./d.html", Some("a/c/d.html")),
        ("a/b/index.html", "../../x.html", Some("x.html")),
        ("a/b/index.html", "../../../x.html", None),
        ("index.html", "../x.html", None),
        ("index.html", "chapters/03/", Some("chapters/03")),
    ];
    for (page, url, want) in cases {
        let got = crate::render::links::resolve(page, url);
        assert_eq!(got.as_deref(), want, "{url} from {page}");
    }
}
