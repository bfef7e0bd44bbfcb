//! Progress views: a page per indicator (definition, 2020–2025 table and
//! SVG chart, status and the rule), the progress overview, release and
//! report pages, the progress parts of the home and indicator-table pages,
//! and the progress downloads. Statuses come from `progress::state`; with
//! no releases every view says "not yet reported" and shows no number
//! beyond the plan's baselines and targets.

pub mod chart;
pub mod common;
pub mod overview;
pub mod release;

use crate::model::{Attribute, Direction, Indicator, Value};
use crate::progress::state::{self, State};
use crate::progress::status::{self, Outcome, Reason};
use crate::progress::{target_kind, TargetKind};
use crate::render::html::para::ParaCtx;
use crate::render::html::text::{opt_text, text, value_text, Link, Text};
use crate::render::views::kind_label;
use common::*;
use serde::Serialize;

/// One row of an indicator's 2020–2025 table.
#[derive(Serialize)]
pub struct YearRow {
    pub year: u16,
    /// The value as printed, or `None` when not yet reported.
    pub value: Option<Text>,
    pub baseline: bool,
    pub source: Option<Text>,
    pub note: Option<Text>,
    pub date: String,
    pub release: Option<Link>,
}

/// A target the city assigned, with its source.
#[derive(Serialize)]
pub struct CityTargetView {
    pub value: String,
    pub cumulative: bool,
    pub source: Text,
    pub note: Option<Text>,
    pub date: String,
}

/// A stated judgement on a qualitative target.
#[derive(Serialize)]
pub struct JudgementView {
    pub year: u16,
    pub judgement: Text,
    pub source: Text,
    pub note: Option<Text>,
    pub date: String,
}

#[derive(Serialize)]
pub struct IndicatorPage {
    pub number: u32,
    pub name: Text,
    pub unit: String,
    pub group: Text,
    pub attribute: String,
    pub binding: bool,
    pub star: bool,
    pub baseline: Text,
    pub target: Text,
    pub baseline_kind: Option<String>,
    pub target_kind: Option<String>,
    pub city_assigned: bool,
    pub city_target: Option<CityTargetView>,
    pub direction: String,
    pub status: Badge,
    pub explanation: String,
    pub judgement: Option<JudgementView>,
    pub rows: Vec<YearRow>,
    pub chart: Option<String>,
    /// The chart draws the required path (序时进度).
    pub chart_path: bool,
    pub as_of: Option<Link>,
    pub csv: String,
    pub json: String,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub rule: RuleView,
    /// The passages of the text that state the target otherwise, and the
    /// table's row: the plan contradicts itself.
    pub contradicts: Vec<Link>,
    pub table_row: String,
}

fn unit_of(cx: &ParaCtx<'_>, i: &Indicator) -> String {
    if i.unit.zh.is_empty() {
        String::new()
    } else {
        text(&i.unit, cx.lang).text
    }
}

fn direction(cx: &ParaCtx<'_>, d: Direction) -> String {
    t(
        cx,
        match d {
            Direction::Lower => "direction_lower",
            Direction::Higher => "direction_higher",
            Direction::None => "direction_none",
        },
    )
}

fn rows(cx: &ParaCtx<'_>, st: &State<'_>, i: &Indicator) -> Vec<YearRow> {
    let (first, last) = state::years(cx.site);
    let series = st.series(i.number);
    (first..=last)
        .map(|year| match series.iter().find(|(v, _)| v.year == year) {
            Some((v, rel)) => YearRow {
                year,
                value: Some(Text {
                    text: crate::render::links::number(v.value),
                    lang: None,
                }),
                baseline: year == first,
                source: opt_text(&v.source, cx),
                note: opt_text(&v.note, cx),
                date: v.date.to_string(),
                release: Some(Link {
                    href: release_href(cx, rel),
                    label: release_label(cx, rel),
                    lang: None,
                }),
            },
            None if year == first => YearRow {
                year,
                value: Some(value_text(&i.baseline, cx.lang)),
                baseline: true,
                source: Some(Text {
                    text: t(cx, "source_plan"),
                    lang: None,
                }),
                note: kind_label(cx, i.baseline_kind, "kind_cumulative_baseline")
                    .map(|text| Text { text, lang: None }),
                date: String::new(),
                release: None,
            },
            None => YearRow {
                year,
                value: None,
                baseline: false,
                source: None,
                note: None,
                date: String::new(),
                release: None,
            },
        })
        .collect()
}

