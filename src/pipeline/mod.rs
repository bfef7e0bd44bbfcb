//! The build pipeline, as named and timed stages, in order:
//! load → resolve → attach → render → links → search. Each stage is a
//! function from the product of the one before to its own; a stage that
//! finds errors ends the run with its diagnostics. The [`Mode`] says what
//! a run may reuse and where it writes: `check` keeps everything in memory
//! and writes nothing, `build` writes into a staging folder beside the
//! output (publishing it is the caller's step, [`crate::output`]), `serve`
//! keeps what it made for its next run.

mod before;
mod pages;
mod plan_links;
mod plans;
mod post;
mod report;
pub mod site;

pub use post::PageInfo;

use crate::diag::Diagnostics;
use crate::output::Staging;
use crate::render::{self, OutputFile};
use crate::resolve::{self, Coverage};
use anyhow::Result;
use before::{attach, load, resolve, Attached};
use pages::{check_links, index, render_pages, Files, Pages, Rendered};
use std::path::Path;
use std::time::{Duration, Instant};

/// The outcome of running the pipeline.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The rendered files, when there were no errors (with [`Mode::Build`]
    /// they are in the staging folder, and this is empty).
    pub files: Option<Vec<OutputFile>>,
    pub diagnostics: Diagnostics,
    pub coverage: Vec<Coverage>,
    /// Wall time of each stage.
    pub timings: Vec<(&'static str, Duration)>,
    /// CPU time of the steps run per page inside the render stage, summed
    /// over the worker threads (so it can exceed the stage's wall time).
    pub cpu: Vec<(&'static str, Duration)>,
    /// Pages rendered, and pages reused from an earlier build.
    pub rendered: usize,
    pub reused: usize,
    /// With [`Mode::Build`], every file written into the staging folder.
    pub written: Vec<String>,
    /// With [`Mode::Build`], the render cache to save for the next build
    /// once this one is published.
    pub cache: Option<crate::pagecache::NextCache>,
    /// The plan the run built, as a portal lists it (when it succeeded).
    pub plan: Option<crate::model::PlanInfo>,
    /// On a site of several plans, the pages with links to other plans'
    /// pages, for the site to check once all are built.
    pub outside: Vec<String>,
    /// With [`Mode::Serve`] on a site of several plans: each plan's files,
    /// kept by the session for the plans that do not change (the portal's
    /// are in `files`).
    pub parts: Vec<render::Part>,
}

/// What a run may reuse and where it writes.
pub enum Mode<'a> {
    /// In memory: nothing is reused and nothing written (`check`, tests).
    Check,
    /// Into a staging folder, reusing what earlier builds left beside the
    /// output (`build`).
    Build(Publish<'a>),
    /// In memory, reusing the session's pages, parsed files, chapters and
    /// templates, and keeping this run's there (`serve`).
    Serve(&'a mut Session),
}

/// Where a build writes, and the caches of earlier builds beside it.
pub struct Publish<'a> {
    /// Each page is written here as soon as it is rendered, and the other
    /// files while the links are checked: the outcome's `written` then
    /// lists every file, and the caller only has to finish the folder.
    pub stage: &'a Staging,
    /// The render cache file of the last build: a page whose template data
    /// is the same is taken from there, not rendered.
    pub render_cache: &'a Path,
    /// A folder of search index shards from earlier builds.
    pub search_cache: &'a Path,
}

/// What `serve` keeps from one run for the next: the pages, reused where
/// their template data did not change, and the data files and chapters,
/// reused where their text did not.
#[derive(Default)]
pub struct Session {
    pub pages: render::Memo<PageInfo>,
    pub parsed: crate::load::ParseCache,
    pub chapters: resolve::ChapterCache,
    /// On a site of several plans, each plan's own, by plan id.
    pub plans: std::collections::BTreeMap<String, Session>,
    /// A plan's last run on a site of several plans.
    last: Option<plans::reuse::Last>,
    /// The portal's last pages, on a site of several plans.
    portal: Option<plans::reuse::Portal>,
}

/// Options for a pipeline run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Minify HTML (`build --minify`).
    pub minify: bool,
    /// Build the search index (`build`; off with `--no-search` and for `check`).
    pub search: bool,
}

/// The settings every page is minified with (minify-html): spec-compliant
/// output, the `<html>` and `<head>` start tags, closing tags and the
/// doctype kept, inline CSS minified.
pub fn minify_cfg() -> &'static minify_html::Cfg {
    static CFG: std::sync::OnceLock<minify_html::Cfg> = std::sync::OnceLock::new();
    CFG.get_or_init(|| {
        let mut cfg = minify_html::Cfg::spec_compliant();
        cfg.keep_html_and_head_opening_tags = true;
        cfg.keep_closing_tags = true;
        cfg.do_not_minify_doctype = true;
        cfg.minify_css = true;
        cfg
    })
}

/// Loads, resolves and renders the site at `root`, in memory.
pub fn run(root: &Path, opts: Options) -> Result<Outcome> {
    run_in(root, opts, Mode::Check)
}

