//! `plansite progress template|import`: the printing side of
//! [`plansite::progress::sheet`]. Loads the site, hands it to the library,
//! prints the diagnostics, and writes the workbook or the release file
//! only when nothing is wrong.

use super::report::{self, text, Lang};
use anyhow::Result;
use plansite::diag::Diagnostics;
use plansite::pipeline::site::{content_folder, resolved, SiteData};
use plansite::pipeline::Outcome;
use plansite::progress::sheet::{import, template};
use std::path::Path;
use std::process::ExitCode;

/// The resolved plan, or `None` after printing why there is none.
fn site(root: &Path, content: &str, lang: Lang) -> Result<Option<SiteData>> {
    let (data, d) = resolved(root, content)?;
    if print(d, lang) || data.is_none() {
        eprintln!(
            "{}",
            text(
                lang,
                "请先改正 content/ 中的错误",
                "correct the errors in content/ first"
            )
        );
        return Ok(None);
    }
    Ok(data)
}

/// Prints `d`; whether there were errors.
fn print(d: Diagnostics, lang: Lang) -> bool {
    let outcome = Outcome {
        diagnostics: d,
        ..Outcome::default()
    };
    report::print(&outcome, lang, false)
}

/// Options of `progress template`.
pub(crate) struct TemplateArgs<'a> {
    pub(crate) file: &'a Path,
    pub(crate) plan: Option<&'a str>,
    pub(crate) force: bool,
}

pub(crate) fn template(root: &Path, args: &TemplateArgs<'_>, lang: Lang) -> Result<ExitCode> {
    let (file, force) = (args.file, args.force);
    let content = content_folder(root, args.plan)?;
    let Some(data) = site(root, &content, lang)? else {
        return Ok(ExitCode::FAILURE);
    };
    let bytes = template::workbook(&data.site, &data.i18n)?;
    import::write_file(file, &bytes, force)?;
    println!(
        "{}",
        text(
            lang,
            &format!("已写入 {}：请在“进展”工作表中填写", file.display()),
            &format!("wrote {}: fill in its sheet “进展”", file.display()),
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// Options of `progress import`.
pub(crate) struct ImportArgs<'a> {
    pub(crate) file: &'a Path,
    pub(crate) release: &'a str,
    pub(crate) plan: Option<&'a str>,
    pub(crate) force: bool,
}

pub(crate) fn import(root: &Path, args: &ImportArgs<'_>, lang: Lang) -> Result<ExitCode> {
    let content = content_folder(root, args.plan)?;
    let Some(data) = site(root, &content, lang)? else {
        return Ok(ExitCode::FAILURE);
    };
    let against = import::Against {
        root,
        content: &content,
        site: &data.site,
        i18n: &data.i18n,
    };
    let shown = args.file.display().to_string();
    let imported = import::import(&against, args.file, &shown, args.release)?;
    let failed = print(imported.diagnostics, lang);
    let Some(release) = imported.text.filter(|_| !failed) else {
        eprintln!("{}", text(lang, "未写入任何文件", "nothing was written"));
        return Ok(ExitCode::FAILURE);
    };
    import::write_file(&root.join(&imported.rel), release.as_bytes(), args.force)?;
    println!(
        "{}",
        text(
            lang,
            &format!("已写入 {}", imported.rel),
            &format!("wrote {}", imported.rel),
        )
    );
    Ok(ExitCode::SUCCESS)
}
