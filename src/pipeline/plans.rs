//! A site of several plans, each in `content/plans/ID/`: every plan runs
//! through the stages on its own, as the site of one plan would, and its
//! files are placed under the plan's folder (`plans/ID/`, see
//! [`crate::render::routes::plan_folder`]). Each plan's tree is whole in
//! itself (its links are relative and stay inside it), so moving it under
//! its folder keeps every link. The portal, the home page that lists the
//! plans, is added at the top, and its links are checked against the
//! whole site. Plans linked by data ([`plan_links`]) run after the plans
//! they link to, and their links to those plans' pages are checked once
//! all are built.

use super::{plan_links, run_plan, Mode, Options, Outcome, Shared};
use crate::config::SiteConfig;
use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::model::linked::OtherIndicator;
use crate::model::PlanInfo;
use crate::output::Staging;
use crate::progress::model::Date;
use crate::render::portal::{self, PortalPlan};
use crate::render::{routes, OutputFile};
use crate::theme::Theme;
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

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
        indicators: indicators(&a.site),
        headline: summary::headline(&a.site),
        units: summary::units(&a.site),
    }
}

/// The plan's indicators as another plan's links see them, with the
/// values its latest release gives.
fn indicators(site: &crate::model::Site) -> Vec<OtherIndicator> {
    let st = crate::progress::state::at(&site.progress, None);
    let as_other = |i| crate::progress::linked::as_other(site, &st, i);
    site.table.indicators.iter().map(as_other).collect()
}

/// Runs every plan of the site, each after the plans it links to, and
/// adds the portal. Each plan's files are written into the staging folder
/// `stage` (`build`) as soon as the plan is done, or else kept in memory.
/// Any plan's errors fail the whole site (no files).
pub(super) fn run(
    root: &Path,
    ids: &[String],
    opts: Options,
    stage: Option<&Staging>,
) -> Result<Outcome> {
    let mut d = Diagnostics::default();
    let (config, theme) = crate::load::read_frame(root, &mut d)?;
    let tera = crate::render::templates(&theme, &mut d).map(Arc::new);
    let i18n = crate::i18n::I18n::from_theme(&theme, &mut d);
    let mut site = SiteRun {
        root,
        opts,
        stage,
        shared: tera.map(|tera| Shared { tera, i18n }),
        out: Outcome::default(),
        d,
        built: Built::default(),
    };
    if root.join(crate::load::CONTENT).join("plan.toml").exists() {
        site.d.push(mixed_layout());
    }
    for id in ids.iter().filter(|id| !crate::load::valid_plan_id(id)) {
        site.d.push(bad_id(id));
    }
    let links = plan_links::read(root, ids, &mut site.d)?;
    if !site.d.has_errors() {
        for id in plan_links::order(ids, &links, &mut site.d) {
            site.run_plan(&id, &links[&id])?;
        }
    }
    if !site.d.has_errors() && site.built.plans.len() == ids.len() {
        let files = site.files(ids, &config, &theme)?;
        site.out.files = Some(files).filter(|_| !site.d.has_errors());
        site.out.written = std::mem::take(&mut site.built.written);
    }
    site.out.diagnostics = site.d;
    Ok(site.out)
}

/// A run of the whole site: its settings and what its plans made so far.
struct SiteRun<'a> {
    root: &'a Path,
    opts: Options,
    /// `build`: where each plan's files are written once it is done.
    stage: Option<&'a Staging>,
    /// The templates and the theme's strings, made once for every plan and
    /// the portal (`None` when the templates did not compile, with the
    /// diagnostics in `d`).
    shared: Option<Shared>,
    out: Outcome,
    d: Diagnostics,
    built: Built,
}

/// What the plans' runs made, kept until the site is put together.
#[derive(Default)]
struct Built {
    /// By plan id: what the portal and the plans linking to it use.
    plans: BTreeMap<String, PlanInfo>,
    /// The plans' files under their folders that are kept in memory:
    /// every one when nothing is staged; else only the pages with links
    /// to other plans' pages (checked at the end) and the files the portal
    /// reads ([`portal::reads`]).
    files: Vec<OutputFile>,
    /// Every file written into the staging folder.
    written: Vec<String>,
    /// The pages (site paths) with links to other plans' pages.
    outside: std::collections::HashSet<String>,
}

