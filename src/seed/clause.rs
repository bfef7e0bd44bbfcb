//! Responsibility clauses: （牵头单位：…；配合单位：…）, （责任单位：…）
//! and （…按职责分工负责）, found in a paragraph and split into unit names.

use regex::Regex;
use std::sync::LazyLock;

static CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"（([^（）]*(?:单位：|按职责分工负责)[^（）]*)）")
        .unwrap_or_else(|e| panic!("invalid built-in pattern: {e}"))
});

/// The part of the first clause that assigns every task to all towns and
/// street offices.
pub const ALL_TOWNS_MARK: &str = "，各镇党委";

/// One clause found in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// Byte range of the whole clause, parentheses included.
    pub start: usize,
    pub end: usize,
    /// `lead`, `responsible` or `joint`.
    pub kind: &'static str,
    pub lead: Vec<String>,
    pub cooperating: Vec<String>,
    pub responsible: Vec<String>,
    pub and_others: bool,
    /// The all-towns text, when the clause carries it.
    pub all_towns: Option<String>,
}

impl Clause {
    pub fn text<'a>(&self, paragraph: &'a str) -> &'a str {
        &paragraph[self.start..self.end]
    }
}

/// All clauses in `paragraph`, in order.
pub fn find(paragraph: &str) -> Vec<Clause> {
    CLAUSE
        .captures_iter(paragraph)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let mut clause = parse_inner(c.get(1)?.as_str());
            clause.start = whole.start();
            clause.end = whole.end();
            Some(clause)
        })
        .collect()
}

fn parse_inner(inner: &str) -> Clause {
    let (inner, all_towns) = match inner.find(ALL_TOWNS_MARK) {
        Some(i) => (&inner[..i], Some(inner[i + '，'.len_utf8()..].to_string())),
        None => (inner, None),
    };
    let mut c = Clause {
        start: 0,
        end: 0,
        kind: "joint",
        lead: vec![],
        cooperating: vec![],
        responsible: vec![],
        and_others: false,
        all_towns,
    };
    let (main, coop) = match inner.split_once("；配合单位：") {
        Some((m, k)) => (m, Some(k)),
        None => (inner, None),
    };
    if let Some(coop) = coop {
        c.cooperating = names(coop, &mut c.and_others);
    }
    if let Some(rest) = main.strip_prefix("牵头单位：") {
        c.kind = "lead";
        c.lead = names(rest, &mut c.and_others);
    } else if let Some(rest) = main.strip_prefix("责任单位：") {
        c.kind = "responsible";
        c.responsible = names(rest, &mut c.and_others);
    } else {
        let rest = main.strip_suffix("按职责分工负责").unwrap_or(main);
        c.responsible = names(rest, &mut c.and_others);
    }
    c
}

fn names(list: &str, and_others: &mut bool) -> Vec<String> {
    let list = match list.strip_suffix('等') {
        Some(l) => {
            *and_others = true;
            l
        }
        None => list,
    };
    list.split(['、', '，'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_and_cooperating() {
        let p = "做好工作。（牵头单位：区自然资源局、生态环境分局；配合单位：区水务局、区农业农村局等，各镇党委和人民政府落实。以下不再一一列出）";
        let c = &find(p)[0];
        assert_eq!(c.kind, "lead");
        assert_eq!(c.lead, ["区自然资源局", "生态环境分局"]);
        assert_eq!(c.cooperating, ["区水务局", "区农业农村局"]);
        assert!(c.and_others);
        assert!(c
            .all_towns
            .as_deref()
            .is_some_and(|t| t.starts_with("各镇党委")));
        assert!(c.text(p).starts_with('（') && c.text(p).ends_with('）'));
    }

    #[test]
    fn responsible_and_joint() {
        let p = "甲。（责任单位：生态环境分局）乙。（区科技局、区发展改革局，生态环境分局等按职责分工负责）";
        let cs = find(p);
        assert_eq!(cs.len(), 2);
        assert_eq!(cs[0].kind, "responsible");
        assert_eq!(cs[0].responsible, ["生态环境分局"]);
        assert_eq!(cs[1].kind, "joint");
        assert_eq!(
            cs[1].responsible,
            ["区科技局", "区发展改革局", "生态环境分局"]
        );
        assert!(cs[1].and_others);
    }

    #[test]
    fn ordinary_parentheses_are_not_clauses() {
        assert!(find("细颗粒物（PM2.5）浓度").is_empty());
    }
}
