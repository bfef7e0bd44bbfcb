//! `progress import`: a filled workbook (or its sheet saved as CSV) → the
//! text of `content/progress/<id>.toml`, checked before anything is
//! written. The text is checked exactly as `plansite check` checks a
//! hand-written release, together with the site's other releases and
//! reports (`progress::checked`), and every problem the check finds at a
//! line of the new file is named by the cell that line came from. Writing
//! is a separate step, atomic (a temporary file renamed into place), and
//! refuses to replace an existing release unless asked.

use super::emit::{emit, LineMap};
use super::layout::at_cell;
use super::rows::parts;
use super::{read, SHEET};
use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::load::{parse_toml, Source};
use crate::model::Site;
use crate::progress::load::{self as progress_load, valid_slug, DIR};
use crate::progress::schema::ReleaseFile;
use anyhow::{bail, Context, Result};
use std::path::Path;

/// What an import made: the release file's text when nothing is wrong,
/// and every problem found.
#[derive(Debug)]
pub struct Imported {
    /// The release file, relative to the site root.
    pub rel: String,
    /// `None` when there are errors: then nothing may be written.
    pub text: Option<String>,
    pub diagnostics: Diagnostics,
}

/// The site an import checks against.
pub struct Against<'a> {
    pub root: &'a Path,
    /// The plan's content folder, relative to `root` (`content`).
    pub content: &'a str,
    pub site: &'a Site,
    pub i18n: &'a I18n,
}

/// Reads the workbook or CSV file `file` (named `shown` in messages) as
/// release `id` and checks it. `Err` only when the file cannot be read.
pub fn import(to: &Against<'_>, file: &Path, shown: &str, id: &str) -> Result<Imported> {
    let rel = format!("{}/{DIR}/{id}.toml", to.content);
    let mut d = Diagnostics::default();
    let done = |d| Imported {
        rel: rel.clone(),
        text: None,
        diagnostics: d,
    };
    if !valid_slug(id) || id == "reports" {
        d.push(bad_id(shown, id));
        return Ok(done(d));
    }
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let grid = match read::read(file, &bytes) {
        Ok(g) => g,
        Err(msg) => {
            d.push(Diagnostic::error(shown, 0, msg).with_hint(
                format!("请上传 plansite progress template 生成的工作簿，或其中“{SHEET}”工作表另存的 CSV 文件"),
                format!("give the workbook plansite progress template wrote, or its “{SHEET}” sheet saved as CSV"),
            ));
            return Ok(done(d));
        }
    };
    let parts = parts(&grid, to.i18n, shown, &mut d);
    if d.has_errors() {
        return Ok(done(d));
    }
    let (text, lines) = emit(&parts);
    let checked = check(
        to,
        &Source {
            rel: rel.clone(),
            text,
        },
        id,
    )?;
    for diag in checked.1.sorted() {
        d.push(at_line(diag.clone(), &rel, &lines, shown));
    }
    let text = (!d.has_errors()).then_some(checked.0);
    Ok(Imported {
        rel,
        text: text.flatten(),
        diagnostics: d,
    })
}

fn bad_id(shown: &str, id: &str) -> Diagnostic {
    Diagnostic::error(
        shown,
        0,
        Bilingual::new(
            format!("发布编号“{id}”只能使用小写字母、数字和连字符"),
            format!("the release id “{id}” may use only lowercase letters, digits and hyphens"),
        ),
    )
    .with_hint(
        "编号即网页地址，例如 --release 2025",
        "the id is the page's address, e.g. --release 2025",
    )
}

/// Checks `src` as release `id` beside the site's other releases: its
/// text when it parses, and the diagnostics.
fn check(to: &Against<'_>, src: &Source, id: &str) -> Result<(Option<String>, Diagnostics)> {
    let mut d = Diagnostics::default();
    let file = parse_toml::<ReleaseFile>(src, &mut d);
    let mut others = Diagnostics::default();
    let mut raw = progress_load::load(to.root, to.content, &mut others)?;
    // What the old file of this release said no longer matters.
    for o in others.sorted() {
        if o.path != src.rel {
            d.push(o.clone());
        }
    }
    raw.releases.retain(|(rid, _, _)| rid != id);
    let Some(file) = file else {
        return Ok((None, d));
    };
    raw.releases.push((id.to_string(), src.clone(), file));
    raw.releases.sort_by(|a, b| a.0.cmp(&b.0));
    crate::progress::checked(&raw, to.site, &mut d);
    Ok((Some(src.text.clone()), d))
}

/// A diagnostic at a line of the new release file, named by its cell.
fn at_line(diag: Diagnostic, rel: &str, lines: &LineMap, shown: &str) -> Diagnostic {
    let at = diag
        .line
        .checked_sub(1)
        .and_then(|i| lines.get(i))
        .cloned()
        .flatten();
    let Some((cell, text)) = at.filter(|_| diag.path == rel) else {
        return diag;
    };
    let hint = if text {
        ("请在英文列填写译文", "fill in the English column")
    } else {
        (diag.hint.zh.as_str(), diag.hint.en.as_str())
    };
    let mut out = at_cell(shown, &cell, diag.message.clone(), hint);
    out.severity = diag.severity;
    out
}

/// Writes `bytes` to `path`: into a temporary file beside it, then
/// renamed into place, so the file is whole or absent. Refuses an
/// existing file unless `force`.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let shown = path.display();
    if path.exists() && !force {
        bail!(
            "{shown} 已存在；确认要替换时请加 --force / {shown} exists; add --force to replace it"
        );
    }
    let name = path.file_name().context("the file has a name")?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let tmp = dir.join(format!(".{}.tmp", name.to_string_lossy()));
    std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("renaming to {shown}"));
    }
    Ok(())
}
