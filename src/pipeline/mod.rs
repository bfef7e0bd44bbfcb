//! The build pipeline, as named and timed stages, in order:
//! load → resolve → attach → render → links → search. Each stage is a
//! function from the product of the one before to its own; a stage that
//! finds errors ends the run with its diagnostics. The [`Mode`] says what
//! a run may reuse and where it writes: `check` keeps everything in memory
//! and writes nothing, `build` writes into a staging folder beside the
//! output (publishing it is the caller's step, [`crate::output`]), `serve`
//! keeps what it made for its next run.

mod post;
mod report;

pub use post::PageInfo;

use crate::diag::Diagnostics;
use crate::i18n::I18n;
use crate::output::Staging;
use crate::render::{self, OutputFile, RenderInput};
use crate::resolve::{self, Coverage};
use anyhow::Result;
use post::{Clocks, Indexer, PagePost};
use std::path::Path;
use std::sync::Arc;
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

/// Runs the stages in `mode`. The files are the same in every mode.
pub fn run_in(root: &Path, opts: Options, mode: Mode<'_>) -> Result<Outcome> {
    let mut run = Run {
        root,
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

    fn stage(&self) -> Option<&'a Staging> {
        match &self.mode {
            Mode::Build(p) => Some(p.stage),
            _ => None,
        }
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
        free_later(used);
        self.stop()
    }
}

/// The compiled templates and the theme's strings, made on the other core
/// while the content loads.
type Early = ((Option<tera::Tera>, Diagnostics), (I18n, Diagnostics));

/// The product of load: the parsed files, and the templates compiling.
struct Loaded {
    raw: crate::load::Raw,
    early: Option<std::thread::JoinHandle<Early>>,
}

/// Load: every source file, read and parsed. The theme's templates start
/// compiling, and its UI strings loading, as soon as the theme is read, on
/// a thread of its own (not a rayon job, so that a blocked worker can never
/// hold up its parse), while the content loads and resolves (~10 ms at
/// N = 1, the longest step before rendering). Not for serve, which keeps
/// its compiled templates.
fn load(r: &mut Run<'_>) -> Result<Option<Loaded>> {
    let mut early = None;
    let serve = matches!(r.mode, Mode::Serve(_));
    let start_early = |theme: &crate::theme::Theme| {
        if !serve {
            let theme = theme.clone();
            early = Some(std::thread::spawn(move || {
                let (mut td, mut id) = (Diagnostics::default(), Diagnostics::default());
                let tera = render::templates(&theme, &mut td);
                let i18n = I18n::from_theme(&theme, &mut id);
                ((tera, td), (i18n, id))
            }));
        }
    };
    let parsed = r.kept().map(|s| &s.parsed);
    let (raw, d) = crate::load::load_with(r.root, start_early, parsed)?;
    r.d = d;
    Ok(raw.map(|raw| Loaded { raw, early }))
}

/// Where the pages' templates come from.
enum Templates {
    /// Kept by the serve session from its last run (the theme is the same).
    Kept(Arc<tera::Tera>),
    /// Compiled in this run, with the diagnostics of compiling them.
    Compiled(Option<Box<tera::Tera>>, Diagnostics),
}

/// The product of resolve.
struct Resolved {
    raw: crate::load::Raw,
    resolved: resolve::Resolved,
    templates: Templates,
    i18n: Option<(I18n, Diagnostics)>,
}

/// Resolve: the parsed files → the site model, while the templates compile
/// (on this stage's other core, unless they started early or the session
/// kept them).
fn resolve(r: &mut Run<'_>, loaded: Loaded) -> Resolved {
    let Loaded { raw, early } = loaded;
    let flags = u64::from(r.opts.minify) | (u64::from(r.opts.search) << 1);
    let kept = r.session().and_then(|s| {
        s.pages.rekey(render::templates_key(&raw.theme) ^ flags);
        s.pages.templates()
    });
    let compile = || {
        let mut td = Diagnostics::default();
        (render::templates(&raw.theme, &mut td), td)
    };
    let chapters = match &r.mode {
        Mode::Serve(s) => Some(&s.chapters),
        _ => None,
    };
    let d = &mut r.d;
    let (resolved, compiled) = rayon::join(
        || resolve::resolve_with(&raw, chapters, d),
        || (kept.is_none() && early.is_none()).then(compile),
    );
    let (compiled, i18n) = match early.map(|thread| thread.join()) {
        Some(Ok((compiled, i18n))) => (Some(compiled), Some(i18n)),
        Some(Err(_)) => (Some(compile()), None),
        None => (compiled, None),
    };
    let templates = match (kept, compiled) {
        (Some(tera), _) => Templates::Kept(tera),
        (None, Some((tera, td))) => Templates::Compiled(tera.map(Box::new), td),
        // Neither kept nor compiled cannot happen: compiled unless kept.
        (None, None) => Templates::Compiled(None, Diagnostics::default()),
    };
    Resolved {
        raw,
        resolved,
        templates,
        i18n,
    }
}

