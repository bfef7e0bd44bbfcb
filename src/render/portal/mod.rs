//! The portal of a site of several plans: its home page in each language
//! (`portal.html`), listing every plan with its place, its period and its
//! state on the site's content date, linked to the plan's own home page.
//! The portal shares the plans' style sheet, copied to the top, and its
//! links are checked against the whole site.

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

/// The style sheet every page links, at the same path in each plan's tree.
const CSS: &str = "assets/style.css";

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
}

#[derive(Serialize)]
struct View<'a> {
    c: Frame<'a>,
    plans: Vec<Row>,
}

#[derive(Serialize)]
struct Frame<'a> {
    lang: &'static str,
    html_lang: &'static str,
    alt_lang: &'static str,
    alt_href: String,
    css: String,
    sample: bool,
    site_title: String,
    /// The site's content date, or empty.
    as_of: String,
    t: &'a BTreeMap<String, String>,
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
}

/// The portal's pages (and the style sheet they link), or none with a
/// diagnostic when the theme cannot make them or `site` lacks what they
/// link to among `files`.
pub fn render(p: &Portal<'_>, files: &[OutputFile], d: &mut Diagnostics) -> Vec<OutputFile> {
    let Some(first) = p.plans.first() else {
        return vec![];
    };
    let Some(tera) = crate::render::templates(p.theme, d) else {
        return vec![];
    };
    let i18n = I18n::from_theme(p.theme, d);
    let css = cat!(routes::plan_folder(first.id), CSS);
    let mut out = vec![];
    if let Some(f) = files.iter().find(|f| f.rel_path == css) {
        out.push(OutputFile {
            rel_path: CSS.into(),
            bytes: f.bytes.clone(),
        });
    }
    for lang in Lang::ALL {
        match page(p, &tera, &i18n, lang) {
            Ok(bytes) => out.push(OutputFile {
                rel_path: routes::portal(lang),
                bytes,
            }),
            Err(e) => {
                d.push(super::templates::template_error(p.theme, &e));
                return vec![];
            }
        }
    }
    check_links(p.theme, &out, files, d);
    out
}

/// The portal page in `lang`.
fn page(p: &Portal<'_>, tera: &tera::Tera, i18n: &I18n, lang: Lang) -> tera::Result<Vec<u8>> {
    let from = routes::portal(lang);
    let t = i18n.template_table(lang, "portal.html");
    let as_of = p.plans.iter().filter_map(|e| e.info.latest).max();
    let plans = p
        .plans
        .iter()
        .map(|e| {
            let state = e.info.state(as_of);
            Row {
                id: e.id.to_string(),
                href: url_for(&from, &routes::in_plan(e.id, Route::Home, lang)),
                title: text(&e.info.title, lang),
                district: text(&e.info.district, lang),
                period: cat!(
                    e.info.period_start.to_string(),
                    "–",
                    e.info.period_end.to_string()
                ),
                state: state.code(),
            }
        })
        .collect();
    let site_title = match &p.config.brand {
        Some(b) if lang == Lang::En && !b.en.trim().is_empty() => b.en.clone(),
        Some(b) if lang == Lang::Zh && !b.zh.trim().is_empty() => b.zh.clone(),
        _ => i18n.get(lang, "portal_title"),
    };
    let view = View {
        c: Frame {
            lang: lang.code(),
            html_lang: lang.tag(),
            alt_lang: lang.other().tag(),
            alt_href: url_for(&from, &routes::portal(lang.other())),
            css: url_for(&from, CSS),
            sample: p.config.sample,
            site_title,
            as_of: as_of.map(|d| d.to_string()).unwrap_or_default(),
            t,
        },
        plans,
    };
    let html = tera.render("portal.html", &tera::Context::from_serialize(&view)?)?;
    Ok(html.into_bytes())
}

/// Every link of the portal's pages resolves among the site's files.
fn check_links(theme: &Theme, portal: &[OutputFile], files: &[OutputFile], d: &mut Diagnostics) {
    let scans: Vec<(String, crate::linkcheck::PageScan)> = portal
        .iter()
        .filter(|f| f.rel_path.ends_with(".html"))
        .map(|f| {
            (
                f.rel_path.clone(),
                crate::linkcheck::scan(&String::from_utf8_lossy(&f.bytes)),
            )
        })
        .collect();
    let pages: Vec<(&str, &crate::linkcheck::PageScan)> =
        scans.iter().map(|(p, s)| (p.as_str(), s)).collect();
    let exists = files.iter().chain(portal).map(|f| f.rel_path.as_str());
    for b in crate::linkcheck::check_scanned(exists, &pages) {
        let origin = theme.origin.get("templates/portal.html");
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
