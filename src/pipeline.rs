//! The build pipeline as named, timed stages: load → resolve → render →
//! (minify) — everything in memory. Publishing is the caller's choice, so
//! `check` runs the same stages and writes nothing.

use crate::diag::Diagnostics;
use crate::i18n::I18n;
use crate::render::{self, OutputFile, RenderInput};
use crate::resolve::{self, Coverage};
use anyhow::Result;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The outcome of running the pipeline.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The rendered files, when there were no errors.
    pub files: Option<Vec<OutputFile>>,
    pub diagnostics: Diagnostics,
    pub coverage: Vec<Coverage>,
    /// Wall time of each stage.
    pub timings: Vec<(&'static str, Duration)>,
    /// CPU time of the steps run per page inside the render stage, summed
    /// over the worker threads (so it can exceed the stage's wall time).
    pub cpu: Vec<(&'static str, Duration)>,
    /// Pages rendered and pages reused from the last build (`serve`).
    pub rendered: usize,
    pub reused: usize,
    /// The files already written to `Reuse::stage` (all of them, when
    /// there is one: `files` is then empty).
    pub written: Vec<String>,
    /// With `Reuse::cache`: the render cache to save for the next build
    /// once this one is published.
    pub cache: Option<crate::pagecache::NextCache>,
}

/// What the pipeline keeps of each page after rendering it: its links and
/// ids for the link check, and its search records.
#[derive(Debug, Clone)]
pub struct PageInfo {
    scan: crate::linkcheck::PageScan,
    records: Vec<crate::search::Record>,
    /// With a render cache: the digests of the template data and of the file.
    digests: Option<(render::Digest, render::Digest)>,
}

/// What a run may reuse from earlier runs, and where it may write.
#[derive(Default)]
pub struct Reuse<'a> {
    /// Pages of the last build of this session (`serve`).
    pub pages: Option<&'a mut render::Memo<PageInfo>>,
    /// A folder of search index shards from earlier builds.
    pub search: Option<&'a Path>,
    /// Write each page here as soon as it is rendered (`build`), instead
    /// of keeping it in memory, and the other files while the links are
    /// checked: the outcome's `written` then lists every file, and the
    /// caller only has to finish the folder.
    pub stage: Option<&'a crate::output::Staging>,
    /// The render cache file of the last build into `stage` (`build`): a
    /// page whose template data is the same is taken from there, not
    /// rendered. The outcome carries what to save for the next build.
    pub cache: Option<&'a Path>,
    /// The data files parsed by the last run (`serve`): one whose text is
    /// unchanged is not parsed again, and this run's parses are kept here.
    pub parsed: Option<&'a crate::load::ParseCache>,
    /// The chapters resolved by the last run (`serve`): one whose files are
    /// unchanged is not parsed again, and this run's are kept here.
    pub chapters: Option<&'a resolve::ChapterCache>,
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

impl Session {
    /// A run in memory that reuses what this session kept, and keeps what
    /// it makes for the next.
    pub fn reuse(&mut self) -> Reuse<'_> {
        Reuse {
            pages: Some(&mut self.pages),
            search: None,
            stage: None,
            cache: None,
            parsed: Some(&self.parsed),
            chapters: Some(&self.chapters),
        }
    }
}

/// Options for a pipeline run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Minify HTML (off for `check`, which does not publish).
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

fn timed<T>(
    timings: &mut Vec<(&'static str, Duration)>,
    name: &'static str,
    f: impl FnOnce() -> T,
) -> T {
    let start = Instant::now();
    let out = f();
    timings.push((name, start.elapsed()));
    out
}

/// Loads, resolves and renders the site at `root`, in memory.
pub fn run(root: &Path, opts: Options) -> Result<Outcome> {
    run_with(root, opts, Reuse::default())
}

/// Summed nanoseconds of one per-page step.
#[derive(Default)]
struct Clock(AtomicU64);

impl Clock {
    fn time<T>(&self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        let ns = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.0.fetch_add(ns, Ordering::Relaxed);
        out
    }

    fn get(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::Relaxed))
    }
}

