//! The indicator table as `content/indicators.toml`: typed cells, the
//! attribute, and whether a lower or a higher value is better.

use super::parse::{PRow, PTable};
use super::Translations;
use crate::schema::*;

/// `indicators.toml` from the parsed table; group ids from `ids` (group
/// name → id) or `group-N`; a value's kind from its `[ ]`, else from what
/// staff confirmed (`kinds`, by indicator name).
pub(super) fn file(t: &PTable, tr: &Translations, confirmed_ids: &super::Ids) -> IndicatorsFile {
    let group = groups(t, confirmed_ids);
    let indicator = t
        .rows
        .iter()
        .map(|r| entry(r, &group, confirmed_ids))
        .collect();
    IndicatorsFile {
        title: t.title.clone(),
        footnote: LocText {
            zh: t.footnote.clone(),
            en: tr
                .glossary
                .get(&t.footnote)
                .or_else(|| tr.site.sentences.get(&t.footnote))
                .cloned()
                .unwrap_or_default(),
        },
        group,
        indicator,
    }
}

/// The table's groups, each with the id staff confirmed for its name, else
/// `group-N`.
fn groups(t: &PTable, confirmed_ids: &super::Ids) -> Vec<GroupEntry> {
    t.groups
        .iter()
        .enumerate()
        .map(|(i, g)| GroupEntry {
            id: confirmed_ids
                .groups
                .get(&g.name)
                .cloned()
                .unwrap_or_else(|| format!("group-{}", i + 1)),
            label: g.label.clone(),
            name: g.name.clone(),
        })
        .collect()
}

/// The entry of row `r`, in one of the groups `group`.
fn entry(r: &PRow, group: &[GroupEntry], confirmed_ids: &super::Ids) -> IndicatorEntry {
    let (baseline, printed_baseline_kind) = cell(&r.baseline);
    let (target, printed_target_kind) = cell(&r.target);
    let confirmed = confirmed_ids
        .kinds
        .get(&r.name)
        .copied()
        .unwrap_or_default();
    IndicatorEntry {
        number: r.number,
        group: group
            .get(r.group)
            .map_or_else(String::new, |g| g.id.clone()),
        name: r.name.clone(),
        unit: r.unit.clone(),
        baseline,
        target,
        baseline_kind: kind(printed_baseline_kind, confirmed.0),
        target_kind: kind(printed_target_kind, confirmed.1),
        attribute: if r.attribute.contains("约束") {
            "binding"
        } else {
            "expected"
        }
        .into(),
        definition_changed: r.star,
        direction: direction(&r.name, &r.target).into(),
        contradicts: confirmed_ids
            .contradicts
            .get(&r.name)
            .cloned()
            .unwrap_or_default(),
    }
}

/// A value's kind: the printed one when its `[ ]` says so, else the one
/// staff confirmed (a level unless they said otherwise).
fn kind(printed: ValueKind, confirmed: ValueKind) -> ValueKind {
    if printed.is_level() {
        confirmed
    } else {
        printed
    }
}

/// A typed cell; a value in `[ ]` (or `［ ］`) is, as the plans' table notes
/// say, a five-year cumulative value, and is typed so without its brackets.
fn cell(s: &str) -> (CellValue, ValueKind) {
    let inner = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .or_else(|| s.strip_prefix('［').and_then(|r| r.strip_suffix('］')))
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let (s, kind) = match inner {
        Some(r) => (r, ValueKind::Cumulative),
        None => (s, ValueKind::Level),
    };
    let value = match s.parse::<f64>() {
        Ok(v) if v.is_finite() => CellValue::Number(v),
        _ => CellValue::Text(s.to_string()),
    };
    (value, kind)
}

/// Whether a lower or a higher value is better. Qualitative indicators whose
/// target is a judgement (有效保障) have no direction.
fn direction(name: &str, target: &str) -> &'static str {
    const LOWER: [&str; 6] = ["浓度", "劣Ⅴ类", "黑臭", "V类水比例", "施用量", "使用量"];
    if LOWER.iter().any(|k| name.contains(k)) {
        "lower"
    } else if target == "有效保障" {
        "none"
    } else {
        "higher"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_typed() {
        let level = ValueKind::Level;
        let cumulative = ValueKind::Cumulative;
        assert_eq!(cell("65.3"), (CellValue::Number(65.3), level));
        assert_eq!(cell("＞21"), (CellValue::Text("＞21".into()), level));
        assert_eq!(cell("—"), (CellValue::Text("—".into()), level));
        assert_eq!(cell("[14.6]"), (CellValue::Number(14.6), cumulative));
        assert_eq!(
            cell("［＞21］"),
            (CellValue::Text("＞21".into()), cumulative)
        );
        assert_eq!(cell("[]"), (CellValue::Text("[]".into()), level));
    }

    #[test]
    fn directions() {
        assert_eq!(direction("细颗粒物（PM2.5）浓度", "41"), "lower");
        assert_eq!(direction("空气质量优良天数比率", "66.7"), "higher");
        assert_eq!(direction("重点建设用地安全利用", "有效保障"), "none");
    }
}
