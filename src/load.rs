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

/// The optional search synonyms file in `content/`.
pub const SYNONYMS: &str = "synonyms.toml";

/// Largest content file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

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
    let mut d = Diagnostics::default();
    let config = match read_source(root, "site.toml", &mut d)? {
        Some(src) => parse_toml::<SiteConfig>(&src, &mut d).unwrap_or_default(),
        None => SiteConfig::default(),
    };
    let theme = Theme::load(root, &config.theme, &mut d)?;
    theme_loaded(&theme);
    // The data files and the chapters are read and parsed in parallel;
    // each keeps its own diagnostics, merged below in a fixed order.
    let (mut plan, mut glossary, mut units, mut indicators) = (None, None, None, None);
    let (mut projects, mut tasks, mut commitments, mut chapters) = (None, None, None, None);
    let mut synonyms = None;
    rayon::scope(|s| {
        if root.join("content").join(SYNONYMS).exists() {
            s.spawn(|_| synonyms = Some(data_file(root, SYNONYMS, cache)));
        }
        s.spawn(|_| tasks = Some(data_file(root, "tasks.toml", cache)));
        s.spawn(|_| commitments = Some(data_file(root, "commitments.toml", cache)));
        s.spawn(|_| units = Some(data_file(root, "units.toml", cache)));
        s.spawn(|_| projects = Some(data_file(root, "projects.toml", cache)));
        s.spawn(|_| indicators = Some(data_file(root, "indicators.toml", cache)));
        s.spawn(|_| {
            let mut d = Diagnostics::default();
            chapters = Some(read_chapters(root, &mut d).map(|c| (c, d)));
        });
        plan = Some(data_file(root, "plan.toml", cache));
        glossary = Some(data_file(root, "glossary.toml", cache));
    });
    fn take<T>(slot: Option<Result<(T, Diagnostics)>>, d: &mut Diagnostics) -> Result<T> {
        let (v, more) = slot.context("loading did not run")??;
        d.extend(more);
        Ok(v)
    }
    let plan = take(plan, &mut d)?;
    let glossary = take(glossary, &mut d)?;
    let units = take(units, &mut d)?;
    let indicators = take(indicators, &mut d)?;
    let projects = take(projects, &mut d)?;
    let tasks = take(tasks, &mut d)?;
    let commitments = take(commitments, &mut d)?;
    let chapters = take(chapters, &mut d)?;
    let synonyms = match synonyms {
        Some(slot) => take(Some(slot), &mut d)?,
        None => None,
    };
    let images = read_images(root)?;
    let raw = match (
        plan,
        glossary,
        units,
        indicators,
        projects,
        tasks,
        commitments,
    ) {
        (
            Some(plan),
            Some(glossary),
            Some(units),
            Some(indicators),
            Some(projects),
            Some(tasks),
            Some(commitments),
        ) if !d.has_errors() => Some(Raw {
            config,
            plan,
            glossary,
            units,
            indicators,
            projects,
            tasks,
            commitments,
            synonyms,
            chapters,
            images,
            theme,
        }),
        _ => None,
    };
    Ok((raw, d))
}

/// Reads and parses `content/{name}`, or takes its parse from `cache` when
/// the file's text is the one parsed last time.
fn data_file<T: DeserializeOwned + Send + Sync + 'static>(
    root: &Path,
    name: &str,
    cache: Option<&ParseCache>,
) -> Result<(Option<Parsed<T>>, Diagnostics)> {
    let mut d = Diagnostics::default();
    let Some(src) = read_source(root, &format!("content/{name}"), &mut d)? else {
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

/// Reads `rel` under `root` as UTF-8 text. Missing, non-UTF-8, empty,
/// oversized, or outside-the-root files are diagnostics.
pub fn read_source(root: &Path, rel: &str, d: &mut Diagnostics) -> Result<Option<Source>> {
    read_source_in(root, rel, false, d)
}

/// [`read_source`]; `folder_inside` says the file's folder is known to be
/// inside the root (checked once for a folder of many files), so only a
/// file that is itself a symbolic link needs resolving.
fn read_source_in(
    root: &Path,
    rel: &str,
    folder_inside: bool,
    d: &mut Diagnostics,
) -> Result<Option<Source>> {
    let path = root.join(rel);
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            d.push(
                Diagnostic::error(rel, 0, Bilingual::new("缺少此文件", "this file is missing"))
                    .with_hint(
                        "请恢复该文件，或重新运行 plansite import",
                        "restore the file, or run plansite import again",
                    ),
            );
            return Ok(None);
        }
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let trusted = folder_inside && !meta.file_type().is_symlink();
    if !trusted && !inside_root(root, &path)? {
        d.push(
            Diagnostic::error(
                rel,
                0,
                Bilingual::new(
                    "文件指向站点目录之外（符号链接）",
                    "the file points outside the site folder (a symbolic link)",
                ),
            )
            .with_hint(
                "请用真实文件替换该符号链接",
                "replace the symbolic link with a real file",
            ),
        );
        return Ok(None);
    }
    if meta.len() > MAX_FILE_BYTES {
        d.push(
            Diagnostic::error(
                rel,
                0,
                Bilingual::new(
                    format!("文件过大（{} 字节）", meta.len()),
                    format!("the file is too large ({} bytes)", meta.len()),
                ),
            )
            .with_hint(
                format!("单个文件不能超过 {MAX_FILE_BYTES} 字节，请拆分",),
                format!("files may be at most {MAX_FILE_BYTES} bytes; split it"),
            ),
        );
        return Ok(None);
    }
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, col) = line_col(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            );
            d.push(
                Diagnostic::error(
                    rel,
                    line,
                    Bilingual::new("文件不是 UTF-8 编码", "the file is not UTF-8 text"),
                )
                .at_column(col)
                .with_hint(
                    "请用 UTF-8 编码另存该文件（不要用 GBK）",
                    "save the file as UTF-8 (not GBK)",
                ),
            );
            return Ok(None);
        }
    };
    if text.trim().is_empty() {
        d.push(
            Diagnostic::error(rel, 0, Bilingual::new("文件为空", "the file is empty"))
                .with_hint("请恢复文件内容", "restore the file's content"),
        );
        return Ok(None);
    }
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(Some(Source {
        rel: rel.to_string(),
        text,
    }))
}

