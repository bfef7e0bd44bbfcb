//! Render: the resolved site → every output file, in memory. Templates are
//! compiled once; pages render in parallel and in a fixed order, so the
//! output is the same on any number of threads.

pub mod data;
pub mod feeds;
pub mod frame_extra;
pub mod links;
pub mod pages;
pub mod para;
pub mod progress;
pub mod views;

use crate::config::SiteConfig;
use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::model::*;
use crate::theme::Theme;
use links::{output_path, url_for};
use para::ParaCtx;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// The pages of one language.
#[derive(Debug, Clone)]
enum Kind {
    Home,
    Chapter(u32),
    FullText,
    Indicators,
    Projects,
    Departments,
    Department(UnitId),
    Commitments,
    About,
    Data,
    Search,
    NotFound,
    Indicator(u32),
    Progress,
    Release(usize),
    Report(String),
    Changes,
    Interpretation,
}

struct PageSpec {
    path: String,
    template: &'static str,
    kind: Kind,
}

fn page_list(site: &Site) -> Vec<PageSpec> {
    let p = |path: &str, template: &'static str, kind: Kind| PageSpec {
        path: path.into(),
        template,
        kind,
    };
    let mut v = vec![
        p("index.html", "home.html", Kind::Home),
        p("fulltext/index.html", "fulltext.html", Kind::FullText),
        p("indicators/index.html", "indicators.html", Kind::Indicators),
        p("projects/index.html", "projects.html", Kind::Projects),
        p(
            "departments/index.html",
            "departments.html",
            Kind::Departments,
        ),
        p(
            "commitments/index.html",
            "commitments.html",
            Kind::Commitments,
        ),
        p("about/index.html", "about.html", Kind::About),
        p("data/index.html", "data.html", Kind::Data),
        p("search/index.html", "search.html", Kind::Search),
        p("404.html", "404.html", Kind::NotFound),
        p("changes/index.html", "changes.html", Kind::Changes),
        p(
            "interpretation/index.html",
            "interpretation.html",
            Kind::Interpretation,
        ),
    ];
    for c in &site.chapters {
        v.push(p(
            &format!("chapters/{:02}/index.html", c.number),
            "chapter.html",
            Kind::Chapter(c.number),
        ));
    }
    for u in &site.units {
        v.push(p(
            &format!("departments/{}/index.html", u.id.as_str()),
            "department.html",
            Kind::Department(u.id.clone()),
        ));
    }
    v.push(p("progress/index.html", "progress.html", Kind::Progress));
    for i in &site.table.indicators {
        v.push(p(
            &format!("indicators/{:02}/index.html", i.number),
            "indicator.html",
            Kind::Indicator(i.number),
        ));
    }
    for (idx, r) in site.progress.releases.iter().enumerate() {
        v.push(p(
            &format!("progress/{}/index.html", r.id),
            "release.html",
            Kind::Release(idx),
        ));
    }
    for r in &site.progress.reports {
        v.push(p(
            &format!("progress/reports/{}/index.html", r.slug),
            "report.html",
            Kind::Report(r.slug.clone()),
        ));
    }
    v
}

#[derive(Serialize)]
struct NavLink {
    href: String,
    label: String,
    current: bool,
}

#[derive(Serialize)]
struct Alternate {
    hreflang: &'static str,
    href: String,
}

/// The frame every page shares.
#[derive(Serialize)]
struct Frame<'a> {
    lang: &'static str,
    html_lang: &'static str,
    t: &'a BTreeMap<String, String>,
    title: String,
    site_title: String,
    root: String,
    home: String,
    css: String,
    alt_href: String,
    alt_lang: &'static str,
    alternates: Vec<Alternate>,
    nav: Vec<NavLink>,
    sample: bool,
    page: String,
    footer: frame_extra::FooterView,
    feed: String,
    /// 404 page only: `<base href>` from base_url, and the CSS inlined, so
    /// it works when the server shows it at any depth.
    base_href: String,
    inline_css: String,
}

const NAV: [(&str, &str); 8] = [
    ("index.html", "nav_home"),
    ("indicators/index.html", "nav_indicators"),
    ("progress/index.html", "nav_progress"),
    ("projects/index.html", "nav_projects"),
    ("departments/index.html", "nav_departments"),
    ("commitments/index.html", "nav_commitments"),
    ("fulltext/index.html", "nav_fulltext"),
    ("search/index.html", "nav_search"),
];

