//! Load: read `site.toml`, `content/` and the theme into raw, typed data.
//! Every file keeps its path and text so later stages can point at lines.
//! Problems in user files become diagnostics; I/O failures are errors.

use crate::config::SiteConfig;
use crate::diag::{line_col, line_text, Bilingual, Diagnostic, Diagnostics};
use crate::schema::*;
use crate::theme::Theme;
use anyhow::{Context, Result};
use serde::de::DeserializeOwned;
use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

mod files;
use files::*;
mod parallel;
pub use files::{parse_toml, read_source};
use parallel::read_all;

/// The optional search synonyms file in `content/`.
pub const SYNONYMS: &str = "synonyms.toml";

/// Largest content file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The unit registry of a site of several plans, relative to the root.
pub const SHARED_UNITS: &str = "content/units.toml";
/// On a site of several plans, the glossary all plans share: a plan's own
/// `glossary.toml` gives a term first, this one where the plan's lacks it
/// (the English names of the units of the shared registry, say).
pub const SHARED_GLOSSARY: &str = "content/glossary.toml";

/// The content folder of a site of one plan, relative to the site root.
pub const CONTENT: &str = "content";

/// The folder of a site of several plans: one content folder per plan,
/// `content/plans/ID/`, each holding what `content/` holds for one plan.
pub const PLANS: &str = "content/plans";

/// The ids of the plans under `content/plans/`, sorted; empty on a site of
/// one plan. An id is a folder name made of `a-z`, `0-9` and `-`.
pub fn plan_ids(root: &Path) -> Result<Vec<String>> {
    let mut out = vec![];
    for entry in entries(&root.join(PLANS))? {
        let name = entry.file_name().to_string_lossy().to_string();
        // Hidden folders are an import's staging, not plans.
        if entry.file_type().is_dir() && !name.starts_with('.') {
            out.push(name);
        }
    }
    Ok(out)
}

/// The entries of folder `dir`, by name; none when there is no `dir`.
fn entries(dir: &Path) -> Result<Vec<walkdir::DirEntry>> {
    if !dir.is_dir() {
        return Ok(vec![]);
    }
    let walk = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .min_depth(1)
        .max_depth(1);
    walk.into_iter()
        .map(|e| e.with_context(|| format!("reading {}", dir.display())))
        .collect()
}

/// Whether `id` can name a plan's folder and its URLs.
pub fn valid_plan_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A file of the site: its path relative to the root, and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub rel: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct RawChapter {
    pub zh: Source,
    pub en: Option<Source>,
}

/// A data file of `content/`: its text and what it parsed to. Shared, so
/// that `serve` can keep it for the next rebuild ([`ParseCache`]).
pub type Parsed<T> = Arc<(Source, T)>;

/// Everything `resolve` needs, parsed but not yet checked.
#[derive(Debug)]
pub struct Raw {
    pub config: SiteConfig,
    pub plan: Parsed<PlanFile>,
    pub glossary: Parsed<GlossaryFile>,
    pub units: Parsed<UnitsFile>,
    pub indicators: Parsed<IndicatorsFile>,
    pub projects: Parsed<ProjectsFile>,
    pub tasks: Parsed<TasksFile>,
    pub commitments: Parsed<CommitmentsFile>,
    /// On a site of several plans, the registry all plans share
    /// (`content/units.toml`, [`SHARED_UNITS`]), when it exists.
    pub shared_units: Option<Parsed<SharedUnitsFile>>,
    /// On a site of several plans, the shared glossary
    /// ([`SHARED_GLOSSARY`]), when it exists.
    pub shared_glossary: Option<Parsed<GlossaryFile>>,
    /// `content/synonyms.toml`, when the site has one.
    pub synonyms: Option<Parsed<SynonymsFile>>,
    pub chapters: Vec<RawChapter>,
    /// `content/images/`: (`images/NAME`, bytes), by name.
    pub images: Vec<(String, Vec<u8>)>,
    pub theme: Theme,
}

