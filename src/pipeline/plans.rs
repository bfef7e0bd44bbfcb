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
use crate::diag::Diagnostics;
use crate::model::linked::OtherIndicator;
use crate::model::PlanInfo;
use crate::output::Staging;
use crate::progress::model::Date;
use crate::render::portal::{self, PortalPlan};
use crate::render::{routes, OutputFile};
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

mod checks;
pub(super) mod reuse;
mod site;
mod summary;

use checks::{bad_id, check_between, mixed_layout};

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

/// How a site of several plans runs.
pub(super) enum SiteMode<'a> {
    /// Every file in memory.
    Check,
    /// Each plan's files written into the staging folder once it is done.
    Build(&'a Staging),
    /// Every file in memory; each plan reuses what its own session kept
    /// from the last run (its parsed files, chapters and pages).
    Serve(&'a mut super::Session),
}

/// Runs every plan of the site, each after the plans it links to, and
/// adds the portal. Any plan's errors fail the whole site (no files).
pub(super) fn run(
    root: &Path,
    ids: &[String],
    opts: Options,
    mode: SiteMode<'_>,
) -> Result<Outcome> {
    let (stage, mut session) = match mode {
        SiteMode::Check => (None, None),
        SiteMode::Build(stage) => (Some(stage), None),
        SiteMode::Serve(s) => (None, Some(s)),
    };
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
    // serve: the stamp of the site's shared files.
    let shared = session.is_some().then(|| reuse::site_stamp(root));
    if !site.d.has_errors() {
        site.run_plans(ids, &links, session.as_deref_mut(), shared.as_ref())?;
    }
    if !site.d.has_errors() && site.built.plans.len() == ids.len() {
        let t = Instant::now();
        let last = session.map(|s| &mut s.portal).zip(shared.as_ref());
        let files = site.files(ids, (&config, &theme), last)?;
        add_time(&mut site.out, "portal", t.elapsed());
        site.out.files = Some(files).filter(|_| !site.d.has_errors());
        if stage.is_some() {
            site.out.written = std::mem::take(&mut site.built.names);
        }
    }
    if site.out.files.is_none() {
        site.out.parts.clear();
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

/// What one plan's run made, under the plan's folder.
struct Made {
    files: Vec<OutputFile>,
    info: PlanInfo,
    /// Its pages (site paths) with links to other plans' pages.
    outside: Vec<String>,
    /// Its diagnostics.
    own: Diagnostics,
    coverage: Vec<crate::resolve::Coverage>,
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
    /// Every plan file's site path, when they are not all in `files`: the
    /// files written into the staging folder (`build`), or those of the
    /// outcome's parts (`serve`).
    names: Vec<String>,
    /// The pages (site paths) with links to other plans' pages.
    outside: std::collections::HashSet<String>,
}

impl SiteRun<'_> {
    /// Runs every plan, each after the plans it links to (`serve`: each in
    /// its own session, given the stamp of the site's shared files).
    fn run_plans(
        &mut self,
        ids: &[String],
        links: &BTreeMap<String, plan_links::PlanLinks>,
        mut session: Option<&mut super::Session>,
        shared: Option<&reuse::Stamp>,
    ) -> Result<()> {
        if let Some(s) = session.as_deref_mut() {
            // Plans gone from the site are forgotten.
            s.plans.retain(|id, _| ids.contains(id));
        }
        for id in plan_links::order(ids, links, &mut self.d) {
            let kept = session
                .as_deref_mut()
                .map(|s| s.plans.entry(id.clone()).or_default());
            self.run_plan(&id, &links[&id], kept.zip(shared))?;
        }
        Ok(())
    }

    /// Runs plan `id`, given what the plans it links to made (`serve`:
    /// with what its session kept from the last run, and the stamp of the
    /// site's shared files).
    fn run_plan(
        &mut self,
        id: &str,
        links: &plan_links::PlanLinks,
        session: Option<(&mut super::Session, &reuse::Stamp)>,
    ) -> Result<()> {
        let mut linked = plan_links::linked(links, &self.built.plans, &mut self.d);
        linked.folder = routes::plan_folder(id);
        let Some((s, site)) = session else {
            let Some(made) = self.made(id, links, linked, None)? else {
                return Ok(());
            };
            self.d.extend(made.own);
            self.out.coverage.extend(made.coverage);
            self.keep(made.files)?;
            self.built.plans.insert(id.to_string(), made.info);
            return Ok(());
        };
        let stamp = reuse::plan_stamp(self.root, id, site);
        if let Some(last) = s.last.as_ref().filter(|l| l.holds(&stamp, &linked)) {
            self.reuse(id, last);
            return Ok(());
        }
        let Some(made) = self.made(id, links, linked.clone(), Some(&mut *s))? else {
            return Ok(());
        };
        let last = reuse::Last {
            stamp,
            linked,
            part: crate::render::part(made.files),
            info: made.info,
            outside: made.outside,
            diagnostics: made.own,
            coverage: made.coverage,
        };
        self.reuse(id, &last);
        s.last = Some(last);
        Ok(())
    }

    /// Runs plan `id` linked to `linked` (`serve`: in its `session`): what
    /// it made, under its folder; `None`, with its diagnostics added, when
    /// it failed.
    fn made(
        &mut self,
        id: &str,
        links: &plan_links::PlanLinks,
        linked: crate::model::Linked,
        session: Option<&mut super::Session>,
    ) -> Result<Option<Made>> {
        let Some(shared) = self.shared.clone() else {
            return Ok(None);
        };
        let content = cat!(crate::load::PLANS, "/", id);
        let plan = super::PlanIn {
            content: &content,
            linked,
            shared: Some(shared),
        };
        let mode = session.map_or(Mode::Check, Mode::Serve);
        let mut one = run_plan(self.root, plan, self.opts, mode)?;
        let mut own = std::mem::take(&mut one.diagnostics);
        let coverage = std::mem::take(&mut one.coverage);
        merge(&mut self.out, &mut one);
        let (Some(files), Some(mut info)) = (one.files, one.plan) else {
            self.d.extend(own);
            self.out.coverage.extend(coverage);
            return Ok(None);
        };
        plan_links::check_own(links, &info.indicators, &mut own);
        for i in &mut info.indicators {
            i.plan = id.to_string();
        }
        let folder = routes::plan_folder(id);
        let outside: Vec<String> = one.outside.iter().map(|p| cat!(folder, p)).collect();
        self.built.outside.extend(outside.iter().cloned());
        let files = files
            .into_iter()
            .map(|f| OutputFile {
                rel_path: cat!(folder, f.rel_path),
                bytes: f.bytes,
            })
            .collect();
        Ok(Some(Made {
            files,
            info,
            outside,
            own,
            coverage,
        }))
    }

    /// Takes plan `id`'s files, summary and diagnostics from `last` (`serve`).
    fn reuse(&mut self, id: &str, last: &reuse::Last) {
        self.d.extend(last.diagnostics.clone());
        self.out.coverage.extend(last.coverage.iter().cloned());
        let b = &mut self.built;
        b.outside.extend(last.outside.iter().cloned());
        for (path, bytes) in last.part.iter() {
            b.names.push(path.clone());
            if b.outside.contains(path) || portal::reads(path) {
                b.files.push(OutputFile {
                    rel_path: path.clone(),
                    bytes: bytes.clone(),
                });
            }
        }
        self.out.reused += last.part.keys().filter(|p| p.ends_with(".html")).count();
        self.out.parts.push(last.part.clone());
        b.plans.insert(id.to_string(), last.info.clone());
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
            b.names.push(f.rel_path.clone());
            if needed {
                b.files.push(f);
            }
        }
        Ok(())
    }
}

/// Adds `t` to the outcome's time of stage `name`.
fn add_time(out: &mut Outcome, name: &'static str, t: Duration) {
    match out.timings.iter_mut().find(|(n, _)| *n == name) {
        Some((_, sum)) => *sum += t,
        None => out.timings.push((name, t)),
    }
}

/// Adds one plan's run to the site's: its timings (summed by stage) and
/// page counts.
fn merge(out: &mut Outcome, one: &mut Outcome) {
    for (name, t) in &one.timings {
        add_time(out, name, *t);
    }
    out.rendered += one.rendered;
    out.reused += one.reused;
}

#[cfg(test)]
mod tests;