/// The numeric target the status is measured against, if any.
fn numeric_target(st: &State<'_>, i: &Indicator) -> Option<f64> {
    match target_kind(i) {
        TargetKind::Number(n) => Some(n),
        TargetKind::CityAssigned => st.city_targets.get(&i.number).map(|(c, _)| c.value),
        TargetKind::Qualitative => None,
    }
}

/// The chart of indicator `i` (with `rows` as its text alternative), and
/// whether it draws the required path; `None` when there is too little to
/// draw.
fn chart(
    cx: &ParaCtx<'_>,
    st: &State<'_>,
    i: &Indicator,
    rows: &[YearRow],
) -> Option<(String, bool)> {
    let cumulative = st
        .city_targets
        .get(&i.number)
        .is_some_and(|(c, _)| c.cumulative);
    let years = state::years(cx.site);
    let points = points(years.0, st, i, cumulative);
    let target = numeric_target(st, i);
    if points.is_empty() || (points.len() == 1 && target.is_none()) {
        return None;
    }
    // The required path runs from a level baseline to a level target.
    let level = i.baseline_kind.is_level();
    let path = match (
        &i.baseline,
        target,
        cumulative || !level || !i.target_kind.is_level(),
    ) {
        (Value::Number(b), Some(tv), false) => (years.0..=years.1)
            .map(|y| (y, status::required(*b, tv, years, y)))
            .collect(),
        _ => Vec::new(),
    };
    let unit = unit_of(cx, i);
    let has_path = !path.is_empty();
    let svg = chart::svg(&chart::Chart {
        id: &format!("chart-{:02}", i.number),
        title: chart_title(cx, i, &unit),
        desc: chart_desc(cx, rows, target, &unit),
        points,
        target,
        target_label: target
            .map(|v| {
                fill(
                    &t(cx, "chart_target_label"),
                    &[("value", crate::render::links::number(v))],
                )
            })
            .unwrap_or_default(),
        path,
        scale: chart::Scale::of_unit(&i.unit.zh),
        unit: crate::render::html::typeset::plain(&unit),
        years,
    });
    Some((svg, has_path))
}

/// The points of indicator `i`'s chart: its reported values, after its
/// baseline (in year `first`) when that is where the line starts. A
/// cumulative baseline, or one beside a `cumulative` city target, is a
/// total, not the level the line starts at.
fn points(first: u16, st: &State<'_>, i: &Indicator, cumulative: bool) -> Vec<(u16, f64, bool)> {
    let mut points: Vec<(u16, f64, bool)> = st
        .series(i.number)
        .iter()
        .map(|(v, _)| (v.year, v.value, v.year == first))
        .collect();
    let level = i.baseline_kind.is_level();
    if let (Value::Number(b), false, true) = (&i.baseline, cumulative, level) {
        points.insert(0, (first, *b, true));
    }
    points
}

/// The chart's title: the indicator's name, and its unit in brackets.
fn chart_title(cx: &ParaCtx<'_>, i: &Indicator, unit: &str) -> String {
    let name = text(&i.name, cx.lang).text;
    let name = if unit.is_empty() {
        name
    } else {
        format!(
            "{name}{}{unit}{}",
            t(cx, "paren_open"),
            t(cx, "paren_close")
        )
    };
    fill(&t(cx, "chart_title"), &[("name", name)])
}

/// The chart's text alternative: each year's value, the target, and that
/// the table says the same.
fn chart_desc(cx: &ParaCtx<'_>, rows: &[YearRow], target: Option<f64>, unit: &str) -> String {
    let mut desc: Vec<String> = rows
        .iter()
        .filter_map(|r| r.value.as_ref().map(|v| format!("{} {}", r.year, v.text)))
        .collect();
    if let Some(tv) = target {
        desc.push(fill(
            &t(cx, "chart_target_desc"),
            &[(
                "value",
                format!("{}{unit}", crate::render::links::number(tv)),
            )],
        ));
    }
    desc.push(t(cx, "chart_table_equivalent"));
    desc.join(t(cx, "list_sep").as_str())
}

fn neighbour(cx: &ParaCtx<'_>, i: Option<&Indicator>) -> Option<Link> {
    i.map(|i| {
        let name = text(&i.name, cx.lang);
        Link {
            href: indicator_href(cx, i.number),
            label: format!("{}. {}", i.number, name.text),
            lang: name.lang,
        }
    })
}

