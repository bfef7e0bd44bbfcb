//! Units and chemical formulas as typeset: `m3` → m³ and `O3` → O₃.
//! [`html`] escapes a text and marks exponents and subscripts with
//! `<sup>`/`<sub>`, so the characters (and what search and copy-paste see)
//! stay the official text's; [`plain`] uses Unicode super- and subscript
//! digits where markup cannot go (SVG text, `<title>`). Data files (CSV,
//! JSON) use neither and keep the text as written.

use super::para::esc;

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
        let (piece, len) = if let Some((f, base, sub)) = formula {
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
            Piece::Text(t) => t.to_string(),
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
    fn plain_uses_unicode_and_keeps_the_characters_otherwise() {
        assert_eq!(plain("μg/m3"), "μg/m³");
        assert_eq!(plain("O3浓度"), "O₃浓度");
        assert_eq!(plain("NOx"), "NOₓ");
        assert_eq!(plain("PM2.5"), "PM2.5");
        assert_eq!(plain("a<b"), "a<b");
        assert_eq!(plain("ozone (O3)."), "ozone (O₃).");
    }
}
