//! The streaming minifier gives minify-html's very bytes on every page of
//! the shipped site, the SAMPLE progress site and the mini fixture, and it
//! is the path those pages actually take.

use crate::support::{fixture, repo};
use plansite::pipeline::{self, Options};
use std::path::Path;

/// The number of pages; panics on the first difference, or when the fast
/// path refuses a page without a script or style element.
fn compare(root: &Path) -> usize {
    let outcome = pipeline::run(
        root,
        Options {
            minify: false,
            search: false,
        },
    )
    .expect("pipeline");
    let files = outcome
        .files
        .unwrap_or_else(|| panic!("build failed: {:?}", outcome.diagnostics));
    let mut pages = 0;
    for f in files.iter().filter(|f| f.rel_path.ends_with(".html")) {
        pages += 1;
        let want = minify_html::minify(&f.bytes, plansite::minify::cfg());
        assert_eq!(
            plansite::minify::minify(&f.bytes),
            want,
            "{}: minify differs from minify-html",
            f.rel_path
        );
        let Some(got) = plansite::minify::fast(&f.bytes) else {
            let html = String::from_utf8_lossy(&f.bytes);
            assert!(
                html.contains("<script") || html.contains("<style"),
                "{}: the fast path refused a page without scripts or styles",
                f.rel_path
            );
            continue;
        };
        {
            if got != want {
                let at = got.iter().zip(&want).take_while(|(a, b)| a == b).count();
                let show = |b: &[u8]| {
                    String::from_utf8_lossy(&b[at.saturating_sub(80)..(at + 80).min(b.len())])
                        .into_owned()
                };
                panic!(
                    "{}: fast path differs at byte {at}:\n fast: {}\n want: {}",
                    f.rel_path,
                    show(&got),
                    show(&want)
                );
            }
        }
    }
    pages
}

#[test]
fn fast_minifier_equals_minify_html_on_every_page() {
    for (root, min_pages) in [
        (repo(), 150),
        (fixture("sample-progress"), 50),
        (fixture("mini"), 10),
    ] {
        let pages = compare(&root);
        assert!(pages >= min_pages, "{}: {pages} pages", root.display());
    }
}
