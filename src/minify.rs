//! HTML minification. The minify-html crate is the reference: [`minify`]
//! returns exactly its output. For the HTML our templates produce, the
//! same output comes from one streaming pass here, without building a
//! tree or allocating per node, which is several times faster; anything
//! this pass does not know (comments, scripts, styles, implied end tags,
//! malformed markup, …) goes to the crate.
//!
//! The rules below are minify-html 0.15's, read from its source and its
//! tables in minify-html-common (whitespace per element, attribute
//! defaults, entities); `tests/integration/minify.rs` checks that both
//! give the same bytes on every page of the shipped site and the sample
//! site.

use memchr::{memchr, memchr2};
use minify_html_common::gen::codepoints::{
    Lookup, ALPHANUMERIC_OR_EQUALS, DIGIT, HEX_DIGIT, LOWER_HEX_ALPHA, NOT_UNQUOTED_ATTR_VAL_CHAR,
    TAG_NAME_CHAR, UPPER_HEX_ALPHA, WHITESPACE, WHITESPACE_OR_SLASH,
    WHITESPACE_OR_SLASH_OR_EQUALS_OR_RIGHT_CHEVRON,
};
use minify_html_common::gen::entities::{EntityType, ENTITY};
use minify_html_common::pattern::TrieNodeMatch;
use minify_html_common::spec::tag::ns::Namespace;
use minify_html_common::spec::tag::omission::can_omit_as_last_node;
use minify_html_common::spec::tag::whitespace::WhitespaceMinification;
use std::borrow::Cow;

mod rules;

/// The settings every page is minified with.
pub fn cfg() -> &'static minify_html::Cfg {
    static CFG: std::sync::OnceLock<minify_html::Cfg> = std::sync::OnceLock::new();
    CFG.get_or_init(|| {
        let mut cfg = minify_html::Cfg::spec_compliant();
        cfg.keep_html_and_head_opening_tags = true;
        cfg.keep_closing_tags = true;
        cfg.do_not_minify_doctype = true;
        cfg.minify_css = true;
        cfg
    })
}

/// Minifies one HTML page: `minify_html::minify(html, cfg())`, faster.
pub fn minify(html: &[u8]) -> Vec<u8> {
    fast(html).unwrap_or_else(|| minify_html::minify(html, cfg()))
}

/// The streaming pass alone: `None` when the page holds something it
/// leaves to minify-html.
pub fn fast(html: &[u8]) -> Option<Vec<u8>> {
    run(html)
}

fn run(html: &[u8]) -> Option<Vec<u8>> {
    // U+20D2 is the tail of the two characters that minify-html writes as
    // entities because the entity is shorter.
    if memchr::memmem::find(html, "\u{20D2}".as_bytes()).is_some() {
        return None;
    }
    let mut m = Pass {
        src: html,
        pos: 0,
        out: Vec::with_capacity(html.len()),
        stack: vec![Frame {
            name: b"",
            known: None,
            ns: Namespace::Html,
            pre: false,
            ws: rules::whitespace(Namespace::Html, b"", None, false),
            seen_first: false,
        }],
        seen: Seen::default(),
        dec: Vec::new(),
        col: Vec::new(),
        attrs: Vec::new(),
        enc: [Vec::new(), Vec::new(), Vec::new()],
        plan: Vec::new(),
    };
    m.run()?;
    Some(m.out)
}

struct Frame<'a> {
    name: &'a [u8],
    /// `rules::tag(name)`.
    known: Option<u8>,
    ns: Namespace,
    /// Inside `<pre>`.
    pre: bool,
    ws: &'static WhitespaceMinification,
    /// A text or element child has been seen.
    seen_first: bool,
}

#[derive(Default)]
struct Seen {
    html: bool,
    head: bool,
    head_close: bool,
    body: bool,
}

/// An attribute to write: (quoted, its index in the tag, the range of its
/// minified value in the arena).
type Planned = (bool, usize, Option<(usize, usize)>);

struct Attr<'a> {
    name: Cow<'a, [u8]>,
    value: Cow<'a, [u8]>,
}

#[derive(Clone, Copy, PartialEq)]
enum Markup {
    Open,
    Close,
    Doctype,
    Other,
    End,
}

