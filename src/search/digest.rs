//! A record's text as pagefind's HTML parser would read it, made without
//! that parser. Handing pagefind the text (`add_custom_record`) instead of
//! a small HTML document per record (`add_html_file`) skips pagefind's
//! per-document parser setup, which was most of its indexing time (the
//! shipped plan's two indexes: ~100 + ~170 ms → ~70 + ~125 ms).
//!
//! The rules are pagefind 1.6's (`fossick/parser.rs`), for the markup a
//! record holds: text of inline elements runs on; a block element
//! (`SENTENCE`) is set off by spaces and gets a `.` when its text ends in a
//! word character; `<br>` is a space; an element with an `id` leaves a
//! space where pagefind puts its anchor marker (a word boundary, which
//! matters for Chinese segmentation); `data-pagefind-ignore` drops the
//! element's text. Anything else (headings, which pagefind weights,
//! images, other `data-pagefind-*` attributes, comments, unknown tags)
//! gives `None`, and the record goes to pagefind as HTML as before.
//! `tests::same_fragments_as_pagefinds_parser` indexes every record of
//! the shipped site both ways and compares the fragments.

use regex::Regex;
use std::sync::OnceLock;

/// pagefind's `SENTENCE_SELECTORS`.
const SENTENCE: &[&str] = &[
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section",
];

/// Inline (or block, in `SENTENCE`) elements whose text is read as is.
const PLAIN: &[&str] = &[
    "p", "tr", "td", "th", "div", "ul", "ol", "li", "span", "strong", "b", "em", "i", "a", "sup",
    "sub", "small", "mark", "abbr", "cite", "code", "q", "s", "u", "del", "ins", "time", "dfn",
    "kbd", "var", "samp", "bdi", "bdo", "data",
];

/// Elements without content or end tag.
const VOID: &[&str] = &["br", "wbr"];

struct Node {
    name: &'static str,
    value: String,
    dropped: bool,
}

/// The text pagefind would index for a record whose element HTML is
/// `html`, inside `<div data-pagefind-body>`; `None` when the record holds
/// markup these rules do not cover.
pub(super) fn digest(html: &str) -> Option<String> {
    let mut stack = vec![Node {
        name: "div",
        value: String::new(),
        dropped: false,
    }];
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            stack.last_mut()?.value.push_str(rest);
            break;
        };
        stack.last_mut()?.value.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("</") {
            rest = end_tag(after, &mut stack)?;
            continue;
        }
        let (name, attrs, len) = open_tag(rest)?;
        rest = &rest[len..];
        let name = *PLAIN
            .iter()
            .chain(VOID)
            .find(|n| n.eq_ignore_ascii_case(name))?;
        let void = VOID.contains(&name);
        let (id, dropped) = id_and_dropped(attrs)?;
        let parent = stack.last_mut()?;
        if id && !dropped {
            parent.value.push_str("  ");
        }
        if void {
            if name == "br" {
                parent.value.push(' ');
            }
            continue;
        }
        stack.push(Node {
            name,
            value: String::new(),
            dropped,
        });
    }
    finish(stack)
}

/// Closes the element whose end tag `after` opens (just past its `</`):
/// what follows the tag, or `None` when the tag does not close the open
/// element (or would close the body).
fn end_tag<'a>(after: &'a str, stack: &mut Vec<Node>) -> Option<&'a str> {
    let gt = after.find('>')?;
    let name = after[..gt].trim();
    let node = stack.pop()?;
    if !node.name.eq_ignore_ascii_case(name) || stack.is_empty() {
        return None;
    }
    close(node, stack.last_mut()?);
    Some(&after[gt + 1..])
}

/// Whether an element with attributes `attrs` has an `id`, and whether
/// `data-pagefind-ignore` drops its text; `None` for any other
/// `data-pagefind-*` attribute or ignore value.
fn id_and_dropped(attrs: Attrs<'_>) -> Option<(bool, bool)> {
    let mut dropped = false;
    let mut id = false;
    for (key, value) in attrs {
        let key = key.to_ascii_lowercase();
        if key == "id" {
            id = true;
        } else if key == "data-pagefind-ignore" {
            match value.to_ascii_lowercase().as_str() {
                "" | "index" | "true" | "all" => dropped = true,
                _ => return None,
            }
        } else if key.starts_with("data-pagefind-") {
            return None;
        }
    }
    Some((id, dropped))
}

/// The text of the body, the one element left open at the end; `None`
/// when others are left open too.
fn finish(mut stack: Vec<Node>) -> Option<String> {
    let body = stack.pop()?;
    if !stack.is_empty() {
        return None;
    }
    let mut root = Node {
        name: "",
        value: String::new(),
        dropped: false,
    };
    close(body, &mut root);
    Some(normalize(&root.value))
}

