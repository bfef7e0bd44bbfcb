//! minify-html's per-element rules (whitespace, start tags that close
//! their parent, attribute defaults) for the elements and attributes our
//! pages use most, read from its hash maps once per process into arrays.
//! The streaming pass asks them for every start tag and every attribute:
//! ~130 instructions a question through the maps, a few through these.
//! Any other name, and anything in SVG, goes to the maps as before.

use minify_html_common::gen::attrs::{AttributeMinification, ATTRS};
use minify_html_common::spec::tag::ns::Namespace;
use minify_html_common::spec::tag::omission::can_omit_as_before;
use minify_html_common::spec::tag::whitespace::{
    get_whitespace_minification_for_tag, WhitespaceMinification,
};

/// `const $list` of names and `fn $number(name) -> Option<u8>`, its place
/// in the list: a `match` (compared by length, then bytes, no hashing)
/// whose arms are numbered from the list at compile time.
macro_rules! numbered {
    ($(#[$doc:meta])* $list:ident, $number:ident: [$($name:literal),+ $(,)?]) => {
        $(#[$doc])*
        pub(super) const $list: &[&[u8]] = &[$($name),+];

        /// The place of `name` in the list beside this function.
        pub(super) fn $number(name: &[u8]) -> Option<u8> {
            Some(match name {
                $($name => const { place($list, $name) },)+
                _ => return None,
            })
        }
    };
}

/// The place of `name` in `list` (at compile time; a missing name fails
/// the build).
const fn place(list: &[&[u8]], name: &[u8]) -> u8 {
    let mut i = 0;
    'next: while i < list.len() {
        let n = list[i];
        if n.len() == name.len() {
            let mut k = 0;
            while k < n.len() {
                if n[k] != name[k] {
                    i += 1;
                    continue 'next;
                }
                k += 1;
            }
            return i as u8;
        }
        i += 1;
    }
    panic!("not in the list")
}

numbered! {
    /// The elements with a place in the tables.
    TAGS, tag: [
        b"a", b"li", b"span", b"p", b"td", b"link", b"section", b"th", b"strong", b"h2", b"tr",
        b"meta", b"dt", b"dd", b"ul", b"nav", b"div", b"header", b"ol", b"time", b"main", b"h1",
        b"footer", b"h3", b"dl", b"article", b"tbody", b"thead", b"table", b"caption", b"aside",
        b"code",
    ]
}

numbered! {
    /// The attributes with a place in the tables.
    ATTRS_USED, attr: [
        b"href", b"class", b"id", b"rel", b"aria-labelledby", b"scope", b"hreflang", b"lang",
        b"name", b"content", b"aria-label", b"tabindex", b"type", b"datetime", b"title",
        b"charset", b"aria-current", b"role", b"colspan", b"data-pagefind-meta",
    ]
}

const T: usize = TAGS.len();
const A: usize = ATTRS_USED.len();

struct Tables {
    whitespace: [&'static WhitespaceMinification; T],
    /// `[parent][child]`: the child's start tag closes the parent.
    closes: [[bool; T]; T],
    /// `[element][attribute]`, HTML namespace.
    attrs: [[Option<&'static AttributeMinification>; A]; T],
}

fn tables() -> &'static Tables {
    use std::array::from_fn;
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| Tables {
        whitespace: from_fn(|t| {
            get_whitespace_minification_for_tag(Namespace::Html, TAGS[t], false)
        }),
        closes: from_fn(|p| from_fn(|c| can_omit_as_before(TAGS[p], TAGS[c]))),
        attrs: from_fn(|t| from_fn(|a| ATTRS.get(Namespace::Html, TAGS[t], ATTRS_USED[a]))),
    })
}

/// `get_whitespace_minification_for_tag(ns, name, pre)`; `known` is
/// `tag(name)`.
pub(super) fn whitespace(
    ns: Namespace,
    name: &[u8],
    known: Option<u8>,
    pre: bool,
) -> &'static WhitespaceMinification {
    match known {
        Some(k) if ns == Namespace::Html && !pre => tables().whitespace[usize::from(k)],
        _ => get_whitespace_minification_for_tag(ns, name, pre),
    }
}

/// `can_omit_as_before(parent, child)`, with `tag` of each.
pub(super) fn closes(parent: (&[u8], Option<u8>), child: (&[u8], Option<u8>)) -> bool {
    match (parent.1, child.1) {
        (Some(p), Some(c)) => tables().closes[usize::from(p)][usize::from(c)],
        _ => can_omit_as_before(parent.0, child.0),
    }
}

/// `ATTRS.get(ns, tag, name)`, with `tag(tag)` as `known`.
pub(super) fn attribute(
    ns: Namespace,
    tag: &[u8],
    known: Option<u8>,
    name: &[u8],
) -> Option<&'static AttributeMinification> {
    match (ns, known, attr(name)) {
        (Namespace::Html, Some(t), Some(a)) => tables().attrs[usize::from(t)][usize::from(a)],
        _ => ATTRS.get(ns, tag, name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numbers_are_the_lists_places() {
        for (i, t) in TAGS.iter().enumerate() {
            assert_eq!(tag(t), Some(i as u8), "{}", String::from_utf8_lossy(t));
        }
        for (i, a) in ATTRS_USED.iter().enumerate() {
            assert_eq!(attr(a), Some(i as u8), "{}", String::from_utf8_lossy(a));
        }
        assert_eq!(tag(b"svg"), None);
        assert_eq!(tag(b"A"), None);
        assert_eq!(attr(b"src"), None);
    }

    /// Every question the tables answer gets the maps' answer (the same
    /// `&'static` entry), for the listed names and for names outside them.
    #[test]
    fn the_tables_answer_as_the_maps_do() {
        let others: [&[u8]; 8] = [
            b"",
            b"html",
            b"body",
            b"svg",
            b"pre",
            b"textarea",
            b"x-y",
            b"img",
        ];
        let names: Vec<&[u8]> = TAGS.iter().copied().chain(others).collect();
        let attrs: Vec<&[u8]> = ATTRS_USED
            .iter()
            .copied()
            .chain([b"src" as &[u8], b"alt", b"viewBox", b"style", b""])
            .collect();
        let same =
            |x: Option<&AttributeMinification>, y: Option<&AttributeMinification>| match (x, y) {
                (Some(x), Some(y)) => std::ptr::eq(x, y),
                (None, None) => true,
                _ => false,
            };
        for ns in [Namespace::Html, Namespace::Svg] {
            for &n in &names {
                for pre in [false, true] {
                    let want = get_whitespace_minification_for_tag(ns, n, pre);
                    assert!(std::ptr::eq(whitespace(ns, n, tag(n), pre), want));
                }
                for &a in &attrs {
                    assert!(same(attribute(ns, n, tag(n), a), ATTRS.get(ns, n, a)));
                }
            }
        }
        for &p in &names {
            for &c in &names {
                assert_eq!(closes((p, tag(p)), (c, tag(c))), can_omit_as_before(p, c));
            }
        }
        // The tables hold answers of each kind, so the checks above compare
        // more than one value.
        let t = tables();
        assert!(t.closes.iter().flatten().any(|&b| b));
        assert!(t.closes.iter().flatten().any(|&b| !b));
        assert!(t.attrs.iter().flatten().any(Option::is_some));
        assert!(t.attrs.iter().flatten().any(Option::is_none));
    }
}
