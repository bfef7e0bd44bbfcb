//! Internal link check over the rendered file set: every relative href/src
//! must name a file of the site, and every `#fragment` an id on that page.
//! Pure: works on the in-memory output, before anything is written.

use crate::render::links::resolve;
use crate::render::OutputFile;
use std::collections::BTreeSet;

/// A link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page holding the link.
    pub page: String,
    /// The link as written.
    pub url: String,
    /// True when the file exists but the fragment does not.
    pub missing_anchor: bool,
}

/// Attribute values of `name="…"` in `html`.
fn attrs<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!(" {name}=\"");
    let mut out = vec![];
    let mut rest = html;
    while let Some(i) = rest.find(&pat) {
        let after = &rest[i + pat.len()..];
        let Some(end) = after.find('"') else { break };
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

/// Ids defined in `html` (minified or not).
fn ids(html: &str) -> BTreeSet<String> {
    let mut set: BTreeSet<String> = attrs(html, "id").into_iter().map(str::to_string).collect();
    // minify-html may drop quotes: id=foo
    let mut rest = html;
    while let Some(i) = rest.find(" id=") {
        let after = &rest[i + 4..];
        if !after.starts_with('"') {
            let end = after.find([' ', '>']).unwrap_or(after.len());
            set.insert(after[..end].to_string());
        }
        rest = after;
    }
    set
}

fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// What the link check needs of one page: the ids it defines and the
/// internal links it holds (decoded, as written). Taken from each page
/// right after it is rendered, on the worker that rendered it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageScan {
    pub ids: BTreeSet<String>,
    pub urls: Vec<String>,
}

/// Scans one page for its ids and internal links.
pub fn scan(html: &str) -> PageScan {
    // A <base href> is not a link; the 404 page's base is its own folder.
    let html = match html.find("<base ") {
        Some(start) => {
            let end = html[start..]
                .find('>')
                .map_or(html.len(), |e| start + e + 1);
            std::borrow::Cow::Owned(format!("{}{}", &html[..start], &html[end..]))
        }
        None => std::borrow::Cow::Borrowed(html),
    };
    let mut urls = attrs(&html, "href");
    urls.extend(attrs(&html, "src"));
    PageScan {
        ids: ids(&html),
        urls: urls
            .into_iter()
            .map(decode)
            // http(s), mailto, tel: not internal
            .filter(|u| !u.contains(':') || u.starts_with('#'))
            .collect(),
    }
}

/// Checks every link in every HTML file of `files`.
pub fn check(files: &[OutputFile]) -> Vec<BrokenLink> {
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
    let exists: BTreeSet<&str> = files.iter().map(|f| f.rel_path.as_str()).collect();
    check_scanned(&exists, &pages)
}

/// Checks the scanned links of `pages` against the files that `exists`
/// and the ids of the scanned pages.
pub fn check_scanned(exists: &BTreeSet<&str>, pages: &[(&str, &PageScan)]) -> Vec<BrokenLink> {
    use rayon::prelude::*;
    let anchors: std::collections::HashMap<&str, &BTreeSet<String>> =
        pages.iter().map(|(p, s)| (*p, &s.ids)).collect();
    let mut broken: Vec<BrokenLink> = pages
        .par_iter()
        .flat_map_iter(|(page, s)| page_links(page, s, exists, &anchors))
        .collect();
    broken.sort_by(|a, b| (&a.page, &a.url).cmp(&(&b.page, &b.url)));
    broken.dedup();
    broken
}

/// The broken links of one page.
fn page_links(
    page: &str,
    scan: &PageScan,
    exists: &BTreeSet<&str>,
    anchors: &std::collections::HashMap<&str, &BTreeSet<String>>,
) -> Vec<BrokenLink> {
    let mut broken = vec![];
    for url in &scan.urls {
        let (path, frag) = match url.split_once('#') {
            Some((p, fr)) => (p, Some(fr)),
            None => (url.as_str(), None),
        };
        let target = if path.is_empty() {
            Some(page.to_string())
        } else {
            resolve(page, path.split('?').next().unwrap_or(""))
        };
        let Some(target) = target.filter(|t| exists.contains(t.as_str())) else {
            broken.push(BrokenLink {
                page: page.to_string(),
                url: url.clone(),
                missing_anchor: false,
            });
            continue;
        };
        if let Some(frag) = frag.filter(|fr| !fr.is_empty()) {
            if anchors
                .get(target.as_str())
                .is_some_and(|ids| !ids.contains(frag))
            {
                broken.push(BrokenLink {
                    page: page.to_string(),
                    url: url.clone(),
                    missing_anchor: true,
                });
            }
        }
    }
    broken
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            resolve("en/chapters/03/index.html", "../../index.html").as_deref(),
            Some("en/index.html")
        );
        assert_eq!(resolve("index.html", "../x.html"), None);
    }
}
