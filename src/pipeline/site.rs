//! The resolved site without its pages: load → resolve, and the theme's
//! strings, for the commands that read the plan's data but render nothing
//! (`progress template`, `progress import`).

use crate::diag::Diagnostics;
use crate::i18n::I18n;
use crate::model::Site;
use anyhow::Result;
use std::path::Path;

/// The plan's data and the theme's UI strings.
pub struct SiteData {
    /// The site as resolve made it; its progress is not attached.
    pub site: Site,
    pub i18n: I18n,
}

/// Loads and resolves the site at `root`. `None` (with the diagnostics)
/// when the content has errors; `Err` only for I/O failures.
pub fn resolved(root: &Path) -> Result<(Option<SiteData>, Diagnostics)> {
    let (raw, mut d) = crate::load::load(root)?;
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
