//! Short texts (titles, names, units) as typeset. [`html`] escapes a text,
//! marks exponents and subscripts with `<sup>`/`<sub>` (`m3` → m³, `O3` →
//! O₃), and keeps a short quoted term (“十四五”) or a year range
//! (2021—2025) on one line in a `<span class="nw">`, so a title breaks only
//! at natural points. The characters (what search and copy-paste see)
//! stay the official text's. [`plain`] uses Unicode super- and subscript
//! digits where markup cannot go (SVG text). Data files (CSV, JSON) use
//! neither and keep the text as written. Templates call [`html`] as the
//! `typeset` filter.

use crate::render::html::para::esc;

/// Formulas written with their subscript, longest first. A formula
/// matches only as a whole word: not inside a longer Latin word or
/// number (`NO3` is not `O3`).
const FORMULAS: [(&str, &str, &str); 10] = [
    ("PM2.5", "PM", "2.5"),
    ("PM10", "PM", "10"),
    ("NH3", "NH", "3"),
    ("NO2", "NO", "2"),
    ("SO2", "SO", "2"),
    ("CO2", "CO", "2"),
    ("CH4", "CH", "4"),
    ("NOx", "NO", "x"),
    ("N2O", "N", "2O"),
    ("O3", "O", "3"),
];

enum Piece<'a> {
    Text(&'a str),
    /// Kept on one line.
    Keep(&'a str),
    Sub(&'a str, &'a str),
    Sup(&'a str, &'a str),
}

fn word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// `rest` goes on with the same Latin word or number (`5`, `e`, `.5`).
fn continues(rest: &str) -> bool {
    let mut cs = rest.chars();
    match cs.next() {
        Some('.') => cs.next().is_some_and(|c| c.is_ascii_digit()),
        c => word_char(c),
    }
}

/// `m2`/`m3` (also km2, cm3) as an area or volume: after a non-letter or
/// k/c/d/μ, before no further digit or letter.
fn power_at(s: &str, at: usize) -> Option<usize> {
    let rest = &s[at..];
    if !(rest.starts_with("m2") || rest.starts_with("m3")) {
        return None;
    }
    let prev = s[..at].chars().next_back();
    let prefix_ok = match prev {
        None => true,
        Some(c) => !c.is_ascii_alphabetic() || matches!(c, 'k' | 'c' | 'd'),
    };
    let before_prefix = prev
        .filter(|c| matches!(c, 'k' | 'c' | 'd'))
        .and_then(|_| s[..at - 1].chars().next_back());
    let ok = prefix_ok && !before_prefix.is_some_and(|c| c.is_ascii_alphabetic());
    (ok && !continues(&rest[2..])).then_some(2)
}

/// Longest quoted term kept on one line, in characters between the quotes.
const KEEP_QUOTED: usize = 8;

/// A short “quoted term” without spaces, or a year range like 2021—2025 / 2021-2025年,
/// starting at `at`: its length in bytes.
fn keep_at(s: &str, at: usize) -> Option<usize> {
    let rest = &s[at..];
    if let Some(inner) = rest.strip_prefix('“') {
        let end = inner.find(['”', '“'])?;
        let n = inner[..end].chars().count();
        let spaced = inner[..end].contains(char::is_whitespace);
        return (inner[end..].starts_with('”') && (1..=KEEP_QUOTED).contains(&n) && !spaced)
            .then(|| '“'.len_utf8() + end + '”'.len_utf8());
    }
    let digits = |t: &str| t.len() >= 4 && t.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    if at > 0 && s.as_bytes()[at - 1].is_ascii_digit() || !digits(rest) {
        return None;
    }
    let dash = rest[4..]
        .chars()
        .next()
        .filter(|c| matches!(c, '—' | '–' | '-' | '～' | '~'))?;
    let after = &rest[4 + dash.len_utf8()..];
    if !digits(after) || after[4..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let year = if after[4..].starts_with('年') {
        '年'.len_utf8()
    } else {
        0
    };
    Some(4 + dash.len_utf8() + 4 + year)
}

fn pieces(s: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < s.len() {
        let prev = s[..at].chars().next_back();
        let formula = (!word_char(prev))
            .then(|| {
                FORMULAS
                    .iter()
                    .find(|(f, _, _)| s[at..].starts_with(f) && !continues(&s[at + f.len()..]))
            })
            .flatten();
        let (piece, len) = if let Some(len) = keep_at(s, at) {
            (Some(Piece::Keep(&s[at..at + len])), len)
        } else if let Some((f, base, sub)) = formula {
            (Some(Piece::Sub(base, sub)), f.len())
        } else if let Some(len) = power_at(s, at) {
            (Some(Piece::Sup(&s[at..at + 1], &s[at + 1..at + 2])), len)
        } else {
            (None, s[at..].chars().next().map_or(1, char::len_utf8))
        };
        if let Some(p) = piece {
            if start < at {
                out.push(Piece::Text(&s[start..at]));
            }
            out.push(p);
            start = at + len;
        }
        at += len;
    }
    if start < s.len() {
        out.push(Piece::Text(&s[start..]));
    }
    out
}

/// `text` escaped for HTML, with `<sub>`/`<sup>` on formulas and powers.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for p in pieces(text) {
        match p {
            Piece::Text(t) => out.push_str(&esc(t)),
            Piece::Keep(t) => out.push_str(&format!("<span class=\"nw\">{}</span>", esc(t))),
            Piece::Sub(b, s) => out.push_str(&format!("{}<sub>{}</sub>", esc(b), esc(s))),
            Piece::Sup(b, s) => out.push_str(&format!("{}<sup>{}</sup>", esc(b), esc(s))),
        }
    }
    out
}

