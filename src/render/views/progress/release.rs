//! Release pages (`progress/<id>/index.html`, with what changed since the
//! previous release), evaluation report pages, and the progress parts
//! added to the home page and the indicator table page.

use super::common::*;
use super::overview::{summary, Summary};
use crate::model::Lang;
use crate::progress::model::{Release, Report};
use crate::progress::state;
use crate::progress::status::Status;
use crate::render::html::para::ParaCtx;
use crate::render::html::text::{opt_text, text, Link, Text};
use crate::render::links::number;
use crate::render::views::pages::HomeView;
use serde::Serialize;

mod changes;
use changes::change;

#[derive(Serialize)]
pub struct ChangeView {
    pub kind: &'static str,
    pub text: String,
    pub href: Option<String>,
}

#[derive(Serialize)]
pub struct ValueRow {
    pub indicator: Link,
    pub year: u16,
    pub value: String,
    pub source: Text,
    pub note: Option<Text>,
    pub date: String,
}

#[derive(Serialize)]
pub struct ReleasePage {
    pub title: String,
    pub as_of: String,
    pub file: String,
    pub note: Option<Text>,
    pub first: bool,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub changes: Vec<ChangeView>,
    pub values: Vec<ValueRow>,
    pub reports: Vec<Link>,
    pub summary: Summary,
    pub overview: String,
}

fn release_link(cx: &ParaCtx<'_>, r: Option<&Release>) -> Option<Link> {
    r.map(|r| Link {
        href: release_href(cx, &r.id),
        label: release_label(cx, &r.id),
        lang: None,
    })
}

/// Indicator `n`'s number and name.
fn indicator_name(cx: &ParaCtx<'_>, n: u32) -> String {
    let name = cx
        .site
        .table
        .indicators
        .iter()
        .find(|i| i.number == n)
        .map(|i| text(&i.name, cx.lang).text)
        .unwrap_or_default();
    format!("{n}. {name}")
}

/// Indicator `n`'s unit; empty when it has none.
fn unit(cx: &ParaCtx<'_>, n: u32) -> String {
    cx.site
        .table
        .indicators
        .iter()
        .find(|i| i.number == n)
        .filter(|i| !i.unit.zh.is_empty())
        .map(|i| text(&i.unit, cx.lang).text)
        .unwrap_or_default()
}

/// The page of release number `idx` (in as-of order).
pub fn release(cx: &ParaCtx<'_>, idx: usize) -> Option<ReleasePage> {
    let p = &cx.site.progress;
    let r = p.releases.get(idx)?;
    let cur = state::at(p, Some(idx));
    let prev = idx
        .checked_sub(1)
        .map(|i| state::at(p, Some(i)))
        .unwrap_or_default();
    let changes = state::changes(cx.site, &prev, &cur)
        .iter()
        .map(|c| change(cx, c))
        .collect();
    let values = r
        .values
        .iter()
        .map(|v| ValueRow {
            indicator: Link {
                href: indicator_href(cx, v.indicator),
                label: indicator_name(cx, v.indicator),
                lang: None,
            },
            year: v.year,
            value: format!("{}{}", number(v.value), unit(cx, v.indicator)),
            source: text(&v.source, cx.lang),
            note: opt_text(&v.note, cx),
            date: v.date.to_string(),
        })
        .collect();
    Some(ReleasePage {
        // A heading without English is the label made from the as-of
        // date, not Chinese under an English page's heading (`check`
        // warns of the missing English).
        title: r
            .title
            .as_ref()
            .map(|l| text(l, cx.lang))
            .filter(|t| t.lang.is_none())
            .map_or_else(|| release_label(cx, &r.id), |t| t.text),
        as_of: r.as_of.to_string(),
        file: r.file.clone(),
        note: r.note.as_ref().and_then(|n| opt_text(n, cx)),
        first: idx == 0,
        prev: release_link(cx, idx.checked_sub(1).and_then(|i| p.releases.get(i))),
        next: release_link(cx, p.releases.get(idx + 1)),
        changes,
        values,
        reports: r
            .reports
            .iter()
            .filter_map(|s| p.report(s))
            .map(|rep| report_link(cx, rep))
            .collect(),
        summary: summary(cx, &cur),
        overview: route_href(cx, Route::Progress),
    })
}

#[derive(Serialize)]
pub struct ReportPage {
    pub title: Text,
    pub kind: String,
    pub date: String,
    pub body: String,
    /// `zh-CN` when the Chinese body stands in on an English page.
    pub body_lang: Option<&'static str>,
    pub releases: Vec<Link>,
    pub overview: String,
}

pub fn report(cx: &ParaCtx<'_>, r: &Report) -> ReportPage {
    let (body, body_lang) = match cx.lang {
        Lang::En if r.body.en.trim().is_empty() => (r.body.zh.clone(), Some(Lang::Zh.tag())),
        _ => (r.body.get(cx.lang).clone(), None),
    };
    ReportPage {
        title: text(&r.title, cx.lang),
        kind: t(cx, r.kind.key()),
        date: r.date.to_string(),
        body,
        body_lang,
        releases: r
            .releases
            .iter()
            .map(|id| Link {
                href: release_href(cx, id),
                label: release_label(cx, id),
                lang: None,
            })
            .collect(),
        overview: route_href(cx, Route::Progress),
    }
}

/// The progress part of the home page.
#[derive(Serialize)]
pub struct HomeProgress {
    pub has_data: bool,
    pub latest: Option<Link>,
    pub overview: String,
    pub reports: Vec<Link>,
    /// Status and page link of each of the home page's target cards.
    pub targets: Vec<(Badge, String)>,
}

#[derive(Serialize)]
pub struct HomePage {
    #[serde(flatten)]
    pub home: HomeView,
    pub progress: HomeProgress,
}

pub fn home(cx: &ParaCtx<'_>, home: HomeView) -> HomePage {
    let st = state::at(&cx.site.progress, None);
    let targets = home
        .targets
        .iter()
        .map(|r| {
            let status = cx
                .site
                .table
                .indicators
                .iter()
                .find(|i| i.number == r.number)
                .map_or(Status::NotReported, |i| st.assess(cx.site, i).status);
            (status_badge(cx, status), indicator_href(cx, r.number))
        })
        .collect();
    let progress = HomeProgress {
        has_data: st.release.is_some(),
        latest: release_link(cx, st.release),
        overview: route_href(cx, Route::Progress),
        reports: report_links(cx),
        targets,
    };
    HomePage { home, progress }
}
