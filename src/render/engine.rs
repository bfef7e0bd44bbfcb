//! Rendering every page: in parallel, one language after the other, each
//! page through the caller's post-processing on the worker that made it,
//! reusing the pages of an earlier build whose template data is the same;
//! in a fixed order, so the output is the same on any number of threads.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;
use crate::render::exports::feeds;
use crate::render::html::para;
use crate::render::links::output_path;
use crate::render::memo::MemoEntry;
use crate::render::page::{page_data, page_list, Data, Kind, PageSpec, Want};
use crate::render::{template_error, text_len, Digest, Memo, OutputFile, RenderInput};
use rayon::prelude::*;

/// What a rendered page became after the caller's post-processing
/// (minify, link scan, search records), with what that step returned. It
/// is given the digest of the page's template data when the caller asked
/// for digests ([`Recall`]).
pub type Post<'p, P> = dyn Fn(&str, Vec<u8>, Option<Digest>) -> (Vec<u8>, P) + Sync + 'p;

/// Pages of an earlier build that a build may take instead of rendering
/// them (`build`'s render cache beside the output). Only for a build that
/// writes into a staging folder: `fetch` leaves a taken page's file there,
/// so its `OutputFile` in the result has no bytes.
pub struct Recall<'p, P> {
    /// Whether the earlier build made the page at this path from template
    /// data with this digest.
    pub known: &'p (dyn Fn(&str, &Digest) -> bool + Sync),
    /// That page's post-processing result, if its file is still as that
    /// build wrote it; `None` renders the page.
    pub fetch: &'p (dyn Fn(&str, &Digest) -> Option<P> + Sync),
}

/// The rendered site: every file, and the post-processing result of each
/// page, in file order.
pub struct Rendered<P> {
    pub files: Vec<OutputFile>,
    pub pages: Vec<(String, P)>,
    /// Pages rendered, and pages reused from the memo or the recall.
    pub rendered: usize,
    pub reused: usize,
}

/// Called once per language when its pages are rendered, with their
/// post-processing results in file order, while the next language renders.
pub type Done<'p, P> = dyn Fn(Lang, &[(&str, &P)]) + Sync + 'p;

/// The order the languages render in. Chinese first: its search index
/// takes the longest (pagefind segments Chinese text into words with a
/// dictionary; ~150 ms against ~120 ms for English on the shipped plan), so
/// it starts first and overlaps the rendering of the English pages.
pub(super) const RENDER_ORDER: [Lang; 2] = [Lang::Zh, Lang::En];

/// Renders `langs[0]`'s pages, then reports them while the rest render
/// (and are reported) on the other workers.
pub(super) fn by_language<R: Send + Sync>(
    langs: &[Lang],
    run: &(dyn Fn(Lang) -> Vec<R> + Sync),
    report: &(dyn Fn(Lang, &[R]) + Sync),
) -> Vec<R> {
    let Some((&first, rest)) = langs.split_first() else {
        return vec![];
    };
    let mine = run(first);
    let ((), mut all) = rayon::join(|| report(first, &mine), || by_language(rest, run, report));
    all.extend(mine);
    all
}

type JobResult<P> = Result<Job<P>, Box<Diagnostic>>;

enum Job<P> {
    Fresh(OutputFile, P, Option<Digest>),
    Reused(OutputFile, P),
}