/// [`run`], reusing what `reuse` offers. The output is the same.
pub fn run_with(root: &Path, opts: Options, reuse: Reuse<'_>) -> Result<Outcome> {
    let mut out = Outcome::default();
    let mut t = vec![];
    // The theme's templates start compiling, and its UI strings loading,
    // as soon as the theme is read, on the other core, while the content
    // loads and resolves (~10 ms at N = 1, the longest step before
    // rendering); on a thread of its own, not a rayon job, so that it is
    // waited for outside the pool and a blocked worker can never hold up
    // its parse. Not for serve, which keeps its compiled templates.
    let mut early = None;
    let start_early = |theme: &crate::theme::Theme| {
        if reuse.pages.is_none() {
            let theme = theme.clone();
            early = Some(std::thread::spawn(move || {
                let (mut td, mut id) = (Diagnostics::default(), Diagnostics::default());
                let tera = render::templates(&theme, &mut td);
                let i18n = I18n::from_theme(&theme, &mut id);
                ((tera, td), (i18n, id))
            }));
        }
    };
    let (raw, mut d) = timed(&mut t, "load", || {
        crate::load::load_with(root, start_early, reuse.parsed)
    })?;
    let Some(raw) = raw else {
        out.diagnostics = d;
        out.timings = t;
        return Ok(out);
    };
    // Else the templates compile on the other core while the content
    // resolves (serve reuses them while the theme is unchanged).
    let mut memo = reuse.pages;
    let cached = memo.as_deref_mut().and_then(|m| {
        let flags = u64::from(opts.minify) | (u64::from(opts.search) << 1);
        m.rekey(render::templates_key(&raw.theme) ^ flags);
        m.templates()
    });
    let page_cache = reuse.cache.filter(|_| reuse.stage.is_some()).map(|path| {
        let key = crate::pagecache::key(render::templates_key(&raw.theme), opts.minify);
        crate::pagecache::PageCache::load(path, key)
    });
    let compile = || {
        let mut td = Diagnostics::default();
        (render::templates(&raw.theme, &mut td), td)
    };
    let (resolved, (compiled, early_i18n)) = timed(&mut t, "resolve", || {
        let (resolved, compiled) = rayon::join(
            || resolve::resolve_with(&raw, reuse.chapters, &mut d),
            || (cached.is_none() && early.is_none()).then(compile),
        );
        let (compiled, i18n) = match early.map(|thread| thread.join()) {
            Some(Ok((compiled, i18n))) => (Some(compiled), Some(i18n)),
            Some(Err(_)) => (Some(compile()), None),
            None => (compiled, None),
        };
        (resolved, (compiled, i18n))
    });
    out.coverage = resolved.coverage;
    // The site holds what the pages need. The chapters' text, which points
    // broken links at their lines, is read again if a link is broken
    // (`load::reread_chapters`), not kept through the render.
    let mut parsed = raw;
    let raw = Kept {
        config: std::mem::take(&mut parsed.config),
        theme: std::mem::take(&mut parsed.theme),
    };
    // The rest is freed beside the render, whose pages then reuse the
    // memory (at N = 100 the parsed files take ~45 MB, and the chapters'
    // text 37 MB more; the peak RSS went from 392 to 342 MB in one run
    // each when the parsed files were first freed here).
    free_later(parsed);
    let (i18n, disclosure, site) = timed(&mut t, "attach", || {
        let i18n = match early_i18n {
            Some((i18n, id)) => {
                d.extend(id);
                i18n
            }
            None => I18n::from_theme(&raw.theme, &mut d),
        };
        let disclosure = crate::disclosure::load(root, &mut d);
        (
            i18n,
            disclosure,
            resolved
                .site
                .map(|s| crate::progress::attach(root, s, &mut d)),
        )
    });
    let disclosure = disclosure?;
    let site = match site.transpose()? {
        Some(s) if !d.has_errors() => s,
        _ => {
            out.diagnostics = d;
            out.timings = t;
            return Ok(out);
        }
    };
    // The theme's strings speak of this plan: its years, period, title.
    let mut i18n = i18n;
    i18n.fill(
        &crate::i18n::plan_vars(&site, &raw.config),
        raw.config.description.as_ref(),
    );
    let (scan_clock, search_clock, minify_clock, write_clock, data_clock) = (
        Clock::default(),
        Clock::default(),
        Clock::default(),
        Clock::default(),
        Clock::default(),
    );
    let write_error: std::sync::Mutex<Option<anyhow::Error>> = std::sync::Mutex::new(None);
    let stage = reuse.stage;
    // Search records are cut from the bytes written, so that a page taken
    // from the last build gives the same records as one rendered now.
    let records = |rel: &str, bytes: &[u8]| {
        if opts.search {
            let html = String::from_utf8_lossy(bytes);
            search_clock.time(|| crate::search::page_records(rel, &html))
        } else {
            vec![]
        }
    };
    let scan_page = |html: &str| scan_clock.time(|| crate::linkcheck::scan(html));
    let post = |rel: &str, html: Vec<u8>, data: Option<render::Digest>| -> (Vec<u8>, PageInfo) {
        // The links are read from the page as rendered, before any
        // minification, as `check` reads them.
        let scan = scan_page(&String::from_utf8_lossy(&html));
        let bytes = if opts.minify {
            minify_clock.time(|| minify_html::minify(&html, minify_cfg()))
        } else {
            html
        };
        let info = PageInfo {
            scan,
            records: records(rel, &bytes),
            digests: data
                .filter(|_| page_cache.is_some())
                .map(|d| (d, crate::pagecache::file_digest(&bytes))),
        };
        let Some(stage) = stage else {
            return (bytes, info);
        };
        if let Err(e) = write_clock.time(|| stage.write(rel, &bytes)) {
            if let Ok(mut slot) = write_error.lock() {
                slot.get_or_insert(e);
            }
        }
        (Vec::new(), info)
    };
    // A page the last build made from the same template data: its file,
    // checked against its digest, is kept, and scanned for links and
    // search records as a rendered page is.
    let known =
        |rel: &str, data: &render::Digest| page_cache.as_ref().is_some_and(|c| c.known(rel, data));
    let fetch = |rel: &str, data: &render::Digest| -> Option<PageInfo> {
        let file = page_cache.as_ref()?.file(rel)?;
        let bytes = write_clock.time(|| stage?.recall(rel, file))?;
        Some(PageInfo {
            scan: scan_page(std::str::from_utf8(&bytes).ok()?),
            records: records(rel, &bytes),
            digests: Some((*data, *file)),
        })
    };
    let recall = render::Recall {
        known: &known,
        fetch: &fetch,
    };
    let recall = page_cache.as_ref().map(|_| &recall);
    // Each language's search index is built as soon as its pages are
    // rendered, while the next language renders.
    let index_clock = Clock::default();
    let parts: std::sync::Mutex<Vec<Result<crate::search::Part>>> = Default::default();
    let index_part = |_: crate::model::Lang, pages: &[(&str, &PageInfo)]| {
        let records = pages.iter().map(|(_, info)| info.records.as_slice());
        let part =
            index_clock.time(|| crate::search::index_part(records, &site.synonyms, reuse.search));
        if let Ok(mut parts) = parts.lock() {
            parts.push(part);
        }
    };
    let done: Option<&render::Done<'_, PageInfo>> = opts.search.then_some(&index_part);
    let rendered = timed(&mut t, "render", || {
        let tera = match (cached, compiled) {
            (Some(tera), _) => tera,
            (None, Some((tera, td))) => {
                d.extend(td);
                let tera = std::sync::Arc::new(tera?);
                if let Some(m) = memo.as_deref_mut() {
                    m.keep_templates(tera.clone());
                }
                tera
            }
            (None, None) => return None,
        };
        let input = RenderInput {
            config: &raw.config,
            theme: &raw.theme,
            i18n: &i18n,
            disclosure: &disclosure,
        };
        // The files that are not pages are made on one core while the pages
        // start on the other: the plan's JSON streamed into the staging
        // folder (at N = 100 it takes ~0.5 s, and made after the pages it
        // was most of the build's tail), then the data exports written one
        // after the other. Most of those (4,200 at N = 100) go into one
        // folder, and two threads creating files in one folder take turns
        // on its lock, the waiting one spinning: written in parallel after
        // the pages, a profiled build spent ~6 % of its samples spinning
        // there, and the links stage took 91-100 ms against 43-48 ms now.
        // Without a staging folder (serve, check) they are made in memory.
        let (rendered, others) = rayon::join(
            || render::render(&site, &input, &tera, &mut d, &post, (memo, recall), done),
            || {
                data_clock.time(|| -> Result<Vec<OutputFile>> {
                    let mut files = render::data_files(&site, &input);
                    // Written into the staging folder, a file keeps its
                    // name and leaves its bytes empty.
                    let plan = match stage {
                        None => render::data::plan_json(&site),
                        Some(s) => {
                            s.write_with(render::PLAN_JSON, |w| {
                                render::data::write_plan_json(&site, w)
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
                })
            },
        );
        Some((rendered, others))
    });
    // With a staging folder, `exports` holds the files that are not pages,
    // written already (their bytes left empty).
    let mut exports = vec![];
    let rendered = match rendered {
        Some((mut rendered, others)) => {
            let others = others?;
            if stage.is_some() {
                exports = others;
            } else {
                // Among the other files, in their order.
                rendered.files.extend(others);
                rendered.files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
            }
            Some(rendered)
        }
        None => None,
    };
    if let Some(r) = &rendered {
        (out.rendered, out.reused) = (r.rendered, r.reused);
        out.cache = page_cache.map(|c| {
            let pages = r.pages.iter();
            c.next(
                pages
                    .filter_map(|(p, i)| i.digests.map(|(d, f)| (p.clone(), d, f)))
                    .collect(),
            )
        });
    }
    out.cpu = vec![
        ("links", scan_clock.get()),
        ("search", search_clock.get()),
        ("index", index_clock.get()),
        ("minify", minify_clock.get()),
        ("write", write_clock.get()),
        ("data", data_clock.get()),
    ];
    if let Some(e) = write_error.into_inner().ok().flatten() {
        return Err(e);
    }
    let rendered = match rendered {
        Some(r) if !d.has_errors() => r,
        _ => {
            out.diagnostics = d;
            out.timings = t;
            return Ok(out);
        }
    };
    // With a staging folder the pages and the exports are written already
    // (`written`); the other files (`files`) are written while the links
    // are checked (the folder is swapped in only after the check passes, by
    // the caller).
    let (mut files, written): (Vec<OutputFile>, Vec<OutputFile>) = match stage {
        Some(_) => {
            let pages: std::collections::HashSet<&str> =
                rendered.pages.iter().map(|(p, _)| p.as_str()).collect();
            let (files, mut written): (Vec<OutputFile>, Vec<OutputFile>) = rendered
                .files
                .into_iter()
                .partition(|f| !pages.contains(f.rel_path.as_str()));
            written.append(&mut exports);
            (files, written)
        }
        None => (rendered.files, vec![]),
    };
    let (broken, wrote) = timed(&mut t, "links", || {
        rayon::join(
            || {
                let exists = files.iter().chain(&written).map(|f| f.rel_path.as_str());
                let scans: Vec<(&str, &crate::linkcheck::PageScan)> = rendered
                    .pages
                    .iter()
                    .map(|(p, info)| (p.as_str(), &info.scan))
                    .collect();
                crate::linkcheck::check_scanned(exists, &scans)
            },
            || stage.map_or(Ok(()), |s| s.write_all(&files)),
        )
    });
    wrote?;
    if !broken.is_empty() {
        let chapters = crate::load::reread_chapters(root);
        for diagnostic in link_diagnostics(&chapters, &broken) {
            d.push(diagnostic);
        }
    }
    if d.has_errors() {
        out.diagnostics = d;
        out.timings = t;
        return Ok(out);
    }
    if opts.search {
        // Indexing, and writing the index into the staging folder.
        let index = timed(&mut t, "search", || {
            let parts = parts
                .into_inner()
                .map_err(|_| anyhow::anyhow!("search index: a worker failed"))?
                .into_iter()
                .collect::<Result<Vec<_>>>()?;
            let mut langs: Vec<&str> = parts.iter().flat_map(|p| p.langs()).collect();
            let count = langs.len();
            langs.sort_unstable();
            langs.dedup();
            let index = if langs.len() == count {
                crate::search::assemble(parts, reuse.search)?
            } else {
                // A theme gave two site languages' pages the same
                // `<html lang>`: one index for all of them, as one part.
                let pages = rendered.pages.iter().map(|(_, i)| i.records.as_slice());
                crate::search::index_records(pages, &site.synonyms, reuse.search)?
            };
            if let Some(stage) = stage {
                stage.write_all(&index)?;
            }
            anyhow::Ok(index)
        })?;
        if index.is_empty() {
            d.push(crate::search::nothing_indexed(&raw.theme));
        }
        files.extend(index);
        files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    }
    if stage.is_some() {
        // Everything is in the staging folder: the caller only prunes and
        // swaps.
        out.written = written
            .into_iter()
            .chain(files)
            .map(|f| f.rel_path)
            .collect();
        out.files = Some(vec![]);
    } else {
        out.files = Some(files);
    }
    out.diagnostics = d;
    out.timings = t;
    free_later((site, raw, rendered.pages, i18n, disclosure));
    Ok(out)
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

/// What the stages after resolve use of the loaded files.
struct Kept {
    config: crate::config::SiteConfig,
    theme: crate::theme::Theme,
}

/// Broken links as diagnostics, each pointing at the content line that
/// wrote it when one did, else at the page (a theme problem). The chapters'
/// links are gathered once ([`ContentLinks`]): searching all 37 MB of
/// chapters for each broken link took minutes at N = 100 when a theme's
/// link broke on every page. A theme's link is reported once per way it is
/// written, with the first page and the number of others, not once per
/// page.
fn link_diagnostics(
    chapters: &[crate::load::RawChapter],
    broken: &[crate::linkcheck::BrokenLink],
) -> Vec<crate::diag::Diagnostic> {
    use crate::diag::{Bilingual, Diagnostic};
    let written = ContentLinks::new(chapters);
    let message = |b: &crate::linkcheck::BrokenLink, others: usize| {
        let (zh_what, en_what) = if b.missing_anchor {
            ("链接的锚点不存在", "link to a missing anchor")
        } else {
            ("链接指向不存在的页面", "broken link")
        };
        let (url, page) = (&b.url, &b.page);
        match others {
            0 => Bilingual::new(
                format!("{zh_what}：{url}（页面 {page}）"),
                format!("{en_what}: {url} (on page {page})"),
            ),
            n => Bilingual::new(
                format!("{zh_what}：{url}（页面 {page} 及其他 {n} 个页面）"),
                format!("{en_what}: {url} (on page {page} and {n} other pages)"),
            ),
        }
    };
    let mut out = Vec::new();
    // A theme's links: the first of each, and how many more.
    let mut theme: Vec<(&crate::linkcheck::BrokenLink, usize)> = Vec::new();
    let mut theme_at: std::collections::HashMap<(&str, bool), usize> =
        std::collections::HashMap::new();
    for b in broken {
        match written.written_at(&b.page, &b.url) {
            Some((src, line, text)) => out.push(
                Diagnostic::error(&src.rel, line, message(b, 0))
                    .with_snippet(text)
                    .with_hint("请改正链接地址；站内链接应指向已生成的页面和存在的锚点", "correct the link; internal links must name a built page and an existing anchor"),
            ),
            None => match theme_at.entry((b.url.as_str(), b.missing_anchor)) {
                std::collections::hash_map::Entry::Occupied(e) => theme[*e.get()].1 += 1,
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(theme.len());
                    theme.push((b, 0));
                }
            },
        }
    }
    out.extend(theme.into_iter().map(|(b, others)| {
        Diagnostic::error(&b.page, 0, message(b, others)).with_hint(
            "该链接来自主题模板，请检查模板",
            "the link comes from a theme template; check the template",
        )
    }));
    out
}

/// Where the chapters write their Markdown links: the first place each
/// link's path (`](path`), each fragment (`#fragment)`) and each page a
/// path names from its chapter's page is written, as source and byte
/// offset. Made in one pass over the chapters, so that a build with
/// thousands of distinct broken links (a theme's link to each department,
/// say) looks each up instead of searching every chapter for each. By the
/// page named, a link the full text (or another page) shows rewritten for
/// its own folder is found where the chapter wrote it.
struct ContentLinks<'a> {
    sources: Vec<&'a crate::load::Source>,
    paths: std::collections::HashMap<&'a str, (usize, usize)>,
    fragments: std::collections::HashMap<&'a str, (usize, usize)>,
    targets: std::collections::HashMap<String, (usize, usize)>,
}

impl<'a> ContentLinks<'a> {
    fn new(chapters: &'a [crate::load::RawChapter]) -> Self {
        use crate::model::Lang;
        use crate::render::links;
        // Each source with the output path of its chapter's page.
        let sources: Vec<(&crate::load::Source, Option<String>)> = chapters
            .iter()
            .flat_map(|c| {
                let n = crate::resolve::chapter_number(&c.zh);
                let page = |lang| n.map(|n| links::chapter_page(lang, n));
                let en = c.en.as_ref().map(|en| (en, page(Lang::En)));
                std::iter::once((&c.zh, page(Lang::Zh))).chain(en)
            })
            .collect();
        let (mut paths, mut fragments, mut targets) = (
            std::collections::HashMap::new(),
            std::collections::HashMap::new(),
            std::collections::HashMap::new(),
        );
        let finder = memchr::memmem::Finder::new("](");
        for (i, (src, page)) in sources.iter().enumerate() {
            for at in finder.find_iter(src.text.as_bytes()) {
                let rest = &src.text[at + 2..];
                let end = rest
                    .find([')', ' ', '\t', '\r', '\n'])
                    .unwrap_or(rest.len());
                let (path, fragment) = match rest[..end].split_once('#') {
                    Some((path, f)) => (path, rest[end..].starts_with(')').then_some(f)),
                    None => (&rest[..end], None),
                };
                if !path.is_empty() {
                    paths.entry(path).or_insert((i, at));
                    if let Some(target) = page.as_deref().and_then(|p| links::resolve(p, path)) {
                        targets.entry(target).or_insert((i, at));
                    }
                }
                if let Some(f) = fragment {
                    fragments.entry(f).or_insert((i, at));
                }
            }
        }
        ContentLinks {
            sources: sources.into_iter().map(|(s, _)| s).collect(),
            paths,
            fragments,
            targets,
        }
    }

    /// The first source, line number (from 1) and line text that writes
    /// `url`'s path, or its fragment, or a link to the page `url` names
    /// from output path `page`.
    fn written_at(
        &self,
        page: &str,
        url: &str,
    ) -> Option<(&'a crate::load::Source, usize, &'a str)> {
        let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
        let by_path = (!path.is_empty()).then(|| self.paths.get(path)).flatten();
        let by_fragment = (!fragment.is_empty())
            .then(|| self.fragments.get(fragment))
            .flatten();
        let by_target = || {
            let target = crate::render::links::resolve(page, path)?;
            self.targets.get(&target)
        };
        let (i, at) = *by_path
            .into_iter()
            .chain(by_fragment)
            .min()
            .or_else(|| (!path.is_empty()).then(by_target).flatten())?;
        let src = self.sources[i];
        let line = crate::diag::line_col(&src.text, at).0;
        Some((src, line, crate::diag::line_text(&src.text, line)?))
    }
}

#[cfg(test)]
mod tests {
    use super::{link_diagnostics, ContentLinks};
    use crate::linkcheck::BrokenLink;
    use crate::load::{RawChapter, Source};

    #[test]
    fn a_themes_broken_link_is_reported_once_per_way_it_is_written() {
        let chapters = [RawChapter {
            zh: Source {
                rel: "content/chapters/01.zh.md".into(),
                text: "# 一\n见[第九章](../09/index.html)。\n".into(),
            },
            en: None,
        }];
        let link = |page: &str, url: &str, missing_anchor| BrokenLink {
            page: page.into(),
            url: url.into(),
            missing_anchor,
        };
        let broken = [
            link("about/index.html", "../nowhere/index.html", false),
            link("chapters/01/index.html", "../09/index.html", false),
            link("chapters/01/index.html", "../../nowhere/index.html", false),
            link("data/index.html", "../nowhere/index.html", false),
            link("index.html", "nowhere/index.html", false),
            link("search/index.html", "../nowhere/index.html", false),
            link("search/index.html", "../nowhere/index.html#x", true),
        ];
        let got: Vec<(String, usize, String)> = link_diagnostics(&chapters, &broken)
            .iter()
            .map(|d| (d.path.clone(), d.line, d.message.en.clone()))
            .collect();
        let want = [
            // The content's link, at its line.
            (
                "content/chapters/01.zh.md",
                2,
                "broken link: ../09/index.html (on page chapters/01/index.html)",
            ),
            // The theme's, once per spelling, at the first page holding it.
            (
                "about/index.html",
                0,
                "broken link: ../nowhere/index.html (on page about/index.html and 2 other pages)",
            ),
            (
                "chapters/01/index.html",
                0,
                "broken link: ../../nowhere/index.html (on page chapters/01/index.html)",
            ),
            (
                "index.html",
                0,
                "broken link: nowhere/index.html (on page index.html)",
            ),
            (
                "search/index.html",
                0,
                "link to a missing anchor: ../nowhere/index.html#x (on page search/index.html)",
            ),
        ];
        let want: Vec<(String, usize, String)> = want
            .iter()
            .map(|(p, l, m)| (p.to_string(), *l, m.to_string()))
            .collect();
        assert_eq!(got, want);
        let zh = &link_diagnostics(&chapters, &broken)[1].message.zh;
        assert_eq!(
            zh,
            "链接指向不存在的页面：../nowhere/index.html（页面 about/index.html 及其他 2 个页面）"
        );
    }

    #[test]
    fn a_broken_link_is_found_where_the_content_writes_it() {
        let src = |rel: &str, text: &str| Source {
            rel: rel.into(),
            text: text.into(),
        };
        let chapters = [
            RawChapter {
                zh: src(
                    "02.zh.md",
                    "+++\r\nnumber = 2\r\ntitle = \"二\"\r\n+++\r\nSee [x](../09/index.html#top).\r\n",
                ),
                en: None,
            },
            RawChapter {
                zh: src(
                    "03.zh.md",
                    "+++\nnumber = 3\ntitle = \"三\"\n+++\ntwo [y](../c/)\n[z](#sec-2) and [w](../c/)\n",
                ),
                en: Some(src(
                    "03.en.md",
                    "+++\nnumber = 3\ntitle = \"Three\"\n+++\nsee [v](../05/index.html)\n",
                )),
            },
        ];
        let links = ContentLinks::new(&chapters);
        let on = |page, url| {
            links
                .written_at(page, url)
                .map(|(s, l, t)| (s.rel.as_str(), l, t))
        };
        let at = |url| on("chapters/02/index.html", url);
        // The path part, with or without a fragment; the line's own \r cut.
        let see = Some(("02.zh.md", 5, "See [x](../09/index.html#top)."));
        assert_eq!(at("../09/index.html#top"), see);
        assert_eq!(at("../09/index.html"), see);
        // The first source, then the first line, that writes it.
        assert_eq!(at("../c/"), Some(("03.zh.md", 5, "two [y](../c/)")));
        // A fragment alone is matched as `#fragment)`; a path that only
        // occurs with another fragment still finds its line.
        assert_eq!(
            at("#sec-2"),
            Some(("03.zh.md", 6, "[z](#sec-2) and [w](../c/)"))
        );
        assert_eq!(at("../c/#sec-2"), Some(("03.zh.md", 5, "two [y](../c/)")));
        // Not written by any chapter: a theme's link.
        assert_eq!(at("../d/"), None);
        assert_eq!(at("#nowhere"), None);
        // The full text shows chapter links rewritten for its own folder:
        // found by the page they name, in the right language's chapter.
        assert_eq!(on("fulltext/index.html", "../chapters/09/index.html"), see);
        assert_eq!(
            on("en/fulltext/index.html", "../chapters/05/index.html"),
            Some(("03.en.md", 5, "see [v](../05/index.html)"))
        );
        // The same page named from the Chinese full text is not the
        // English chapter's link.
        assert_eq!(on("fulltext/index.html", "../chapters/05/index.html"), None);
    }
}
