//! One page: the list of pages of a language, the frame every page
//! shares, and each page's template data.

use crate::model::*;
use crate::render::html::para::{self, ParaCtx};
use crate::render::links::{self, output_path, url_for};
use crate::render::routes::Route;
use crate::render::views::{self, frame_extra, pages, progress};
use crate::render::RenderInput;
use serde::Serialize;
use std::collections::BTreeMap;

/// The pages of one language.
#[derive(Debug, Clone)]
pub(super) enum Kind {
    Home,
    /// The chapter at this index of `site.chapters`.
    Chapter(usize),
    FullText,
    Indicators,
    Projects,
    Departments,
    Department(UnitId),
    Commitments,
    /// The commitments whose task names this unit.
    CommitmentsOf(UnitId),
    About,
    Data,
    Search,
    NotFound,
    /// The indicator at this index of `site.table.indicators`.
    Indicator(usize),
    Progress,
    Release(usize),
    Report(String),
    Changes,
    Interpretation,
}

pub(super) struct PageSpec {
    pub(super) path: String,
    pub(super) template: &'static str,
    pub(super) kind: Kind,
}

pub(super) fn page_list(site: &Site) -> Vec<PageSpec> {
    let p = |route: Route<'_>, kind: Kind| PageSpec {
        path: route.path(),
        template: route.template(),
        kind,
    };
    let fixed = [
        Kind::Home,
        Kind::FullText,
        Kind::Indicators,
        Kind::Projects,
        Kind::Departments,
        Kind::Commitments,
        Kind::About,
        Kind::Data,
        Kind::Search,
        Kind::NotFound,
        Kind::Changes,
        Kind::Interpretation,
    ];
    let mut v: Vec<PageSpec> = Route::FIXED
        .into_iter()
        .zip(fixed)
        .map(|(r, k)| p(r, k))
        .collect();
    // Pages name their chapter and indicator by position: found by number,
    // each page searched the whole list (the square of the plan's size).
    for (idx, c) in site.chapters.iter().enumerate() {
        v.push(p(Route::Chapter(c.number), Kind::Chapter(idx)));
    }
    for u in &site.units {
        v.push(p(
            Route::Department(u.id.as_str()),
            Kind::Department(u.id.clone()),
        ));
    }
    for id in views::commitments::units_with_commitments(site) {
        v.push(p(
            Route::UnitCommitments(id.as_str()),
            Kind::CommitmentsOf(id.clone()),
        ));
    }
    v.push(p(Route::Progress, Kind::Progress));
    for (idx, i) in site.table.indicators.iter().enumerate() {
        v.push(p(Route::Indicator(i.number), Kind::Indicator(idx)));
    }
    for (idx, r) in site.progress.releases.iter().enumerate() {
        v.push(p(Route::Release(&r.id), Kind::Release(idx)));
    }
    for r in &site.progress.reports {
        v.push(p(Route::Report(&r.slug), Kind::Report(r.slug.clone())));
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
    /// The official original online, or empty.
    source_url: String,
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

/// The frame of page `spec`, titled `title`.
fn frame<'a>(
    site: &Site,
    input: &'a RenderInput<'_>,
    lang: Lang,
    spec: &PageSpec,
    title: String,
) -> Frame<'a> {
    let from = output_path(lang, &spec.path);
    let t = input.i18n.template_table(lang, spec.template);
    Frame {
        lang: lang.code(),
        html_lang: lang.tag(),
        t,
        title,
        site_title: views::text(&site.plan.title, lang).text,
        source_url: site.plan.source_url.clone(),
        root: links::root_of(&from),
        home: Route::Home.href(&from, lang),
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
        nav: nav(input, lang, spec, &from),
        sample: input.config.sample,
        page: spec.path.clone(),
        footer: frame_extra::footer(input.disclosure, lang),
        feed: url_for(&from, &output_path(lang, "feed.xml")),
        base_href: if matches!(spec.kind, Kind::NotFound) {
            base_path(&input.config.base(), &site.linked.folder, lang)
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

/// The main navigation as seen from the page `spec` at `from`: the link of
/// the page's section is current (the home link only on the home page).
fn nav(input: &RenderInput<'_>, lang: Lang, spec: &PageSpec, from: &str) -> Vec<NavLink> {
    let section = spec.path.split('/').next().unwrap_or("");
    Route::NAV
        .iter()
        .map(|(route, key)| {
            let path = route.path();
            NavLink {
                href: route.href(from, lang),
                label: input.i18n.get(lang, key),
                current: path.split('/').next() == Some(section)
                    && (spec.path != "index.html" || path == "index.html"),
            }
        })
        .collect()
}

/// The path part of `base_url` (`/plan/`) plus the plan's `folder` on a
/// site of several plans and the language prefix, for the 404 page's
/// `<base href>`; empty without a base URL.
pub(crate) fn base_path(base: &str, folder: &str, lang: Lang) -> String {
    let Some(rest) = base.split_once("://").map(|(_, r)| r) else {
        return String::new();
    };
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    format!("{path}{folder}{}", lang.prefix())
}

#[derive(Serialize)]
struct Page<'a, T: Serialize> {
    c: Frame<'a>,
    p: T,
}

/// A page's template data: a JSON value for Tera, with the digest of the
/// data when the caller asked for digests; or `Same`, a page whose
/// digest the caller already knows (no value is built).
pub(super) enum Data {
    Value(serde_json::Value, Option<Digest>),
    Same(Digest),
}

/// XXH3-128 of a page's template data (`datahash`), or of a file.
pub type Digest = [u8; 16];

/// What form of the template data the caller wants.
pub(super) enum Want<'a> {
    Value,
    /// Its digest, and the value only when `known` says the digest is new.
    Digest(&'a (dyn Fn(&Digest) -> bool + Sync)),
}

fn context<T: Serialize>(want: &Want<'_>, c: Frame<'_>, p: T) -> Result<Data, tera::Error> {
    let page = Page { c, p };
    let e = |e: serde_json::Error| tera::Error::msg(e.to_string());
    Ok(match want {
        Want::Value => Data::Value(serde_json::to_value(&page).map_err(e)?, None),
        Want::Digest(known) => {
            let digest = crate::render::datahash::digest(&page).map_err(tera::Error::msg)?;
            if known(&digest) {
                Data::Same(digest)
            } else {
                Data::Value(serde_json::to_value(&page).map_err(e)?, Some(digest))
            }
        }
    })
}

fn text_of(u: &Unit, lang: Lang) -> String {
    views::text(&u.name, lang).text
}

/// A page's template data, in the form the caller wants.
pub(super) fn page_data(
    site: &Site,
    input: &RenderInput<'_>,
    (lang, spec, index): (Lang, &PageSpec, &para::SiteIndex<'_>),
    want: &Want<'_>,
) -> Result<Data, tera::Error> {
    let from = output_path(lang, &spec.path);
    let pc = PageCx {
        cx: ParaCtx {
            site,
            index,
            i18n: input.i18n,
            from: &from,
            lang,
        },
        input,
        spec,
        want,
    };
    let cx = &pc.cx;
    let t = |k: &str| input.i18n.get(lang, k);
    let disclosure = input.disclosure;
    match &spec.kind {
        Kind::Home => pc.data(
            views::text(&site.plan.title, lang).text,
            progress::release::home(cx, pages::home(cx)),
        ),
        Kind::Chapter(idx) => pc.chapter(*idx),
        Kind::FullText => pc.data(t("nav_fulltext"), pages::fulltext(cx)),
        Kind::Indicators => pc.data(t("nav_indicators"), views::table(cx)),
        Kind::Projects => pc.data(t("nav_projects"), pages::projects(cx)),
        Kind::Departments => pc.data(t("nav_departments"), pages::departments(cx)),
        Kind::Department(id) => pc.department(id),
        Kind::Commitments => pc.data(t("nav_commitments"), views::commitments::page(cx, None)),
        Kind::CommitmentsOf(id) => pc.commitments_of(id),
        Kind::About => pc.data(t("nav_about"), pages::about(cx)),
        Kind::Data => pc.data(
            t("nav_data"),
            crate::render::exports::page(site, disclosure, input.i18n, lang),
        ),
        Kind::Search => pc.data(t("nav_search"), ()),
        Kind::NotFound => pc.data(t("not_found_title"), ()),
        Kind::Changes => pc.data(t("nav_changes"), frame_extra::changes(disclosure, lang)),
        Kind::Interpretation => pc.data(
            t("nav_interpretation"),
            frame_extra::interpretation(disclosure, lang),
        ),
        Kind::Indicator(idx) => pc.indicator(*idx),
        Kind::Progress => pc.data(t("nav_progress"), progress::overview::overview(cx)),
        Kind::Release(idx) => pc.release(*idx),
        Kind::Report(slug) => pc.report(slug),
    }
}

/// What one page's template data is made with: the paragraph context of
/// its language and path, the render's input, the page, and the form the
/// caller wants.
struct PageCx<'a> {
    cx: ParaCtx<'a>,
    input: &'a RenderInput<'a>,
    spec: &'a PageSpec,
    want: &'a Want<'a>,
}

impl PageCx<'_> {
    /// The data of the page whose frame is titled `title` and whose own
    /// part is `p`.
    fn data<T: Serialize>(&self, title: String, p: T) -> Result<Data, tera::Error> {
        let ParaCtx { site, lang, .. } = self.cx;
        let frame = frame(site, self.input, lang, self.spec, title);
        context(self.want, frame, p)
    }

    /// The page of the chapter at `idx`, titled with its heading and title.
    fn chapter(&self, idx: usize) -> Result<Data, tera::Error> {
        let Some(ch) = self.cx.site.chapters.get(idx) else {
            return Err(tera::Error::msg(format!("chapter #{idx} missing")));
        };
        let page = pages::chapter(&self.cx, ch);
        let title = [page.chapter.heading.as_str(), &page.chapter.title.text]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        self.data(title, page)
    }

    /// The page of the unit `id`.
    fn department(&self, id: &UnitId) -> Result<Data, tera::Error> {
        let Some(u) = self.cx.index.unit(id) else {
            return Err(tera::Error::msg(format!("unit {} missing", id.as_str())));
        };
        let page = views::department::page(&self.cx, u);
        self.data(page.name.text.clone(), page)
    }

    /// The page of the commitments whose task names the unit `id`.
    fn commitments_of(&self, id: &UnitId) -> Result<Data, tera::Error> {
        let Some(u) = self.cx.index.unit(id) else {
            return Err(tera::Error::msg(format!("unit {} missing", id.as_str())));
        };
        let page = views::commitments::page(&self.cx, Some(u));
        let nav = self.cx.i18n.get(self.cx.lang, "nav_commitments");
        let title = format!("{nav} · {}", text_of(u, self.cx.lang));
        self.data(title, page)
    }

    /// The page of the indicator at `idx`, titled with its number and name.
    fn indicator(&self, idx: usize) -> Result<Data, tera::Error> {
        let Some(page) = progress::indicator(&self.cx, idx) else {
            return Err(tera::Error::msg(format!("indicator #{idx} missing")));
        };
        self.data(format!("{}. {}", page.number, page.name.text), page)
    }

    /// The page of the release at `idx`.
    fn release(&self, idx: usize) -> Result<Data, tera::Error> {
        let Some(page) = progress::release::release(&self.cx, idx) else {
            return Err(tera::Error::msg(format!("release {idx} missing")));
        };
        self.data(page.title.clone(), page)
    }

    /// The page of the report `slug`.
    fn report(&self, slug: &str) -> Result<Data, tera::Error> {
        let Some(r) = self.cx.site.progress.report(slug) else {
            return Err(tera::Error::msg(format!("report {slug} missing")));
        };
        let page = progress::release::report(&self.cx, r);
        self.data(page.title.text.clone(), page)
    }
}