fn inside_root(root: &Path, path: &Path) -> Result<bool> {
    let canon_root =
        std::fs::canonicalize(root).with_context(|| format!("reading {}", root.display()))?;
    let canon =
        std::fs::canonicalize(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(canon.starts_with(canon_root))
}

/// Parses TOML, turning syntax errors, unknown keys and wrong types into a
/// diagnostic at the offending line.
pub fn parse_toml<T: DeserializeOwned>(src: &Source, d: &mut Diagnostics) -> Option<T> {
    match toml::from_str::<T>(&src.text) {
        Ok(v) => Some(v),
        Err(e) => {
            d.push(toml_diagnostic(src, &e));
            None
        }
    }
}

fn toml_diagnostic(src: &Source, e: &toml::de::Error) -> Diagnostic {
    let (line, col) = e.span().map_or((0, 0), |s| line_col(&src.text, s.start));
    let msg = e.message().to_string();
    let (zh, en, hint_zh, hint_en) = if msg.starts_with("unknown field") {
        (
            "未知的字段（可能是拼写错误）",
            "unknown key (a typo?)",
            "请检查字段名拼写，只能使用下面列出的字段",
            "check the key's spelling; only the keys listed are allowed",
        )
    } else if msg.starts_with("invalid type") {
        (
            "值的类型不对",
            "wrong type of value",
            "数字不加引号，文字要加引号",
            "write numbers without quotes and text in quotes",
        )
    } else if msg.starts_with("missing field") {
        (
            "缺少必填字段",
            "a required key is missing",
            "请补上该字段",
            "add the missing key",
        )
    } else {
        (
            "TOML 语法错误",
            "TOML syntax error",
            "请检查引号、等号和方括号是否成对",
            "check that quotes, = signs and brackets are balanced",
        )
    };
    let mut diag = Diagnostic::error(
        &src.rel,
        line,
        Bilingual::new(format!("{zh}：{msg}"), format!("{en}: {msg}")),
    )
    .at_column(col)
    .with_hint(hint_zh, hint_en);
    if let Some(text) = line_text(&src.text, line) {
        diag = diag.with_snippet(text);
    }
    diag
}

/// The chapters' files, read again after the render to point broken links
/// at their lines: the build does not keep their text through the render
/// (37 MB at N = 100) for the rare build that has a broken link. No
/// chapters if they cannot be read now; the links are then reported at
/// their pages.
pub fn reread_chapters(root: &Path) -> Vec<RawChapter> {
    read_chapters(root, &mut Diagnostics::default()).unwrap_or_default()
}

/// The files of `content/images/` (a Word file's pictures), by name.
fn read_images(root: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let dir = root.join("content/images");
    let mut out = vec![];
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .min_depth(1)
        .max_depth(1)
    {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        if entry.file_type().is_file() {
            let name = entry.file_name().to_string_lossy().to_string();
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("reading {}", entry.path().display()))?;
            out.push((format!("images/{name}"), bytes));
        }
    }
    Ok(out)
}

fn read_chapters(root: &Path, d: &mut Diagnostics) -> Result<Vec<RawChapter>> {
    let dir = root.join("content/chapters");
    let mut zh_files: Vec<PathBuf> = vec![];
    for entry in walkdir::WalkDir::new(&dir)
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
                    format!("content/chapters/{name}"),
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
    // Each file would otherwise resolve the root and its own path (~12
    // system calls; 2,400 files at N = 100).
    let folder_inside = inside_root(root, &dir)?;
    // On every core: at N = 100 the 2,400 files (37 MB), read on one core,
    // were the longest part of a `serve` rebuild's load once the data
    // files were no longer parsed again (load 100 -> 82 ms, medians). Each
    // file's diagnostics are merged in file order.
    let read = |path: &PathBuf| -> Result<(Option<RawChapter>, Diagnostics)> {
        let mut d = Diagnostics::default();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let stem = name.trim_end_matches(".zh.md");
        let zh = read_source_in(
            root,
            &format!("content/chapters/{name}"),
            folder_inside,
            &mut d,
        )?;
        let Some(zh) = zh else {
            return Ok((None, d));
        };
        let en_rel = format!("content/chapters/{stem}.en.md");
        let en = if root.join(&en_rel).exists() {
            read_source_in(root, &en_rel, folder_inside, &mut d)?
        } else {
            None
        };
        Ok((Some(RawChapter { zh, en }), d))
    };
    let read: Vec<_> = {
        use rayon::prelude::*;
        zh_files.par_iter().map(read).collect()
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
                "content/chapters",
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