/// What the stages after resolve use of the loaded files.
struct Kept {
    config: crate::config::SiteConfig,
    theme: crate::theme::Theme,
}

/// The product of attach: everything the pages are made from.
struct Attached {
    site: crate::model::Site,
    i18n: I18n,
    disclosure: crate::disclosure::Disclosure,
    kept: Kept,
}

/// Attach: the progress reports and the disclosure record joined to the
/// site, and the theme's strings filled with the plan's own words.
fn attach(r: &mut Run<'_>, resolved: Resolved) -> Result<Option<(Attached, Templates)>> {
    let Resolved {
        raw: mut parsed,
        resolved,
        templates,
        i18n,
    } = resolved;
    r.out.coverage = resolved.coverage;
    // The site holds what the pages need. The chapters' text, which points
    // broken links at their lines, is read again if a link is broken
    // (`load::reread_chapters`), not kept through the render.
    let kept = Kept {
        config: std::mem::take(&mut parsed.config),
        theme: std::mem::take(&mut parsed.theme),
    };
    // The rest is freed beside the render, whose pages then reuse the
    // memory (at N = 100 the parsed files take ~45 MB, and the chapters'
    // text 37 MB more; the peak RSS went from 392 to 342 MB in one run
    // each when the parsed files were first freed here).
    free_later(parsed);
    let mut i18n = match i18n {
        Some((i18n, id)) => {
            r.d.extend(id);
            i18n
        }
        None => I18n::from_theme(&kept.theme, &mut r.d),
    };
    let disclosure = crate::disclosure::load(r.root, &mut r.d)?;
    let site = resolved
        .site
        .map(|s| crate::progress::attach(r.root, s, &mut r.d));
    let site = match site.transpose()? {
        Some(s) if !r.d.has_errors() => s,
        _ => return Ok(None),
    };
    // The theme's strings speak of this plan: its years, period, title.
    i18n.fill(
        &crate::i18n::plan_vars(&site, &kept.config),
        kept.config.description.as_ref(),
    );
    let attached = Attached {
        site,
        i18n,
        disclosure,
        kept,
    };
    Ok(Some((attached, templates)))
}

/// The pages with what was kept of each, in file order.
type Pages = Vec<(String, PageInfo)>;

/// The product of render.
struct Rendered {
    files: Files,
    pages: Pages,
    parts: Option<Vec<crate::search::Part>>,
}

/// Render: every page, on every core, each scanned for links, cut into
/// search records and (`build`) written as soon as it is made; the files
/// that are not pages beside them; each language's search index while the
/// next language renders.
fn render_pages(r: &mut Run<'_>, a: &Attached, templates: Templates) -> Result<Option<Rendered>> {
    let tera = match templates {
        Templates::Kept(tera) => tera,
        Templates::Compiled(tera, td) => {
            r.d.extend(td);
            let Some(tera) = tera else {
                return Ok(None);
            };
            let tera = Arc::new(*tera);
            if let Some(s) = r.session() {
                s.pages.keep_templates(tera.clone());
            }
            tera
        }
    };
    let clocks = Clocks::default();
    let post = PagePost {
        opts: r.opts,
        stage: r.stage(),
        cache: match &r.mode {
            Mode::Build(p) => {
                let key = render::templates_key(&a.kept.theme);
                let key = crate::pagecache::key(key, r.opts.minify);
                Some(crate::pagecache::PageCache::load(p.render_cache, key))
            }
            _ => None,
        },
        clocks: &clocks,
        write_error: Default::default(),
    };
    let indexer = Indexer {
        shards: match &r.mode {
            Mode::Build(p) => Some(p.search_cache),
            _ => None,
        },
        clock: &clocks.index,
        parts: Default::default(),
    };
    let input = RenderInput {
        config: &a.kept.config,
        theme: &a.kept.theme,
        i18n: &a.i18n,
        disclosure: &a.disclosure,
    };
    let page = |rel: &str, html: Vec<u8>, data| post.page(rel, html, data);
    let (known, fetch) = (
        |p: &str, d: &_| post.known(p, d),
        |p: &str, d: &_| post.fetch(p, d),
    );
    let recall = post::recall(&post, &known, &fetch);
    let part = |_, pages: &[(&str, &PageInfo)]| indexer.part(pages);
    let done: Option<&render::Done<'_, PageInfo>> = r.opts.search.then_some(&part);
    let stage = r.stage();
    let mut d = std::mem::take(&mut r.d);
    let memo = r.session().map(|s| &mut s.pages);
    // The files that are not pages are made on one core while the pages
    // start on the other ([`others`]).
    let (rendered, others) = rayon::join(
        || {
            render::render(
                &a.site,
                &input,
                &tera,
                &mut d,
                &page,
                (memo, recall.as_ref()),
                done,
            )
        },
        || clocks.data.time(|| others(&a.site, &input, stage)),
    );
    r.d = d;
    let others = others?;
    (r.out.rendered, r.out.reused) = (rendered.rendered, rendered.reused);
    r.out.cpu = clocks.cpu();
    if let Some(e) = post.failed() {
        return Err(e);
    }
    r.out.cache = post::next_cache(post.cache, &rendered.pages);
    if r.d.has_errors() {
        return Ok(None);
    }
    let files = split_written(rendered.files, others, &rendered.pages, stage.is_some());
    Ok(Some(Rendered {
        files,
        pages: rendered.pages,
        parts: r.opts.search.then(|| indexer.into_parts()).transpose()?,
    }))
}

