//! The unit registry, built from the unit names the plan's clauses print.
//! No unit is known in advance: every name becomes a unit, and spellings
//! that name one unit are merged by rules, for staff to confirm in
//! `content/units.toml`:
//! 1. The plan's own level (区, 县 or 市, the last character of its place)
//!    may be omitted: 公安分局 is 区公安分局.
//! 2. 管理局 may be shortened to 局 (应急局 is 应急管理局), 监督管理 to 监管,
//!    and a 事业发展中心 is also called a 服务中心.
//! 3. The canonical name is the longest spelling (the fullest), the others
//!    are aliases.
//! 4. A name ending in an area word (区, 县, 市) where 局 would make a unit
//!    of the plan (区水务区 beside 区水务局) is a suspect spelling of it.
//!
//! Ids come from a confirmed list (the site's registry, or the one beside
//! the seed) matched by any spelling; a unit not in it gets `u-` and the
//! start of its name's SHA-256, which stays the same while the name does.

use crate::fingerprint;
use std::collections::BTreeMap;

/// A unit id confirmed by staff, with the spellings it is known by.
#[derive(Debug, Clone, Default)]
pub struct ConfirmedUnit {
    pub id: String,
    pub names: Vec<String>,
}

/// One unit of the registry.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// Suspect spellings of this unit.
    pub suspects: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Registry {
    pub units: Vec<Unit>,
}

/// The merge key of a name: rules 1 and 2.
fn key(name: &str, level: Option<char>) -> String {
    let s = match level {
        Some(l) => name.strip_prefix(l).unwrap_or(name),
        None => name,
    };
    let mut s = s.replace("监督管理", "监管").replace("管理局", "局");
    for long in ["事业发展中心", "服务中心"] {
        if let Some(stem) = s.strip_suffix(long) {
            s = format!("{stem}中心");
        }
    }
    s
}

impl Registry {
    /// Builds the registry from the names in order of appearance (repeats
    /// allowed). `level` is the plan's level character, when known.
    pub fn from_names(
        names: &[String],
        level: Option<char>,
        confirmed: &[ConfirmedUnit],
    ) -> Registry {
        // Distinct spellings grouped by key, in order of first appearance.
        let mut groups: Vec<(String, Vec<String>)> = vec![];
        for n in names {
            let k = key(n, level);
            match groups.iter_mut().find(|(gk, _)| *gk == k) {
                Some((_, spellings)) if !spellings.contains(n) => spellings.push(n.clone()),
                Some(_) => {}
                None => groups.push((k, vec![n.clone()])),
            }
        }
        let suspects = suspect_groups(&groups, level);
        let mut units: Vec<(Option<usize>, Unit)> = vec![];
        for (gi, (_, spellings)) in groups.iter().enumerate() {
            if suspects.contains_key(&gi) {
                continue;
            }
            let name = spellings
                .iter()
                .fold(&spellings[0], |best, s| {
                    if s.chars().count() > best.chars().count() {
                        s
                    } else {
                        best
                    }
                })
                .clone();
            let aliases = spellings.iter().filter(|s| **s != name).cloned().collect();
            let place = confirmed
                .iter()
                .position(|c| spellings.iter().any(|s| c.names.contains(s)));
            let id = match place {
                Some(p) => confirmed[p].id.clone(),
                None => format!("u-{}", &fingerprint::sha256_hex(name.as_bytes())[..8]),
            };
            let suspects = suspects
                .iter()
                .filter(|(_, target)| **target == gi)
                .flat_map(|(s, _)| groups[*s].1.clone())
                .collect();
            units.push((
                place,
                Unit {
                    id,
                    name,
                    aliases,
                    suspects,
                },
            ));
        }
        // Confirmed units in their confirmed order, then new ones as they appear.
        units.sort_by_key(|(place, _)| place.unwrap_or(usize::MAX));
        Registry {
            units: units.into_iter().map(|(_, u)| u).collect(),
        }
    }

    /// The id of the unit a name refers to, and whether the name is a
    /// suspect spelling.
    pub fn lookup(&self, name: &str) -> Option<(&str, bool)> {
        self.units.iter().find_map(|u| {
            if u.name == name || u.aliases.iter().any(|a| a == name) {
                Some((u.id.as_str(), false))
            } else if u.suspects.iter().any(|s| s == name) {
                Some((u.id.as_str(), true))
            } else {
                None
            }
        })
    }
}

/// Rule 4: suspect group index → the group it is probably a typo for.
fn suspect_groups(groups: &[(String, Vec<String>)], level: Option<char>) -> BTreeMap<usize, usize> {
    let mut out = BTreeMap::new();
    for (gi, (_, spellings)) in groups.iter().enumerate() {
        let fixed = spellings.iter().find_map(|s| {
            let stem = s.strip_suffix(['区', '县', '市'])?;
            let k = key(&format!("{stem}局"), level);
            groups.iter().position(|(gk, _)| *gk == k)
        });
        if let Some(target) = fixed.filter(|t| *t != gi) {
            out.insert(gi, target);
        }
    }
    out
}

/// The plan's level character: the last character of its place when that
/// is 区, 县 or 市.
pub fn level_of(district: &str) -> Option<char> {
    district
        .chars()
        .last()
        .filter(|c| matches!(c, '区' | '县' | '市' | '旗'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn rules_merge_and_flag() {
        let r = Registry::from_names(
            &names(&[
                "公安分局",
                "区应急局",
                "区水务局",
                "区公安分局",
                "区应急管理局",
                "区水务区",
                "区畜牧兽医事业发展中心",
                "区畜牧兽医服务中心",
                "市财政局",
                "区财政局",
            ]),
            Some('区'),
            &[],
        );
        let by_name = |n: &str| r.units.iter().find(|u| u.name == n).expect(n);
        assert_eq!(by_name("区公安分局").aliases, ["公安分局"]);
        assert_eq!(by_name("区应急管理局").aliases, ["区应急局"]);
        assert_eq!(
            by_name("区畜牧兽医事业发展中心").aliases,
            ["区畜牧兽医服务中心"]
        );
        assert_eq!(by_name("区水务局").suspects, ["区水务区"]);
        assert_eq!(
            r.lookup("区水务区"),
            Some((by_name("区水务局").id.as_str(), true))
        );
        // Another level's unit is another unit.
        assert_ne!(r.lookup("市财政局"), r.lookup("区财政局"));
        assert_eq!(r.units.len(), 6);
    }

    #[test]
    fn ids_are_confirmed_or_stable_hashes() {
        let confirmed = [ConfirmedUnit {
            id: "water".into(),
            names: names(&["县水利局"]),
        }];
        let r = Registry::from_names(&names(&["县林业局", "县水利局"]), Some('县'), &confirmed);
        assert_eq!(r.units[0].id, "water", "confirmed first");
        assert!(r.units[1].id.starts_with("u-") && r.units[1].id.len() == 10);
        let again = Registry::from_names(&names(&["县林业局"]), Some('县'), &[]);
        assert_eq!(again.units[0].id, r.units[1].id, "same name, same id");
    }
}
