//! The seed importer: plain-text plan export → `content/` tree.
//!
//! `parse` reads the text (with `heading`, `table` and `period`), `registry`
//! derives the unit registry from it, `emit` builds the files in memory; the
//! CLI writes them (refusing to overwrite `content/` without `--force`).
//! Nothing about one particular plan is known here: structure, period,
//! units and table columns all come from the text, and the English, when
//! there is any, is keyed by the Chinese it translates.

pub mod clause;
pub mod dates;
pub mod emit;
pub mod heading;
mod indicators;
pub mod memory;
pub mod parse;
pub mod period;
#[cfg(test)]
mod proptests;
pub mod registry;
pub mod shared;
pub mod table;
pub mod text;

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// Ids staff confirmed: for units (by any of their spellings) and for
/// indicator groups (by name), in the order the registry lists them.
#[derive(Debug, Default)]
pub struct Ids {
    pub units: Vec<registry::ConfirmedUnit>,
    pub groups: BTreeMap<String, String>,
    /// What staff confirmed an indicator's values count (by its name):
    /// baseline and target kind. A text export loses the `[ ]` that marks
    /// a cumulative value, so it is confirmed here.
    pub kinds: BTreeMap<String, (crate::schema::ValueKind, crate::schema::ValueKind)>,
    /// The paragraphs staff declared an indicator's target contradicted by
    /// (by its name), kept when the plan is imported again.
    pub contradicts: BTreeMap<String, Vec<String>>,
}

