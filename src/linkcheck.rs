//! Internal link check over the rendered file set: every relative href/src
//! must name a file of the site, and every `#fragment` an id on that page.
//! Pure: works on each page's scan ([`scan`], taken as the page renders);
//! the output folder is swapped in only after the check passes.

use crate::render::links::resolve_into;

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

/// The quoted `href` and `src` values and the ids (quoted, or unquoted as
/// minify-html may leave them) of `html`, in one pass over its `=` signs.
fn attrs(html: &str) -> (Vec<&str>, Vec<&str>) {
    let bytes = html.as_bytes();
    let mut urls = vec![];
    let mut ids = vec![];
    let mut skip_to = 0;
    for i in memchr::memchr_iter(b'=', bytes) {
        if i < skip_to {
            continue; // inside a value already taken
        }
        let head = &bytes[..i];
        let is_url = head.ends_with(b" href") || head.ends_with(b" src");
        let is_id = head.ends_with(b" id");
        if !is_url && !is_id {
            continue;
        }
        let rest = &html[i + 1..];
        if let Some(quoted) = rest.strip_prefix('"') {
            let Some(end) = memchr::memchr(b'"', quoted.as_bytes()) else {
                break;
            };
            let value = &quoted[..end];
            skip_to = i + 2 + end;
            if is_url {
                urls.push(value);
            } else {
                ids.push(value);
            }
        } else if is_id {
            let end = rest.find([' ', '>']).unwrap_or(rest.len());
            ids.push(&rest[..end]);
        }
    }
    (urls, ids)
}

/// Appends `s` with its entities decoded.
fn decode_into(s: &str, out: &mut String) {
    if !s.contains('&') {
        out.push_str(s);
        return;
    }
    out.push_str(
        &s.replace("&#x2F;", "/")
            .replace("&#47;", "/")
            .replace("&#x27;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&"),
    );
}

fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// What the link check needs of one page: the ids it defines and the
/// internal links it holds (decoded, as written). Taken from each page
/// right after it is rendered, on the worker that rendered it, and kept
/// for every page until the check, so it is compact: the ids as sorted
/// 64-bit hashes (a missing anchor goes unnoticed only if its hash equals
/// that of an id on the same page, about one chance in 10^15 per link at
/// N = 100), the links in one string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageScan {
    ids: Vec<u64>,
    /// Each link followed by a NUL, which HTML attribute values cannot hold.
    urls: String,
}

impl PageScan {
    /// The page's internal links, decoded.
    pub fn urls(&self) -> impl Iterator<Item = &str> {
        // `split_terminator('\0')` with a byte loop: the links are short
        // and a char search set up per link cost more than it found.
        let mut rest = self.urls.as_str();
        std::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            let end = rest.bytes().position(|b| b == 0).unwrap_or(rest.len());
            let url = &rest[..end];
            rest = rest.get(end + 1..).unwrap_or("");
            Some(url)
        })
    }

    /// Whether the page defines `id`.
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.binary_search(&id_hash(id)).is_ok()
    }
}

/// Builds a [`PageScan`] from attribute values, for a pass that parses
/// the page anyway (the minifier).
#[derive(Default)]
pub struct ScanBuilder {
    ids: Vec<u64>,
    urls: String,
}

impl ScanBuilder {
    /// An `href` or `src` value, decoded.
    pub fn link(&mut self, url: &str) {
        // http(s), mailto, tel: not internal
        if !url.bytes().any(|b| b == b':') || url.starts_with('#') {
            self.urls.push_str(url);
            self.urls.push('\0');
        }
    }

    /// An `id` value.
    pub fn id(&mut self, id: &str) {
        self.ids.push(id_hash(id));
    }

    pub fn finish(mut self) -> PageScan {
        self.ids.sort_unstable();
        self.ids.dedup();
        self.urls.shrink_to_fit();
        PageScan {
            ids: self.ids,
            urls: self.urls,
        }
    }
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
    let (urls, ids) = attrs(&html);
    let mut b = ScanBuilder {
        ids: Vec::with_capacity(ids.len()),
        urls: String::with_capacity(urls.iter().map(|u| u.len() + 1).sum()),
    };
    for id in ids {
        b.id(id);
    }
    let mut url = String::new();
    for u in urls {
        url.clear();
        decode_into(u, &mut url);
        b.link(&url);
    }
    b.finish()
}

/// Checks the scanned links of `pages` against the files that `exists`
/// and the ids of the scanned pages.
pub fn check_scanned<'a>(
    exists: impl IntoIterator<Item = &'a str>,
    pages: &[(&'a str, &'a PageScan)],
) -> Vec<BrokenLink> {
    use rayon::prelude::*;
    // Each file of the site, with its scan when it is a page.
    let mut targets: Targets<'a> = exists.into_iter().map(|f| (f, None)).collect();
    for (page, scan) in pages {
        if let Some(slot) = targets.get_mut(page) {
            *slot = Some(*scan);
        }
    }
    let mut broken: Vec<BrokenLink> = pages
        .par_iter()
        .flat_map_iter(|(page, s)| page_links(page, s, &targets))
        .collect();
    broken.sort_by(|a, b| (&a.page, &a.url).cmp(&(&b.page, &b.url)));
    broken.dedup();
    broken
}

/// The files of the site, by output path; a page's with its scan.
type Targets<'a> = rustc_hash::FxHashMap<&'a str, Option<&'a PageScan>>;

/// The broken links of one page.
fn page_links(page: &str, scan: &PageScan, targets: &Targets<'_>) -> Vec<BrokenLink> {
    let folder = crate::render::links::folder_of(page);
    let mut resolved = String::new();
    let mut broken = vec![];
    for url in scan.urls() {
        // Byte searches: `str::split_once` sets up a memchr per call, more
        // than these short links need.
        let (path, frag) = match url.bytes().position(|b| b == b'#') {
            Some(i) => (&url[..i], Some(&url[i + 1..])),
            None => (url, None),
        };
        let target = if path.is_empty() {
            Some(page)
        } else {
            let path = path
                .bytes()
                .position(|b| b == b'?')
                .map_or(path, |i| &path[..i]);
            resolve_into(folder, path, &mut resolved).then_some(resolved.as_str())
        };
        let Some(target) = target.and_then(|t| targets.get(t)) else {
            broken.push(BrokenLink {
                page: page.to_string(),
                url: url.to_string(),
                missing_anchor: false,
            });
            continue;
        };
        if let Some(frag) = frag.filter(|fr| !fr.is_empty()) {
            if target.is_some_and(|target| !target.has_id(frag)) {
                broken.push(BrokenLink {
                    page: page.to_string(),
                    url: url.to_string(),
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
}