/// The data files of the last load (`serve`): a file whose text has not
/// changed since is not parsed again. At N = 100 (`scripts/gen-scaled-site`)
/// the seven TOML files are 12 MB; not parsing them again took a serve
/// rebuild's load stage from 170 to 101 ms (medians, BENCHMARKS.md). Only
/// files that parsed are kept, and a parse
/// gives no diagnostics when it succeeds, so a reused file reports what a
/// new parse would.
#[derive(Default)]
pub struct ParseCache {
    files: Mutex<HashMap<String, Arc<dyn Any + Send + Sync>>>,
}

impl ParseCache {
    /// The parse of `src` kept from the last load, if its text is the same.
    fn get<T: Send + Sync + 'static>(&self, src: &Source) -> Option<Parsed<T>> {
        let kept = self.files.lock().ok()?.get(&src.rel).cloned()?;
        let kept = kept.downcast::<(Source, T)>().ok()?;
        (kept.0.text == src.text).then_some(kept)
    }

    fn keep<T: Send + Sync + 'static>(&self, parsed: &Parsed<T>) {
        if let Ok(mut files) = self.files.lock() {
            files.insert(parsed.0.rel.clone(), parsed.clone());
        }
    }
}

/// Reads what the whole site shares: `site.toml` and the theme.
pub fn read_frame(root: &Path, d: &mut Diagnostics) -> Result<(SiteConfig, Theme)> {
    let config = match read_source(root, "site.toml", d)? {
        Some(src) => parse_toml::<SiteConfig>(&src, d).unwrap_or_default(),
        None => SiteConfig::default(),
    };
    let theme = Theme::load(root, &config.theme, d)?;
    Ok((config, theme))
}

/// Reads the site at `root`. Returns `Ok(None)` with diagnostics when user
/// files are unreadable as data; `Err` only for I/O failures.
pub fn load(root: &Path) -> Result<(Option<Raw>, Diagnostics)> {
    load_with(root, |_| {}, None)
}

/// [`load`], calling `theme_loaded` with the theme as soon as it is read,
/// before the content files are (the pipeline starts compiling the
/// templates then).
pub fn load_with(
    root: &Path,
    theme_loaded: impl FnOnce(&Theme),
    cache: Option<&ParseCache>,
) -> Result<(Option<Raw>, Diagnostics)> {
    load_plan(root, CONTENT, theme_loaded, cache)
}

/// [`load_with`] for the plan whose content is in the folder `content`
/// (relative to `root`: [`CONTENT`], or `content/plans/ID` on a site of
/// several plans); `site.toml` and the theme are the site's.
pub fn load_plan(
    root: &Path,
    content: &str,
    theme_loaded: impl FnOnce(&Theme),
    cache: Option<&ParseCache>,
) -> Result<(Option<Raw>, Diagnostics)> {
    let mut d = Diagnostics::default();
    let (config, theme) = read_frame(root, &mut d)?;
    theme_loaded(&theme);
    let files = read_all(root, content, cache).take(&mut d)?;
    let images = read_images(root, content)?;
    let raw = files
        .filter(|_| !d.has_errors())
        .map(|f| f.into_raw(config, theme, images));
    Ok((raw, d))
}

/// Reads and parses `content/{name}`, or takes its parse from `cache` when
/// the file's text is the one parsed last time.
fn data_file<T: DeserializeOwned + Send + Sync + 'static>(
    root: &Path,
    content: &str,
    name: &str,
    cache: Option<&ParseCache>,
) -> Result<(Option<Parsed<T>>, Diagnostics)> {
    let mut d = Diagnostics::default();
    let Some(src) = read_source(root, &format!("{content}/{name}"), &mut d)? else {
        return Ok((None, d));
    };
    if let Some(kept) = cache.and_then(|c| c.get::<T>(&src)) {
        return Ok((Some(kept), d));
    }
    let parsed = parse_toml::<T>(&src, &mut d).map(|v| Arc::new((src, v)));
    if let (Some(c), Some(p)) = (cache, &parsed) {
        c.keep(p);
    }
    Ok((parsed, d))
}

