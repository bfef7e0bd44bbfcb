//! Search synonyms: groups of terms that mean the same (臭氧 = O3), per
//! language. A group comes from `content/synonyms.toml` or from the text
//! itself: every `全称（缩写）` / `full form (ABBR)` the records write
//! ([`derive`]).
//!
//! They are applied twice. At index time every record gets, after its
//! paragraphs, the other terms of each group one of whose terms it
//! writes ([`with_tail`]; the paragraph map marks where that tail starts,
//! so `search.js` never shows it): a search for 臭氧 then finds the
//! paragraphs that only write O3. At query time `search.js` reads the
//! groups from `pagefind/synonyms.json` and highlights the terms of the
//! query's groups in the excerpts.

use super::records::{counted_chars, esc_attr, PARAGRAPHS_META};
use super::Record;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The meta value in the paragraph map where a record's tail starts.
pub(super) const TAIL_ID: &str = "~";

/// Whether `c` is a Han character (CJK ideograph).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whether `text` (lowercase) writes `term` (lowercase): anywhere for a
/// term with Han characters, else as a whole word (no ASCII letter or
/// digit on either side).
pub(super) fn writes(text: &str, term: &str) -> bool {
    if term.is_empty() {
        return false;
    }
    if term.chars().any(is_han) {
        return text.contains(term);
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    text.match_indices(term).any(|(at, _)| {
        !word(text[..at].chars().next_back()) && !word(text[at + term.len()..].chars().next())
    })
}

/// Whether a parenthesised word reads as an abbreviation: at most ten
/// letters, digits and `.+-`, starting with a letter, with two capitals or
/// a capital and a digit (O3, PM2.5, VOCs, NOx), and not a Roman numeral.
fn is_abbreviation(s: &str) -> bool {
    let upper = s.chars().filter(char::is_ascii_uppercase).count();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    s.len() <= 10
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && (upper >= 2 || (upper >= 1 && digits >= 1))
        && !s.chars().all(|c| "IVXLCDM".contains(c))
}

/// The groups the texts define by writing a full form followed by its
/// abbreviation in brackets, `挥发性有机物（VOCs）` or `volatile organic
/// compounds (VOCs)`: each `[full form, abbreviation]`, in order of first
/// appearance, without repeats.
pub fn derive(texts: &[&str]) -> Vec<Vec<String>> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"[（(]\s*([A-Za-z][A-Za-z0-9.+\-]{0,9})\s*[）)]").expect("static regex")
    });
    let all = texts.join("\n");
    let mut seen = BTreeSet::new();
    let mut out = vec![];
    for text in texts {
        for c in re.captures_iter(text) {
            let (Some(whole), Some(abbr)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let abbr = abbr.as_str();
            if !is_abbreviation(abbr) {
                continue;
            }
            let before = text[..whole.start()].trim_end();
            let full = match before.chars().next_back() {
                Some(ch) if is_han(ch) => han_full_form(before, abbr, &all),
                Some(_) => latin_full_form(before, abbr),
                None => None,
            };
            if let Some(full) = full {
                if seen.insert((full.to_lowercase(), abbr.to_lowercase())) {
                    out.push(vec![full, abbr.to_string()]);
                }
            }
        }
    }
    out
}

/// Conjunctions and prepositions that open a short run of Han characters
/// without being part of the term (`和一氧化碳（CO）`).
const HAN_LEADS: &[&str] = &[
    "以及", "和", "及", "与", "或", "并", "对", "将", "把", "在", "的",
];