fn frame<'a>(
    site: &Site,
    input: &'a RenderInput<'_>,
    lang: Lang,
    spec: &PageSpec,
    title: String,
) -> Frame<'a> {
    let from = output_path(lang, &spec.path);
    let t = input.i18n.template_table(lang);
    let section = spec.path.split('/').next().unwrap_or("");
    Frame {
        lang: lang.code(),
        html_lang: lang.tag(),
        t,
        title,
        site_title: views::text(&site.plan.title, lang).text,
        root: links::root_of(&from),
        home: url_for(&from, &output_path(lang, "index.html")),
        css: url_for(&from, "assets/style.css"),
        alt_href: url_for(&from, &output_path(lang.other(), &spec.path)),
        alt_lang: lang.other().tag(),
        alternates: Lang::ALL
            .iter()
            .map(|l| Alternate {
                hreflang: l.tag(),
                href: url_for(&from, &output_path(*l, &spec.path)),
            })
            .collect(),
        nav: NAV
            .iter()
            .map(|(path, key)| NavLink {
                href: url_for(&from, &output_path(lang, path)),
                label: input.i18n.get(lang, key),
                current: path.split('/').next() == Some(section)
                    && (spec.path != "index.html" || *path == "index.html"),
            })
            .collect(),
        sample: input.config.sample,
        page: spec.path.clone(),
        footer: frame_extra::footer(input.disclosure, lang),
        feed: url_for(&from, &output_path(lang, "feed.xml")),
        base_href: if matches!(spec.kind, Kind::NotFound) {
            base_path(&input.config.base(), lang)
        } else {
            String::new()
        },
        inline_css: if matches!(spec.kind, Kind::NotFound) {
            input
                .theme
                .files
                .get("assets/style.css")
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default()
        } else {
            String::new()
        },
    }
}

/// The path part of `base_url` (`/plan/`) plus the language prefix, for
/// the 404 page's `<base href>`; empty without a base URL.
fn base_path(base: &str, lang: Lang) -> String {
    let Some(rest) = base.split_once("://").map(|(_, r)| r) else {
        return String::new();
    };
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    format!("{path}{}", lang.prefix())
}

#[derive(Serialize)]
struct Page<'a, T: Serialize> {
    c: Frame<'a>,
    p: T,
}

/// A page's template data: as a JSON value for Tera, or as JSON text,
/// which is much cheaper to produce and compare for the memo.
enum Data {
    Value(serde_json::Value),
    Json(Vec<u8>),
}

fn context<T: Serialize>(json: bool, c: Frame<'_>, p: T) -> Result<Data, tera::Error> {
    let page = Page { c, p };
    let e = |e: serde_json::Error| tera::Error::msg(e.to_string());
    Ok(if json {
        Data::Json(serde_json::to_vec(&page).map_err(e)?)
    } else {
        Data::Value(serde_json::to_value(&page).map_err(e)?)
    })
}

