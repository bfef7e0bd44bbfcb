//! Themes: the default theme is embedded in the binary; files in the site's
//! `themes/<name>/` override it by relative path (`templates/base.html`,
//! `assets/style.css`, `i18n.toml`).

use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[ $( ($path, include_bytes!(concat!("../themes/default/", $path)) as &[u8]), )* ]
    };
}

/// The default theme: one table, path → bytes.
const DEFAULT: &[(&str, &[u8])] = embedded![
    "i18n.toml",
    "assets/style.css",
    "assets/search.js",
    "assets/search-text.js",
    "templates/base.html",
    "templates/macros.html",
    "templates/home.html",
    "templates/chapter.html",
    "templates/fulltext.html",
    "templates/indicators.html",
    "templates/projects.html",
    "templates/departments.html",
    "templates/department.html",
    "templates/commitments.html",
    "templates/about.html",
    "templates/data.html",
    "templates/search.html",
    "templates/404.html",
    "templates/changes.html",
    "templates/interpretation.html",
    "templates/indicator.html",
    "templates/progress.html",
    "templates/release.html",
    "templates/report.html",
    "templates/progress_macros.html",
    "templates/portal_base.html",
    "templates/portal.html",
    "templates/portal_departments.html",
    "templates/portal_department.html",
    "templates/portal_404.html",
    "templates/portal_search.html",
    "portal/pagefind.js",
    "portal/search.css",
];

/// A theme's files after overrides: path → bytes, plus where each came from.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub files: BTreeMap<String, Vec<u8>>,
    /// Path relative to the site root for overridden files, else `<embedded>/…`.
    pub origin: BTreeMap<String, String>,
}

impl Theme {
    /// The default theme as embedded, without a site's overrides.
    pub fn embedded() -> Theme {
        let mut theme = Theme::default();
        for (path, bytes) in DEFAULT {
            theme.files.insert(path.to_string(), bytes.to_vec());
            theme.origin.insert(
                path.to_string(),
                format!("<embedded>/themes/default/{path}"),
            );
        }
        theme
    }

    pub fn load(root: &Path, name: &str, d: &mut Diagnostics) -> Result<Theme> {
        let mut theme = if name == "default" {
            Theme::embedded()
        } else {
            Theme::default()
        };
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            if name != "default" {
                d.push(
                    Diagnostic::error(
                        "site.toml",
                        0,
                        Bilingual::new(
                            format!("找不到主题 {name}"),
                            format!("theme {name} not found"),
                        ),
                    )
                    .with_hint(
                        "请检查 site.toml 中的 theme，或删除该行以使用默认主题",
                        "check `theme` in site.toml, or remove it to use the default theme",
                    ),
                );
            }
            return Ok(theme);
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("reading theme {}", dir.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).context("theme path")?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("reading theme file {}", entry.path().display()))?;
            theme
                .origin
                .insert(rel.clone(), format!("themes/{name}/{rel}"));
            theme.files.insert(rel, bytes);
        }
        Ok(theme)
    }

    /// Templates as (name without `templates/`, text).
    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("templates/").map(|n| (n, v.as_slice())))
    }

    /// Static assets as (path under `assets/`, bytes).
    pub fn assets(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter(|(k, _)| k.starts_with("assets/"))
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}