/// Renders every page of the site, and the sitemap ([`crate::render::data_files`]
/// and the plan's JSON are the caller's). Each page goes through `post` on
/// the worker that rendered it. With a `memo` (serve), pages whose template
/// data did not change since the last build are reused; with a `recall`
/// (build), pages an earlier build made from the same template data.
/// Template errors become diagnostics.
pub fn render<P: Clone + Send + Sync>(
    site: &Site,
    input: &RenderInput<'_>,
    tera: &tera::Tera,
    d: &mut Diagnostics,
    post: &Post<'_, P>,
    (memo, recall): (Option<&mut Memo<P>>, Option<&Recall<'_, P>>),
    done: Option<&Done<'_, P>>,
) -> Rendered<P> {
    let specs = page_list(site);
    let jobs = jobs(&specs);
    let one_page = OnePage {
        site,
        input,
        tera,
        index: para::SiteIndex::new(site, input.disclosure.last_updated()),
        post,
        memo: memo.as_deref().map(|m| &m.pages),
        recall,
    };
    // One language after the other, so that `done` (the search index) can
    // work on a language's pages while the next language renders.
    let one = |(i, (lang, spec)): &(usize, (Lang, &PageSpec))| (*i, one_page.render(*lang, spec));
    let run = |lang: Lang| -> Vec<(usize, JobResult<P>)> {
        let of_lang = jobs
            .par_iter()
            .with_max_len(1)
            .filter(|(_, (l, _))| *l == lang);
        of_lang.map(one).collect()
    };
    let report = |lang: Lang, results: &[(usize, JobResult<P>)]| {
        if let Some(done) = done {
            done(lang, &finished(results));
        }
    };
    let results = match done {
        Some(_) => by_language(&RENDER_ORDER, &run, &report),
        // Nothing to do per language: one pass, no wait between them.
        None => jobs.par_iter().with_max_len(1).map(one).collect(),
    };
    let mut rendered = collect(results, memo, d);
    let base = input.config.base();
    let pages: Vec<String> = rendered
        .files
        .iter()
        .filter(|f| f.rel_path.ends_with(".html"))
        .map(|f| f.rel_path.clone())
        .collect();
    rendered.files.extend(feeds::sitemap(&pages, &base));
    rendered.files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    rendered
}

/// Every page of every language, numbered in output order. The pages that
/// list the whole plan come first, so that no core is left with one of
/// them at the end (the output order is restored after). And one page per
/// rayon task (`with_max_len(1)`): rayon's adaptive splitting otherwise
/// hands a worker a run of thousands of pages that no other worker can
/// take from. In one profiled build at N = 100 one core rendered the last
/// 0.6 s alone; ~17,000 tasks cost little.
fn jobs(specs: &[PageSpec]) -> Vec<(usize, (Lang, &PageSpec))> {
    let mut jobs: Vec<(usize, (Lang, &PageSpec))> = Lang::ALL
        .iter()
        .flat_map(|l| specs.iter().map(move |s| (*l, s)))
        .enumerate()
        .collect();
    jobs.sort_by_key(|(_, (_, s))| match s.kind {
        Kind::FullText => 0,
        Kind::Chapter(_) | Kind::Department(_) | Kind::CommitmentsOf(_) | Kind::Indicator(_) => 2,
        _ => 1,
    });
    jobs
}

/// A language's finished pages and their post-processing results, by path.
fn finished<P>(results: &[(usize, JobResult<P>)]) -> Vec<(&str, &P)> {
    let mut pages: Vec<(&str, &P)> = results
        .iter()
        .filter_map(|(_, r)| match r {
            Ok(Job::Fresh(f, p, _) | Job::Reused(f, p)) => Some((f.rel_path.as_str(), p)),
            Err(_) => None,
        })
        .collect();
    pages.sort_by(|a, b| a.0.cmp(b.0));
    pages
}

/// The pages in output order, counted, and kept in the memo (serve) where
/// rendered now; template errors become diagnostics.
fn collect<P: Clone>(
    mut results: Vec<(usize, JobResult<P>)>,
    mut memo: Option<&mut Memo<P>>,
    d: &mut Diagnostics,
) -> Rendered<P> {
    results.sort_by_key(|(i, _)| *i);
    let mut out = Rendered {
        files: Vec::with_capacity(results.len() + 1),
        pages: Vec::with_capacity(results.len()),
        rendered: 0,
        reused: 0,
    };
    for (_, r) in results {
        let (f, extra) = match r {
            Ok(Job::Reused(f, extra)) => {
                out.reused += 1;
                (f, extra)
            }
            Ok(Job::Fresh(f, extra, digest)) => {
                out.rendered += 1;
                if let (Some(m), Some(context)) = (memo.as_deref_mut(), digest) {
                    let entry = MemoEntry {
                        context,
                        bytes: f.bytes.clone(),
                        extra: extra.clone(),
                    };
                    m.pages.insert(f.rel_path.clone(), entry);
                }
                (f, extra)
            }
            Err(diag) => {
                d.push(*diag);
                continue;
            }
        };
        out.pages.push((f.rel_path.clone(), extra));
        out.files.push(f);
    }
    out.pages.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// What rendering one page needs.
struct OnePage<'a, P> {
    site: &'a Site,
    input: &'a RenderInput<'a>,
    tera: &'a tera::Tera,
    index: para::SiteIndex<'a>,
    post: &'a Post<'a, P>,
    /// The memo's pages (serve).
    memo: Option<&'a std::collections::HashMap<String, MemoEntry<P>>>,
    recall: Option<&'a Recall<'a, P>>,
}

impl<P: Clone + Send + Sync> OnePage<'_, P> {
    /// Renders the page `spec` in `lang`, or takes it from an earlier build
    /// when its template data is the same.
    fn render(&self, lang: Lang, spec: &PageSpec) -> JobResult<P> {
        let fail = |e: tera::Error| Box::new(template_error(self.input.theme, &e));
        let rel_path = output_path(lang, &spec.path);
        let data =
            |want: &Want<'_>| page_data(self.site, self.input, (lang, spec, &self.index), want);
        let in_memo = self.memo.and_then(|pages| pages.get(&rel_path));
        let seen = |digest: &Digest| match (self.memo, self.recall) {
            (Some(_), _) => in_memo.is_some_and(|m| m.context == *digest),
            (None, Some(r)) => (r.known)(&rel_path, digest),
            (None, None) => false,
        };
        let want = if self.memo.is_some() || self.recall.is_some() {
            Want::Digest(&seen)
        } else {
            Want::Value
        };
        let (value, digest) = match data(&want).map_err(fail)? {
            Data::Value(v, digest) => (v, digest),
            Data::Same(digest) => {
                if let Some(job) = self.reuse(&rel_path, in_memo, &digest) {
                    return Ok(job);
                }
                // The earlier page is gone or was changed: build it.
                match data(&Want::Value).map_err(fail)? {
                    Data::Value(v, _) => (v, Some(digest)),
                    Data::Same(_) => return Err(fail(tera::Error::msg("template data"))),
                }
            }
        };
        // The page is about as large as its data's text plus the markup
        // around it: reserved at once, the full text (30 MB at N = 100) is
        // not copied through every doubling of its buffer.
        let mut html = Vec::with_capacity(text_len(&value) * 3 / 2 + (16 << 10));
        let ctx = tera::Context::from_value(value).map_err(fail)?;
        // Into bytes: Tera's `render` would check the whole page is UTF-8
        // again to make a String (its output is UTF-8 by construction).
        self.tera
            .render_to(spec.template, &ctx, &mut html)
            .map_err(fail)?;
        // The data can be as large as the page (the full text): free it
        // before the page is minified.
        drop(ctx);
        let (bytes, extra) = (self.post)(&rel_path, html, digest);
        Ok(Job::Fresh(OutputFile { rel_path, bytes }, extra, digest))
    }

    /// The page of an earlier build with the same template data: the
    /// memo's (serve), or the recalled file (build); `None` when it is gone.
    fn reuse(
        &self,
        rel_path: &str,
        in_memo: Option<&MemoEntry<P>>,
        digest: &Digest,
    ) -> Option<Job<P>> {
        if let Some(hit) = in_memo {
            let file = OutputFile {
                rel_path: rel_path.to_string(),
                bytes: hit.bytes.clone(),
            };
            return Some(Job::Reused(file, hit.extra.clone()));
        }
        let extra = self.recall.and_then(|r| (r.fetch)(rel_path, digest))?;
        let file = OutputFile {
            rel_path: rel_path.to_string(),
            bytes: vec![],
        };
        Some(Job::Reused(file, extra))
    }
}
