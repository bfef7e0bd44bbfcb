//! Near matches: a missing entry whose Chinese is a memory sentence with
//! one glossary term swapped for another (a unit or place renamed) gets
//! the memory's English with the glossary's English swapped the same way,
//! as a suggestion to review.
//!
//! 1. Only entries still missing after exact matches, of the same kind.
//! 2. The memory sentence must contain term A where the entry has term B,
//!    and be otherwise identical; both terms must be in the glossary, and
//!    the memory's English must contain A's English (else nothing is said).
//! 3. The first such sentence in memory order wins.

use super::catalog::{table, Entry, Status};
use crate::seed::memory::SiteEnglish;

/// Fills missing entries with near-match suggestions; returns how many.
pub fn suggest(entries: &mut [Entry], memory: &SiteEnglish) -> usize {
    let terms: Vec<(&str, &str)> = memory
        .glossary
        .iter()
        .filter(|(zh, en)| zh.chars().count() > 1 && !en.trim().is_empty() && zh != en)
        .map(|(zh, en)| (zh.as_str(), en.as_str()))
        .collect();
    let mut n = 0;
    for e in entries
        .iter_mut()
        .filter(|e| e.status == Status::Missing && e.en.is_empty())
    {
        let mine: Vec<_> = terms.iter().filter(|(zh, _)| e.zh.contains(zh)).collect();
        if mine.is_empty() {
            continue;
        }
        let found = table(memory, e.kind).iter().find_map(|(zh, en)| {
            terms
                .iter()
                .filter(|(a, _)| zh.contains(a))
                .find_map(|(a, a_en)| {
                    mine.iter().find_map(|(b, b_en)| {
                        (a != b && zh.replace(a, b) == e.zh && en.contains(a_en))
                            .then(|| (zh.clone(), en.replace(a_en, b_en)))
                    })
                })
        });
        if let Some((from, en)) = found {
            e.en = en;
            e.near = Some(from);
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translate::{catalog, write_po};
    use std::collections::BTreeMap;

    #[test]
    fn a_renamed_unit_is_suggested_with_the_glossary_applied() {
        let memory = SiteEnglish {
            sentences: BTreeMap::from([(
                "2025年前，区水务局完成治理。".to_string(),
                "By 2025, the District Water Bureau will complete the works.".to_string(),
            )]),
            glossary: BTreeMap::from([
                ("区水务局".to_string(), "District Water Bureau".to_string()),
                (
                    "区林业局".to_string(),
                    "District Forestry Bureau".to_string(),
                ),
            ]),
            ..SiteEnglish::default()
        };
        let commitment = |id: &str, zh: &str| {
            format!("[[commitment]]\nid = \"{id}\"\nparagraph = \"p\"\ndeadline_year = 2025\ndeadline = \"2025年前\"\nkind = \"commitment\"\n\n[commitment.text]\nzh = \"{zh}\"\n\n")
        };
        let text = commitment("a", "2025年前，区林业局完成治理。")
            + &commitment("b", "2026年前，区林业局完成治理。");
        let files = BTreeMap::from([("commitments.toml".to_string(), text)]);
        let mut es = catalog(&files).expect("catalog");
        assert_eq!(suggest(&mut es, &memory), 1);
        assert_eq!(
            es[0].en,
            "By 2025, the District Forestry Bureau will complete the works."
        );
        assert_eq!(es[0].near.as_deref(), Some("2025年前，区水务局完成治理。"));
        assert_eq!(
            (es[1].en.as_str(), es[1].near.as_ref()),
            ("", None),
            "a year differs: no match"
        );
        let po = write_po(&es);
        assert!(
            po.contains("# near match of \"2025年前，区水务局完成治理。\": review it\n#. commitment · missing"),
            "{po}"
        );
        assert!(
            po.contains("#, fuzzy\nmsgctxt \"commitment-a\""),
            "offered for review: {po}"
        );
    }
}
