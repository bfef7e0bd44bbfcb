//! What happens to each page on the render worker that made it: the link
//! scan, minification (`--minify`), the search records, and with a staging
//! folder the write; and, with `build`'s render cache, taking an earlier
//! build's page instead of rendering it. Also the per-language search
//! index parts, made while the next language renders.

use super::Options;
use crate::output::Staging;
use crate::pagecache::PageCache;
use crate::render::{self, Digest};
use anyhow::Result;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What the pipeline keeps of each page after rendering it: its links and
/// ids for the link check, and its search records.
#[derive(Debug, Clone)]
pub struct PageInfo {
    pub(super) scan: crate::linkcheck::PageScan,
    pub(super) records: Vec<crate::search::Record>,
    /// With a render cache: the digests of the template data and of the file.
    pub(super) digests: Option<(Digest, Digest)>,
}

/// Summed nanoseconds of one per-page step, over the worker threads.
#[derive(Default)]
pub(super) struct Clock(AtomicU64);

impl Clock {
    pub(super) fn time<T>(&self, f: impl FnOnce() -> T) -> T {
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

/// The CPU time of each step run per page inside the render stage.
#[derive(Default)]
pub(super) struct Clocks {
    links: Clock,
    search: Clock,
    pub(super) index: Clock,
    minify: Clock,
    write: Clock,
    pub(super) data: Clock,
}

impl Clocks {
    pub(super) fn cpu(&self) -> Vec<(&'static str, Duration)> {
        vec![
            ("links", self.links.get()),
            ("search", self.search.get()),
            ("index", self.index.get()),
            ("minify", self.minify.get()),
            ("write", self.write.get()),
            ("data", self.data.get()),
        ]
    }
}

/// The per-page step, shared by the render workers.
pub(super) struct PagePost<'a> {
    pub(super) opts: Options,
    pub(super) stage: Option<&'a Staging>,
    /// `build`'s render cache, with a staging folder only.
    pub(super) cache: Option<PageCache>,
    pub(super) clocks: &'a Clocks,
    /// The first write that failed: the build fails with it.
    pub(super) write_error: Mutex<Option<anyhow::Error>>,
}

impl PagePost<'_> {
    /// Search records are cut from the bytes written, so that a page taken
    /// from the last build gives the same records as one rendered now.
    fn records(&self, rel: &str, bytes: &[u8]) -> Vec<crate::search::Record> {
        if !self.opts.search {
            return vec![];
        }
        let html = String::from_utf8_lossy(bytes);
        self.clocks
            .search
            .time(|| crate::search::page_records(rel, &html))
    }

    fn scan(&self, html: &str) -> crate::linkcheck::PageScan {
        self.clocks.links.time(|| crate::linkcheck::scan(html))
    }

    /// A rendered page: its links are read as rendered, before any
    /// minification, as `check` reads them; then it is minified (with
    /// `--minify`), cut into search records and, with a staging folder,
    /// written there (its bytes are then not kept).
    pub(super) fn page(
        &self,
        rel: &str,
        html: Vec<u8>,
        data: Option<Digest>,
    ) -> (Vec<u8>, PageInfo) {
        let scan = self.scan(&String::from_utf8_lossy(&html));
        let bytes = if self.opts.minify {
            let cfg = super::minify_cfg();
            self.clocks.minify.time(|| minify_html::minify(&html, cfg))
        } else {
            html
        };
        let info = PageInfo {
            scan,
            records: self.records(rel, &bytes),
            digests: data
                .filter(|_| self.cache.is_some())
                .map(|d| (d, crate::pagecache::file_digest(&bytes))),
        };
        let Some(stage) = self.stage else {
            return (bytes, info);
        };
        if let Err(e) = self.clocks.write.time(|| stage.write(rel, &bytes)) {
            if let Ok(mut slot) = self.write_error.lock() {
                slot.get_or_insert(e);
            }
        }
        (Vec::new(), info)
    }

    /// Whether the last build made the page at `rel` from template data
    /// with digest `data`.
    pub(super) fn known(&self, rel: &str, data: &Digest) -> bool {
        self.cache.as_ref().is_some_and(|c| c.known(rel, data))
    }

    /// That page, its file checked against its digest and kept in the
    /// staging folder, scanned for links and search records as a rendered
    /// page is; `None` when its file is gone or changed.
    pub(super) fn fetch(&self, rel: &str, data: &Digest) -> Option<PageInfo> {
        let file = self.cache.as_ref()?.file(rel)?;
        let bytes = self.clocks.write.time(|| self.stage?.recall(rel, file))?;
        Some(PageInfo {
            scan: self.scan(std::str::from_utf8(&bytes).ok()?),
            records: self.records(rel, &bytes),
            digests: Some((*data, *file)),
        })
    }

    /// The first write error, if any.
    pub(super) fn failed(&self) -> Option<anyhow::Error> {
        self.write_error.lock().ok()?.take()
    }
}

/// Each language's search index, built as soon as its pages are rendered.
pub(super) struct Indexer<'a> {
    pub(super) shards: Option<&'a Path>,
    pub(super) synonyms: &'a crate::model::Localized<Vec<Vec<String>>>,
    pub(super) clock: &'a Clock,
    pub(super) parts: Mutex<Vec<Result<crate::search::Part>>>,
}

impl Indexer<'_> {
    pub(super) fn part(&self, pages: &[(&str, &PageInfo)]) {
        let records = pages.iter().map(|(_, info)| info.records.as_slice());
        let part = self
            .clock
            .time(|| crate::search::index_part(records, self.synonyms, self.shards));
        if let Ok(mut parts) = self.parts.lock() {
            parts.push(part);
        }
    }

    pub(super) fn into_parts(self) -> Result<Vec<crate::search::Part>> {
        self.parts
            .into_inner()
            .map_err(|_| anyhow::anyhow!("search index: a worker failed"))?
            .into_iter()
            .collect()
    }
}

/// The render cache's next state: the digests of every page of this build.
pub(super) fn next_cache(
    cache: Option<PageCache>,
    pages: &[(String, PageInfo)],
) -> Option<crate::pagecache::NextCache> {
    cache.map(|c| {
        c.next(
            pages
                .iter()
                .filter_map(|(p, i)| i.digests.map(|(d, f)| (p.clone(), d, f)))
                .collect(),
        )
    })
}

/// `render::Recall` over `post`'s render cache, when it has one.
pub(super) fn recall<'p>(
    post: &'p PagePost<'_>,
    known: &'p (dyn Fn(&str, &Digest) -> bool + Sync),
    fetch: &'p (dyn Fn(&str, &Digest) -> Option<PageInfo> + Sync),
) -> Option<render::Recall<'p, PageInfo>> {
    post.cache.as_ref().map(|_| render::Recall { known, fetch })
}