fn city_target(cx: &ParaCtx<'_>, st: &State<'_>, i: &Indicator) -> Option<CityTargetView> {
    st.city_targets.get(&i.number).map(|(c, _)| CityTargetView {
        value: crate::render::links::number(c.value),
        cumulative: c.cumulative,
        source: text(&c.source, cx.lang),
        note: opt_text(&c.note, cx),
        date: c.date.to_string(),
    })
}

/// The page of the indicator at index `pos` of the site's indicators, as
/// of the latest release; `None` when there is none there.
pub fn indicator(cx: &ParaCtx<'_>, pos: usize) -> Option<IndicatorPage> {
    let i = cx.site.table.indicators.get(pos)?;
    let st = state::at(&cx.site.progress, None);
    let outcome: Outcome = st.assess(cx.site, i);
    let unit = unit_of(cx, i);
    let latest = st.latest(cx.site, i.number).map(|v| v.year);
    let rows = rows(cx, &st, i);
    let chart = chart(cx, &st, i, &rows);
    let all = &cx.site.table.indicators;
    let binding = i.attribute == Attribute::Binding;
    Some(IndicatorPage {
        number: i.number,
        name: text(&i.name, cx.lang),
        group: group_of(cx, i),
        attribute: t(cx, if binding { "binding" } else { "expected" }),
        binding,
        star: i.definition_changed,
        baseline: value_text(&i.baseline, cx.lang),
        target: value_text(&i.target, cx.lang),
        baseline_kind: kind_label(cx, i.baseline_kind, "kind_cumulative_baseline"),
        target_kind: kind_label(cx, i.target_kind, "kind_cumulative_target"),
        city_assigned: target_kind(i) == TargetKind::CityAssigned,
        city_target: city_target(cx, &st, i),
        direction: direction(cx, i.direction),
        status: status_badge(cx, outcome.status),
        explanation: explain(cx, &outcome, &unit, latest),
        judgement: judgement(cx, &st, i, &outcome),
        chart_path: chart.as_ref().is_some_and(|c| c.1),
        chart: chart.map(|c| c.0),
        rows,
        unit,
        as_of: st.release.map(|r| Link {
            href: release_href(cx, &r.id),
            label: release_label(cx, &r.id),
            lang: None,
        }),
        csv: data_href(cx, i, "csv"),
        json: data_href(cx, i, "json"),
        prev: neighbour(cx, pos.checked_sub(1).and_then(|p| all.get(p))),
        next: neighbour(cx, all.get(pos + 1)),
        rule: rule(cx),
        contradicts: contradicts(cx, i),
        table_row: cat!(
            route_href(cx, Route::Indicators),
            "#indicator-",
            i.number.to_string()
        ),
    })
}

/// The name of indicator `i`'s group; empty when it has none.
fn group_of(cx: &ParaCtx<'_>, i: &Indicator) -> Text {
    cx.site
        .table
        .groups
        .iter()
        .find(|g| g.id == i.group)
        .map(|g| text(&g.name, cx.lang))
        .unwrap_or(Text {
            text: String::new(),
            lang: None,
        })
}

/// The judgement stated on indicator `i`'s qualitative target, when its
/// status rests on it.
fn judgement(
    cx: &ParaCtx<'_>,
    st: &State<'_>,
    i: &Indicator,
    outcome: &Outcome,
) -> Option<JudgementView> {
    st.assessments
        .get(&i.number)
        .filter(|_| outcome.reason == Reason::Judgement)
        .map(|(a, _)| JudgementView {
            year: a.year,
            judgement: text(&a.judgement, cx.lang),
            source: text(&a.source, cx.lang),
            note: opt_text(&a.note, cx),
            date: a.date.to_string(),
        })
}

/// The link to indicator `i`'s own data file, `csv` or `json`.
fn data_href(cx: &ParaCtx<'_>, i: &Indicator, ext: &str) -> String {
    crate::render::links::url_for(cx.from, &format!("data/indicators/{:02}.{ext}", i.number))
}

/// The passages of the text that state indicator `i`'s target otherwise,
/// each labelled with its chapter.
fn contradicts(cx: &ParaCtx<'_>, i: &Indicator) -> Vec<Link> {
    i.contradicts
        .iter()
        .map(|(ch, id)| Link {
            href: crate::render::views::para_href(cx, *ch, id.as_str()),
            label: cx
                .site
                .chapters
                .iter()
                .find(|c| c.number == *ch)
                .map_or_else(String::new, |c| {
                    crate::render::views::chapter_label(cx, c).0
                }),
            lang: None,
        })
        .collect()
}
