//! Progress and evaluations: the releases under `content/progress/`, the
//! evaluation reports, and what they say about the plan at each release.
//!
//! `load` reads the folder (missing means no releases), `check` refuses
//! bad data with file and line, `state` merges releases up to a given one,
//! and `status` is the documented rule that grades each indicator. With no
//! releases every status is 未报送 (not yet reported): nothing is invented.
//! `sheet` is the spreadsheet route to a release: a workbook template
//! listing the plan's items, and its import into a checked release file.

pub mod check;
pub mod linked;
pub mod load;
pub mod model;
pub mod reports;
pub mod schema;
pub mod sheet;
pub mod state;
pub mod status;

use crate::diag::Diagnostics;
use crate::model::{Indicator, Site, Value};
use anyhow::Result;
use std::path::Path;

/// The plan's wording of a target the city assigns.
pub const CITY_ASSIGNED: &str = "完成市分解任务";

/// What kind of 2025 target an indicator has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetKind {
    Number(f64),
    /// 完成市分解任务: set by the city; entered as data once known.
    CityAssigned,
    /// 稳中向好, 有效保障: assessed by a stated judgement.
    Qualitative,
}

/// The kind of an indicator's target, read from the plan's table.
pub fn target_kind(i: &Indicator) -> TargetKind {
    match &i.target {
        Value::Number(n) => TargetKind::Number(*n),
        Value::Text(t) if t.zh.trim() == CITY_ASSIGNED => TargetKind::CityAssigned,
        Value::Text(_) => TargetKind::Qualitative,
    }
}

/// Reads and checks `progress/` in the content folder `content` under
/// `root` and attaches it to the site. Problems become diagnostics; `Err`
/// only for I/O failures.
pub fn attach(root: &Path, content: &str, mut site: Site, d: &mut Diagnostics) -> Result<Site> {
    let raw = load::load(root, content, d)?;
    site.progress = checked(&raw, &site, d);
    Ok(site)
}

/// The releases and reports of `raw`, checked against the site: what
/// `attach` joins to it, and what `progress import` checks a release
/// made from a workbook with before writing it.
pub fn checked(raw: &load::RawProgress, site: &Site, d: &mut Diagnostics) -> model::Progress {
    let releases = check::releases(raw, site, d);
    let mut reports = reports::resolve(&raw.reports, d);
    check::link_reports(raw, &releases, &mut reports, d);
    model::Progress { releases, reports }
}