/// The chapters' files, read again after the render to point broken links
/// at their lines: the build does not keep their text through the render
/// (37 MB at N = 100) for the rare build that has a broken link. No
/// chapters if they cannot be read now; the links are then reported at
/// their pages.
pub fn reread_chapters(root: &Path, content: &str) -> Vec<RawChapter> {
    read_chapters(root, content, &mut Diagnostics::default()).unwrap_or_default()
}

/// The files of `content/images/` (a Word file's pictures), by name.
fn read_images(root: &Path, content: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = vec![];
    for entry in entries(&root.join(content).join("images"))? {
        if entry.file_type().is_file() {
            let name = entry.file_name().to_string_lossy().to_string();
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("reading {}", entry.path().display()))?;
            out.push((format!("images/{name}"), bytes));
        }
    }
    Ok(out)
}

fn read_chapters(root: &Path, content: &str, d: &mut Diagnostics) -> Result<Vec<RawChapter>> {
    let dir = root.join(content).join("chapters");
    let zh_files = chapter_files(&dir, content, d)?;
    // Each file would otherwise resolve the root and its own path (~12
    // system calls; 2,400 files at N = 100).
    let inside = inside_root(root, &dir)?;
    // On every core: at N = 100 the 2,400 files (37 MB), read on one core,
    // were the longest part of a `serve` rebuild's load once the data
    // files were no longer parsed again (load 100 -> 82 ms, medians). Each
    // file's diagnostics are merged in file order.
    let read: Vec<_> = {
        use rayon::prelude::*;
        let one = |path: &PathBuf| read_chapter(root, content, inside, path);
        zh_files.par_iter().map(one).collect()
    };
    let mut out = vec![];
    for one in read {
        let (chapter, more) = one?;
        d.extend(more);
        out.extend(chapter);
    }
    if out.is_empty() {
        d.push(
            Diagnostic::error(
                format!("{content}/chapters"),
                0,
                Bilingual::new("没有章节文件", "there are no chapter files"),
            )
            .with_hint(
                "请运行 plansite import 生成内容",
                "run plansite import to create the content",
            ),
        );
    }
    Ok(out)
}

/// The Chinese chapter files of `dir`, by name; any file that is neither a
/// Chinese nor an English chapter is warned of.
fn chapter_files(dir: &Path, content: &str, d: &mut Diagnostics) -> Result<Vec<PathBuf>> {
    let mut zh_files: Vec<PathBuf> = vec![];
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .min_depth(1)
        .max_depth(1)
    {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".zh.md") {
            zh_files.push(entry.path().to_path_buf());
        } else if !name.ends_with(".en.md") {
            d.push(
                Diagnostic::warning(
                    format!("{content}/chapters/{name}"),
                    0,
                    Bilingual::new("此文件不会被使用", "this file is not used"),
                )
                .with_hint(
                    "章节文件应命名为 NN.zh.md 和 NN.en.md",
                    "chapter files are named NN.zh.md and NN.en.md",
                ),
            );
        }
    }
    Ok(zh_files)
}

/// One chapter: its Chinese file at `path` and its English beside it,
/// when there is one. `inside`: the chapters folder is inside the root.
fn read_chapter(
    root: &Path,
    content: &str,
    inside: bool,
    path: &Path,
) -> Result<(Option<RawChapter>, Diagnostics)> {
    let mut d = Diagnostics::default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let stem = name.trim_end_matches(".zh.md");
    let zh_rel = format!("{content}/chapters/{name}");
    let Some(zh) = read_source_in(root, &zh_rel, inside, &mut d)? else {
        return Ok((None, d));
    };
    let en_rel = format!("{content}/chapters/{stem}.en.md");
    let en = if root.join(&en_rel).exists() {
        read_source_in(root, &en_rel, inside, &mut d)?
    } else {
        None
    };
    Ok((Some(RawChapter { zh, en }), d))
}
