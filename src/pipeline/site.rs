//! The resolved site without its pages: load → resolve, and the theme's
//! strings, for the commands that read the plan's data but render nothing
//! (`progress template`, `progress import`).

use crate::diag::Diagnostics;
use crate::i18n::I18n;
use crate::model::Site;
use anyhow::{bail, Result};
use std::path::Path;

/// The plan's data and the theme's UI strings.
pub struct SiteData {
    /// The site as resolve made it; its progress is not attached.
    pub site: Site,
    pub i18n: I18n,
}

/// The content folder of a plan: `content/` on a site of one plan, and
/// `content/plans/ID` on a site of several, where `plan` must name one.
pub fn content_folder(root: &Path, plan: Option<&str>) -> Result<String> {
    let ids = crate::load::plan_ids(root)?;
    match plan {
        None if ids.is_empty() => Ok(crate::load::CONTENT.to_string()),
        None => bail!(
            "本网站有多个规划，请用 --plan 指定其一（{list}） / this site has several plans: name one with --plan ({list})",
            list = ids.join(", ")
        ),
        Some(id) if ids.iter().any(|i| i == id) => Ok(format!("{}/{id}", crate::load::PLANS)),
        Some(id) => bail!(
            "没有规划“{id}”（content/plans/ 中有：{list}） / there is no plan “{id}” (content/plans/ holds: {list})",
            list = ids.join(", ")
        ),
    }
}

/// Loads and resolves the plan in the content folder `content` (from
/// [`content_folder`]). `None` (with the diagnostics) when the content has
/// errors; `Err` only for I/O failures.
pub fn resolved(root: &Path, content: &str) -> Result<(Option<SiteData>, Diagnostics)> {
    let (raw, mut d) = crate::load::load_plan(root, content, |_| {}, None)?;
    let Some(raw) = raw else {
        return Ok((None, d));
    };
    let site = crate::resolve::resolve(&raw, &mut d).site;
    let i18n = I18n::from_theme(&raw.theme, &mut d);
    let data = site
        .filter(|_| !d.has_errors())
        .map(|site| SiteData { site, i18n });
    Ok((data, d))
}
