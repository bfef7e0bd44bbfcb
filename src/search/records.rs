//! HTML → search records: finds the opted-in body of a rendered page and
//! cuts it into one record per paragraph (or table row) with its meta.

use super::Record;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// An open tag found in a page.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tag<'a> {
    pub(super) name: &'a str,
    pub(super) attrs: &'a str,
    /// Byte offset of `<`.
    pub(super) start: usize,
    /// Byte offset just after `>`.
    pub(super) end: usize,
}

fn open_tags() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"<([a-zA-Z][a-zA-Z0-9]*)((?:\s[^>]*)?)>").expect("static regex"))
}

pub(super) fn tags_in(html: &str) -> Vec<Tag<'_>> {
    open_tags()
        .captures_iter(html)
        .filter_map(|c| {
            let (whole, name, attrs) = (c.get(0)?, c.get(1)?, c.get(2)?);
            Some(Tag {
                name: name.as_str(),
                attrs: attrs.as_str(),
                start: whole.start(),
                end: whole.end(),
            })
        })
        .collect()
}

/// The value of attribute `name`: `""` for a bare attribute, `None` if absent.
/// Accepts double-quoted, single-quoted and unquoted (minified) values.
pub(super) fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"#)
            .expect("static regex")
    });
    re.captures_iter(attrs)
        .find(|c| {
            c.get(1)
                .is_some_and(|n| n.as_str().eq_ignore_ascii_case(name))
        })
        .map(|c| {
            c.get(2)
                .or_else(|| c.get(3))
                .or_else(|| c.get(4))
                .map_or("", |m| m.as_str())
        })
}

/// Byte offset just after the close tag matching `tag` (or the end of `html`).
pub(super) fn element_end(html: &str, tag: &Tag<'_>) -> usize {
    let bytes = html.as_bytes();
    let name = tag.name.as_bytes();
    let mut depth = 1usize;
    let mut at = tag.end;
    while let Some(p) = html[at..].find('<').map(|p| at + p) {
        let closing = bytes.get(p + 1) == Some(&b'/');
        let n = p + 1 + usize::from(closing);
        let same = bytes
            .get(n..n + name.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(name))
            && bytes
                .get(n + name.len())
                .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/');
        at = p + 1;
        if !same {
            continue;
        }
        depth = if closing { depth - 1 } else { depth + 1 };
        if depth == 0 {
            return html[p..].find('>').map_or(html.len(), |q| p + q + 1);
        }
    }
    html.len()
}

/// Visible text of an HTML snippet (or attribute value), whitespace collapsed.
pub(super) fn text_of(html: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"<[^>]*>").expect("static regex"));
    let plain = re.replace_all(html, " ");
    let decoded = plain
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn esc_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What every record of one page shares.
struct PageCtx<'a> {
    html: &'a str,
    rel_path: &'a str,
    lang: &'a str,
    meta: BTreeMap<String, String>,
    /// `(start, end, heading text)` of the labelled sections.
    sections: Vec<(usize, usize, String)>,
    /// `(start, end)` of the `data-pagefind-ignore` elements.
    ignored: Vec<(usize, usize)>,
}

/// Splits one rendered page into its search records (none if it has no
/// `data-pagefind-body` or no `<html lang>`).
pub fn page_records(rel_path: &str, html: &str) -> Vec<Record> {
    if memchr::memmem::find(html.as_bytes(), b"data-pagefind-body").is_none() {
        return vec![]; // most pages: no need to look at their tags
    }
    let all = tags_in(html);
    let lang = all
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case("html"))
        .and_then(|t| attr(t.attrs, "lang"));
    let body = all
        .iter()
        .find(|t| attr(t.attrs, "data-pagefind-body").is_some());
    let (Some(lang), Some(body)) = (lang, body) else {
        return vec![];
    };
    let body_end = element_end(html, body);
    let tags: Vec<Tag<'_>> = all
        .iter()
        .copied()
        .filter(|t| t.start > body.start && t.start < body_end)
        .collect();
    let page = PageCtx {
        html,
        rel_path,
        lang,
        meta: page_meta(html, &tags),
        sections: section_titles(html, &all, &tags),
        ignored: tags
            .iter()
            .filter(|t| attr(t.attrs, "data-pagefind-ignore").is_some())
            .map(|t| (t.start, element_end(html, t)))
            .collect(),
    };
    tags.iter().filter_map(|t| record_at(&page, t)).collect()
}

/// The `data-pagefind-meta` values inside the body: `KEY:value`, or `KEY`
/// for the element's text.
fn page_meta(html: &str, tags: &[Tag<'_>]) -> BTreeMap<String, String> {
    tags.iter()
        .filter_map(|t| {
            let meta = attr(t.attrs, "data-pagefind-meta").filter(|m| !m.is_empty())?;
            Some(match meta.split_once(':') {
                Some((key, value)) => (key.trim().to_string(), text_of(value)),
                None => (
                    meta.trim().to_string(),
                    text_of(&html[t.end..element_end(html, t)]),
                ),
            })
        })
        .collect()
}

/// The record of a `<p id>` or `<tr id>` outside ignored elements.
fn record_at(page: &PageCtx<'_>, t: &Tag<'_>) -> Option<Record> {
    if !(t.name.eq_ignore_ascii_case("p") || t.name.eq_ignore_ascii_case("tr")) {
        return None;
    }
    if page
        .ignored
        .iter()
        .any(|(s, e)| t.start >= *s && t.start < *e)
    {
        return None;
    }
    let id = attr(t.attrs, "id").filter(|i| !i.is_empty())?;
    let mut meta = page.meta.clone();
    let section = page
        .sections
        .iter()
        .rev()
        .find(|(s, e, _)| t.start > *s && t.start < *e);
    if let Some(title) = section
        .map(|(_, _, title)| title.clone())
        .or_else(|| meta.get("chapter").cloned())
    {
        meta.insert("title".into(), title);
    }
    Some(Record {
        url: format!("/{}#{id}", page.rel_path),
        lang: page.lang.to_string(),
        meta,
        html: page.html[t.start..element_end(page.html, t)].to_string(),
    })
}

/// `(start, end, heading text)` of every `<section>` labelled by a heading.
fn section_titles(html: &str, all: &[Tag<'_>], tags: &[Tag<'_>]) -> Vec<(usize, usize, String)> {
    tags.iter()
        .filter(|t| t.name.eq_ignore_ascii_case("section"))
        .filter_map(|t| {
            let label = attr(t.attrs, "aria-labelledby")?;
            let heading = all.iter().find(|h| attr(h.attrs, "id") == Some(label))?;
            let title = text_of(&html[heading.end..element_end(html, heading)]);
            Some((t.start, element_end(html, t), title))
        })
        .collect()
}
