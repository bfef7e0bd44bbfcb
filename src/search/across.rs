//! Search across the plans of a site of several plans. Each plan keeps the
//! index its own run built (`plans/ID/pagefind/`, see [`super::assemble`]),
//! which its own search page searches alone. The portal's search page
//! merges them in the browser (the theme's `portal/pagefind.js`, run by the
//! same `search.js`): it needs, for each plan, where its index and that
//! index's extra shards are ([`plan_indexes`]); and the portal's own
//! `pagefind/` folder holds that module, a `shards.json` without shards and
//! every plan's synonym groups joined ([`portal_bundle`]).

use super::bundle::ENTRY;
use super::{BUNDLE_DIR, SHARDS, SYNONYMS};
use crate::render::OutputFile;
use anyhow::{Context, Result};
use std::collections::BTreeMap;

/// One plan's index in one language, as the portal's search page finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanIndex {
    /// The bundle's folder on the site, `plans/ID/pagefind/`.
    pub dir: String,
    /// The language's extra shard folders on the site, in their order.
    pub shards: Vec<String>,
}

/// A plan's index files that the portal reads, by site path.
type Found<'a> = BTreeMap<&'a str, &'a [u8]>;

/// Whether `path` is an index file the portal reads: a bundle's entry,
/// shards or synonyms list.
pub fn is_index_file(path: &str) -> bool {
    let Some((dir, name)) = path.rsplit_once('/') else {
        return false;
    };
    (dir == BUNDLE_DIR || dir.ends_with(&cat!("/", BUNDLE_DIR)))
        && [ENTRY, SHARDS, SYNONYMS].contains(&name)
}

/// The index files of every folder among `files` (entry, shards and
/// synonyms lists), found in one pass.
fn index_files(files: &[OutputFile]) -> Found<'_> {
    files
        .iter()
        .filter(|f| is_index_file(&f.rel_path))
        .map(|f| (f.rel_path.as_str(), f.bytes.as_slice()))
        .collect()
}

/// For each plan folder of `folders` (`plans/ID/`), its index in `<html
/// lang>` `lang` (lowercased, as pagefind names it), if it has one.
pub fn plan_indexes(
    files: &[OutputFile],
    folders: &[String],
    lang: &str,
) -> Result<Vec<Option<PlanIndex>>> {
    let found = index_files(files);
    folders
        .iter()
        .map(|f| plan_index(&found, f, lang))
        .collect()
}

fn plan_index(found: &Found<'_>, folder: &str, lang: &str) -> Result<Option<PlanIndex>> {
    let dir = cat!(folder, BUNDLE_DIR, "/");
    let Some(entry) = found.get(cat!(dir, ENTRY).as_str()) else {
        return Ok(None);
    };
    let entry: serde_json::Value =
        serde_json::from_slice(entry).with_context(|| format!("reading {dir}{ENTRY}"))?;
    if entry["languages"].get(lang).is_none() {
        return Ok(None);
    }
    let shards: BTreeMap<String, Vec<String>> = match found.get(cat!(dir, SHARDS).as_str()) {
        Some(bytes) => {
            serde_json::from_slice(bytes).with_context(|| format!("reading {dir}{SHARDS}"))?
        }
        None => BTreeMap::new(),
    };
    let shards = shards
        .get(lang)
        .map(|dirs| dirs.iter().map(|d| cat!(dir, d)).collect())
        .unwrap_or_default();
    Ok(Some(PlanIndex { dir, shards }))
}

