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

fn frame<'a>(
    site: &Site,
    input: &'a RenderInput<'_>,
    lang: Lang,
    spec: &PageSpec,
    title: String,
) -> Frame<'a> {
    let from = output_path(lang, &spec.path);
    let t = input.i18n.template_table(lang, spec.template);
    let section = spec.path.split('/').next().unwrap_or("");
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
        nav: Route::NAV
            .iter()
            .map(|(route, key)| {
                let path = route.path();
                NavLink {
                    href: route.href(&from, lang),
                    label: input.i18n.get(lang, key),
                    current: path.split('/').next() == Some(section)
                        && (spec.path != "index.html" || path == "index.html"),
                }
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
            want,
            f(views::text(&site.plan.title, lang).text),
            progress::release::home(&cx, pages::home(&cx)),
        ),
        Kind::Chapter(idx) => {
            let Some(ch) = site.chapters.get(*idx) else {
                return Err(tera::Error::msg(format!("chapter #{idx} missing")));
            };
            let page = pages::chapter(&cx, ch);
            context(
                want,
                f([page.chapter.heading.as_str(), &page.chapter.title.text]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")),
                page,
            )
        }
        Kind::FullText => context(want, f(t("nav_fulltext")), pages::fulltext(&cx)),
        Kind::Indicators => context(want, f(t("nav_indicators")), views::table(&cx)),
        Kind::Projects => context(want, f(t("nav_projects")), pages::projects(&cx)),
        Kind::Departments => context(want, f(t("nav_departments")), pages::departments(&cx)),
        Kind::Department(id) => {
            let Some(u) = index.unit(id) else {
                return Err(tera::Error::msg(format!("unit {} missing", id.as_str())));
            };
            let page = crate::render::views::department::page(&cx, u);
            context(want, f(page.name.text.clone()), page)
        }
        Kind::Commitments => context(
            want,
            f(t("nav_commitments")),
            views::commitments::page(&cx, None),
        ),
        Kind::CommitmentsOf(id) => {
            let Some(u) = index.unit(id) else {
                return Err(tera::Error::msg(format!("unit {} missing", id.as_str())));
            };
            let page = views::commitments::page(&cx, Some(u));
            let title = format!("{} · {}", t("nav_commitments"), text_of(u, lang));
            context(want, f(title), page)
        }
        Kind::About => context(want, f(t("nav_about")), pages::about(&cx)),
        Kind::Data => context(
            want,
            f(t("nav_data")),
            crate::render::exports::page(cx.site, input.disclosure, cx.i18n, lang),
        ),
        Kind::Search => context(want, f(t("nav_search")), ()),
        Kind::NotFound => context(want, f(t("not_found_title")), ()),
        Kind::Changes => context(
            want,
            f(t("nav_changes")),
            frame_extra::changes(input.disclosure, lang),
        ),
        Kind::Interpretation => context(
            want,
            f(t("nav_interpretation")),
            frame_extra::interpretation(input.disclosure, lang),
        ),
        Kind::Indicator(idx) => {
            let Some(page) = progress::indicator(&cx, *idx) else {
                return Err(tera::Error::msg(format!("indicator #{idx} missing")));
            };
            context(
                want,
                f(format!("{}. {}", page.number, page.name.text)),
                page,
            )
        }
        Kind::Progress => context(
            want,
            f(t("nav_progress")),
            progress::overview::overview(&cx),
        ),
        Kind::Release(idx) => {
            let Some(page) = progress::release::release(&cx, *idx) else {
                return Err(tera::Error::msg(format!("release {idx} missing")));
            };
            context(want, f(page.title.clone()), page)
        }
        Kind::Report(slug) => {
            let Some(r) = site.progress.report(slug) else {
                return Err(tera::Error::msg(format!("report {slug} missing")));
            };
            let page = progress::release::report(&cx, r);
            context(want, f(page.title.text.clone()), page)
        }
    }
}
