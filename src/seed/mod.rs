//! The seed importer: plain-text plan export → `content/` tree.
//!
//! `parse` reads the text, `emit` builds the files in memory; the CLI writes
//! them (refusing to overwrite `content/` without `--force`).

pub mod clause;
pub mod dates;
pub mod emit;
pub mod parse;
pub mod text;
mod units;

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// Reads the English material beside a seed: `en/*.tsv` (seed line number,
/// TAB, English), `en/sentences.tsv` (Chinese sentence, TAB, English) and
/// `en/glossary-*.toml`. Missing files mean no English.
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
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            for (i, l) in text.lines().enumerate() {
                let (zh, en) = l.split_once('\t').with_context(|| {
                    format!("{}:{}: expected CHINESE<TAB>ENGLISH", path.display(), i + 1)
                })?;
                tr.sentences.insert(zh.to_string(), en.trim().to_string());
            }
        } else if name.ends_with(".tsv") {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            for (i, l) in text.lines().enumerate() {
                let (num, en) = l.split_once('\t').with_context(|| {
                    format!("{}:{}: expected LINE<TAB>TEXT", path.display(), i + 1)
                })?;
                let num: usize = num.trim().parse().with_context(|| {
                    format!("{}:{}: bad line number {num}", path.display(), i + 1)
                })?;
                tr.lines.insert(num, en.trim().to_string());
            }
        } else if name.starts_with("glossary") && name.ends_with(".toml") {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let g: crate::schema::GlossaryFile =
                toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
            tr.glossary.extend(g.terms);
        }
    }
    Ok(tr)
}

/// Parses a seed and builds the content tree in memory.
pub fn import(src: &str, seed: &emit::SeedInfo<'_>, tr: &emit::Translations) -> emit::Emitted {
    emit::emit(&parse::parse(src), seed, tr)
}

/// Convenience: counts as a sorted map for reports.
pub fn summary(e: &emit::Emitted) -> BTreeMap<&'static str, usize> {
    e.counts.clone()
}