struct Pass<'a> {
    src: &'a [u8],
    pos: usize,
    out: Vec<u8>,
    stack: Vec<Frame<'a>>,
    seen: Seen,
    /// Scratch buffers: decoded text, collapsed text, a tag's attributes,
    /// the three encodings of an attribute value, the order a tag's
    /// attributes are written in.
    dec: Vec<u8>,
    col: Vec<u8>,
    attrs: Vec<Attr<'a>>,
    enc: [Vec<u8>; 3],
    plan: Vec<Planned>,
}

fn is(l: &Lookup, c: u8) -> bool {
    l[c]
}

/// Haystacks shorter than this are searched a byte at a time. Most text
/// nodes and attribute values of a page are this short, and there memchr's
/// dispatch and vector set-up cost more than the search.
const SHORT: usize = 32;

/// `memchr(b, hay)`, or a byte loop on a short `hay`.
#[inline]
fn find(b: u8, hay: &[u8]) -> Option<usize> {
    if hay.len() < SHORT {
        hay.iter().position(|&c| c == b)
    } else {
        memchr(b, hay)
    }
}

/// `memchr(b, hay)` for a `b` that is usually near: the first [`SHORT`]
/// bytes a byte at a time, then memchr (the next `<` of a page is mostly a
/// few bytes on).
#[inline]
fn find_near(b: u8, hay: &[u8]) -> Option<usize> {
    let head = &hay[..hay.len().min(SHORT)];
    match head.iter().position(|&c| c == b) {
        Some(k) => Some(k),
        None if hay.len() > SHORT => memchr(b, &hay[SHORT..]).map(|k| k + SHORT),
        None => None,
    }
}

/// minify-html's `VOID_TAGS` as a `match` (compared by length, then bytes)
/// instead of a hash set behind a lazy static: asked twice for every
/// element of every page. A test checks it against the set.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"keygen"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// The bytes that keep an attribute value from being written unquoted:
/// HTML whitespace and `"'=`<>&`. One table load per byte.
static NEEDS_QUOTE: [bool; 256] = {
    let mut t = [false; 256];
    let special = *b"\t\n\x0c\r \"'=`<>&";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = true;
        i += 1;
    }
    t
};

impl<'a> Pass<'a> {
    fn run(&mut self) -> Option<()> {
        loop {
            let start = self.pos;
            let (at, kind) = self.next_markup(start);
            if at > start {
                self.text(start, at, matches!(kind, Markup::Close | Markup::End))?;
            }
            self.pos = at;
            match kind {
                Markup::End => return (self.stack.len() == 1).then_some(()),
                Markup::Open => self.open()?,
                Markup::Close => self.close()?,
                Markup::Doctype => self.doctype()?,
                Markup::Other => return None,
            }
        }
    }

    /// Where the next tag, doctype, comment, … starts: a `<` that is not
    /// plain text.
    fn next_markup(&self, from: usize) -> (usize, Markup) {
        let src = self.src;
        let mut i = from;
        while let Some(k) = find_near(b'<', &src[i..]) {
            let p = i + k;
            match src.get(p + 1) {
                Some(&c) if is(TAG_NAME_CHAR, c) => return (p, Markup::Open),
                Some(b'/') => return (p, Markup::Close),
                Some(b'?') => return (p, Markup::Other),
                Some(b'!') => {
                    let doctype =
                        src.len() >= p + 9 && src[p..p + 9].eq_ignore_ascii_case(b"<!doctype");
                    return (
                        p,
                        if doctype {
                            Markup::Doctype
                        } else {
                            Markup::Other
                        },
                    );
                }
                _ => i = p + 1,
            }
        }
        (src.len(), Markup::End)
    }