/// The Chinese full form before `（abbr）`, from the run of Han characters
/// before it. A short run (at most six characters, bounded by punctuation,
/// as in an enumeration `、臭氧（O3）`) is the term, without a leading
/// conjunction. In a longer run the term is its longest ending of four or
/// more characters that the texts also write on its own (not followed by
/// the abbreviation); without one, there is no group.
fn han_full_form(before: &str, abbr: &str, all: &str) -> Option<String> {
    let run: Vec<char> = before.chars().rev().take_while(|c| is_han(*c)).collect();
    let run: String = run.into_iter().rev().collect();
    let len = run.chars().count();
    if len <= 6 {
        let term = HAN_LEADS
            .iter()
            .find_map(|l| run.strip_prefix(l))
            .unwrap_or(&run);
        return (term.chars().count() >= 2).then(|| term.to_string());
    }
    let on_its_own = |s: &str| {
        let paired = ["（", "("]
            .iter()
            .map(|p| all.matches(&format!("{s}{p}{abbr}")).count())
            .sum::<usize>();
        all.matches(s).count() > paired
    };
    let chars: Vec<char> = run.chars().collect();
    (4..=len.min(12))
        .rev()
        .map(|n| chars[len - n..].iter().collect::<String>())
        .find(|s| on_its_own(s))
}

/// Words never at the start of a full form.
const STOP: &[&str] = &[
    "the", "of", "and", "a", "an", "for", "in", "on", "to", "with",
];

/// The English full form before `(abbr)`, as Schwartz and Hearst find it:
/// the fewest words before the bracket (within the clause) whose first
/// word starts with the abbreviation's first letter and which hold its
/// other letters in order (`VOCs` is read as `VOC`).
fn latin_full_form(before: &str, abbr: &str) -> Option<String> {
    let mut letters: Vec<char> = abbr
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if abbr.ends_with('s')
        && abbr
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| c.is_ascii_uppercase())
    {
        letters.pop();
    }
    let first = *letters.first()?;
    let mut words: Vec<&str> = vec![];
    for w in before.split_whitespace().rev() {
        if w.ends_with([',', ';', ':', '.', '(', ')']) || w.starts_with('(') {
            break;
        }
        words.insert(0, w);
        if words.len() > letters.len() + 3 {
            break;
        }
    }
    (1..=words.len()).find_map(|k| {
        let cand = &words[words.len() - k..];
        let lead = cand[0].to_lowercase();
        if !lead.starts_with(first) || STOP.contains(&lead.as_str()) {
            return None;
        }
        let joined = cand.join(" ").to_lowercase();
        let mut rest = joined.chars().skip(1);
        letters[1..]
            .iter()
            .all(|l| rest.any(|c| c == *l))
            .then(|| cand.join(" "))
    })
}

/// The site's groups of one language and those its records define. The
/// site's file has the last word on an abbreviation: a derived group whose
/// abbreviation a given group holds is left out (`削减臭氧（O3）` would
/// otherwise make 削减臭氧 a synonym of O3).
pub(super) fn table(given: &[Vec<String>], texts: &[&str]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = given.to_vec();
    for g in derive(texts) {
        let abbr = g[g.len() - 1].to_lowercase();
        let held = given
            .iter()
            .any(|h| h.iter().any(|x| x.to_lowercase() == abbr));
        if !held {
            out.push(g);
        }
    }
    out
}

