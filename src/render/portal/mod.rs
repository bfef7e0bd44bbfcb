//! The portal of a site of several plans: its home page in each language
//! (`portal.html`), listing every plan with its place, its period, its
//! state on the site's content date and its headline status, linked to
//! the plan's own home page; the site-level department pages
//! ([`departments`]), the search of every plan or one ([`search`]) and
//! the index of the plans' data ([`data`]). The
//! portal shares the plans' style sheet, copied to the top, and every
//! link of its pages is checked against the whole site.

use crate::config::SiteConfig;
use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::model::{Lang, PlanInfo};
use crate::render::links::url_for;
use crate::render::routes::{self, Route};
use crate::render::views::{text, Text};
use crate::render::OutputFile;
use crate::theme::Theme;
use serde::Serialize;
use std::collections::BTreeMap;

mod data;
mod departments;
mod notfound;
mod search;

/// The style sheet every page links, at the same path in each plan's tree.
pub const CSS: &str = "assets/style.css";

/// A plan on the portal: its id (its folder) and what the portal shows.
pub struct PortalPlan<'a> {
    pub id: &'a str,
    pub info: &'a PlanInfo,
}

/// What the portal is made from.
pub struct Portal<'a> {
    /// In the order listed.
    pub plans: &'a [PortalPlan<'a>],
    pub config: &'a SiteConfig,
    pub theme: &'a Theme,
    /// The templates the plans were rendered with.
    pub tera: &'a tera::Tera,
    /// Every file of the plans, by its path on the site.
    pub files: &'a [&'a str],
    /// The plans' files the portal reads ([`reads`]), at least those of
    /// the first plan listed.
    pub read: &'a [OutputFile],
}

/// Whether the portal reads the plan's file at `path` (under the plan's
/// folder): the style sheet and search scripts it copies to the top, and
/// the plan's search index entry, shard and synonym lists.
pub fn reads(path: &str) -> bool {
    [CSS]
        .into_iter()
        .chain(search::SCRIPTS)
        .any(|f| path.ends_with(f))
        || crate::search::across::is_index_file(path)
}

impl Portal<'_> {
    /// The site's content date: the latest date any plan's content gives.
    fn as_of(&self) -> Option<crate::progress::model::Date> {
        self.plans.iter().filter_map(|e| e.info.latest).max()
    }
}

/// What a portal page is rendered with.
struct Cx<'a> {
    p: &'a Portal<'a>,
    tera: &'a tera::Tera,
    i18n: &'a I18n,
}

/// A rendered portal page and the template that made it.
struct Made {
    file: OutputFile,
    template: &'static str,
}

#[derive(Serialize)]
struct View<'a> {
    c: Frame<'a>,
    plans: Vec<Row>,
}

/// What every portal page shows around its content.
#[derive(Serialize)]
struct Frame<'a> {
    lang: &'static str,
    html_lang: &'static str,
    alt_lang: &'static str,
    alt_href: String,
    /// The portal's home page in this language.
    home: String,
    css: String,
    /// The site-level department index, search page and the plans' data
    /// index.
    departments: String,
    search: String,
    plans_json: String,
    sample: bool,
    site_title: String,
    /// The site's content date, or empty.
    as_of: String,
    t: &'a BTreeMap<String, String>,
    /// The 404 page only ([`notfound`]): `<base href>` and the inlined
    /// style sheet; empty on every other page.
    base_href: String,
    inline_css: String,
}

#[derive(Serialize)]
struct Row {
    id: String,
    href: String,
    title: Text,
    district: Text,
    period: String,
    /// [`crate::model::PlanState::code`]; the template picks its label.
    state: &'static str,
    /// The plan's latest release's date, empty without a release.
    headline_as_of: String,
    /// Every status with at least one indicator: code, label, count.
    headline: Vec<Count>,
}

/// A status on a plan's card.
#[derive(Serialize)]
struct Count {
    code: &'static str,
    label: String,
    n: usize,
}

/// The portal's pages (and the style sheet they link), or none with a
/// diagnostic when the theme cannot make them or the site lacks what they
/// link to among its files.
pub fn render(p: &Portal<'_>, d: &mut Diagnostics) -> Vec<OutputFile> {
    let Some(first) = p.plans.first() else {
        return vec![];
    };
    let i18n = I18n::from_theme(p.theme, d);
    let cx = Cx {
        p,
        tera: p.tera,
        i18n: &i18n,
    };
    let mut out = vec![];
    // The style sheet and the search scripts, the same in every plan's tree.
    let folder = routes::plan_folder(first.id);
    for path in [CSS].into_iter().chain(search::SCRIPTS) {
        let copied = cat!(folder, path);
        if let Some(f) = p.read.iter().find(|f| f.rel_path == copied) {
            out.push(OutputFile {
                rel_path: path.into(),
                bytes: f.bytes.clone(),
            });
        }
    }
    out.push(data::plans_json(p));
    let Some(bundle) = search::files(&cx, p.read, d) else {
        return vec![];
    };
    out.extend(bundle);
    let indexes: Option<Vec<_>> = Lang::ALL
        .iter()
        .map(|&lang| search::indexes(&cx, p.read, lang, d))
        .collect();
    let Some(indexes) = indexes else {
        return vec![];
    };
    let mut pages = vec![];
    for (lang, indexes) in Lang::ALL.into_iter().zip(&indexes) {
        let made = home(&cx, lang).and_then(|home| {
            pages.push(home);
            pages.push(notfound::page(&cx, lang)?);
            pages.push(search::page(&cx, lang, indexes)?);
            departments::pages(&cx, lang)
        });
        match made {
            Ok(more) => pages.extend(more),
            Err(e) => {
                d.push(super::templates::template_error(p.theme, &e));
                return vec![];
            }
        }
    }
    check_links(p.theme, &pages, &out, p.files, d);
    out.extend(pages.into_iter().map(|m| m.file));
    out
}

