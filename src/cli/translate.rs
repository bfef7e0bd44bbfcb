//! `plansite translate export|import`: the file side of
//! [`plansite::translate`]: reads `content/`, writes the translator's file
//! or the merged content files (each staged beside its target, then
//! renamed into place), and prints what happened.

use super::report::{text, Lang};
use anyhow::{Context, Result};
use plansite::seed::memory::SiteEnglish;
use plansite::translate::{self, Entry, Only};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The translator's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Po,
    Xliff,
}

/// Which entries an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OnlyArg {
    /// No English yet.
    Missing,
    /// English older than its Chinese.
    Stale,
    /// Missing and stale (the default).
    Needed,
    /// Every text, translated or not.
    All,
}

/// Options of `translate export`.
pub(crate) struct ExportArgs {
    pub(crate) file: PathBuf,
    pub(crate) format: Option<Format>,
    pub(crate) only: OnlyArg,
    /// Other sites whose English serves as translation memory.
    pub(crate) memory: Vec<PathBuf>,
}

pub(crate) fn export(root: &Path, args: &ExportArgs, lang: Lang) -> Result<ExitCode> {
    let files = read_site(root)?;
    let mut entries = translate::catalog(&files)?;
    let only = match args.only {
        OnlyArg::Missing => Only::Missing,
        OnlyArg::Stale => Only::Stale,
        OnlyArg::Needed => Only::Needed,
        OnlyArg::All => Only::All,
    };
    entries.retain(|e| only.keeps(e.status));
    let mut memory = SiteEnglish::from_content(&files);
    let tm = |text: Option<&str>| translate::memory::read(text.unwrap_or_default());
    translate::memory::extend(
        &mut memory,
        tm(files.get(translate::memory::FILE).map(String::as_str)),
    );
    for other in &args.memory {
        let content = other.join("content");
        let m = plansite::seed::read_site_english(&content)?;
        extend(&mut memory, m);
        let path = content.join(translate::memory::FILE);
        let text = if path.exists() {
            Some(
                std::fs::read_to_string(&path)
                    .with_context(|| format!("读取 / reading {}", path.display()))?,
            )
        } else {
            None
        };
        translate::memory::extend(&mut memory, tm(text.as_deref()));
    }
    let reused = translate::fill_from_memory(&mut entries, &memory);
    let near = translate::suggest(&mut entries, &memory);
    let format = args.format.unwrap_or_else(|| guess(&args.file));
    let out = match format {
        Format::Po => translate::write_po(&entries),
        Format::Xliff => translate::write_xliff(&entries),
    };
    write_all_atomically(&[(args.file.clone(), out.as_str())])?;
    summary(&entries);
    say(&text(
        lang,
        &format!(
            "已导出 {} 条到 {}，其中 {reused} 条取自翻译记忆，{near} 条为近似匹配建议（待审校）",
            entries.len(),
            args.file.display()
        ),
        &format!(
            "exported {} entries to {}, {reused} of them filled from the translation memory, {near} near-match suggestions (to review)",
            entries.len(),
            args.file.display()
        ),
    ));
    Ok(ExitCode::SUCCESS)
}

