//! The stages that make the files: render (every page and the other
//! files), links (the link check, while the last files are written) and
//! search (the index assembled and written).

use super::before::{Attached, Templates};
use super::post::{self, Clocks, Indexer, PageInfo, PagePost};
use super::Run;
use crate::output::Staging;
use crate::render::{self, OutputFile, RenderInput};
use anyhow::Result;
use std::sync::Arc;

/// The pages with what was kept of each, in file order.
pub(super) type Pages = Vec<(String, PageInfo)>;

/// The product of render.
pub(super) struct Rendered {
    pub(super) files: Files,
    pub(super) pages: Pages,
    pub(super) parts: Option<Vec<crate::search::Part>>,
}

/// Render: every page, on every core, each scanned for links, cut into
/// search records and (`build`) written as soon as it is made; the files
/// that are not pages beside them; each language's search index while the
/// next language renders.
pub(super) fn render_pages(
    r: &mut Run<'_>,
    a: &Attached,
    templates: Templates,
) -> Result<Option<Rendered>> {
    let Some(tera) = templates_for(r, templates) else {
        return Ok(None);
    };
    let clocks = Clocks::default();
    let (post, indexer) = (PagePost::new(r, a, &clocks), Indexer::new(r, a, &clocks));
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

/// The templates the pages render with: the session's, or those compiled
/// in this run (kept for the session's next run); `None` when they failed
/// to compile.
fn templates_for(r: &mut Run<'_>, templates: Templates) -> Option<Arc<tera::Tera>> {
    match templates {
        Templates::Kept(tera) => Some(tera),
        Templates::Compiled(tera, td) => {
            r.d.extend(td);
            let tera = Arc::new(*tera?);
            if let Some(s) = r.session() {
                s.pages.keep_templates(tera.clone());
            }
            Some(tera)
        }
    }
}

impl<'a> PagePost<'a> {
    fn new(r: &Run<'a>, a: &Attached, clocks: &'a Clocks) -> Self {
        PagePost {
            opts: r.opts,
            stage: r.stage(),
            cache: r.publish().map(|p| {
                let key = render::templates_key(&a.kept.theme);
                let key = crate::pagecache::key(key, r.opts.minify);
                crate::pagecache::PageCache::load(p.render_cache, key)
            }),
            clocks,
            write_error: Default::default(),
        }
    }
}

impl<'a> Indexer<'a> {
    fn new(r: &Run<'a>, a: &'a Attached, clocks: &'a Clocks) -> Self {
        Indexer {
            synonyms: &a.site.synonyms,
            shards: r.shards(),
            clock: &clocks.index,
            parts: Default::default(),
        }
    }
}

/// With a staging folder, the pages and the exports are written already;
/// the other files are written while the links are checked (the folder is
/// swapped in only after the check passes, by the caller). Without one,
/// every file is in memory, in file order.
pub(super) fn split_written(
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
pub(super) fn others(
    site: &crate::model::Site,
    input: &RenderInput<'_>,
    stage: Option<&Staging>,
) -> Result<Vec<OutputFile>> {
    let mut files = render::data_files(site, input);
    let plan = match stage {
        None => render::exports::data::plan_json(site),
        Some(s) => {
            s.write_with(render::PLAN_JSON, |w| {
                render::exports::data::write_plan_json(site, w)
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
pub(super) struct Files {
    pub(super) written: Vec<OutputFile>,
    pub(super) unwritten: Vec<OutputFile>,
}

/// Links: every page's links checked against the files and ids of the
/// site, while the files not yet in the staging folder are written there.
/// A broken link is reported at the content line that wrote it.
pub(super) fn check_links(r: &mut Run<'_>, files: &Files, pages: &Pages) -> Result<()> {
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
        let chapters = crate::load::reread_chapters(r.root, r.content);
        for diagnostic in super::report::link_diagnostics(&chapters, &broken) {
            r.d.push(diagnostic);
        }
    }
    Ok(())
}

/// Search: the index parts made during the render assembled into one index
/// (or one index of all pages, when a theme gave two languages one
/// `<html lang>`), and written into the staging folder.
pub(super) fn index(
    r: &mut Run<'_>,
    a: &Attached,
    parts: Option<Vec<crate::search::Part>>,
    pages: &Pages,
) -> Result<Vec<OutputFile>> {
    let Some(parts) = parts else {
        return Ok(vec![]);
    };
    let shards = r.shards();
    let mut langs: Vec<&str> = parts.iter().flat_map(|p| p.langs()).collect();
    let count = langs.len();
    langs.sort_unstable();
    langs.dedup();
    let index = if langs.len() == count {
        crate::search::assemble(parts, shards)?
    } else {
        let records = pages.iter().map(|(_, i)| i.records.as_slice());
        crate::search::index_records(records, &a.site.synonyms, shards)?
    };
    if let Some(stage) = r.stage() {
        stage.write_all(&index)?;
    }
    if index.is_empty() {
        r.d.push(crate::search::nothing_indexed(&a.kept.theme));
    }
    Ok(index)
}