impl Cx<'_> {
    /// The frame of the portal page at output path `from` in `lang`, whose
    /// other language is at `alt`, rendered with `template`.
    fn frame(&self, lang: Lang, from: &str, alt: &str, template: &str) -> Frame<'_> {
        let site_title = match &self.p.config.brand {
            Some(b) if lang == Lang::En && !b.en.trim().is_empty() => b.en.clone(),
            Some(b) if lang == Lang::Zh && !b.zh.trim().is_empty() => b.zh.clone(),
            _ => self.i18n.get(lang, "portal_title"),
        };
        Frame {
            lang: lang.code(),
            html_lang: lang.tag(),
            alt_lang: lang.other().tag(),
            alt_href: url_for(from, alt),
            home: url_for(from, &routes::portal(lang)),
            css: url_for(from, CSS),
            departments: Route::Departments.href(from, lang),
            search: Route::Search.href(from, lang),
            plans_json: url_for(from, data::PLANS_JSON),
            sample: self.p.config.sample,
            site_title,
            as_of: self.p.as_of().map(|d| d.to_string()).unwrap_or_default(),
            t: self.i18n.template_table(lang, template),
            base_href: String::new(),
            inline_css: String::new(),
        }
    }

    /// `template` rendered with `view` into the page at `rel_path`.
    fn render(
        &self,
        template: &'static str,
        rel_path: String,
        view: &impl Serialize,
    ) -> tera::Result<Made> {
        let html = self
            .tera
            .render(template, &tera::Context::from_serialize(view)?)?;
        Ok(Made {
            file: OutputFile {
                rel_path,
                bytes: html.into_bytes(),
            },
            template,
        })
    }
}

/// The portal's home page in `lang`.
fn home(cx: &Cx<'_>, lang: Lang) -> tera::Result<Made> {
    let from = routes::portal(lang);
    let as_of = cx.p.as_of();
    let plans =
        cx.p.plans
            .iter()
            .map(|e| Row {
                id: e.id.to_string(),
                href: url_for(&from, &routes::in_plan(e.id, Route::Home, lang)),
                title: text(&e.info.title, lang),
                district: text(&e.info.district, lang),
                period: period(e.info),
                state: e.info.state(as_of).code(),
                headline_as_of: e
                    .info
                    .headline
                    .as_ref()
                    .map(|h| h.as_of.to_string())
                    .unwrap_or_default(),
                headline: headline(cx.i18n, e.info, lang),
            })
            .collect();
    let view = View {
        c: cx.frame(lang, &from, &routes::portal(lang.other()), "portal.html"),
        plans,
    };
    cx.render("portal.html", from, &view)
}

/// The plan's period, `2021–2025`.
fn period(info: &PlanInfo) -> String {
    cat!(
        info.period_start.to_string(),
        "–",
        info.period_end.to_string()
    )
}

/// The statuses of the plan's indicators at its latest release that hold
/// at least one, with their labels in `lang`.
fn headline(i18n: &I18n, info: &PlanInfo, lang: Lang) -> Vec<Count> {
    let Some(h) = &info.headline else {
        return vec![];
    };
    h.counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| Count {
            code: s.code(),
            label: i18n.get(lang, &cat!("status_", s.code())),
            n: *n,
        })
        .collect()
}

/// Every link of the portal's pages resolves among the site's files
/// (`files`, the plans', and `other`, the portal's own).
fn check_links(
    theme: &Theme,
    pages: &[Made],
    other: &[OutputFile],
    files: &[&str],
    d: &mut Diagnostics,
) {
    let scans: Vec<(&str, crate::linkcheck::PageScan)> = pages
        .iter()
        .map(|m| {
            let html = String::from_utf8_lossy(&m.file.bytes);
            (m.file.rel_path.as_str(), crate::linkcheck::scan(&html))
        })
        .collect();
    let scanned: Vec<(&str, &crate::linkcheck::PageScan)> =
        scans.iter().map(|(p, s)| (*p, s)).collect();
    let made = pages.iter().map(|m| m.file.rel_path.as_str());
    let theirs = other.iter().map(|f| f.rel_path.as_str());
    let exists = made.chain(theirs).chain(files.iter().copied());
    for b in crate::linkcheck::check_scanned(exists, &scanned) {
        let template = pages
            .iter()
            .find(|m| m.file.rel_path == b.page)
            .map_or("portal.html", |m| m.template);
        let origin = theme.origin.get(&cat!("templates/", template));
        d.push(Diagnostic::error(
            origin.cloned().unwrap_or_default(),
            0,
            Bilingual::new(
                format!(
                    "门户页面的链接指向不存在的页面：{}（页面 {}）",
                    b.url, b.page
                ),
                format!("broken link on the portal: {} (on page {})", b.url, b.page),
            ),
        ));
    }
}