/// `r` with its tail: the terms of every group that it writes one of but
/// not all of, after its paragraphs, and `~:offset` in its paragraph map.
/// A record whose text the digest cannot read is left as it is.
pub(super) fn with_tail(r: &Record, groups: &[Vec<String>]) -> Record {
    let mut out = r.clone();
    let Some(text) = super::digest::digest(&r.html) else {
        return out;
    };
    let lower = text.to_lowercase();
    let mut tail: Vec<&str> = vec![];
    for g in groups {
        let has: Vec<bool> = g
            .iter()
            .map(|t| writes(&lower, &t.to_lowercase()))
            .collect();
        if !has.contains(&true) {
            continue;
        }
        for (t, _) in g.iter().zip(&has).filter(|(_, h)| !**h) {
            if !tail.contains(&t.as_str()) {
                tail.push(t);
            }
        }
    }
    if tail.is_empty() {
        return out;
    }
    let map = out.meta.entry(PARAGRAPHS_META.into()).or_insert_with(|| {
        let id = r.url.split_once('#').map_or("", |(_, id)| id);
        format!("{id}:0")
    });
    map.push_str(&format!(" {TAIL_ID}:{}", counted_chars(&text)));
    out.html
        .push_str(&format!("<p>{}</p>", esc_attr(&tail.join(" "))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_in_brackets_define_groups_in_both_languages() {
        let zh = [
            "主要污染物：细颗粒物（PM2.5）、臭氧（O3）和挥发性有机物（VOCs）。",
            "加强挥发性有机物治理，开展泄漏检测与修复（LDAR）。",
            "印发《办法（试行）》，第（II）类，GDP（国内生产总值）。",
        ];
        assert_eq!(
            derive(&zh),
            [
                vec!["细颗粒物", "PM2.5"],
                vec!["臭氧", "O3"],
                vec!["挥发性有机物", "VOCs"],
            ],
            "a long run without an ending written on its own gives nothing"
        );
        let en = [
            "Fine particulate matter (PM2.5) and ozone (O3) fell.",
            "The 155 enterprises emitting volatile organic compounds (VOCs), and carbon monoxide (CO).",
            "Measures (Trial) in Class (II); carry out leak detection and repair (LDAR).",
        ];
        assert_eq!(
            derive(&en),
            [
                vec!["particulate matter", "PM2.5"],
                vec!["ozone", "O3"],
                vec!["volatile organic compounds", "VOCs"],
                vec!["carbon monoxide", "CO"],
                vec!["leak detection and repair", "LDAR"],
            ]
        );
    }

    #[test]
    fn a_chinese_full_form_is_cut_to_what_the_text_writes_on_its_own() {
        let texts = [
            "全面做好生态环境质量指数（EQI）评价。",
            "生态环境质量指数稳步提升。",
        ];
        assert_eq!(derive(&texts), [vec!["生态环境质量指数", "EQI"]]);
        let texts = ["细颗粒物、可吸入颗粒物（PM10）和一氧化碳（CO）。"];
        assert_eq!(
            derive(&texts),
            [vec!["可吸入颗粒物", "PM10"], vec!["一氧化碳", "CO"]],
            "a short run is the term, though a part of it (颗粒物) is written on its own"
        );
    }

    #[test]
    fn the_sites_groups_override_a_derived_group_of_the_same_abbreviation() {
        let given = vec![vec!["臭氧".to_string(), "O3".to_string()]];
        let texts = ["削减臭氧（O3）和二氧化硫（SO2）。"];
        assert_eq!(
            table(&given, &texts),
            [vec!["臭氧", "O3"], vec!["二氧化硫", "SO2"]]
        );
    }

    #[test]
    fn terms_match_whole_latin_words_and_any_han_substring() {
        assert!(writes("no2 and o3 fell", "o3"));
        assert!(!writes("no3-n fell", "o3"));
        assert!(writes("二氧化氮和臭氧", "臭氧"));
        assert!(writes("pm2.5浓度", "pm2.5"));
    }

    #[test]
    fn a_record_gets_the_terms_it_does_not_write_after_its_paragraphs() {
        let groups = vec![
            vec!["臭氧".to_string(), "O3".to_string()],
            vec!["细颗粒物".to_string(), "PM2.5".to_string()],
        ];
        let r = Record {
            url: "/chapters/05/index.html#c05-s1-p1".into(),
            lang: "zh-CN".into(),
            meta: [(PARAGRAPHS_META.to_string(), "c05-s1-p1:0".to_string())].into(),
            html: "<p id=c05-s1-p1>O3浓度下降。</p>".into(),
        };
        let t = with_tail(&r, &groups);
        assert_eq!(t.html, "<p id=c05-s1-p1>O3浓度下降。</p><p>臭氧</p>");
        assert_eq!(t.meta[PARAGRAPHS_META], "c05-s1-p1:0 ~:7");
        let plain = Record {
            html: "<p id=c05-s1-p1>噪声。</p>".into(),
            ..r.clone()
        };
        assert_eq!(with_tail(&plain, &groups), plain, "nothing to add");
    }
}
