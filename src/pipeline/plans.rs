//! A site of several plans, each in `content/plans/ID/`: every plan runs
//! through the stages on its own, as the site of one plan would, and its
//! files are placed under the plan's folder (`plans/ID/`, see
//! [`crate::render::routes::plan_folder`]). Each plan's tree is whole in
//! itself (its links are relative and stay inside it), so moving it under
//! its folder keeps every link. The portal, the home page that lists the
//! plans, is added at the top, and its links are checked against the
//! whole site.

use super::{run_plan, Mode, Options, Outcome};
use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::model::PlanInfo;
use crate::progress::model::Date;
use crate::render::portal::{self, PortalPlan};
use crate::render::{routes, OutputFile};
use anyhow::Result;
use std::path::Path;

mod summary;

/// The portal's summary of the plan a run attached.
pub(super) fn info(a: &super::before::Attached) -> PlanInfo {
    let plan = &a.site.plan;
    let dates = a.disclosure.changes.iter().map(|c| c.date.as_str());
    let latest = dates
        .chain([plan.issue_date.as_str()])
        .filter_map(Date::parse)
        .chain(a.site.progress.releases.iter().map(|r| r.as_of))
        .max();
    PlanInfo {
        title: plan.title.clone(),
        district: plan.district.clone(),
        period_start: plan.period_start,
        period_end: plan.period_end,
        draft: plan.draft,
        latest,
        headline: summary::headline(&a.site),
        units: summary::units(&a.site),
    }
}

/// Runs every plan of the site, in id order, in memory, and adds the
/// portal. Any plan's errors fail the whole site (no files).
pub(super) fn run(root: &Path, ids: &[String], opts: Options) -> Result<Outcome> {
    let mut out = Outcome::default();
    let mut d = Diagnostics::default();
    if root.join(crate::load::CONTENT).join("plan.toml").exists() {
        d.push(mixed_layout());
    }
    let mut files = vec![];
    let mut plans = vec![];
    for id in ids {
        if !crate::load::valid_plan_id(id) {
            d.push(bad_id(id));
            continue;
        }
        let content = cat!(crate::load::PLANS, "/", id);
        let mut one = run_plan(root, &content, opts, Mode::Check)?;
        merge(&mut out, &mut d, &mut one);
        if let (Some(f), Some(info)) = (one.files, one.plan) {
            let folder = routes::plan_folder(id);
            files.extend(f.into_iter().map(|f| OutputFile {
                rel_path: cat!(folder, f.rel_path),
                bytes: f.bytes,
            }));
            plans.push((id.as_str(), info));
        }
    }
    if d.has_errors() || plans.len() < ids.len() {
        out.diagnostics = d;
        return Ok(out);
    }
    let (config, theme) = crate::load::read_frame(root, &mut d)?;
    let listed: Vec<PortalPlan<'_>> = plans
        .iter()
        .map(|(id, info)| PortalPlan { id, info })
        .collect();
    let site = portal::Portal {
        plans: &listed,
        config: &config,
        theme: &theme,
    };
    let mut pages = portal::render(&site, &files, &mut d);
    if opts.minify {
        for f in pages.iter_mut().filter(|f| f.rel_path.ends_with(".html")) {
            f.bytes = minify_html::minify(&f.bytes, super::minify_cfg());
        }
    }
    files.extend(pages);
    files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    out.diagnostics = d;
    if !out.diagnostics.has_errors() {
        out.files = Some(files);
    }
    Ok(out)
}

/// Adds one plan's run to the site's: its diagnostics, coverage, timings
/// (summed by stage) and page counts.
fn merge(out: &mut Outcome, d: &mut Diagnostics, one: &mut Outcome) {
    d.extend(std::mem::take(&mut one.diagnostics));
    out.coverage.append(&mut one.coverage);
    for (name, t) in &one.timings {
        match out.timings.iter_mut().find(|(n, _)| n == name) {
            Some((_, sum)) => *sum += *t,
            None => out.timings.push((name, *t)),
        }
    }
    out.rendered += one.rendered;
    out.reused += one.reused;
}

fn mixed_layout() -> Diagnostic {
    Diagnostic::error(
        "content/plan.toml",
        0,
        Bilingual::new(
            "content/ 中既有一个规划，又有 content/plans/ 下的多个规划",
            "content/ holds a plan of its own beside the plans of content/plans/",
        ),
    )
    .with_hint(
        "请把 content/ 中的规划移到 content/plans/<编号>/（用 plansite import --plan <编号> 重新导入）",
        "move that plan into content/plans/<id>/ (import it again with plansite import --plan <id>)",
    )
}

fn bad_id(id: &str) -> Diagnostic {
    Diagnostic::error(
        cat!(crate::load::PLANS, "/", id),
        0,
        Bilingual::new(
            format!("规划编号 {id} 只能由小写字母、数字和 - 组成"),
            format!("the plan id {id} may hold only a-z, 0-9 and -"),
        ),
    )
    .with_hint("请重命名这个文件夹", "rename the folder")
}
