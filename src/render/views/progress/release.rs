//! Release pages (`progress/<id>/index.html`, with what changed since the
//! previous release), evaluation report pages, and the progress parts
//! added to the home page and the indicator table page.

use super::common::*;
use super::overview::{summary, Summary};
use crate::model::Lang;
use crate::progress::model::{Release, Report, WorkStatus};
use crate::progress::state::{self, Change};
use crate::progress::status::Status;
use crate::render::html::para::ParaCtx;
use crate::render::html::text::{opt_text, text, Link, Text};
use crate::render::links::number;
use crate::render::views::pages::HomeView;
use serde::Serialize;

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

/// A change, as the template shows it: its kind, its sentence's key and
/// values, and the page it is about.
#[derive(Default)]
struct Described {
    kind: &'static str,
    key: &'static str,
    vars: Vec<(&'static str, String)>,
    href: Option<String>,
}

impl
    From<(
        &'static str,
        &'static str,
        Vec<(&'static str, String)>,
        Option<String>,
    )> for Described
{
    fn from(
        (kind, key, vars, href): (
            &'static str,
            &'static str,
            Vec<(&'static str, String)>,
            Option<String>,
        ),
    ) -> Self {
        Described {
            kind,
            key,
            vars,
            href,
        }
    }
}

fn change(cx: &ParaCtx<'_>, c: &Change) -> ChangeView {
    let d = indicator_change(cx, c)
        .or_else(|| work_change(cx, c))
        .unwrap_or_default();
    ChangeView {
        kind: d.kind,
        text: fill(&t(cx, d.key), &d.vars),
        href: d.href,
    }
}

/// A change to an indicator's values, status or target.
fn indicator_change(cx: &ParaCtx<'_>, c: &Change) -> Option<Described> {
    let st = |s: Status| t(cx, &format!("status_{}", s.code()));
    let ind = |n: u32| ("indicator", indicator_name(cx, n));
    let described = match c {
        Change::NewValue {
            indicator,
            year,
            value,
        } => (
            "value",
            "change_new_value",
            vec![
                ind(*indicator),
                ("year", year.to_string()),
                (
                    "value",
                    format!("{}{}", number(*value), unit(cx, *indicator)),
                ),
            ],
            Some(indicator_href(cx, *indicator)),
        ),
        Change::RevisedValue {
            indicator,
            year,
            from,
            to,
        } => (
            "revised",
            "change_revised_value",
            vec![
                ind(*indicator),
                ("year", year.to_string()),
                ("from", number(*from)),
                ("to", format!("{}{}", number(*to), unit(cx, *indicator))),
            ],
            Some(indicator_href(cx, *indicator)),
        ),
        Change::IndicatorStatus {
            indicator,
            from,
            to,
        } => (
            "status",
            "change_indicator_status",
            vec![ind(*indicator), ("from", st(*from)), ("to", st(*to))],
            Some(indicator_href(cx, *indicator)),
        ),
        Change::CityTarget { indicator, value } => (
            "target",
            "change_city_target",
            vec![
                ind(*indicator),
                (
                    "value",
                    format!("{}{}", number(*value), unit(cx, *indicator)),
                ),
            ],
            Some(indicator_href(cx, *indicator)),
        ),
        Change::Judgement { indicator, year } => (
            "judgement",
            "change_judgement",
            vec![ind(*indicator), ("year", year.to_string())],
            Some(indicator_href(cx, *indicator)),
        ),
        _ => return None,
    };
    Some(described.into())
}

/// A change to a task, commitment, key project or report.
fn work_change(cx: &ParaCtx<'_>, c: &Change) -> Option<Described> {
    let wk = |w: WorkStatus| t(cx, &format!("work_{}", w.code()));
    let described = match c {
        Change::Task { id, from, to } => {
            let task = cx.site.task(&crate::model::TaskId(id.clone()));
            let title = task
                .map(|x| text(&x.title, cx.lang).text)
                .unwrap_or_default();
            (
                "task",
                "change_task",
                vec![("title", title), ("from", wk(*from)), ("to", wk(*to))],
                task.map(|x| crate::render::views::para_href(cx, x.chapter, x.id.as_str())),
            )
        }
        Change::Commitment { id, from, to } => {
            let c = cx.site.commitments.iter().find(|c| &c.id == id);
            let label = c
                .map(|c| {
                    if cx.lang == Lang::Zh {
                        c.deadline.clone()
                    } else {
                        c.deadline_year.to_string()
                    }
                })
                .unwrap_or_default();
            (
                "commitment",
                "change_commitment",
                vec![("deadline", label), ("from", wk(*from)), ("to", wk(*to))],
                c.map(|c| crate::render::views::para_href(cx, c.chapter, c.paragraph.as_str())),
            )
        }
        Change::Project {
            box_number,
            item,
            from,
            to,
        } => (
            "project",
            "change_project",
            vec![
                ("box", box_number.to_string()),
                ("item", item.to_string()),
                ("from", wk(*from)),
                ("to", wk(*to)),
            ],
            Some(format!(
                "{}#box{box_number}",
                route_href(cx, Route::Projects)
            )),
        ),
        Change::Report { slug } => {
            let title = cx
                .site
                .progress
                .report(slug)
                .map(|r| text(&r.title, cx.lang).text)
                .unwrap_or_default();
            (
                "report",
                "change_report",
                vec![("title", title)],
                Some(report_href(cx, slug)),
            )
        }
        _ => return None,
    };
    Some(described.into())
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
