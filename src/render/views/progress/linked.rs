//! The part of an indicator's page that reaches into the site's other
//! plans, by the links staff declared (`links.toml`, see
//! `pipeline::plan_links`): the same indicator in the plan this one
//! follows, with its final reported value and the series across both
//! plans, and the city plan's indicator a 完成市分解任务 target refers to,
//! with the city's figure and its source. Nothing when the plan has no
//! links (a site of one plan).

use super::common::t;
use crate::model::linked::OtherIndicator;
use crate::model::{Indicator, Value};
use crate::render::html::para::ParaCtx;
use crate::render::html::text::{text, value_text, Text};
use crate::render::links::number;
use crate::render::routes::{self, Route};
use serde::Serialize;

/// An indicator of another plan, linked.
#[derive(Serialize)]
pub struct OtherView {
    pub href: String,
    pub plan: Text,
    pub period: String,
    pub name: Text,
    pub target: Text,
    /// Its value for its last year, with the unit; none when not reported.
    pub final_value: Option<String>,
    pub final_year: u16,
    pub final_source: Option<Text>,
}

/// One row of the series across two plans.
#[derive(Serialize)]
pub struct SeriesRow {
    pub year: u16,
    pub value: Text,
    /// 基期值, 报告值 or 目标值.
    pub what: String,
    pub plan: Text,
}

#[derive(Serialize)]
pub struct LinkedView {
    pub earlier: Option<OtherView>,
    pub city: Option<OtherView>,
    pub series: Vec<SeriesRow>,
}

/// What indicator `i` links to, or `None` when it links to nothing.
pub fn view(cx: &ParaCtx<'_>, i: &Indicator) -> Option<LinkedView> {
    let links = cx.site.linked.indicators.get(&i.number)?;
    let series = links
        .earlier
        .as_ref()
        .map(|e| {
            let mut rows = rows_of(cx, e);
            rows.extend(rows_of(cx, &this_plan(cx, i)));
            rows
        })
        .unwrap_or_default();
    Some(LinkedView {
        earlier: links.earlier.as_ref().map(|o| other(cx, o)),
        city: links.city.as_ref().map(|o| other(cx, o)),
        series,
    })
}

fn other(cx: &ParaCtx<'_>, o: &OtherIndicator) -> OtherView {
    let unit = text(&o.unit, cx.lang).text;
    let last = o.final_value();
    OtherView {
        href: routes::to_other_plan(cx.from, &o.plan, Route::Indicator(o.number), cx.lang),
        plan: text(&o.plan_title, cx.lang),
        period: cat!(o.period_start.to_string(), "–", o.period_end.to_string()),
        name: text(&o.name, cx.lang),
        target: with_unit(value_text(&o.target, cx.lang), &o.target, &unit),
        final_value: last.map(|v| cat!(number(v.value), unit)),
        final_year: o.period_end,
        final_source: last.map(|v| text(&v.source, cx.lang)),
    }
}

/// A number with its unit; a text target as it is.
fn with_unit(t: Text, v: &Value, unit: &str) -> Text {
    match v {
        Value::Number(_) => Text {
            text: cat!(t.text, unit),
            lang: t.lang,
        },
        Value::Text(_) => t,
    }
}

/// This plan's indicator `i`, as the series needs it.
fn this_plan(cx: &ParaCtx<'_>, i: &Indicator) -> OtherIndicator {
    let st = crate::progress::state::at(&cx.site.progress, None);
    crate::progress::linked::as_other(cx.site, &st, i)
}

/// A plan's rows of the series: its baseline year, each reported year,
/// its target year; only what the plan and its releases state.
fn rows_of(cx: &ParaCtx<'_>, o: &OtherIndicator) -> Vec<SeriesRow> {
    let plan = text(&o.plan_title, cx.lang);
    let row = |year: u16, value: Text, key: &str| SeriesRow {
        year,
        value,
        what: t(cx, key),
        plan: plan.clone(),
    };
    let mut rows = vec![];
    if is_stated(&o.baseline) {
        let year = o.period_start.saturating_sub(1);
        rows.push(row(
            year,
            value_text(&o.baseline, cx.lang),
            "series_baseline",
        ));
    }
    for v in &o.values {
        let value = Text {
            text: number(v.value),
            lang: None,
        };
        rows.push(row(v.year, value, "series_reported"));
    }
    if is_stated(&o.target) {
        rows.push(row(
            o.period_end,
            value_text(&o.target, cx.lang),
            "series_target",
        ));
    }
    rows
}

/// A value the plan printed (not a dash for "none").
fn is_stated(v: &Value) -> bool {
    match v {
        Value::Number(_) => true,
        Value::Text(t) => !matches!(t.zh.trim(), "" | "—" | "-" | "/"),
    }
}
