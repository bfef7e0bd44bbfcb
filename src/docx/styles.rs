//! The paragraph styles of `word/styles.xml`: which style is a heading
//! (its outline level or its name) and which carries list numbering.

use super::xml::El;
use std::collections::BTreeMap;

/// What the styles say of a paragraph: its outline level, its list.
#[derive(Debug, Default)]
pub(super) struct Styles {
    /// Style id → (outline level 0-8, list id and level, based on).
    pub(super) by_id: BTreeMap<String, StyleInfo>,
}

#[derive(Debug, Default, Clone)]
pub(super) struct StyleInfo {
    pub(super) outline: Option<u8>,
    pub(super) num: Option<(String, u8)>,
    pub(super) based_on: Option<String>,
}

impl Styles {
    pub(super) fn read(styles: Option<&El>) -> Styles {
        let mut by_id = BTreeMap::new();
        for s in styles.iter().flat_map(|s| s.children_named(&["style"])) {
            if s.attr("type") != Some("paragraph") {
                continue;
            }
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let name = s
                .child("name")
                .and_then(|n| n.attr("val"))
                .unwrap_or_default();
            let ppr = s.child("pPr");
            let outline = ppr
                .and_then(|p| p.child("outlineLvl"))
                .and_then(|o| o.attr("val")?.parse().ok())
                .or_else(|| heading_level(name).map(|l| l - 1));
            let num = ppr.and_then(num_pr);
            let based_on = s
                .child("basedOn")
                .and_then(|b| b.attr("val"))
                .map(String::from);
            by_id.insert(
                id.to_string(),
                StyleInfo {
                    outline,
                    num,
                    based_on,
                },
            );
        }
        Styles { by_id }
    }

    /// A style's value, or the first style it is based on that has one.
    pub(super) fn find<T>(&self, id: &str, get: impl Fn(&StyleInfo) -> Option<T>) -> Option<T> {
        let mut id = id.to_string();
        for _ in 0..16 {
            let s = self.by_id.get(&id)?;
            if let Some(v) = get(s) {
                return Some(v);
            }
            id = s.based_on.clone()?;
        }
        None
    }
}

/// `heading 2`, `Heading 2`, `标题 2` → 2.
fn heading_level(name: &str) -> Option<u8> {
    let n = name.trim().to_lowercase();
    let rest = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("标题"))?;
    let level: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

/// A `w:numPr`: list id and level.
pub(super) fn num_pr(ppr: &El) -> Option<(String, u8)> {
    let n = ppr.child("numPr")?;
    let id = n.child("numId")?.attr("val")?.to_string();
    let level = n
        .child("ilvl")
        .and_then(|l| l.attr("val")?.parse().ok())
        .unwrap_or(0);
    Some((id, level))
}