/// English material that travels with the seed or is already in the
/// site, keyed by the Chinese it translates (never by a line number).
#[derive(Debug, Default)]
pub struct Translations {
    /// Titles, headings, paragraphs and box items: Chinese text as the plan
    /// prints it (without its 第X章 or 1. numbering) → English.
    pub text: BTreeMap<String, String>,
    pub glossary: BTreeMap<String, String>,
    /// Whole sentences (dated commitments), Chinese → English.
    pub sentences: BTreeMap<String, String>,
    /// English already in the site's `content/`; it wins over the seed's,
    /// since staff may have edited it there.
    pub site: memory::SiteEnglish,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Lines of `CHINESE<TAB>ENGLISH` into `map`.
fn read_pairs(path: &Path, map: &mut BTreeMap<String, String>) -> Result<()> {
    for (i, l) in read(path)?.lines().enumerate() {
        let (zh, en) = l.split_once('\t').with_context(|| {
            format!("{}:{}: expected CHINESE<TAB>ENGLISH", path.display(), i + 1)
        })?;
        map.insert(zh.to_string(), en.trim().to_string());
    }
    Ok(())
}

/// Reads the English material beside a seed: `en/sentences.tsv` (dated
/// sentences) and any other `en/*.tsv` (titles, headings, paragraphs and
/// box items), each line `CHINESE<TAB>ENGLISH`, and `en/glossary-*.toml`.
/// Missing files mean no English.
pub fn read_translations(seed_dir: &Path) -> Result<emit::Translations> {
    let mut tr = emit::Translations::default();
    let dir = seed_dir.join("en");
    if !dir.is_dir() {
        return Ok(tr);
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().max_depth(1) {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        if name == "sentences.tsv" {
            read_pairs(path, &mut tr.sentences)?;
        } else if name.ends_with(".tsv") {
            read_pairs(path, &mut tr.text)?;
        } else if name.starts_with("glossary") && name.ends_with(".toml") {
            let g: crate::schema::GlossaryFile = toml::from_str(&read(path)?)
                .with_context(|| format!("parsing {}", path.display()))?;
            tr.glossary.extend(g.terms);
        }
    }
    Ok(tr)
}

/// The English already in `content/` (when re-importing over a site), so
/// translations made there are kept. A missing folder means none.
pub fn read_site_english(content: &Path) -> Result<memory::SiteEnglish> {
    let mut files = BTreeMap::new();
    if !content.is_dir() {
        return Ok(memory::SiteEnglish::default());
    }
    for entry in walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .max_depth(2)
    {
        let entry = entry.with_context(|| format!("reading {}", content.display()))?;
        let rel = entry.path().strip_prefix(content).context("content path")?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        let wanted = rel.starts_with("chapters/") && rel.ends_with(".md")
            || matches!(
                rel.as_str(),
                "projects.toml"
                    | "commitments.toml"
                    | "plan.toml"
                    | "glossary.toml"
                    | "indicators.toml"
                    | "units.toml"
            );
        if wanted && entry.file_type().is_file() {
            files.insert(rel, read(entry.path())?);
        }
    }
    Ok(memory::SiteEnglish::from_content(&files))
}

/// `ids.toml` beside a seed: the ids staff chose for its units and
/// indicator groups.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IdsFile {
    #[serde(default)]
    unit: Vec<NamedId>,
    #[serde(default)]
    group: Vec<NamedId>,
    #[serde(default)]
    indicator: Vec<IndicatorKinds>,
}

/// An indicator whose printed values count other than a level: staff
/// confirm it from the original, since a text export drops the `[ ]`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorKinds {
    name: String,
    #[serde(default)]
    baseline_kind: crate::schema::ValueKind,
    #[serde(default)]
    target_kind: crate::schema::ValueKind,
    /// Paragraphs whose text states the target otherwise than the table.
    #[serde(default)]
    contradicts: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedId {
    id: String,
    name: String,
}

/// Confirmed ids and value kinds: the site's own (`content/units.toml`
/// and `content/indicators.toml`, when re-importing) first, then `ids.toml`
/// beside the seed. Any may be missing.
pub fn read_ids(seed_dir: &Path, content: &Path) -> Result<emit::Ids> {
    let mut ids = emit::Ids::default();
    let units = content.join("units.toml");
    if units.is_file() {
        let f: crate::schema::UnitsFile = toml::from_str(&read(&units)?)
            .with_context(|| format!("parsing {}", units.display()))?;
        for u in f.unit {
            let mut names = vec![u.name];
            names.extend(u.aliases);
            names.extend(u.suspect.into_iter().map(|s| s.name));
            ids.units.push(registry::ConfirmedUnit { id: u.id, names });
        }
    }
    let indicators = content.join("indicators.toml");
    if indicators.is_file() {
        let f: crate::schema::IndicatorsFile = toml::from_str(&read(&indicators)?)
            .with_context(|| format!("parsing {}", indicators.display()))?;
        for i in f.indicator {
            if !i.contradicts.is_empty() {
                ids.contradicts.insert(i.name.clone(), i.contradicts);
            }
            if !(i.baseline_kind.is_level() && i.target_kind.is_level()) {
                ids.kinds.insert(i.name, (i.baseline_kind, i.target_kind));
            }
        }
    }
    let path = seed_dir.join("ids.toml");
    if path.is_file() {
        let f: IdsFile =
            toml::from_str(&read(&path)?).with_context(|| format!("parsing {}", path.display()))?;
        for u in f.unit {
            ids.units.push(registry::ConfirmedUnit {
                id: u.id,
                names: vec![u.name],
            });
        }
        for g in f.group {
            ids.groups.entry(g.name).or_insert(g.id);
        }
        for i in f.indicator {
            if !i.contradicts.is_empty() {
                ids.contradicts
                    .entry(i.name.clone())
                    .or_insert(i.contradicts);
            }
            if !(i.baseline_kind.is_level() && i.target_kind.is_level()) {
                ids.kinds
                    .entry(i.name)
                    .or_insert((i.baseline_kind, i.target_kind));
            }
        }
    }
    Ok(ids)
}

/// Parses a seed and builds the content tree in memory.
pub fn import(
    src: &str,
    seed: &emit::SeedInfo<'_>,
    tr: &emit::Translations,
    ids: &emit::Ids,
) -> emit::Emitted {
    import_word(src, parse::WordLayer::default(), seed, tr, ids)
}

/// [`import`] of a Word file's text with what only the Word file says of
/// it (the Word reader's `Document::to_seed`).
pub fn import_word(
    src: &str,
    word: parse::WordLayer,
    seed: &emit::SeedInfo<'_>,
    tr: &emit::Translations,
    ids: &emit::Ids,
) -> emit::Emitted {
    let p = parse::parse_word(src, word);
    emit::emit(&p, seed, tr, ids)
}

/// Convenience: counts as a sorted map for reports.
pub fn summary(e: &emit::Emitted) -> BTreeMap<&'static str, usize> {
    e.counts.clone()
}