/// The portal's `pagefind/` folder: `module` (the theme's
/// `portal/pagefind.js`) as `pagefind.js`, a `shards.json` listing no
/// shards for each language any plan indexed, and `synonyms.json` with
/// every group of every plan's, each once, in the plans' order.
pub fn portal_bundle(
    files: &[OutputFile],
    folders: &[String],
    module: &[u8],
) -> Result<Vec<OutputFile>> {
    let found = index_files(files);
    let mut synonyms: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for folder in folders {
        let path = cat!(folder, BUNDLE_DIR, "/", SYNONYMS);
        let Some(bytes) = found.get(path.as_str()) else {
            continue;
        };
        let plan: BTreeMap<String, Vec<Vec<String>>> =
            serde_json::from_slice(bytes).with_context(|| format!("reading {path}"))?;
        for (lang, groups) in plan {
            let all = synonyms.entry(lang).or_default();
            for g in groups {
                if !all.contains(&g) {
                    all.push(g);
                }
            }
        }
    }
    let shards: BTreeMap<&str, Vec<String>> =
        synonyms.keys().map(|l| (l.as_str(), vec![])).collect();
    let file = |name: &str, bytes: Vec<u8>| OutputFile {
        rel_path: cat!(BUNDLE_DIR, "/", name),
        bytes,
    };
    Ok(vec![
        file("pagefind.js", module.to_vec()),
        file(
            SHARDS,
            serde_json::to_vec(&shards).context("writing shards.json")?,
        ),
        file(
            SYNONYMS,
            serde_json::to_vec(&synonyms).context("writing synonyms.json")?,
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(path: &str, bytes: &str) -> OutputFile {
        OutputFile {
            rel_path: path.into(),
            bytes: bytes.as_bytes().to_vec(),
        }
    }

    fn site() -> Vec<OutputFile> {
        vec![
            f(
                "plans/a/pagefind/pagefind-entry.json",
                r#"{"languages":{"en":{},"zh-cn":{}}}"#,
            ),
            f(
                "plans/a/pagefind/shards.json",
                r#"{"en":[],"zh-cn":["zh-cn-1/","zh-cn-2/"]}"#,
            ),
            f(
                "plans/a/pagefind/synonyms.json",
                r#"{"zh-cn":[["臭氧","O3"],["细颗粒物","PM2.5"]]}"#,
            ),
            f(
                "plans/b/pagefind/pagefind-entry.json",
                r#"{"languages":{"zh-cn":{}}}"#,
            ),
            f("plans/b/pagefind/shards.json", r#"{"zh-cn":[]}"#),
            f(
                "plans/b/pagefind/synonyms.json",
                r#"{"en":[["ozone","O3"]],"zh-cn":[["细颗粒物","PM2.5"],["一氧化碳","CO"]]}"#,
            ),
            f("plans/b/index.html", "<p>shards.json</p>"),
        ]
    }

    #[test]
    fn each_plan_names_its_index_and_shards_in_the_language_it_has() {
        let folders = ["plans/a/".to_string(), "plans/b/".into(), "plans/c/".into()];
        let zh = plan_indexes(&site(), &folders, "zh-cn").expect("read");
        assert_eq!(
            zh,
            [
                Some(PlanIndex {
                    dir: "plans/a/pagefind/".into(),
                    shards: vec![
                        "plans/a/pagefind/zh-cn-1/".into(),
                        "plans/a/pagefind/zh-cn-2/".into()
                    ],
                }),
                Some(PlanIndex {
                    dir: "plans/b/pagefind/".into(),
                    shards: vec![],
                }),
                None,
            ]
        );
        let en = plan_indexes(&site(), &folders, "en").expect("read");
        assert!(
            en[0].is_some() && en[1].is_none() && en[2].is_none(),
            "{en:?}"
        );
    }

    #[test]
    fn the_portal_bundle_joins_every_plans_synonyms_once() {
        let folders = ["plans/a/".to_string(), "plans/b/".into()];
        let out = portal_bundle(&site(), &folders, b"export {}").expect("bundle");
        let by: BTreeMap<&str, String> = out
            .iter()
            .map(|f| {
                (
                    f.rel_path.as_str(),
                    String::from_utf8_lossy(&f.bytes).into_owned(),
                )
            })
            .collect();
        assert_eq!(by["pagefind/pagefind.js"], "export {}");
        assert_eq!(by["pagefind/shards.json"], r#"{"en":[],"zh-cn":[]}"#);
        assert_eq!(
            by["pagefind/synonyms.json"],
            r#"{"en":[["ozone","O3"]],"zh-cn":[["臭氧","O3"],["细颗粒物","PM2.5"],["一氧化碳","CO"]]}"#
        );
    }

    #[test]
    fn a_broken_index_file_is_an_error_naming_it() {
        let mut files = site();
        files[1].bytes = b"{".to_vec();
        let err = plan_indexes(&files, &["plans/a/".into()], "zh-cn").expect_err("broken");
        assert!(
            format!("{err:#}").contains("plans/a/pagefind/shards.json"),
            "{err:#}"
        );
    }
}
