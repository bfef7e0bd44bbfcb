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

/// The `href` and `src` values (decoded) and the `id` values of the
/// start tags of `html`, read as an HTML tokenizer reads attributes:
/// double-quoted, single-quoted or unquoted values (minify-html leaves
/// most values unquoted and drops the space after a quoted one), names in
/// any case. Comments, doctypes, end tags and the text of `script`,
/// `style`, `textarea` and `title` hold no links; a `<base href>` is not
/// a link either (the 404 page's base is its own folder). So a page and
/// its minified bytes give the same scan.
fn attrs(html: &str) -> (Vec<std::borrow::Cow<'_, str>>, Vec<&str>) {
    let bytes = html.as_bytes();
    let mut urls = vec![];
    let mut ids = vec![];
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + lt;
        let rest = &bytes[open + 1..];
        if rest.starts_with(b"!--") {
            at = find(bytes, open + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
            // An end tag, a doctype, or a `<` in text.
            at = open + 1;
            if matches!(rest.first(), Some(b'/' | b'!' | b'?')) {
                at = memchr::memchr(b'>', rest).map_or(bytes.len(), |e| open + 2 + e);
            }
            continue;
        }
        let name_end = open
            + 1
            + rest
                .iter()
                .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
                .unwrap_or(rest.len());
        let name = &html[open + 1..name_end];
        let is_base = name.eq_ignore_ascii_case("base");
        at = tag_attrs(html, name_end, |attr, value| {
            if attr.eq_ignore_ascii_case("id") {
                ids.push(value);
            } else if !is_base
                && (attr.eq_ignore_ascii_case("href") || attr.eq_ignore_ascii_case("src"))
            {
                urls.push(decode(value));
            }
        });
        let raw_text = ["script", "style", "textarea", "title"]
            .iter()
            .find(|t| name.eq_ignore_ascii_case(t));
        if let Some(t) = raw_text {
            at = end_tag(bytes, at, t).unwrap_or(bytes.len());
        }
    }
    (urls, ids)
}

/// Reads the attributes of a start tag from `at` (just after its name)
/// to its `>`, giving each name and value (empty when it has none) to
/// `attr`; returns the position after the `>`.
fn tag_attrs<'a>(html: &'a str, mut at: usize, mut attr: impl FnMut(&'a str, &'a str)) -> usize {
    let bytes = html.as_bytes();
    let skip_space = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    loop {
        while bytes
            .get(at)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            at += 1;
        }
        match bytes.get(at) {
            None => return bytes.len(),
            Some(b'>') => return at + 1,
            _ => {}
        }
        // An attribute's name may start with `=` (the tokenizer's rule).
        let name_start = at;
        at += 1;
        while bytes
            .get(at)
            .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'='))
        {
            at += 1;
        }
        let name = &html[name_start..at];
        let eq = skip_space(at);
        if bytes.get(eq) != Some(&b'=') {
            attr(name, "");
            continue;
        }
        at = skip_space(eq + 1);
        let value = match bytes.get(at) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = memchr::memchr(q, &bytes[at + 1..]).map_or(bytes.len(), |e| at + 1 + e);
                let value = &html[at + 1..end];
                at = (end + 1).min(bytes.len());
                value
            }
            _ => {
                let start = at;
                while bytes
                    .get(at)
                    .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                {
                    at += 1;
                }
                &html[start..at]
            }
        };
        attr(name, value);
    }
}

/// The position of the first `needle` in `bytes` from `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|i| from + i)
}

/// The position after the end tag `</name` (any case) that closes a
/// raw-text element whose text starts at `from`.
fn end_tag(bytes: &[u8], mut from: usize, name: &str) -> Option<usize> {
    loop {
        let i = find(bytes, from, b"</")?;
        let after = bytes.get(i + 2..i + 2 + name.len())?;
        let next = bytes.get(i + 2 + name.len());
        if after.eq_ignore_ascii_case(name.as_bytes())
            && next.is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        {
            return Some(memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len(), |e| i + e + 1));
        }
        from = i + 2;
    }
}

/// `s` with its character references decoded.
fn decode(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('&') {
        html_escape::decode_html_entities(s)
    } else {
        std::borrow::Cow::Borrowed(s)
    }
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

/// Builds a [`PageScan`] from attribute values.
#[derive(Default)]
struct ScanBuilder {
    ids: Vec<u64>,
    urls: String,
}

impl ScanBuilder {
    /// An `href` or `src` value, decoded.
    fn link(&mut self, url: &str) {
        // http(s), mailto, tel: not internal
        if !url.bytes().any(|b| b == b':') || url.starts_with('#') {
            self.urls.push_str(url);
            self.urls.push('\0');
        }
    }

    /// An `id` value.
    fn id(&mut self, id: &str) {
        self.ids.push(id_hash(id));
    }

    fn finish(mut self) -> PageScan {
        self.ids.sort_unstable();
        self.ids.dedup();
        self.urls.shrink_to_fit();
        PageScan {
            ids: self.ids,
            urls: self.urls,
        }
    }
}

/// Scans one page for its ids and internal links. Gives the same scan for
/// a page as rendered and as minified.
pub fn scan(html: &str) -> PageScan {
    let (urls, ids) = attrs(html);
    let mut b = ScanBuilder {
        ids: Vec::with_capacity(ids.len()),
        urls: String::with_capacity(urls.iter().map(|u| u.len() + 1).sum()),
    };
    for id in ids {
        b.id(id);
    }
    for url in &urls {
        b.link(url);
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
mod tests;