/// A page's template data, as JSON text when `json`.
fn page_data(
    site: &Site,
    input: &RenderInput<'_>,
    (lang, spec, index): (Lang, &PageSpec, &para::SiteIndex<'_>),
    json: bool,
) -> Result<Data, tera::Error> {
    let from = output_path(lang, &spec.path);
    let cx = ParaCtx {
        site,
        index,
        i18n: input.i18n,
        from: &from,
        lang,
    };
    let t = |k: &str| input.i18n.get(lang, k);
    let f = |title: String| frame(site, input, lang, spec, title);
    match &spec.kind {
        Kind::Home => context(
            json,
            f(views::text(&site.plan.title, lang).text),
            progress::release::home(&cx, pages::home(&cx)),
        ),
        Kind::Chapter(n) => {
            let ch = site.chapters.iter().find(|c| c.number == *n);
            let Some(ch) = ch else {
                return Err(tera::Error::msg(format!("chapter {n} missing")));
            };
            let page = pages::chapter(&cx, ch);
            context(
                json,
                f(format!(
                    "{} {}",
                    page.chapter.heading, page.chapter.title.text
                )),
                page,
            )
        }
        Kind::FullText => context(json, f(t("nav_fulltext")), pages::fulltext(&cx)),
        Kind::Indicators => context(json, f(t("nav_indicators")), views::table(&cx)),
        Kind::Projects => context(json, f(t("nav_projects")), pages::projects(&cx)),
        Kind::Departments => context(json, f(t("nav_departments")), pages::departments(&cx)),
        Kind::Department(id) => {
            let Some(u) = site.unit(id) else {
                return Err(tera::Error::msg(format!("unit {} missing", id.as_str())));
            };
            let page = pages::department(&cx, u);
            context(json, f(page.name.text.clone()), page)
        }
        Kind::Commitments => context(json, f(t("nav_commitments")), pages::commitments(&cx)),
        Kind::About => context(json, f(t("nav_about")), pages::about(&cx)),
        Kind::Data => context(json, f(t("nav_data")), pages::about(&cx)),
        Kind::Search => context(json, f(t("nav_search")), ()),
        Kind::NotFound => context(json, f(t("not_found_title")), ()),
        Kind::Changes => context(
            json,
            f(t("nav_changes")),
            frame_extra::changes(input.disclosure, lang),
        ),
        Kind::Interpretation => context(
            json,
            f(t("nav_interpretation")),
            frame_extra::interpretation(input.disclosure, lang),
        ),
        Kind::Indicator(n) => {
            let Some(i) = site.table.indicators.iter().find(|i| i.number == *n) else {
                return Err(tera::Error::msg(format!("indicator {n} missing")));
            };
            let page = progress::indicator(&cx, i);
            context(
                json,
                f(format!("{}. {}", page.number, page.name.text)),
                page,
            )
        }
        Kind::Progress => context(
            json,
            f(t("nav_progress")),
            progress::overview::overview(&cx),
        ),
        Kind::Release(idx) => {
            let Some(page) = progress::release::release(&cx, *idx) else {
                return Err(tera::Error::msg(format!("release {idx} missing")));
            };
            context(json, f(page.title.clone()), page)
        }
        Kind::Report(slug) => {
            let Some(r) = site.progress.report(slug) else {
                return Err(tera::Error::msg(format!("report {slug} missing")));
            };
            let page = progress::release::report(&cx, r);
            context(json, f(page.title.text.clone()), page)
        }
    }
}

/// Compiles the theme's templates once.
pub fn templates(theme: &Theme, d: &mut Diagnostics) -> Option<tera::Tera> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
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
    match tera.add_raw_templates(list) {
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
/// (minify, link scan, search records), with what that step returned.
pub type Post<'p, P> = dyn Fn(&str, String) -> (Vec<u8>, P) + Sync + 'p;

/// Rendered pages kept between builds of a `serve` session. A page is
/// rendered again only when its template data (the whole context, as
/// JSON) differs from the last build's; otherwise its output is reused.
/// `key` covers everything else a page depends on: the templates and the
/// post-processing options. The output is the same as a full build's.
pub struct Memo<P> {
    key: u64,
    pages: std::collections::HashMap<String, MemoEntry<P>>,
    /// The templates compiled for `key`.
    tera: Option<std::sync::Arc<tera::Tera>>,
    /// Pages rendered and reused by the last build.
    pub rendered: usize,
    pub reused: usize,
}

struct MemoEntry<P> {
    context: Vec<u8>,
    bytes: Vec<u8>,
    extra: P,
}

impl<P> Default for Memo<P> {
    fn default() -> Self {
        Memo {
            key: 0,
            pages: std::collections::HashMap::new(),
            tera: None,
            rendered: 0,
            reused: 0,
        }
    }
}

impl<P> Memo<P> {
    /// Forgets every page when `key` differs from the last build's.
    pub fn rekey(&mut self, key: u64) {
        if self.key != key {
            self.pages.clear();
            self.tera = None;
            self.key = key;
        }
    }

    /// The templates compiled for the current key, if any.
    pub fn templates(&self) -> Option<std::sync::Arc<tera::Tera>> {
        self.tera.clone()
    }

    /// Keeps the templates compiled for the current key.
    pub fn keep_templates(&mut self, tera: std::sync::Arc<tera::Tera>) {
        self.tera = Some(tera);
    }
}

/// A hash of the theme's templates, for `Memo::rekey`.
pub fn templates_key(theme: &Theme) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (name, bytes) in theme.templates() {
        name.hash(&mut h);
        bytes.hash(&mut h);
    }
    h.finish()
}

/// The rendered site: every file, and the post-processing result of each
/// page, in file order.
pub struct Rendered<P> {
    pub files: Vec<OutputFile>,
    pub pages: Vec<(String, P)>,
}

type JobResult<P> = Result<Job<P>, Box<Diagnostic>>;

enum Job<P> {
    Fresh(OutputFile, P, Option<Vec<u8>>),
    Reused(OutputFile, P),
}

/// Renders every file of the site. Each page goes through `post` on the
/// worker that rendered it. With a `memo`, pages whose template data did
/// not change since the last build are reused. Template errors become
/// diagnostics.
pub fn render<P: Clone + Send + Sync>(
    site: &Site,
    input: &RenderInput<'_>,
    tera: &tera::Tera,
    d: &mut Diagnostics,
    post: &Post<'_, P>,
    mut memo: Option<&mut Memo<P>>,
) -> Rendered<P> {
    let specs = page_list(site);
    let index = para::SiteIndex::new(site);
    let mut jobs: Vec<(usize, (Lang, &PageSpec))> = Lang::ALL
        .iter()
        .flat_map(|l| specs.iter().map(move |s| (*l, s)))
        .enumerate()
        .collect();
    // The pages that list the whole plan first, so that no core is left
    // with one of them at the end (the output order is restored below).
    jobs.sort_by_key(|(_, (_, s))| match s.kind {
        Kind::FullText => 0,
        Kind::Chapter(_) | Kind::Department(_) | Kind::Indicator(_) => 2,
        _ => 1,
    });
    let known = memo.as_deref().map(|m| &m.pages);
    let render_one = |lang: Lang, spec: &PageSpec| -> JobResult<P> {
        let fail = |e: tera::Error| Box::new(template_error(input.theme, &e));
        let rel_path = output_path(lang, &spec.path);
        let data = page_data(site, input, (lang, spec, &index), known.is_some());
        let (value, json) = match data.map_err(fail)? {
            Data::Value(v) => (v, None),
            Data::Json(bytes) => {
                let hit = known.and_then(|pages| pages.get(&rel_path));
                if let Some(hit) = hit.filter(|m| m.context == bytes) {
                    let file = OutputFile {
                        rel_path,
                        bytes: hit.bytes.clone(),
                    };
                    return Ok(Job::Reused(file, hit.extra.clone()));
                }
                let value = serde_json::from_slice(&bytes)
                    .map_err(|e| fail(tera::Error::msg(e.to_string())))?;
                (value, Some(bytes))
            }
        };
        let ctx = tera::Context::from_value(value).map_err(fail)?;
        let html = tera.render(spec.template, &ctx).map_err(fail)?;
        let (bytes, extra) = post(&rel_path, html);
        Ok(Job::Fresh(OutputFile { rel_path, bytes }, extra, json))
    };
    let mut results: Vec<(usize, JobResult<P>)> = jobs
        .par_iter()
        .map(|(i, (lang, spec))| (*i, render_one(*lang, spec)))
        .collect();
    results.sort_by_key(|(i, _)| *i);
    let mut out = Vec::with_capacity(results.len() + 8);
    let mut done = Vec::with_capacity(results.len());
    let (mut rendered, mut reused) = (0, 0);
    for (_, r) in results {
        match r {
            Ok(Job::Reused(f, extra)) => {
                reused += 1;
                done.push((f.rel_path.clone(), extra));
                out.push(f);
            }
            Ok(Job::Fresh(f, extra, json)) => {
                rendered += 1;
                if let (Some(m), Some(context)) = (memo.as_deref_mut(), json) {
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
    if let Some(m) = memo {
        m.rendered = rendered;
        m.reused = reused;
    }
    for (path, bytes) in input.theme.assets() {
        out.push(OutputFile {
            rel_path: path.to_string(),
            bytes: bytes.to_vec(),
        });
    }
    out.push(OutputFile {
        rel_path: "data/plan.json".into(),
        bytes: data::plan_json(site),
    });
    out.push(OutputFile {
        rel_path: "data/indicators.csv".into(),
        bytes: data::indicators_csv(site),
    });
    let base = input.config.base();
    let pages: Vec<String> = out
        .iter()
        .filter(|f| f.rel_path.ends_with(".html"))
        .map(|f| f.rel_path.clone())
        .collect();
    for lang in Lang::ALL {
        out.push(feeds::atom(
            site,
            input.disclosure,
            &base,
            lang,
            &input.i18n.get(lang, "feed_title"),
        ));
    }
    out.extend(feeds::sitemap(&pages, &base));
    out.push(feeds::robots(&base));
    out.extend(progress::export::files(site));
    out.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    done.sort_by(|a, b| a.0.cmp(&b.0));
    Rendered {
        files: out,
        pages: done,
    }
}