/// Runs the stages in `mode`. The files are the same in every mode. A site
/// of several plans (`content/plans/ID/`) runs them for each plan, and
/// adds the portal that lists them.
pub fn run_in(root: &Path, opts: Options, mode: Mode<'_>) -> Result<Outcome> {
    let ids = crate::load::plan_ids(root)?;
    if ids.is_empty() {
        let plan = PlanIn {
            content: crate::load::CONTENT,
            linked: Default::default(),
            shared: None,
        };
        return run_plan(root, plan, opts, mode);
    }
    let site = match mode {
        Mode::Check => plans::SiteMode::Check,
        Mode::Build(p) => plans::SiteMode::Build(p.stage),
        Mode::Serve(s) => plans::SiteMode::Serve(s),
    };
    plans::run(root, &ids, opts, site)
}

/// Which plan a run builds.
struct PlanIn<'a> {
    /// The plan's content folder, relative to the site root.
    content: &'a str,
    /// What its indicators link to in the site's other plans.
    linked: crate::model::Linked,
    /// On a site of several plans, the templates and strings made once for
    /// all.
    shared: Option<Shared>,
}

/// What a site of several plans makes once for all its plans: the
/// compiled templates and the theme's strings (filled per plan).
#[derive(Clone)]
struct Shared {
    tera: std::sync::Arc<tera::Tera>,
    i18n: crate::i18n::I18n,
}

/// Runs the stages for the plan `plan`.
fn run_plan(root: &Path, plan: PlanIn<'_>, opts: Options, mode: Mode<'_>) -> Result<Outcome> {
    let mut run = Run {
        root,
        content: plan.content,
        linked: plan.linked,
        shared: plan.shared,
        opts,
        mode,
        d: Diagnostics::default(),
        out: Outcome::default(),
    };
    let Some(loaded) = run.timed("load", load)? else {
        return Ok(run.stop());
    };
    let resolved = run.timed("resolve", |r| resolve(r, loaded));
    let Some((attached, templates)) = run.timed("attach", |r| attach(r, resolved))? else {
        return Ok(run.stop());
    };
    let rendered = run.timed("render", |r| render_pages(r, &attached, templates));
    let Some(rendered) = rendered? else {
        return Ok(run.stop());
    };
    let Rendered {
        files,
        pages,
        parts,
    } = rendered;
    run.timed("links", |r| check_links(r, &files, &pages))?;
    if run.d.has_errors() {
        return Ok(run.stop());
    }
    let index = run.timed("search", |r| index(r, &attached, parts, &pages))?;
    Ok(run.finish(files, index, (attached, pages)))
}

/// One run: its settings, and what it has found and made so far.
struct Run<'a> {
    root: &'a Path,
    /// The plan's content folder, relative to `root`.
    content: &'a str,
    /// What the plan's indicators link to in other plans.
    linked: crate::model::Linked,
    /// Templates and strings made before the run, for every plan.
    shared: Option<Shared>,
    opts: Options,
    mode: Mode<'a>,
    d: Diagnostics,
    out: Outcome,
}

impl<'a> Run<'a> {
    fn timed<T>(&mut self, name: &'static str, stage: impl FnOnce(&mut Self) -> T) -> T {
        let start = Instant::now();
        let out = stage(self);
        self.out.timings.push((name, start.elapsed()));
        out
    }

    /// The outcome of a run that ends here, with its diagnostics.
    fn stop(mut self) -> Outcome {
        self.out.diagnostics = self.d;
        self.out
    }

    /// Where a build writes, and its caches (`build` only).
    fn publish(&self) -> Option<&Publish<'a>> {
        match &self.mode {
            Mode::Build(p) => Some(p),
            _ => None,
        }
    }

    fn stage(&self) -> Option<&'a Staging> {
        self.publish().map(|p| p.stage)
    }

    /// The search shard cache of earlier builds (`build` only).
    fn shards(&self) -> Option<&'a Path> {
        self.publish().map(|p| p.search_cache)
    }

    fn kept(&self) -> Option<&Session> {
        match &self.mode {
            Mode::Serve(s) => Some(s),
            _ => None,
        }
    }

    fn session(&mut self) -> Option<&mut Session> {
        match &mut self.mode {
            Mode::Serve(s) => Some(s),
            _ => None,
        }
    }

    /// The outcome of a run that succeeded.
    fn finish(
        mut self,
        mut files: Files,
        index: Vec<OutputFile>,
        used: (Attached, Pages),
    ) -> Outcome {
        files.unwritten.extend(index);
        files.unwritten.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        if self.stage().is_some() {
            // Everything is in the staging folder: the caller only prunes
            // and swaps.
            let all = files.written.into_iter().chain(files.unwritten);
            self.out.written = all.map(|f| f.rel_path).collect();
            self.out.files = Some(vec![]);
        } else {
            self.out.files = Some(files.unwritten);
        }
        self.out.plan = Some(plans::info(&used.0));
        free_later(used);
        self.stop()
    }
}

/// Drops `v` on a thread of its own. Freeing the model and the loaded
/// files of a large site takes ~0.15 s on one core at N = 100, at the very
/// end of a build, where the process would only wait for it before it
/// exits (serve frees it while it waits for the next edit).
fn free_later<T: Send + 'static>(v: T) {
    // If no thread can be started, the closure and `v` are dropped here.
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(v));
}