/// Merges the translator's `file` into `content/`; refused entries and a
/// malformed file make the exit code 1.
pub(crate) fn import(root: &Path, file: &Path, lang: Lang) -> Result<ExitCode> {
    let content = root.join("content");
    let shown = file.display();
    let Some(incoming) = read_incoming(file, lang)? else {
        return Ok(ExitCode::from(1));
    };
    let files = read_site(root)?;
    let merged = translate::merge(&files, &incoming)?;
    for r in &merged.refused {
        warn(&format!(
            "{shown}:{}: {}",
            r.line,
            text(lang, &r.reason.zh, &r.reason.en)
        ));
    }
    let writes: Vec<_> = merged
        .files
        .iter()
        .map(|(rel, new)| (content.join(rel), new.as_str()))
        .collect();
    write_all_atomically(&writes)?;
    // What was written, checked against the glossary (advice).
    let mut now = files;
    now.extend(merged.files.clone());
    let written: std::collections::BTreeSet<&str> =
        merged.written.iter().map(String::as_str).collect();
    let advice = translate::glossary::check_where(&now, |id| written.contains(id))?;
    super::report::advice(&advice, lang);
    say(&imported(&merged, lang));
    Ok(if merged.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The entries of the translator's `file`; `None`, with its problems
/// printed, when it is malformed.
fn read_incoming(file: &Path, lang: Lang) -> Result<Option<Vec<translate::Incoming>>> {
    let src = std::fs::read_to_string(file)
        .with_context(|| format!("读取 / reading {}", file.display()))?;
    match translate::read_any(&src) {
        Ok(i) => Ok(Some(i)),
        Err(bad) => {
            for m in &bad {
                warn(&format!(
                    "{}:{}: {}",
                    file.display(),
                    m.line,
                    text(lang, &m.message.zh, &m.message.en)
                ));
            }
            warn(&text(
                lang,
                "文件格式有误，未导入任何内容；请修正后重试",
                "the file is malformed; nothing was imported; fix it and import again",
            ));
            Ok(None)
        }
    }
}

/// What an import did, in `lang`.
fn imported(merged: &translate::Merged, lang: Lang) -> String {
    text(
        lang,
        &format!(
            "已写入 {} 条（{} 个文件），未变 {} 条，未完成而跳过 {} 条，拒绝 {} 条",
            merged.written.len(),
            merged.files.len(),
            merged.unchanged,
            merged.skipped,
            merged.refused.len()
        ),
        &format!(
            "wrote {} entries ({} files), {} unchanged, {} skipped as unfinished, {} refused",
            merged.written.len(),
            merged.files.len(),
            merged.unchanged,
            merged.skipped,
            merged.refused.len()
        ),
    )
}

/// Entries per kind and status.
fn summary(entries: &[Entry]) {
    let mut by: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for e in entries {
        *by.entry((e.kind.name(), e.status.name())).or_default() += 1;
    }
    for ((kind, status), n) in by {
        say(&format!("{kind:>16} {status:<8} {n}"));
    }
    let reused = entries.iter().filter(|e| e.reused).count();
    say(&format!("{:>16} {:<8} {reused}", "reused", ""));
    let near = entries.iter().filter(|e| e.near.is_some()).count();
    say(&format!("{:>16} {:<8} {near}", "near-match", ""));
}

fn extend(into: &mut SiteEnglish, from: SiteEnglish) {
    let SiteEnglish {
        paras,
        headings,
        titles,
        sentences,
        glossary,
    } = from;
    let join = |a: &mut BTreeMap<String, String>, b: BTreeMap<String, String>| {
        for (k, v) in b {
            a.entry(k).or_insert(v);
        }
    };
    join(&mut into.paras, paras);
    join(&mut into.headings, headings);
    join(&mut into.titles, titles);
    join(&mut into.sentences, sentences);
    join(&mut into.glossary, glossary);
}

fn guess(file: &Path) -> Format {
    match file.extension().and_then(|e| e.to_str()) {
        Some("xlf" | "xliff") => Format::Xliff,
        _ => Format::Po,
    }
}

/// [`read_content`], and the site's `site.toml` as the catalogue names it
/// ([`translate::SITE_TOML`]), for the brand and description it may set.
fn read_site(root: &Path) -> Result<BTreeMap<String, String>> {
    let mut files = read_content(&root.join("content"))?;
    let site = root.join("site.toml");
    if site.is_file() {
        let text = std::fs::read_to_string(&site)
            .with_context(|| format!("读取 / reading {}", site.display()))?;
        files.insert(translate::SITE_TOML.to_string(), text);
    }
    Ok(files)
}

/// The chapter files and TOML files of `content/` (path → text).
pub(super) fn read_content(content: &Path) -> Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .max_depth(2)
    {
        let entry = entry.with_context(|| format!("读取 / reading {}", content.display()))?;
        let rel = entry.path().strip_prefix(content).context("content path")?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        let wanted = rel.starts_with("chapters/") && rel.ends_with(".md")
            || !rel.contains('/') && rel.ends_with(".toml")
            || rel == translate::memory::FILE;
        if wanted && entry.file_type().is_file() {
            let t = std::fs::read_to_string(entry.path())
                .with_context(|| format!("读取 / reading {}", entry.path().display()))?;
            files.insert(rel, t);
        }
    }
    Ok(files)
}

/// Writes every file through a staged copy beside it; only when all are
/// staged are they renamed into place, so a failure leaves every target as
/// it was and a reader never sees half a file.
fn write_all_atomically(writes: &[(PathBuf, &str)]) -> Result<()> {
    let mut staged = vec![];
    for (path, text) in writes {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.plansite-staging"));
        let done = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&tmp, text));
        if let Err(e) = done {
            for (t, _) in &staged {
                let _ = std::fs::remove_file(t);
            }
            let _ = std::fs::remove_file(&tmp);
            return Err(e).with_context(|| format!("写入 / writing {}", tmp.display()));
        }
        staged.push((tmp, path));
    }
    for (tmp, path) in staged {
        std::fs::rename(&tmp, path)
            .with_context(|| format!("写入 / writing {}", path.display()))?;
    }
    Ok(())
}

fn say(s: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{s}");
}

fn warn(s: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{s}");
}
