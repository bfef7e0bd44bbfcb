//! Reads `content/progress/`: the release files (`<id>.toml`) and the
//! evaluation reports (`reports/<slug>.zh.md`, optional `<slug>.en.md`).
//! A missing or empty folder is valid and means no releases.

use super::schema::ReleaseFile;
use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::load::{parse_toml, read_source, Source};
use anyhow::{Context, Result};
use std::path::Path;

/// Folder of the release files, relative to the plan's content folder.
pub const DIR: &str = "progress";
/// Folder of the evaluation reports, relative to the plan's content folder.
pub const REPORTS_DIR: &str = "progress/reports";

/// An evaluation report's files.
#[derive(Debug, Clone)]
pub struct RawReport {
    pub slug: String,
    pub zh: Source,
    pub en: Option<Source>,
}

/// Everything under `content/progress/`, parsed but not yet checked.
#[derive(Debug, Clone, Default)]
pub struct RawProgress {
    /// In file-name order, each with its id (the file stem).
    pub releases: Vec<(String, Source, ReleaseFile)>,
    pub reports: Vec<RawReport>,
}

/// Whether `s` may be used in a permanent URL: `[a-z0-9][a-z0-9-]*`.
pub fn valid_slug(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn bad_name(rel: &str, d: &mut Diagnostics) {
    d.push(
        Diagnostic::error(
            rel,
            0,
            Bilingual::new(
                "文件名只能使用小写字母、数字和连字符",
                "the file name may use only lowercase letters, digits and hyphens",
            ),
        )
        .with_hint(
            "文件名就是页面的永久网址，例如 2024.toml、mid-term.zh.md",
            "the file name is the page's permanent URL, e.g. 2024.toml, mid-term.zh.md",
        ),
    );
}

fn unused(rel: &str, hint: (&str, &str), d: &mut Diagnostics) {
    d.push(
        Diagnostic::warning(
            rel,
            0,
            Bilingual::new("此文件不会被使用", "this file is not used"),
        )
        .with_hint(hint.0, hint.1),
    );
}

/// File names directly inside `dir`, sorted; empty when `dir` is missing.
fn names(dir: &Path) -> Result<Vec<(String, bool)>> {
    if !dir.is_dir() {
        return Ok(vec![]);
    }
    let mut out = vec![];
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .min_depth(1)
        .max_depth(1)
    {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        out.push((
            entry.file_name().to_string_lossy().to_string(),
            entry.file_type().is_dir(),
        ));
    }
    Ok(out)
}

/// Reads the releases and reports in the content folder `content` under
/// `root`.
pub fn load(root: &Path, content: &str, d: &mut Diagnostics) -> Result<RawProgress> {
    let mut raw = RawProgress::default();
    let dir = format!("{content}/{DIR}");
    for (name, is_dir) in names(&root.join(&dir))? {
        let rel = format!("{dir}/{name}");
        if is_dir && name == "reports" {
            continue;
        }
        let Some(id) = name.strip_suffix(".toml").filter(|_| !is_dir) else {
            unused(
                &rel,
                (
                    "进展数据文件应命名为 <编号>.toml，例如 2024.toml",
                    "progress files are named <id>.toml, e.g. 2024.toml",
                ),
                d,
            );
            continue;
        };
        if !valid_slug(id) || id == "reports" {
            bad_name(&rel, d);
            continue;
        }
        let Some(src) = read_source(root, &rel, d)? else {
            continue;
        };
        if let Some(file) = parse_toml::<ReleaseFile>(&src, d) {
            raw.releases.push((id.to_string(), src, file));
        }
    }
    raw.reports = load_reports(root, content, d)?;
    Ok(raw)
}

fn load_reports(root: &Path, content: &str, d: &mut Diagnostics) -> Result<Vec<RawReport>> {
    let dir = format!("{content}/{REPORTS_DIR}");
    let list = names(&root.join(&dir))?;
    let mut out = vec![];
    for (name, is_dir) in &list {
        let rel = format!("{dir}/{name}");
        let slug = name.strip_suffix(".zh.md").filter(|_| !is_dir);
        let Some(slug) = slug else {
            let is_en = name
                .strip_suffix(".en.md")
                .is_some_and(|s| list.iter().any(|(n, _)| *n == format!("{s}.zh.md")));
            if !is_en {
                unused(
                    &rel,
                    (
                        "评估报告应命名为 <名称>.zh.md（英文译文为 <名称>.en.md）",
                        "reports are named <name>.zh.md (English: <name>.en.md)",
                    ),
                    d,
                );
            }
            continue;
        };
        if !valid_slug(slug) {
            bad_name(&rel, d);
            continue;
        }
        let Some(zh) = read_source(root, &rel, d)? else {
            continue;
        };
        let en_rel = format!("{dir}/{slug}.en.md");
        let en = if root.join(&en_rel).exists() {
            read_source(root, &en_rel, d)?
        } else {
            None
        };
        out.push(RawReport {
            slug: slug.to_string(),
            zh,
            en,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_url_safe() {
        assert!(valid_slug("2024"));
        assert!(valid_slug("mid-term"));
        assert!(!valid_slug("-x"));
        assert!(!valid_slug("Mid term"));
        assert!(!valid_slug("中期"));
        assert!(!valid_slug(""));
    }
}