    /// A text node; `last` when the parent's end tag (or the end) follows.
    fn text(&mut self, start: usize, end: usize, last: bool) -> Option<()> {
        let raw = &self.src[start..end];
        let frame = self.stack.last_mut()?;
        let ws = frame.ws;
        let first = !frame.seen_first;
        frame.seen_first = true;
        let mut dec = std::mem::take(&mut self.dec);
        let mut col = std::mem::take(&mut self.col);
        let mut t: &[u8] = if find(b'&', raw).is_some() {
            dec.clear();
            decode_entities(raw, false, &mut dec)?;
            &dec
        } else {
            raw
        };
        if first && ws.trim {
            t = left_trim(t);
        }
        if ws.destroy_whole && t.iter().all(|&c| is(WHITESPACE, c)) {
            t = &[];
        } else if ws.collapse && needs_collapse(t) {
            col.clear();
            collapse_into(t, &mut col);
            t = &col;
        }
        if last && ws.trim {
            t = right_trim(t);
        }
        encode_entities(t, false, true, &mut self.out);
        self.dec = dec;
        self.col = col;
        Some(())
    }

    /// The tag name starting at `from` and where it ends; `None` if it is
    /// empty or not in lower case (minify-html lowercases it).
    fn tag_name(&self, from: usize) -> Option<(&'a [u8], usize)> {
        let src = self.src;
        let mut i = from;
        while i < src.len() && is(TAG_NAME_CHAR, src[i]) {
            i += 1;
        }
        let name = &src[from..i];
        (!name.is_empty() && !name.iter().any(u8::is_ascii_uppercase)).then_some((name, i))
    }

    fn open(&mut self) -> Option<()> {
        let (name, mut i) = self.tag_name(self.pos + 1)?;
        let parent = self.stack.last()?;
        let known = rules::tag(name);
        if rules::closes((parent.name, parent.known), (name, known)) {
            return None;
        }
        let seen = match name {
            b"html" => Some(&mut self.seen.html),
            b"head" => Some(&mut self.seen.head),
            b"body" => Some(&mut self.seen.body),
            _ => None,
        };
        if let Some(s) = seen {
            if *s {
                return None;
            }
            *s = true;
        }
        let ns = if name == b"svg" {
            Namespace::Svg
        } else {
            parent.ns
        };
        let parent_pre = parent.pre;
        if matches!(name, b"script" | b"style") || (ns == Namespace::Html && name == b"textarea") {
            return None;
        }
        self.attrs.clear();
        let self_closing = self.parse_attrs(&mut i)?;
        self.pos = i;
        self.stack.last_mut()?.seen_first = true;
        let foreign_closed = self_closing && ns != Namespace::Html;
        let void = !foreign_closed && is_void(name);
        if self_closing && !foreign_closed && !void {
            // `<div/>`: HTML ignores the slash; leave it to the crate.
            return None;
        }
        self.start_tag(ns, (name, known), foreign_closed)?;
        if foreign_closed || void {
            return Some(());
        }
        if ns == Namespace::Html && name == b"title" {
            return self.title();
        }
        let pre = parent_pre || (ns == Namespace::Html && name == b"pre");
        self.stack.push(Frame {
            name,
            known,
            ns,
            pre,
            ws: rules::whitespace(ns, name, known, pre),
            seen_first: false,
        });
        Some(())
    }

