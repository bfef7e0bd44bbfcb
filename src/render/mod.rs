//! Render: the resolved site → every output file, in memory. Templates are
//! compiled once; pages render in parallel and in a fixed order, so the
//! output is the same on any number of threads.

pub mod commitments;
pub mod data;
mod datahash;
pub mod department;
pub mod exports;
pub mod feeds;
pub mod frame_extra;
pub mod links;
mod memo;
mod page;
pub mod pages;
pub mod para;
pub mod progress;
pub mod text;
pub mod typeset;
pub mod views;

use crate::config::SiteConfig;
use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::model::*;
use crate::theme::Theme;
use links::output_path;
use memo::MemoEntry;
pub use memo::{templates_key, Memo};
pub use page::Digest;
use page::{page_data, page_list, Data, Kind, PageSpec, Want};
use rayon::prelude::*;

/// The bytes of text in `v`: its strings and keys.
fn text_len(v: &serde_json::Value) -> usize {
    use serde_json::Value::*;
    match v {
        String(s) => s.len(),
        Array(a) => a.iter().map(text_len).sum(),
        Object(o) => o.iter().map(|(k, v)| k.len() + text_len(v)).sum(),
        Null | Bool(_) | Number(_) => 0,
    }
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub rel_path: String,
    pub bytes: Vec<u8>,
}

/// What the renderer needs besides the site.
pub struct RenderInput<'a> {
    pub config: &'a SiteConfig,
    pub theme: &'a Theme,
    pub i18n: &'a I18n,
    pub disclosure: &'a crate::disclosure::Disclosure,
}

/// Tera's escaper without its `/` → `&#x2F;`: the five characters
/// significant in HTML and XML (`& < > " '`), as the escapers of Go,
/// Python, PHP and Ruby do. OWASP's cross-site scripting cheat sheet
/// dropped the slash in 2020, and Tera's maintainer took the same change
/// for Tera's next major version (Keats/tera#568): the slash ends no
/// entity and opens no tag. Every relative link of a page is `../` runs,
/// so this is ~11 % fewer bytes out of Tera on a department page, and
/// nothing for the minifier to decode again.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    let mut start = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => continue,
        };
        out.push_str(&input[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&input[start..]);
    out
}

/// The `typeset` filter: a short text escaped, with sub- and superscripts
/// and unbreakable terms (see `typeset`). Use it with `| safe`.
fn typeset_filter(
    v: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    match v {
        tera::Value::String(s) => Ok(tera::Value::String(typeset::html(s))),
        other => Err(tera::Error::msg(format!(
            "typeset: expected a string, got {other}"
        ))),
    }
}

/// The plan's open data, the largest file of the site.
pub const PLAN_JSON: &str = "data/plan.json";

/// Compiles the theme's templates once.
pub fn templates(theme: &Theme, d: &mut Diagnostics) -> Option<tera::Tera> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    tera.register_filter("typeset", typeset_filter);
    let mut list = vec![];
    for (name, bytes) in theme.templates() {
        match std::str::from_utf8(bytes) {
            Ok(s) => list.push((name.to_string(), s.to_string())),
            Err(_) => d.push(Diagnostic::error(
                theme
                    .origin
                    .get(&format!("templates/{name}"))
                    .cloned()
                    .unwrap_or_default(),
                0,
                Bilingual::new("模板不是 UTF-8 编码", "the template is not UTF-8"),
            )),
        }
    }
    // Tera's `add_raw_templates`, with the templates parsed in parallel
    // (parsing is most of it: ~10 ms for the default theme on one core).
    let parsed: Vec<(String, tera::Result<tera::Template>)> = list
        .par_iter()
        .map(|(name, text)| (name.clone(), tera::Template::new(name, None, text)))
        .collect();
    let add = || -> tera::Result<()> {
        for (name, template) in parsed {
            let template =
                template.map_err(|e| tera::Error::chain(format!("Failed to parse '{name}'"), e))?;
            tera.templates.insert(name, template);
        }
        tera.build_inheritance_chains()?;
        tera.check_macro_files()
    };
    match add() {
        Ok(()) => Some(tera),
        Err(e) => {
            d.push(template_error(theme, &e));
            None
        }
    }
}

