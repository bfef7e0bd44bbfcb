//! What changed since the previous release, as a release page lists it:
//! each change's kind, sentence and the page it is about.

use super::{indicator_name, unit, ChangeView};
use crate::model::Lang;
use crate::progress::model::WorkStatus;
use crate::progress::state::Change;
use crate::progress::status::Status;
use crate::render::html::para::ParaCtx;
use crate::render::html::text::text;
use crate::render::links::number;
use crate::render::views::progress::common::*;

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

/// Change `c`, as the template shows it.
pub(super) fn change(cx: &ParaCtx<'_>, c: &Change) -> ChangeView {
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
    let with_unit = |v: f64, n: u32| format!("{}{}", number(v), unit(cx, n));
    let (kind, key, n, vars) = match c {
        Change::NewValue {
            indicator,
            year,
            value,
        } => (
            "value",
            "change_new_value",
            *indicator,
            vec![
                ("year", year.to_string()),
                ("value", with_unit(*value, *indicator)),
            ],
        ),
        Change::RevisedValue {
            indicator,
            year,
            from,
            to,
        } => (
            "revised",
            "change_revised_value",
            *indicator,
            vec![
                ("year", year.to_string()),
                ("from", number(*from)),
                ("to", with_unit(*to, *indicator)),
            ],
        ),
        Change::IndicatorStatus {
            indicator,
            from,
            to,
        } => (
            "status",
            "change_indicator_status",
            *indicator,
            vec![("from", st(*from)), ("to", st(*to))],
        ),
        Change::CityTarget { indicator, value } => (
            "target",
            "change_city_target",
            *indicator,
            vec![("value", with_unit(*value, *indicator))],
        ),
        Change::Judgement { indicator, year } => (
            "judgement",
            "change_judgement",
            *indicator,
            vec![("year", year.to_string())],
        ),
        _ => return None,
    };
    let mut all = vec![("indicator", indicator_name(cx, n))];
    all.extend(vars);
    Some((kind, key, all, Some(indicator_href(cx, n))).into())
}

/// A change to a task, commitment, key project or report.
fn work_change(cx: &ParaCtx<'_>, c: &Change) -> Option<Described> {
    let wk = |w: WorkStatus| t(cx, &format!("work_{}", w.code()));
    let described = match c {
        Change::Task { id, from, to } => {
            let (title, href) = task_title(cx, id);
            (
                "task",
                "change_task",
                vec![("title", title), ("from", wk(*from)), ("to", wk(*to))],
                href,
            )
        }
        Change::Commitment { id, from, to } => {
            let (label, href) = commitment_deadline(cx, id);
            (
                "commitment",
                "change_commitment",
                vec![("deadline", label), ("from", wk(*from)), ("to", wk(*to))],
                href,
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

/// Task `id`'s title and the link to its paragraph; empty and none when
/// the plan has no such task.
fn task_title(cx: &ParaCtx<'_>, id: &str) -> (String, Option<String>) {
    let task = cx.site.task(&crate::model::TaskId(id.to_string()));
    let title = task
        .map(|x| text(&x.title, cx.lang).text)
        .unwrap_or_default();
    let href = task.map(|x| crate::render::views::para_href(cx, x.chapter, x.id.as_str()));
    (title, href)
}

/// Commitment `id`'s deadline (as printed in Chinese, its year in English)
/// and the link to its paragraph; empty and none when the plan has no such
/// commitment.
fn commitment_deadline(cx: &ParaCtx<'_>, id: &str) -> (String, Option<String>) {
    let c = cx.site.commitments.iter().find(|c| c.id == id);
    let label = c
        .map(|c| {
            if cx.lang == Lang::Zh {
                c.deadline.clone()
            } else {
                c.deadline_year.to_string()
            }
        })
        .unwrap_or_default();
    let href = c.map(|c| crate::render::views::para_href(cx, c.chapter, c.paragraph.as_str()));
    (label, href)
}