/// With a staging folder, the pages and the exports are written already;
/// the other files are written while the links are checked (the folder is
/// swapped in only after the check passes, by the caller). Without one,
/// every file is in memory, in file order.
fn split_written(
    mut files: Vec<OutputFile>,
    others: Vec<OutputFile>,
    pages: &Pages,
    staged: bool,
) -> Files {
    if !staged {
        files.extend(others);
        files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        return Files {
            written: vec![],
            unwritten: files,
        };
    }
    let pages: std::collections::HashSet<&str> = pages.iter().map(|(p, _)| p.as_str()).collect();
    let (unwritten, mut written): (Vec<OutputFile>, Vec<OutputFile>) = files
        .into_iter()
        .partition(|f| !pages.contains(f.rel_path.as_str()));
    written.extend(others);
    Files { written, unwritten }
}

/// The files that are not pages: the plan's JSON streamed into the staging
/// folder (at N = 100 it takes ~0.5 s, and made after the pages it was most
/// of the build's tail), then the data exports written one after the
/// other. Most of those (4,200 at N = 100) go into one folder, and two
/// threads creating files in one folder take turns on its lock, the
/// waiting one spinning: written in parallel after the pages, a profiled
/// build spent ~6 % of its samples spinning there, and the links stage took
/// 91-100 ms against 43-48 ms now. Without a staging folder (serve, check)
/// they are made in memory. Written into the staging folder, a file keeps
/// its name and leaves its bytes empty.
fn others(
    site: &crate::model::Site,
    input: &RenderInput<'_>,
    stage: Option<&Staging>,
) -> Result<Vec<OutputFile>> {
    let mut files = render::data_files(site, input);
    let plan = match stage {
        None => render::data::plan_json(site),
        Some(s) => {
            s.write_with(render::PLAN_JSON, |w| {
                render::data::write_plan_json(site, w)
            })?;
            for f in &mut files {
                s.write(&f.rel_path, &std::mem::take(&mut f.bytes))?;
            }
            vec![]
        }
    };
    files.push(OutputFile {
        rel_path: render::PLAN_JSON.into(),
        bytes: plan,
    });
    Ok(files)
}

/// The files after the link check: those written into the staging folder
/// already, and the others (written there by the check's stage, with a
/// staging folder).
struct Files {
    written: Vec<OutputFile>,
    unwritten: Vec<OutputFile>,
}

/// Links: every page's links checked against the files and ids of the
/// site, while the files not yet in the staging folder are written there.
/// A broken link is reported at the content line that wrote it.
fn check_links(r: &mut Run<'_>, files: &Files, pages: &Pages) -> Result<()> {
    let stage = r.stage();
    let (broken, wrote) = rayon::join(
        || {
            let all = files.unwritten.iter().chain(&files.written);
            let exists = all.map(|f| f.rel_path.as_str());
            let scans: Vec<(&str, &crate::linkcheck::PageScan)> = pages
                .iter()
                .map(|(p, info)| (p.as_str(), &info.scan))
                .collect();
            crate::linkcheck::check_scanned(exists, &scans)
        },
        || stage.map_or(Ok(()), |s| s.write_all(&files.unwritten)),
    );
    wrote?;
    if !broken.is_empty() {
        let chapters = crate::load::reread_chapters(r.root);
        for diagnostic in report::link_diagnostics(&chapters, &broken) {
            r.d.push(diagnostic);
        }
    }
    Ok(())
}

/// Search: the index parts made during the render assembled into one index
/// (or one index of all pages, when a theme gave two languages one
/// `<html lang>`), and written into the staging folder.
fn index(
    r: &mut Run<'_>,
    a: &Attached,
    parts: Option<Vec<crate::search::Part>>,
    pages: &Pages,
) -> Result<Vec<OutputFile>> {
    let Some(parts) = parts else {
        return Ok(vec![]);
    };
    let shards = match &r.mode {
        Mode::Build(p) => Some(p.search_cache),
        _ => None,
    };
    let mut langs: Vec<&str> = parts.iter().flat_map(|p| p.langs()).collect();
    let count = langs.len();
    langs.sort_unstable();
    langs.dedup();
    let index = if langs.len() == count {
        crate::search::assemble(parts, shards)?
    } else {
        let records = pages.iter().map(|(_, i)| i.records.as_slice());
        crate::search::index_records(records, shards)?
    };
    if let Some(stage) = r.stage() {
        stage.write_all(&index)?;
    }
    if index.is_empty() {
        r.d.push(crate::search::nothing_indexed(&a.kept.theme));
    }
    Ok(index)
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