/// An element ends: its text joins its parent's, set off when it is a block.
fn close(mut node: Node, parent: &mut Node) {
    if node.dropped {
        return;
    }
    if SENTENCE.contains(&node.name) {
        node.value.insert(0, ' ');
        if node.value.chars().last().is_some_and(sentence_char) {
            node.value.push('.');
        }
        node.value.push(' ');
    }
    parent.value.push_str(&node.value);
}

/// pagefind's `SENTENCE_CHARS`, `[\w'"\)\$\*]`.
fn sentence_char(c: char) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new("[\\w'\"\\)\\$\\*]").expect("static regex"));
    let mut buf = [0u8; 4];
    re.is_match(c.encode_utf8(&mut buf))
}

/// pagefind's `normalize_content`.
fn normalize(content: &str) -> String {
    static RES: OnceLock<[Regex; 3]> = OnceLock::new();
    let [trim, newlines, spaces] = RES.get_or_init(|| {
        [
            Regex::new("^[\n\r\\s]+|[\n\r\\s]+$").expect("static regex"),
            Regex::new("(\n|\r\n)+").expect("static regex"),
            Regex::new("\\s{2,}").expect("static regex"),
        ]
    });
    let content = html_escape::decode_html_entities(content);
    let content = trim.replace_all(&content, "");
    let content = newlines.replace_all(&content, " ");
    spaces.replace_all(&content, " ").into_owned()
}

/// A tag's attributes: name and undecoded value.
type Attrs<'a> = Vec<(&'a str, &'a str)>;

/// `<name attrs…>` at the start of `s`: the name, the attributes (values
/// undecoded; only compared) and the tag's length. `None` for anything
/// else (comments, doctypes, a `<` in text).
fn open_tag(s: &str) -> Option<(&str, Attrs<'_>, usize)> {
    let b = s.as_bytes();
    let mut i = 1;
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == 1 || !b[1].is_ascii_alphabetic() {
        return None;
    }
    let name = &s[1..i];
    let mut attrs = vec![];
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        if b[i] == b'>' {
            return Some((name, attrs, i + 1));
        }
        let start = i;
        while i < b.len() && !b" \t\n\r\x0c/>=".contains(&b[i]) {
            i += 1;
        }
        let key = &s[start..i];
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = s[i + 1..].find(q as char)? + i + 1;
                    value = &s[i + 1..end];
                    i = end + 1;
                }
                _ => {
                    let start = i;
                    while i < b.len() && !b" \t\n\r\x0c>".contains(&b[i]) {
                        i += 1;
                    }
                    value = &s[start..i];
                }
            }
        }
        attrs.push((key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_text_as_pagefind_does() {
        assert_eq!(
            digest("<p id=a><strong class=lead>秸秆</strong>综合利用</p>").as_deref(),
            Some("秸秆综合利用.")
        );
        assert_eq!(
            digest("<p id=a>完成。<span class=clause id=a-t1>（牵头）</span></p>").as_deref(),
            Some("完成。 （牵头）")
        );
        assert_eq!(
            digest(
                "<p id=a>Straw &amp; stalks<span data-pagefind-ignore> [note]</span><br>next</p>"
            )
            .as_deref(),
            Some("Straw & stalks next.")
        );
        assert_eq!(
            digest("<tr id=r><th>PM2.5</th><td>35</td><td>—</td></tr>").as_deref(),
            Some("PM2.5 35. —")
        );
        assert_eq!(
            digest("<p id=a><h2>x</h2></p>"),
            None,
            "headings are weighted"
        );
        assert_eq!(digest("<p id=a><img alt=x></p>"), None);
        assert_eq!(digest("<p id=a data-pagefind-weight=2>x</p>"), None);
        assert_eq!(digest("<p id=a>x<!-- c --></p>"), None);
        assert_eq!(digest("<p id=a><b>x</p></b>"), None);
    }

    #[test]
    fn never_panics_on_cut_or_odd_markup() {
        let samples = [
            "<p id=\"c01-s1-p1\" class='x'>生态<strong class=lead>环境</strong>&amp;<br/>持续</p>",
            "<tr id=r><th>名称</th><td data-pagefind-ignore=all>—</td><td>35</td></tr>",
            "<p id=a title=\"a>b\">x</p>",
            "<<>></ p><p =x>< p>",
        ];
        for s in samples {
            for (i, _) in s.char_indices() {
                let _ = digest(&s[..i]);
                let _ = digest(&s[i..]);
            }
        }
        assert_eq!(digest("<p id=a title=\"a>b\">x</p>").as_deref(), Some("x."));
    }
}
