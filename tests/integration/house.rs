//! The shape of the code: the module graph of `src/` has no cycles, so
//! each stage reaches only downward, and no source file is too long to read.

use crate::support::repo;
use std::collections::{BTreeMap, BTreeSet};

/// Module path (`render::views::progress::common`; `` for the crate root) → file.
fn modules() -> BTreeMap<String, String> {
    let src = repo().join("src");
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(&src) {
        let e = e.expect("walk");
        let p = e.path();
        if p.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let rel = p.strip_prefix(&src).expect("prefix").with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(
            parts.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            parts.pop();
        }
        // The binary's modules are a crate of their own.
        if parts.first().is_some_and(|f| f == "main" || f == "cli") {
            continue;
        }
        out.insert(parts.join("::"), std::fs::read_to_string(p).expect("read"));
    }
    out
}

/// The longest module that `path` names.
fn owner<'a>(mods: &'a BTreeMap<String, String>, path: &str) -> Option<&'a str> {
    let segs: Vec<&str> = path.split("::").collect();
    (1..=segs.len())
        .rev()
        .map(|i| segs[..i].join("::"))
        .find_map(|m| mods.get_key_value(&m).map(|(k, _)| k.as_str()))
}

/// Which modules each module uses: `crate::a::b`, `super::x` and child
/// module paths (`chapters::front` in `resolve`), outside its tests. A
/// module's use of its own ancestors (the items a `mod.rs` defines for its
/// children) is not counted: a cycle is one between modules of which
/// neither contains the other, such as two siblings that use each other.
fn graph(mods: &BTreeMap<String, String>) -> BTreeMap<&str, BTreeSet<&str>> {
    let path = regex::Regex::new(r"\b(crate|super)::((?:[a-z_][a-z0-9_]*::)*)([a-z_][a-z0-9_]*)?")
        .expect("regex");
    let child = regex::Regex::new(r"(?:^|[^:\w])([a-z_][a-z0-9_]*)::[a-zA-Z_{*]").expect("regex");
    let mut g = BTreeMap::new();
    for (m, text) in mods {
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
        let mut deps = BTreeSet::new();
        for c in path.captures_iter(code) {
            let base = if &c[1] == "crate" {
                ""
            } else {
                m.rsplit_once("::").map_or("", |(p, _)| p)
            };
            let prefix = format!("{}{}", &c[2], c.get(3).map_or("", |i| i.as_str()));
            // `use super::{a::X, b}`: each path of the group.
            let after = &code[c.get(0).map_or(0, |g| g.end())..];
            let group: Vec<String> = match after.strip_prefix('{') {
                Some(g) if c.get(3).is_none() => g
                    .split('}')
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .map(|i| format!("{prefix}{}", i.trim()))
                    .collect(),
                _ => vec![prefix],
            };
            for rest in group {
                let target = [base, rest.trim_end_matches(':')]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("::");
                let ancestor = |t: &str| m.starts_with(&format!("{t}::"));
                if let Some(t) = owner(mods, &target).filter(|t| *t != m && !t.is_empty()) {
                    if !ancestor(t) {
                        deps.insert(t);
                    }
                }
            }
        }
        for c in child.captures_iter(code) {
            let target = if m.is_empty() {
                c[1].to_string()
            } else {
                format!("{m}::{}", &c[1])
            };
            if mods.contains_key(&target) {
                if let Some(t) = owner(mods, &target).filter(|t| *t != m) {
                    deps.insert(t);
                }
            }
        }
        g.insert(m.as_str(), deps);
    }
    g
}

/// A cycle through `from`, if there is one.
fn cycle<'a>(g: &BTreeMap<&'a str, BTreeSet<&'a str>>, from: &'a str) -> Option<Vec<&'a str>> {
    let mut stack = vec![(from, vec![from])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in g.get(at).into_iter().flatten() {
            if *next == from {
                return Some([path.clone(), vec![from]].concat());
            }
            if seen.insert(*next) {
                stack.push((next, [path.clone(), vec![*next]].concat()));
            }
        }
    }
    None
}

#[test]
fn the_module_graph_has_no_cycles() {
    let mods = modules();
    assert!(mods.len() > 40, "the modules of src/ were found");
    let g = graph(&mods);
    assert!(
        g["render::views"].contains("render::html::text"),
        "uses are read"
    );
    let cycles: Vec<String> = g
        .keys()
        .filter_map(|m| cycle(&g, m))
        .map(|c| c.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut mods = BTreeMap::new();
    mods.insert("a".to_string(), "use crate::b::X;".to_string());
    mods.insert("b".to_string(), "fn f() { crate::a::g() }".to_string());
    mods.insert("b::c".to_string(), "use super::{Y};".to_string());
    mods.insert(
        "d".to_string(),
        "pub use e::Z; fn f() { e::g() }".to_string(),
    );
    mods.insert("d::e".to_string(), "use super::f::W;".to_string());
    mods.insert("d::f".to_string(), "use super::{e::V};".to_string());
    let g = graph(&mods);
    assert_eq!(cycle(&g, "a"), Some(vec!["a", "b", "a"]));
    assert_eq!(g["b::c"], BTreeSet::new(), "a child may use its parent");
    assert_eq!(g["d"], BTreeSet::from(["d::e"]));
    assert_eq!(
        cycle(&g, "d::e"),
        Some(vec!["d::e", "d::f", "d::e"]),
        "siblings"
    );
}

/// Files small enough to read in one sitting: no source file of `src/` is
/// over about 400 lines (tests live in files of their own, and count too).
#[test]
fn no_source_file_is_over_about_400_lines() {
    const LIMIT: usize = 420;
    let src = repo().join("src");
    let mut long = vec![];
    let mut seen = 0;
    for e in walkdir::WalkDir::new(&src) {
        let e = e.expect("walk");
        if e.path().extension().is_none_or(|x| x != "rs") {
            continue;
        }
        seen += 1;
        let text = std::fs::read_to_string(e.path()).expect("read");
        let lines = text.lines().count();
        if lines > LIMIT {
            long.push(format!("{} ({lines} lines)", e.path().display()));
        }
    }
    assert!(seen > 40, "the files of src/ were found");
    assert!(
        long.is_empty(),
        "files over {LIMIT} lines:\n{}",
        long.join("\n")
    );
}
