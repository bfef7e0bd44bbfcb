//! `content/translation-memory.tsv`: every (Chinese → English) pair an
//! import has written, kept after the content moves on (a Chinese sentence
//! revised, a chapter dropped), so a later plan repeating the old sentence
//! still finds its English.
//!
//! Tab-separated, one pair a line (`kind`, Chinese, English; `\t`, `\n`
//! and `\` escaped), sorted and without repeats: it diffs line by line in
//! git, and CAT tools (OmegaT, Trados, memoQ) import tab-delimited memories.
//! Lines starting with `#` are comments.

use super::catalog::Kind;
use crate::seed::memory::SiteEnglish;
use std::collections::BTreeSet;

/// The file's path under `content/`.
pub const FILE: &str = "translation-memory.tsv";

const HEADER: &str = "# plansite translation memory: kind<TAB>Chinese<TAB>English, one pair a line; \\t \\n \\\\ escaped\n";

/// (kind name, Chinese, English)
pub type Pair = (String, String, String);

/// The pairs of a memory file; lines it cannot read are skipped.
pub fn read(text: &str) -> Vec<Pair> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t').map(unescape);
            Some((f.next()?, f.next()?, f.next()?))
        })
        .collect()
}

/// `text` (the current file, possibly empty) with `add` merged in; `None`
/// when nothing is new.
pub fn merged(text: &str, add: &[Pair]) -> Option<String> {
    let mut all: BTreeSet<Pair> = read(text).into_iter().collect();
    let before = all.len();
    all.extend(add.iter().cloned());
    if all.len() == before && !text.is_empty() {
        return None;
    }
    let mut out = String::from(HEADER);
    for (k, zh, en) in &all {
        out.push_str(&format!("{}\t{}\t{}\n", escape(k), escape(zh), escape(en)));
    }
    Some(out)
}

/// Adds the pairs to `memory`'s table of their kind, behind what it holds.
pub fn extend(memory: &mut SiteEnglish, pairs: Vec<Pair>) {
    for (kind, zh, en) in pairs {
        let Some(kind) = Kind::from_name(&kind) else {
            continue;
        };
        let table = kind.memory().of_mut(memory);
        table.entry(zh).or_insert(en);
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_round_trip_sorted_and_once() {
        let p = |k: &str, zh: &str, en: &str| (k.to_string(), zh.to_string(), en.to_string());
        let add = vec![
            p("paragraph", "乙\n丙", "B\tC \\ {clause}"),
            p("commitment", "甲。", "A."),
        ];
        let text = merged("", &add).expect("new file");
        assert_eq!(
            text.lines().skip(1).collect::<Vec<_>>(),
            vec![
                "commitment\t甲。\tA.",
                "paragraph\t乙\\n丙\tB\\tC \\\\ {clause}"
            ]
        );
        let mut back = read(&text);
        back.sort();
        let mut want = add.clone();
        want.sort();
        assert_eq!(back, want);
        assert_eq!(merged(&text, &add[..1]), None, "nothing new");
        let mut m = SiteEnglish::default();
        extend(&mut m, back);
        assert_eq!(m.sentences.get("甲。").map(String::as_str), Some("A."));
        assert_eq!(
            m.paras.get("乙\n丙").map(String::as_str),
            Some("B\tC \\ {clause}")
        );
    }
}