fn template_error(theme: &Theme, e: &tera::Error) -> Diagnostic {
    use std::error::Error;
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(&format!(": {s}"));
        src = s.source();
    }
    let file = theme
        .origin
        .iter()
        .find(|(k, _)| {
            msg.contains(k.trim_start_matches("templates/")) && k.starts_with("templates/")
        })
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| "themes".into());
    let line = msg
        .split(" --> ")
        .nth(1)
        .and_then(|r| r.split(':').next())
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
    Diagnostic::error(
        file,
        line,
        Bilingual::new(format!("模板错误：{msg}"), format!("template error: {msg}")),
    )
    .with_hint(
        "请检查模板语法，或删除该覆盖文件以使用默认主题",
        "check the template syntax, or delete the override to use the default theme",
    )
}

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
const RENDER_ORDER: [Lang; 2] = [Lang::Zh, Lang::En];

/// Renders `langs[0]`'s pages, then reports them while the rest render
/// (and are reported) on the other workers.
fn by_language<R: Send + Sync>(
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

/// Renders every page of the site, and the sitemap ([`data_files`] and the
/// plan's JSON are the caller's). Each page goes through `post` on the
/// worker that rendered it. With a `memo` (serve), pages whose template
/// data did not change since the last build are reused; with a `recall`
/// (build), pages an earlier build made from the same template data.
/// Template errors become diagnostics.
pub fn render<P: Clone + Send + Sync>(
    site: &Site,
    input: &RenderInput<'_>,
    tera: &tera::Tera,
    d: &mut Diagnostics,
    post: &Post<'_, P>,
    (mut memo, recall): (Option<&mut Memo<P>>, Option<&Recall<'_, P>>),
    done: Option<&Done<'_, P>>,
) -> Rendered<P> {
    let specs = page_list(site);
    let index = para::SiteIndex::new(site, input.disclosure.last_updated());
    let mut jobs: Vec<(usize, (Lang, &PageSpec))> = Lang::ALL
        .iter()
        .flat_map(|l| specs.iter().map(move |s| (*l, s)))
        .enumerate()
        .collect();
    // The pages that list the whole plan first, so that no core is left
    // with one of them at the end (the output order is restored below).
    // And one page per rayon task (`with_max_len(1)`): rayon's adaptive
    // splitting otherwise hands a worker a run of thousands of pages that
    // no other worker can take from. In one profiled build at N = 100 one
    // core rendered the last 0.6 s alone; ~17,000 tasks cost little.
    jobs.sort_by_key(|(_, (_, s))| match s.kind {
        Kind::FullText => 0,
        Kind::Chapter(_) | Kind::Department(_) | Kind::CommitmentsOf(_) | Kind::Indicator(_) => 2,
        _ => 1,
    });
    let memo_pages = memo.as_deref().map(|m| &m.pages);
    let render_one = |lang: Lang, spec: &PageSpec| -> JobResult<P> {
        let fail = |e: tera::Error| Box::new(template_error(input.theme, &e));
        let rel_path = output_path(lang, &spec.path);
        let data = |want: &Want<'_>| page_data(site, input, (lang, spec, &index), want);
        let in_memo = memo_pages.and_then(|pages| pages.get(&rel_path));
        let seen = |digest: &Digest| match (memo_pages, recall) {
            (Some(_), _) => in_memo.is_some_and(|m| m.context == *digest),
            (None, Some(r)) => (r.known)(&rel_path, digest),
            (None, None) => false,
        };
        let want = if memo_pages.is_some() || recall.is_some() {
            Want::Digest(&seen)
        } else {
            Want::Value
        };
        let (value, digest) = match data(&want).map_err(fail)? {
            Data::Value(v, digest) => (v, digest),
            Data::Same(digest) => {
                if let Some(hit) = in_memo {
                    let file = OutputFile {
                        rel_path,
                        bytes: hit.bytes.clone(),
                    };
                    return Ok(Job::Reused(file, hit.extra.clone()));
                }
                let fetched = recall.and_then(|r| (r.fetch)(&rel_path, &digest));
                if let Some(extra) = fetched {
                    let file = OutputFile {
                        rel_path,
                        bytes: vec![],
                    };
                    return Ok(Job::Reused(file, extra));
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
        tera.render_to(spec.template, &ctx, &mut html)
            .map_err(fail)?;
        // The data can be as large as the page (the full text): free it
        // before the page is minified.
        drop(ctx);
        let (bytes, extra) = post(&rel_path, html, digest);
        Ok(Job::Fresh(OutputFile { rel_path, bytes }, extra, digest))
    };
    // One language after the other, so that `done` (the search index) can
    // work on a language's pages while the next language renders.
    let one = |(i, (lang, spec)): &(usize, (Lang, &PageSpec))| (*i, render_one(*lang, spec));
    let run = |lang: Lang| -> Vec<(usize, JobResult<P>)> {
        let of_lang = jobs
            .par_iter()
            .with_max_len(1)
            .filter(|(_, (l, _))| *l == lang);
        of_lang.map(one).collect()
    };
    let report = |lang: Lang, results: &[(usize, JobResult<P>)]| {
        let Some(done) = done else { return };
        let mut pages: Vec<(&str, &P)> = results
            .iter()
            .filter_map(|(_, r)| match r {
                Ok(Job::Fresh(f, p, _) | Job::Reused(f, p)) => Some((f.rel_path.as_str(), p)),
                Err(_) => None,
            })
            .collect();
        pages.sort_by(|a, b| a.0.cmp(b.0));
        done(lang, &pages);
    };
    let mut results = match done {
        Some(_) => by_language(&RENDER_ORDER, &run, &report),
        // Nothing to do per language: one pass, no wait between them.
        None => jobs.par_iter().with_max_len(1).map(one).collect(),
    };
    let mut out = Vec::with_capacity(results.len() + 1);
    results.sort_by_key(|(i, _)| *i);
    let mut done = Vec::with_capacity(results.len());
    let (mut rendered, mut reused) = (0, 0);
    for (_, r) in results {
        match r {
            Ok(Job::Reused(f, extra)) => {
                reused += 1;
                done.push((f.rel_path.clone(), extra));
                out.push(f);
            }
            Ok(Job::Fresh(f, extra, digest)) => {
                rendered += 1;
                if let (Some(m), Some(context)) = (memo.as_deref_mut(), digest) {
                    let entry = MemoEntry {
                        context,
                        bytes: f.bytes.clone(),
                        extra: extra.clone(),
                    };
                    m.pages.insert(f.rel_path.clone(), entry);
                }
                done.push((f.rel_path.clone(), extra));
                out.push(f);
            }
            Err(diag) => d.push(*diag),
        }
    }
    let base = input.config.base();
    let pages: Vec<String> = out
        .iter()
        .filter(|f| f.rel_path.ends_with(".html"))
        .map(|f| f.rel_path.clone())
        .collect();
    out.extend(feeds::sitemap(&pages, &base));
    out.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    done.sort_by(|a, b| a.0.cmp(&b.0));
    Rendered {
        files: out,
        pages: done,
        rendered,
        reused,
    }
}

/// The files that are not pages and do not depend on them: theme assets,
/// data exports, feeds. The caller makes them beside the pages, as it makes
/// the plan's JSON, the largest ([`data::write_plan_json`],
/// [`data::plan_json`]). [`render`] gives the pages and the sitemap.
pub fn data_files(site: &Site, input: &RenderInput<'_>) -> Vec<OutputFile> {
    let mut out: Vec<OutputFile> = input
        .theme
        .assets()
        .map(|(path, bytes)| OutputFile {
            rel_path: path.to_string(),
            bytes: bytes.to_vec(),
        })
        .collect();
    out.extend(site.images.iter().map(|(path, bytes)| OutputFile {
        rel_path: path.clone(),
        bytes: bytes.clone(),
    }));
    out.push(OutputFile {
        rel_path: "data/indicators.csv".into(),
        bytes: data::indicators_csv(site),
    });
    out.push(OutputFile {
        rel_path: "data/tasks.csv".into(),
        bytes: exports::tasks_csv(site),
    });
    out.push(OutputFile {
        rel_path: "data/commitments.csv".into(),
        bytes: exports::commitments_csv(site),
    });
    let base = input.config.base();
    for lang in Lang::ALL {
        out.push(feeds::atom(
            site,
            input.disclosure,
            &base,
            lang,
            &input.i18n.get(lang, "feed_title"),
        ));
    }
    out.push(feeds::robots(&base));
    out.extend(progress::export::files(site));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_len_counts_the_strings_and_keys_of_template_data() {
        let v = serde_json::json!({"a": "xy", "bb": [1, "zzz", null, {"c": "页"}], "d": true});
        // Keys a, bb, c, d; strings xy, zzz, 页 (3 bytes); numbers, null
        // and booleans nothing.
        assert_eq!(text_len(&v), (1 + 2 + 1 + 1) + (2 + 3 + 3));
        assert_eq!(text_len(&serde_json::json!(null)), 0);
    }

    /// The theme's templates escape with [`escape_html`]: Tera's escaping
    /// but for `/`, in `{{ }}` and in macro arguments, and not where a
    /// value is `safe`. (Tera 1.20.1 escapes the value of a `default`
    /// filter twice; the default theme uses no `default` filter.)
    #[test]
    fn templates_escape_all_but_the_slash() {
        let mut tera = tera::Tera::default();
        tera.add_raw_templates(vec![
            (
                "m.html",
                r#"{% macro b(x, y="d") %}<b>{{ x }}|{{ y }}</b>{% endmacro b %}"#,
            ),
            (
                "p.html",
                r#"{% import "m.html" as m %}<p>{{ s }}</p>{{ m::b(x=s) }}[{{ m::b(x="1", y=n) | upper }}]{{ n }}{{ s | safe }}{{ "a/b" }}|{{ c.t.nav }}{% raw %}{{ s }}{% endraw %}"#,
            ),
        ])
        .expect("templates");
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        let mut ctx = tera::Context::new();
        ctx.insert("s", "甲&<乙>\"'/丙");
        ctx.insert("n", &7);
        ctx.insert("c", &serde_json::json!({"t": {"nav": "导航/x"}}));
        let out = tera.render("p.html", &ctx).expect("renders");
        let esc = "甲&amp;&lt;乙&gt;&quot;&#x27;/丙";
        let want = format!(
            "<p>{esc}</p><b>{esc}|d</b>[&lt;B&gt;1|7&lt;/B&gt;]7甲&<乙>\"'/丙a/b|导航/x{{{{ s }}}}"
        );
        assert_eq!(out, want);
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("/x/&"), "/x/&amp;");
        assert_eq!(escape_html("&<>\"'"), "&amp;&lt;&gt;&quot;&#x27;");
    }

    #[test]
    fn every_language_renders_once_and_is_reported_after_its_pages() {
        let mut order = RENDER_ORDER.to_vec();
        order.sort_by_key(|l| l.code());
        let mut all = Lang::ALL.to_vec();
        all.sort_by_key(|l| l.code());
        assert_eq!(order, all, "RENDER_ORDER lists every language once");
        let log = std::sync::Mutex::new(vec![]);
        let run = |l: Lang| {
            log.lock().expect("log").push(format!("run {}", l.code()));
            vec![l.code()]
        };
        let report = |l: Lang, pages: &[&str]| {
            assert_eq!(pages, [l.code()]);
            log.lock().expect("log").push(format!("done {}", l.code()));
        };
        let mut out = by_language(&RENDER_ORDER, &run, &report);
        out.sort_unstable();
        assert_eq!(out, ["en", "zh"]);
        let log = log.into_inner().expect("log");
        assert_eq!(log.len(), 4);
        for l in Lang::ALL {
            let at = |what: &str| {
                log.iter()
                    .position(|e| *e == format!("{what} {}", l.code()))
            };
            assert!(at("run") < at("done"), "{log:?}");
        }
        let first = RENDER_ORDER[0].code();
        assert_eq!(log[0], format!("run {first}"), "{log:?}");
    }
}
