//! HTML → search records: finds the opted-in body of a rendered page and
//! cuts it into one record per paragraph (or table row) with its meta.

use super::Record;
use std::collections::BTreeMap;

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

/// The open tags of `html`, in order: what the regex
/// `<([a-zA-Z][a-zA-Z0-9]*)((?:\s[^>]*)?)>` finds, by a byte scan (the
/// regex ran for every page of every build).
pub(super) fn tags_in(html: &str) -> Vec<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut out = vec![];
    let mut at = 0;
    while let Some(p) = memchr::memchr(b'<', &bytes[at..]).map(|p| at + p) {
        at = p + 1;
        if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = bytes[at..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |n| at + n);
        let rest = &html[name_end..];
        let attrs_end = if rest.starts_with('>') {
            name_end
        } else if rest.chars().next().is_some_and(char::is_whitespace) {
            match memchr::memchr(b'>', rest.as_bytes()) {
                Some(q) => name_end + q,
                None => continue,
            }
        } else {
            continue;
        };
        out.push(Tag {
            name: &html[at..name_end],
            attrs: &html[name_end..attrs_end],
            start: p,
            end: attrs_end + 1,
        });
        at = attrs_end + 1;
    }
    out
}

/// The value of attribute `name`: `""` for a bare attribute, `None` if absent.
/// Accepts double-quoted, single-quoted and unquoted (minified) values.
/// Reads `attrs` as the regex
/// `([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?` would,
/// match by match, without one (it is asked ~180 times per chapter page).
pub(super) fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let stop = |c: char| c.is_whitespace() || matches!(c, '=' | '/' | '>' | '"' | '\'');
    let mut rest = attrs;
    loop {
        rest = &rest[rest.find(|c| !stop(c))?..];
        let (key, after) = rest.split_at(rest.find(stop).unwrap_or(rest.len()));
        let (value, next) = attr_value(after).unwrap_or(("", after));
        if key.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        rest = next;
    }
}

/// `= value` at the start of `s` (spaces allowed around `=`): the value
/// and what follows it, or `None` when `s` does not start with one.
fn attr_value(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start().strip_prefix('=')?.trim_start();
    for quote in ['"', '\''] {
        if let Some(q) = s.strip_prefix(quote) {
            let end = q.find(quote)?;
            return Some((&q[..end], &q[end + 1..]));
        }
    }
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '>'))
        .unwrap_or(s.len());
    (end > 0).then(|| s.split_at(end))
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
    let plain = without_tags(html);
    let decoded = plain
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `html` with every `<…>` replaced by a space (a `<` without a later
/// `>` stays), as `Regex::new("<[^>]*>").replace_all(html, " ")` does.
fn without_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let Some(len) = rest[open..].find('>') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push(' ');
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
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
    by_section(paragraph_records(&page, &tags))
}

/// One record per `<p id>` or `<tr id>` of the body.
fn paragraph_records(page: &PageCtx<'_>, tags: &[Tag<'_>]) -> Vec<Record> {
    tags.iter().filter_map(|t| record_at(page, t)).collect()
}

/// The meta key that maps a section record's text to its paragraphs:
/// `id:offset` pairs, space-separated, where the offset counts the
/// characters of the record's text before the paragraph that are neither
/// whitespace nor U+200B (pagefind's word breaks), so that `search.js` can
/// turn a hit's word position back into the paragraph it is in.
pub(super) const PARAGRAPHS_META: &str = "p";

/// Characters that survive pagefind's word splitting.
pub(super) fn counted_chars(text: &str) -> usize {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .count()
}

/// Joins the consecutive paragraphs of one section (same page, same meta)
/// into one record, with [`PARAGRAPHS_META`]. pagefind's cost grows with
/// the number of records and of fragment files; a section is what mdBook's
/// search indexes, and the paragraph a hit is in is found again in the
/// browser. Table rows, and paragraphs whose text the digest cannot read,
/// stay records of their own.
fn by_section(records: Vec<Record>) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::with_capacity(records.len());
    // For the last record in `out`, if it can take more paragraphs: its
    // meta without the map, and its text's counted characters.
    let mut open: Option<(BTreeMap<String, String>, usize)> = None;
    for mut r in records {
        let text = r
            .html
            .starts_with("<p")
            .then(|| super::digest::digest(&r.html))
            .flatten();
        let (Some(text), Some((page, id))) = (text, r.url.split_once('#')) else {
            open = None;
            out.push(r);
            continue;
        };
        let chars = counted_chars(&text);
        if let (Some((meta, count)), Some(last)) = (open.as_mut(), out.last_mut()) {
            if *meta == r.meta && last.url.split('#').next() == Some(page) {
                let map = last.meta.entry(PARAGRAPHS_META.into()).or_default();
                map.push_str(&format!(" {id}:{count}"));
                last.html.push_str(&r.html);
                *count += chars;
                continue;
            }
        }
        open = Some((r.meta.clone(), chars));
        r.meta.insert(PARAGRAPHS_META.into(), format!("{id}:0"));
        out.push(r);
    }
    out
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

/// Every `.html` page of the committed `public/`, as (path inside it, text),
/// in path order.
#[cfg(test)]
pub(super) fn shipped_pages() -> Vec<(String, String)> {
    let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
    walkdir::WalkDir::new(&public)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(&public).expect("inside");
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(e.path()).expect("read"))
        })
        .collect()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod section_tests;