fn script(s: &str, sup: bool) -> Option<String> {
    s.chars()
        .map(|c| match (c, sup) {
            ('2', true) => Some('²'),
            ('3', true) => Some('³'),
            (d @ '0'..='9', false) => char::from_u32(0x2080 + (d as u32 - '0' as u32)),
            ('x', false) => Some('ₓ'),
            _ => None,
        })
        .collect()
}

/// `text` with Unicode super- and subscripts where they exist (`PM2.5`,
/// having no subscript point, stays as written). Not escaped.
pub fn plain(text: &str) -> String {
    pieces(text)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) | Piece::Keep(t) => t.to_string(),
            Piece::Sub(b, s) => {
                script(s, false).map_or_else(|| format!("{b}{s}"), |sub| format!("{b}{sub}"))
            }
            Piece::Sup(b, s) => {
                script(s, true).map_or_else(|| format!("{b}{s}"), |sup| format!("{b}{sup}"))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_formulas_in_html() {
        assert_eq!(html("μg/m3"), "μg/m<sup>3</sup>");
        assert_eq!(html("万km2"), "万km<sup>2</sup>");
        assert_eq!(
            html("细颗粒物（PM2.5）浓度"),
            "细颗粒物（PM<sub>2.5</sub>）浓度"
        );
        assert_eq!(
            html("臭氧（O3）、NO2和SO2"),
            "臭氧（O<sub>3</sub>）、NO<sub>2</sub>和SO<sub>2</sub>"
        );
        assert_eq!(html("氨氮（NH3-N）"), "氨氮（NH<sub>3</sub>-N）");
        assert_eq!(html("PM10与CO2"), "PM<sub>10</sub>与CO<sub>2</sub>");
        assert_eq!(html("a<b & O3"), "a&lt;b &amp; O<sub>3</sub>");
    }

    #[test]
    fn only_whole_words_change() {
        for s in [
            "NO3", "O35", "G20", "PM2.55", "5G", "CO2e", "Room3", "mm3", "m33", "%", "COD",
        ] {
            assert_eq!(html(s), esc(s), "{s}");
            assert_eq!(plain(s), s, "{s}");
        }
    }

    #[test]
    fn quoted_terms_and_year_ranges_stay_on_one_line() {
        assert_eq!(
            html("某区“十四五”生态环境保护规划（2021—2025年）"),
            "某区<span class=\"nw\">“十四五”</span>生态环境保护规划（<span class=\"nw\">2021—2025年</span>）"
        );
        assert_eq!(html("2026-2030"), "<span class=\"nw\">2026-2030</span>");
        // A long quotation may break; an unclosed quote, a phone number too.
        let long = "“绿水青山就是金山银山”理念";
        assert_eq!(html(long), long);
        assert_eq!(html("“十四五"), "“十四五");
        // English breaks at its spaces.
        assert_eq!(html("“On track”"), "“On track”");
        assert_eq!(html("12021-20255"), "12021-20255");
        assert_eq!(plain("“十四五”"), "“十四五”");
    }

    #[test]
    fn plain_uses_unicode_and_keeps_the_characters_otherwise() {
        assert_eq!(plain("μg/m3"), "μg/m³");
        assert_eq!(plain("O3浓度"), "O₃浓度");
        assert_eq!(plain("NOx"), "NOₓ");
        assert_eq!(plain("PM2.5"), "PM2.5");
        assert_eq!(plain("a<b"), "a<b");
        assert_eq!(plain("ozone (O3)."), "ozone (O₃).");
    }
}