impl SiteRun<'_> {
    /// Runs plan `id`, given what the plans it links to made.
    fn run_plan(&mut self, id: &str, links: &plan_links::PlanLinks) -> Result<()> {
        let Some(shared) = self.shared.clone() else {
            return Ok(());
        };
        let content = cat!(crate::load::PLANS, "/", id);
        let mut linked = plan_links::linked(links, &self.built.plans, &mut self.d);
        linked.folder = routes::plan_folder(id);
        let plan = super::PlanIn {
            content: &content,
            linked,
            shared: Some(shared),
        };
        let mut one = run_plan(self.root, plan, self.opts, Mode::Check)?;
        merge(&mut self.out, &mut self.d, &mut one);
        let (Some(files), Some(mut info)) = (one.files, one.plan) else {
            return Ok(());
        };
        plan_links::check_own(links, &info.indicators, &mut self.d);
        for i in &mut info.indicators {
            i.plan = id.to_string();
        }
        let folder = routes::plan_folder(id);
        self.built
            .outside
            .extend(one.outside.iter().map(|p| cat!(folder, p)));
        let files: Vec<OutputFile> = files
            .into_iter()
            .map(|f| OutputFile {
                rel_path: cat!(folder, f.rel_path),
                bytes: f.bytes,
            })
            .collect();
        self.keep(files)?;
        self.built.plans.insert(id.to_string(), info);
        Ok(())
    }

    /// Keeps a plan's `files`: in memory, or (`build`) written into the
    /// staging folder now, so that a site of many plans never holds more
    /// than one plan's pages.
    fn keep(&mut self, files: Vec<OutputFile>) -> Result<()> {
        let Some(stage) = self.stage else {
            self.built.files.extend(files);
            return Ok(());
        };
        let t = Instant::now();
        stage.write_all(&files)?;
        add_time(&mut self.out, "staged", t.elapsed());
        let b = &mut self.built;
        for f in files {
            let needed = b.outside.contains(&f.rel_path) || portal::reads(&f.rel_path);
            b.written.push(f.rel_path.clone());
            if needed {
                b.files.push(f);
            }
        }
        Ok(())
    }

    /// The portal's files, and (when nothing was staged) every plan's,
    /// checked: the portal's links and the plans' links to each other
    /// resolve among all the site's files.
    fn files(
        &mut self,
        ids: &[String],
        config: &SiteConfig,
        theme: &Theme,
    ) -> Result<Vec<OutputFile>> {
        let Some(tera) = self.shared.as_ref().map(|s| s.tera.clone()) else {
            return Ok(vec![]);
        };
        let staged = self.stage.is_some();
        let kept = std::mem::take(&mut self.built.files);
        let names: Vec<&str> = if staged {
            self.built.written.iter().map(String::as_str).collect()
        } else {
            kept.iter().map(|f| f.rel_path.as_str()).collect()
        };
        let listed: Vec<PortalPlan<'_>> = ids
            .iter()
            .filter_map(|id| {
                Some(PortalPlan {
                    id,
                    info: self.built.plans.get(id)?,
                })
            })
            .collect();
        let site = portal::Portal {
            plans: &listed,
            config,
            theme,
            tera: &tera,
            files: &names,
            read: &kept,
        };
        let mut pages = portal::render(&site, &mut self.d);
        if self.opts.minify {
            for f in pages.iter_mut().filter(|f| f.rel_path.ends_with(".html")) {
                f.bytes = minify_html::minify(&f.bytes, super::minify_cfg());
            }
        }
        let made: Vec<&str> = pages.iter().map(|f| f.rel_path.as_str()).collect();
        let outside: Vec<&OutputFile> = kept
            .iter()
            .filter(|f| self.built.outside.contains(&f.rel_path))
            .collect();
        check_between(&outside, names.iter().chain(&made).copied(), &mut self.d);
        drop(names);
        let mut files = if staged {
            pages
        } else {
            kept.into_iter().chain(pages).collect()
        };
        files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        Ok(files)
    }
}

/// The links between plans, on the pages `outside`, resolve among the
/// site's files, `exists`.
fn check_between<'a>(
    outside: &[&OutputFile],
    exists: impl Iterator<Item = &'a str>,
    d: &mut Diagnostics,
) {
    let scans: Vec<(&str, crate::linkcheck::PageScan)> = outside
        .iter()
        .map(|f| {
            let html = String::from_utf8_lossy(&f.bytes);
            (f.rel_path.as_str(), crate::linkcheck::scan(&html))
        })
        .collect();
    let pages: Vec<(&str, &crate::linkcheck::PageScan)> =
        scans.iter().map(|(p, s)| (*p, s)).collect();
    let exists: Vec<&str> = exists.collect();
    for b in crate::linkcheck::check_scanned(exists.iter().copied(), &pages) {
        d.push(Diagnostic::error(
            b.page.clone(),
            0,
            Bilingual::new(
                format!("指向其他规划的链接无效：{}", b.url),
                format!("broken link to another plan: {}", b.url),
            ),
        ));
    }
}

/// Adds `t` to the outcome's time of stage `name`.
fn add_time(out: &mut Outcome, name: &'static str, t: Duration) {
    match out.timings.iter_mut().find(|(n, _)| *n == name) {
        Some((_, sum)) => *sum += t,
        None => out.timings.push((name, t)),
    }
}

/// Adds one plan's run to the site's: its diagnostics, coverage, timings
/// (summed by stage) and page counts.
fn merge(out: &mut Outcome, d: &mut Diagnostics, one: &mut Outcome) {
    d.extend(std::mem::take(&mut one.diagnostics));
    out.coverage.append(&mut one.coverage);
    for (name, t) in &one.timings {
        add_time(out, name, *t);
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

#[cfg(test)]
mod tests;