    /// Parses the attributes of a start tag up to and including its `>`;
    /// returns whether the tag ended with `/`.
    fn parse_attrs(&mut self, i: &mut usize) -> Option<bool> {
        let src = self.src;
        loop {
            let mut last = None;
            while *i < src.len() && is(WHITESPACE_OR_SLASH, src[*i]) {
                last = Some(src[*i]);
                *i += 1;
            }
            if *i >= src.len() {
                return None;
            }
            if src[*i] == b'>' {
                *i += 1;
                return Some(last == Some(b'/'));
            }
            let name_start = *i;
            *i += 1;
            while *i < src.len() && !is(WHITESPACE_OR_SLASH_OR_EQUALS_OR_RIGHT_CHEVRON, src[*i]) {
                *i += 1;
            }
            let raw_name = &src[name_start..*i];
            let name: Cow<'a, [u8]> = if raw_name.iter().any(u8::is_ascii_uppercase) {
                Cow::Owned(raw_name.to_ascii_lowercase())
            } else {
                Cow::Borrowed(raw_name)
            };
            skip(src, i, WHITESPACE);
            let has_value = src.get(*i) == Some(&b'=');
            if has_value {
                *i += 1;
            }
            skip(src, i, WHITESPACE);
            let raw: &'a [u8] = if !has_value {
                b""
            } else if let Some(&q) = src.get(*i).filter(|&&c| c == b'"' || c == b'\'') {
                *i += 1;
                let len = find_near(q, &src[*i..])?;
                let v = &src[*i..*i + len];
                *i += len + 1;
                v
            } else {
                let s = *i;
                while *i < src.len() && !is(NOT_UNQUOTED_ATTR_VAL_CHAR, src[*i]) {
                    *i += 1;
                }
                &src[s..*i]
            };
            let value = if find(b'&', raw).is_some() {
                let mut v = Vec::with_capacity(raw.len());
                decode_entities(raw, true, &mut v)?;
                Cow::Owned(v)
            } else {
                Cow::Borrowed(raw)
            };
            if self.attrs.iter().any(|a| a.name == name) {
                return None;
            }
            self.attrs.push(Attr { name, value });
        }
    }

    /// Writes a start tag: attributes minified, quoted ones first, each
    /// group sorted by name (minify-html's order).
    fn start_tag(
        &mut self,
        ns: Namespace,
        (tag, known): (&[u8], Option<u8>),
        self_closing: bool,
    ) -> Option<()> {
        let viewport = tag == b"meta"
            && self
                .attrs
                .iter()
                .any(|a| &*a.name == b"name" && a.value.eq_ignore_ascii_case(b"viewport"));
        let mut attrs = std::mem::take(&mut self.attrs);
        let mut arena = std::mem::take(&mut self.col);
        arena.clear();
        let mut plan = std::mem::take(&mut self.plan);
        plan.clear();
        for (k, a) in attrs.iter_mut().enumerate() {
            let from = arena.len();
            match minify_attr(ns, (tag, known), viewport, a, &mut self.enc, &mut arena)? {
                Min::Redundant => {}
                Min::NoValue => plan.push((false, k, None)),
                Min::Value { quoted } => plan.push((quoted, k, Some((from, arena.len())))),
            }
        }
        plan.sort_unstable_by(|x, y| {
            y.0.cmp(&x.0)
                .then_with(|| attrs[x.1].name.cmp(&attrs[y.1].name))
        });
        let out = &mut self.out;
        out.push(b'<');
        out.extend_from_slice(tag);
        let mut any_unquoted = false;
        for &(quoted, k, v) in &plan {
            out.push(b' ');
            out.extend_from_slice(&attrs[k].name);
            if let Some((a, b)) = v {
                out.push(b'=');
                out.extend_from_slice(&arena[a..b]);
            }
            any_unquoted |= !quoted;
        }
        if self_closing {
            if any_unquoted {
                out.push(b' ');
            }
            out.push(b'/');
        }
        out.push(b'>');
        attrs.clear();
        self.attrs = attrs;
        self.col = arena;
        self.plan = plan;
        Some(())
    }

    /// The text of a `<title>`: entities only, no whitespace changes.
    fn title(&mut self) -> Option<()> {
        let src = self.src;
        let mut i = self.pos;
        let end = loop {
            let k = memchr(b'<', &src[i..])?;
            let p = i + k;
            if src.len() >= p + 7 && src[p..p + 7].eq_ignore_ascii_case(b"</title") {
                break p;
            }
            i = p + 1;
        };
        let raw = &src[self.pos..end];
        let mut dec = std::mem::take(&mut self.dec);
        dec.clear();
        decode_entities(raw, false, &mut dec)?;
        if contains_ci(&dec, b"</title") {
            return None;
        }
        encode_entities(&dec, false, false, &mut self.out);
        self.dec = dec;
        self.pos = self.tag_end(end + 7)?;
        self.out.extend_from_slice(b"</title>");
        Some(())
    }

    /// After an end tag's name (or the doctype's): where the tag ends,
    /// past its `>`; `None` if anything but white space comes first.
    fn tag_end(&self, mut i: usize) -> Option<usize> {
        skip(self.src, &mut i, WHITESPACE);
        (self.src.get(i) == Some(&b'>')).then_some(i + 1)
    }

    fn close(&mut self) -> Option<()> {
        let (name, i) = self.tag_name(self.pos + 2)?;
        let n = self.stack.len();
        let parent = self.stack[n - 1].name;
        let grandparent = if n >= 2 { self.stack[n - 2].name } else { b"" };
        if (grandparent == name && can_omit_as_last_node(grandparent, parent))
            || is_void(name)
            || parent.is_empty()
            || parent != name
        {
            return None;
        }
        if name == b"head" {
            if self.seen.head_close {
                return None;
            }
            self.seen.head_close = true;
        }
        self.pos = self.tag_end(i)?;
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(name);
        self.out.push(b'>');
        self.stack.pop();
        Some(())
    }

    fn doctype(&mut self) -> Option<()> {
        if !self.out.is_empty() || self.stack.len() != 1 {
            return None;
        }
        let src = self.src;
        let mut i = self.pos + 9;
        skip(src, &mut i, WHITESPACE);
        if src.len() >= i + 4 && src[i..i + 4].eq_ignore_ascii_case(b"html") {
            i += 4;
        }
        self.pos = self.tag_end(i)?;
        self.out.extend_from_slice(b"<!doctype html>");
        Some(())
    }
}

