//! Dated sentences: every sentence of a paragraph that sets or reports a
//! deadline (2022年年底前, 到2025年, 至2020年底 …) with its year.

use regex::Regex;
use std::sync::LazyLock;

static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:截至|到|至)(20\d\d)年(?:年底前|底前|年底|底)?|(20\d\d)年(?:年底前|底前|年底|底|前)|^(20\d\d)年(?:，|全区)")
        .unwrap_or_else(|e| panic!("invalid built-in pattern: {e}"))
});

/// A sentence with a deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    /// Byte offset of the sentence in the paragraph.
    pub start: usize,
    pub sentence: String,
    pub year: u16,
    /// The deadline phrase as printed.
    pub phrase: String,
}

/// Splits `text` into sentences ending in 。 or ； (the delimiter is kept),
/// with their byte offsets.
pub fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = vec![];
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        if ch == '。' || ch == '；' {
            let end = i + ch.len_utf8();
            out.push((start, &text[start..end]));
            start = end;
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

/// The dated sentences of a paragraph. `strip` removes spans (such as
/// responsibility clauses) from a sentence before it is matched and stored.
pub fn find(text: &str, strip: &dyn Fn(&str) -> String) -> Vec<Dated> {
    sentences(text)
        .into_iter()
        .filter_map(|(start, s)| {
            let s = strip(s).trim().to_string();
            let m = DEADLINE.captures(&s)?;
            let whole = m.get(0)?;
            if inside_title(&s, whole.start()) {
                return None;
            }
            let year = [1, 2, 3]
                .iter()
                .find_map(|&g| m.get(g))
                .and_then(|y| y.as_str().parse().ok())?;
            let phrase = whole
                .as_str()
                .trim_end_matches(['，', '全', '区'])
                .to_string();
            Some(Dated {
                start,
                sentence: s,
                year,
                phrase,
            })
        })
        .collect()
}

/// Whether byte offset `at` lies inside a 《document title》.
fn inside_title(s: &str, at: usize) -> bool {
    let before = &s[..at];
    before.matches('《').count() > before.matches('》').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_strip(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn finds_deadlines() {
        let t = "加强管理。2022年年底前，完成治理；到2025年，全面达标。制定《2022年工作要点》。较2020年减少4%。";
        let d = find(t, &no_strip);
        let got: Vec<(u16, &str)> = d.iter().map(|x| (x.year, x.phrase.as_str())).collect();
        assert_eq!(got, [(2022, "2022年年底前"), (2025, "到2025年")]);
        assert_eq!(d[0].sentence, "2022年年底前，完成治理；");
    }

    #[test]
    fn year_at_sentence_start() {
        let d = find("2023年，外排水全部指标达到地表水Ⅲ类。", &no_strip);
        assert_eq!(d[0].year, 2023);
        assert_eq!(d[0].phrase, "2023年");
    }
}
