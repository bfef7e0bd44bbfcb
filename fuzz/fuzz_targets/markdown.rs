//! Fuzz target: chapter Markdown (`markdown::split` and `markdown::inline`).
//!
//! `split` must not panic, and every block it returns must point at a line
//! of the input, in order. `inline` must not panic, and the HTML it returns
//! (dash, lead and body) must carry no `<script`, no tag with an `on…=`
//! event-handler attribute, and no URL attribute whose scheme, read as a
//! browser reads it (entities decoded, tabs and newlines removed, case
//! folded), is `javascript:`, `vbscript:` or `data:`. Each paragraph of a
//! split file is rendered too, as the build does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plansite::markdown::{inline, split, MdBlock};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    check_inline(src);
    let Some(file) = split(src) else { return };
    let lines = src.lines().count();
    let mut last = 0;
    for b in &file.blocks {
        let line = match b {
            MdBlock::Heading { line, .. }
            | MdBlock::Directive { line, .. }
            | MdBlock::Para { line, .. }
            | MdBlock::Bad { line, .. } => *line,
        };
        assert!(line > last && line <= lines, "block line {line} after {last}, of {lines}: {b:?}");
        last = line;
        if let MdBlock::Para { text, .. } = b {
            check_inline(text);
        }
    }
});

fn check_inline(md: &str) {
    let mut problems = vec![];
    let out = inline(md, &mut problems);
    for html in [Some(&out.dash), out.lead.as_ref(), Some(&out.body)].into_iter().flatten() {
        check_html(html, md);
    }
}

fn check_html(html: &str, md: &str) {
    assert!(!html.to_ascii_lowercase().contains("<script"), "<script in {html:?} from {md:?}");
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let (attrs, after) = tag_attrs(&rest[i + 1..]);
        for (name, value) in attrs {
            let name = name.to_ascii_lowercase();
            assert!(!name.starts_with("on"), "handler {name} in {html:?} from {md:?}");
            if matches!(name.as_str(), "href" | "src" | "action" | "formaction" | "xlink:href") {
                let url = decode_entities(&value);
                assert!(!bad_scheme(&url), "{name}={url:?} in {html:?} from {md:?}");
            }
        }
        rest = after;
    }
}

/// Reads a tag's attributes after its `<`; returns them and the text after
/// the tag. Quoting follows HTML: `"…"`, `'…'` or unquoted.
fn tag_attrs(s: &str) -> (Vec<(String, String)>, &str) {
    let name_end = s.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(s.len());
    let mut rest = &s[name_end..];
    let mut attrs = vec![];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() || rest.starts_with('>') {
            return (attrs, rest.get(1..).unwrap_or(""));
        }
        let n = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/').unwrap_or(rest.len());
        let n = n.max(rest.chars().next().map_or(1, char::len_utf8));
        let name = rest[..n].to_string();
        rest = rest[n..].trim_start();
        let mut value = String::new();
        if let Some(v) = rest.strip_prefix('=') {
            let v = v.trim_start();
            let (val, after) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => match v[1..].find(q) {
                    Some(e) => (&v[1..1 + e], &v[2 + e..]),
                    None => (&v[1..], ""),
                },
                _ => {
                    let e = v.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(v.len());
                    (&v[..e], &v[e..])
                }
            };
            value = val.to_string();
            rest = after;
        }
        attrs.push((name, value));
    }
}

/// Decodes the character references a browser would in an attribute.
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).unwrap_or(rest.len());
        let ent = &rest[..end];
        let ch = if let Some(num) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
            u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
        } else if let Some(num) = ent.strip_prefix('#') {
            num.parse().ok().and_then(char::from_u32)
        } else {
            match ent {
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => None,
            }
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// Whether a URL, parsed as a browser does, has a scripting scheme.
fn bad_scheme(url: &str) -> bool {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, _)) = url.split_once(':') else { return false };
    let valid = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid && matches!(scheme.to_ascii_lowercase().as_str(), "javascript" | "vbscript" | "data")
}