fn skip(src: &[u8], i: &mut usize, l: &Lookup) {
    while *i < src.len() && is(l, src[*i]) {
        *i += 1;
    }
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

fn left_trim(t: &[u8]) -> &[u8] {
    let n = t.iter().take_while(|&&c| is(WHITESPACE, c)).count();
    &t[n..]
}

fn right_trim(t: &[u8]) -> &[u8] {
    let n = t.iter().rev().take_while(|&&c| is(WHITESPACE, c)).count();
    &t[..t.len() - n]
}

/// Whether collapsing whitespace changes `t`: a whitespace character
/// other than a space, or two in a row. A short `t` is walked once; a
/// longer one is searched with memchr, which reads many bytes per step,
/// because most text nodes have nothing to collapse.
fn needs_collapse(t: &[u8]) -> bool {
    if t.len() < SHORT {
        let mut space = false;
        for &c in t {
            if c == b' ' {
                if space {
                    return true;
                }
                space = true;
            } else if is(WHITESPACE, c) {
                return true;
            } else {
                space = false;
            }
        }
        return false;
    }
    if memchr::memchr3(b'\t', b'\n', b'\r', t).is_some() || memchr(0x0c, t).is_some() {
        return true;
    }
    // Every whitespace byte left is a space: look for two in a row.
    memchr::memchr_iter(b' ', t).any(|i| t.get(i + 1) == Some(&b' '))
}

fn collapse_into(t: &[u8], out: &mut Vec<u8>) {
    let mut in_ws = false;
    for &c in t {
        if is(WHITESPACE, c) {
            if !in_ws {
                out.push(b' ');
            }
            in_ws = true;
        } else {
            out.push(c);
            in_ws = false;
        }
    }
}

/// minify-html's `decode_entities`; `None` for the entities whose table
/// entry is kept encoded.
fn decode_entities(mut code: &[u8], in_attr: bool, res: &mut Vec<u8>) -> Option<()> {
    while let Some(n) = memchr(b'&', code) {
        res.extend_from_slice(&code[..n]);
        code = &code[n..];
        let read = match ENTITY.longest_matching_prefix(code) {
            TrieNodeMatch::NotFound { reached } => {
                let r = reached.max(1);
                res.extend_from_slice(&code[..r]);
                r
            }
            TrieNodeMatch::Found { len, value } => match value {
                EntityType::Dec => numeric(code, 2, DIGIT, 10, 7, res),
                EntityType::Hex => numeric(code, 3, HEX_DIGIT, 16, 6, res),
                EntityType::Named(decoded) => {
                    if in_attr
                        && code[len - 1] != b';'
                        && code
                            .get(len)
                            .is_some_and(|&c| is(ALPHANUMERIC_OR_EQUALS, c))
                    {
                        res.extend_from_slice(&code[..len]);
                    } else if decoded.len() > 1 && decoded[0] == b'&' {
                        return None;
                    } else {
                        res.extend_from_slice(decoded);
                    }
                    len
                }
            },
        };
        code = &code[read..];
    }
    res.extend_from_slice(code);
    Some(())
}

fn numeric(
    code: &[u8],
    start: usize,
    digits_of: &Lookup,
    radix: u32,
    max: usize,
    res: &mut Vec<u8>,
) -> usize {
    let mut value = 0u32;
    let mut digits = 0;
    let mut i = start;
    while code.get(i) == Some(&b'0') {
        i += 1;
    }
    while let Some(&c) = code.get(i).filter(|&&c| is(digits_of, c)) {
        let d = if is(DIGIT, c) {
            c - b'0'
        } else if is(LOWER_HEX_ALPHA, c) {
            10 + c - b'a'
        } else if is(UPPER_HEX_ALPHA, c) {
            10 + c - b'A'
        } else {
            0
        };
        value = value.wrapping_mul(radix).wrapping_add(u32::from(d));
        i += 1;
        digits += 1;
    }
    if code.get(i) == Some(&b';') {
        i += 1;
    }
    let ch = Some(value)
        .filter(|_| digits <= max)
        .and_then(char::from_u32)
        .unwrap_or('\u{FFFD}');
    let mut buf = [0u8; 4];
    res.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    i
}

/// minify-html's `encode_entities` (an `&` that would start an entity
/// becomes `&amp`), followed for text by its `<` escape (`&LT` before a
/// tag name character, `/`, `!` or `?`).
fn encode_entities(mut code: &[u8], in_attr: bool, chevrons: bool, out: &mut Vec<u8>) {
    loop {
        let found = if code.len() < SHORT {
            code.iter()
                .position(|&c| c == b'&' || (chevrons && c == b'<'))
        } else if chevrons {
            memchr2(b'&', b'<', code)
        } else {
            memchr(b'&', code)
        };
        let Some(p) = found else {
            out.extend_from_slice(code);
            return;
        };
        out.extend_from_slice(&code[..p]);
        code = &code[p..];
        if code[0] == b'<' {
            let escape = code
                .get(1)
                .is_some_and(|&c| is(TAG_NAME_CHAR, c) || matches!(c, b'/' | b'!' | b'?'));
            out.extend_from_slice(if escape { b"&LT" } else { b"<" });
            code = &code[1..];
            continue;
        }
        let (start, end) = match ENTITY.longest_matching_prefix(code) {
            TrieNodeMatch::NotFound { reached } => (0, reached.max(1)),
            TrieNodeMatch::Found { len, value } => match value {
                EntityType::Named(_)
                    if in_attr
                        && code[len - 1] != b';'
                        && code
                            .get(len)
                            .is_some_and(|&c| is(ALPHANUMERIC_OR_EQUALS, c)) =>
                {
                    (0, len)
                }
                _ => {
                    out.extend_from_slice(b"&amp");
                    (1, len)
                }
            },
        };
        out.extend_from_slice(&code[start..end]);
        code = &code[end..];
    }
}

enum Min {
    Redundant,
    NoValue,
    /// The value's shortest form was appended to the arena.
    Value {
        quoted: bool,
    },
}

/// minify-html's `minify_attr` with the settings of [`cfg`]; `None` for a
/// `style` attribute (its CSS is minified by the crate).
fn minify_attr(
    ns: Namespace,
    (tag, known): (&[u8], Option<u8>),
    viewport: bool,
    a: &mut Attr<'_>,
    enc: &mut [Vec<u8>; 3],
    arena: &mut Vec<u8>,
) -> Option<Min> {
    let name: &[u8] = &a.name;
    if name == b"style" {
        return None;
    }
    let cfg = rules::attribute(ns, tag, known, name);
    let value = &mut a.value;
    if viewport {
        if value.iter().any(|&c| is(WHITESPACE, c)) {
            value.to_mut().retain(|&c| !is(WHITESPACE, c));
        }
    } else {
        if cfg.is_some_and(|c| c.trim) {
            let t = right_trim(left_trim(value));
            if t.len() != value.len() {
                *value = Cow::Owned(t.to_vec());
            }
        }
        if cfg.is_some_and(|c| c.collapse) && needs_collapse(value) {
            let mut v = Vec::with_capacity(value.len());
            collapse_into(value, &mut v);
            *value = Cow::Owned(v);
        }
    }
    if cfg.is_some_and(|c| c.case_insensitive) && value.iter().any(u8::is_ascii_uppercase) {
        value.to_mut().make_ascii_lowercase();
    }
    let value: &[u8] = value;
    let redundant_if_empty = cfg.is_some_and(|c| c.redundant_if_empty);
    if (value.is_empty() && redundant_if_empty) || cfg.and_then(|c| c.default_value) == Some(value)
    {
        return Some(Min::Redundant);
    }
    if cfg.is_some_and(|c| c.boolean) || value.is_empty() {
        return Some(Min::NoValue);
    }
    if !value.iter().any(|&c| NEEDS_QUOTE[c as usize]) {
        // Nothing to escape: unquoted is the shortest.
        arena.extend_from_slice(value);
        return Some(Min::Value { quoted: false });
    }
    let [e, dq, sq] = enc;
    for b in [&mut *e, &mut *dq, &mut *sq] {
        b.clear();
    }
    encode_entities(value, true, false, e);
    quote(e, b'"', b"&#34", dq);
    quote(e, b'\'', b"&#39", sq);
    let from = arena.len();
    unquoted(e, arena);
    let uq = arena.len() - from;
    // Ties go to double quotes, then to single quotes, then to unquoted.
    let (q, body) = if sq.len() < dq.len() {
        (b'\'', &*sq)
    } else {
        (b'"', &*dq)
    };
    if uq < body.len() + 2 {
        return Some(Min::Value { quoted: false });
    }
    arena.truncate(from);
    arena.push(q);
    arena.extend_from_slice(body);
    arena.push(q);
    Some(Min::Value { quoted: true })
}

fn digit_or_semicolon(c: Option<&u8>) -> bool {
    c.is_some_and(|&c| is(DIGIT, c) || c == b';')
}

/// `q` as `rep` (plus `;` before a digit or `;`), for a value in `q` quotes.
fn quote(v: &[u8], q: u8, rep: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while let Some(k) = memchr(q, &v[i..]) {
        out.extend_from_slice(&v[i..i + k]);
        out.extend_from_slice(rep);
        i += k + 1;
        if digit_or_semicolon(v.get(i)) {
            out.push(b';');
        }
    }
    out.extend_from_slice(&v[i..]);
}

/// The WHATWG-safe unquoted form of `v`.
fn unquoted(v: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < v.len() {
        let c = v[i];
        let rep: &[u8] = match c {
            b'\t' => b"&#9",
            b'\n' => b"&#10",
            0x0c => b"&#12",
            b'\r' => b"&#13",
            b' ' => b"&#32",
            b'"' => b"&#34",
            b'\'' => b"&#39",
            b'=' => b"&#61",
            b'`' => b"&#6",
            b'<' | b'>' => {
                out.extend_from_slice(if c == b'<' { b"&LT" } else { b"&GT" });
                if v.get(i + 1) == Some(&b';') {
                    out.push(b';');
                }
                i += 1;
                continue;
            }
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(rep);
        if digit_or_semicolon(v.get(i + 1)) {
            out.push(b';');
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(html: &str) {
        let want = minify_html::minify(html.as_bytes(), cfg());
        let got = fast(html.as_bytes()).unwrap_or_else(|| panic!("fast path refused {html:?}"));
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
            "input {html:?}"
        );
    }

    #[test]
    fn matches_minify_html_on_typical_markup() {
        same("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>  A &amp; B &lt;x&gt; </title>\n</head>\n<body class=\"lang-zh\">\n<p>  Hello,   <a href=\"../x/index.html\">world</a>  !  </p>\n</body>\n</html>\n");
        same("<ul>\n <li> one <strong class=\"lead\">two</strong> </li>\n <li>three&#x27;s &quot;q&quot;</li>\n</ul>");
        same("<div><span lang=\"en\">a</span> <span>b</span></div>");
        same("<p>a &lt; b &lt;c &amp;amp; &amp x &#x2F; &#39;</p>");
        same("<pre>  keep   this\n  </pre><code>  x  y </code>");
        same("<svg viewBox=\"0 0 400 240\" role=\"img\" aria-labelledby=\"t d\"><title id=\"t\"> T </title><desc id=\"d\">D</desc><line x1=\"1\" y1=\"2\" /><text x=\"3\"> 2020 </text></svg>");
        same("<a href=\"a b\" title='x \"y\"' data-x=\"it's\">q</a><input type=\"text\" disabled=\"disabled\"><br/>");
        same("<table><tbody><tr><td> 1 </td><th scope=\"row\">2</th></tr></tbody></table>");
        same("<p data-a=\"1=2\" data-b=\"a`b\" data-c=\"&lt;x&gt;\" data-d=\" 1\" data-e=\"x;\" data-f=\"&amp;copy\">x</p>");
    }

    #[test]
    fn void_elements_are_minify_html_s() {
        use minify_html_common::spec::tag::void::VOID_TAGS;
        for name in VOID_TAGS.iter() {
            assert!(is_void(name), "{}", String::from_utf8_lossy(name));
        }
        assert_eq!(VOID_TAGS.len(), 15);
        for name in [
            &b""[..],
            b"a",
            b"b",
            b"div",
            b"li",
            b"brr",
            b"Br",
            b"imgs",
            b"svg",
            b"path",
        ] {
            assert_eq!(is_void(name), VOID_TAGS.contains(name), "{name:?}");
        }
    }

    #[test]
    fn whitespace_tests_agree_with_minify_html_codepoints() {
        // The byte-at-a-time definitions these tables and searches replace.
        let reference = |t: &[u8]| {
            let mut prev = false;
            for &c in t {
                let w = is(WHITESPACE, c);
                if w && (prev || c != b' ') {
                    return true;
                }
                prev = w;
            }
            false
        };
        for t in [
            "",
            " ",
            "  ",
            "a b",
            "a  b",
            "a b ",
            "a b  ",
            "  a",
            "a\tb",
            "a\nb",
            "a\rb",
            "a\x0cb",
            "a \nb",
            "中文 English  中文",
            "中文，没有空白。",
            "a\u{a0}b",
        ] {
            // As it is (a short text, walked once) and padded past
            // `SHORT` on either side (searched with memchr).
            let pad = "x".repeat(SHORT);
            for t in [t.to_string(), format!("{pad}{t}"), format!("{t}{pad}")] {
                assert_eq!(
                    needs_collapse(t.as_bytes()),
                    reference(t.as_bytes()),
                    "{t:?}"
                );
            }
        }
        for c in 0..=255u8 {
            let want = is(WHITESPACE, c) || b"\"'=`<>&".contains(&c);
            assert_eq!(NEEDS_QUOTE[c as usize], want, "byte {c:#x}");
        }
    }

    #[test]
    fn short_searches_find_what_memchr_finds() {
        // Every length around `SHORT`, the byte at every place or absent.
        for len in 0..SHORT * 3 {
            for at in (0..len).map(Some).chain([None]) {
                let mut hay = vec![b'a'; len];
                if let Some(at) = at {
                    hay[at] = b'<';
                    // A second one later: the first is the one found.
                    if at + 3 < len {
                        hay[at + 3] = b'<';
                    }
                }
                assert_eq!(find(b'<', &hay), at, "find, len {len}");
                assert_eq!(find_near(b'<', &hay), at, "find_near, len {len}");
                let mut out = vec![];
                encode_entities(&hay, false, true, &mut out);
                // A `<` before a letter is escaped, one at the end is not.
                let mut want = vec![];
                for (i, &c) in hay.iter().enumerate() {
                    let tag = c == b'<' && hay.get(i + 1) == Some(&b'a');
                    want.extend_from_slice(if tag { b"&LT" } else { &hay[i..=i] });
                }
                assert_eq!(out, want, "encode_entities, len {len}");
            }
        }
    }

    #[test]
    fn leaves_the_rest_to_minify_html() {
        for html in [
            "<p>a<!-- c --></p>",
            "<p>a<div>b</div></p>",
            "<ul><li>a<li>b</ul>",
            "<style>p { color: red }</style>",
            "<script>var a = 1;</script>",
            "<p style=\"color: red\">x</p>",
            "<div>unclosed",
            "<p>a</span></p>",
            "<p a=1 a=2>x</p>",
        ] {
            assert!(fast(html.as_bytes()).is_none(), "{html}");
            assert_eq!(
                minify(html.as_bytes()),
                minify_html::minify(html.as_bytes(), cfg())
            );
        }
    }
}
