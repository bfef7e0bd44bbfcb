//! The progress overview (`progress/index.html`): indicator statuses
//! counted by binding and expected, every indicator's status, task
//! completion by chapter and by department, overdue commitments and
//! key-project status, all as of a release (the latest by default).

use super::common::*;
use crate::model::{Attribute, BoxItem, Lang, Task};
use crate::progress::model::WorkStatus;
use crate::progress::state::State;
use crate::progress::status::Status;
use crate::render::html::para::ParaCtx;
use crate::render::html::text::{text, value_text, Link, Text};
use crate::render::links::number;
use crate::render::views::{chapter_label, para_href};
use serde::Serialize;

#[derive(Serialize)]
pub struct CountRow {
    pub status: Badge,
    pub binding: usize,
    pub expected: usize,
    pub total: usize,
}

#[derive(Serialize)]
pub struct IndicatorRow {
    pub number: u32,
    pub href: String,
    pub name: Text,
    pub attribute: String,
    pub binding: bool,
    /// `2023：44`, or `None` when not yet reported.
    pub latest: Option<String>,
    pub target: Text,
    pub status: Badge,
}

#[derive(Serialize)]
pub struct WorkRow {
    pub label: String,
    pub href: String,
    pub lang: Option<&'static str>,
    pub counts: Vec<usize>,
    pub total: usize,
}

#[derive(Serialize)]
pub struct OverdueRow {
    pub deadline: String,
    pub text: Text,
    pub href: String,
    pub status: Badge,
}

#[derive(Serialize)]
pub struct ItemRow {
    pub label: String,
    pub status: Badge,
    pub note: Option<Text>,
}

#[derive(Serialize)]
pub struct BoxRow {
    pub label: String,
    pub title: Text,
    pub href: String,
    pub items: Vec<ItemRow>,
}

/// Everything the overview and the release pages show about one state.
#[derive(Serialize)]
pub struct Summary {
    pub counts: Vec<CountRow>,
    pub indicators: Vec<IndicatorRow>,
    pub work_statuses: Vec<Badge>,
    pub chapters: Vec<WorkRow>,
    pub departments: Vec<WorkRow>,
    pub overdue: Vec<OverdueRow>,
    pub projects: Vec<BoxRow>,
}

#[derive(Serialize)]
pub struct OverviewPage {
    pub has_data: bool,
    pub latest: Option<Link>,
    pub releases: Vec<Link>,
    pub reports: Vec<Link>,
    pub summary: Summary,
    pub rule: RuleView,
}

fn counts(cx: &ParaCtx<'_>, st: &State<'_>) -> Vec<CountRow> {
    let graded: Vec<(Attribute, Status)> = cx
        .site
        .table
        .indicators
        .iter()
        .map(|i| (i.attribute, st.assess(cx.site, i).status))
        .collect();
    Status::ALL
        .iter()
        .map(|s| {
            let n = |a: Attribute| graded.iter().filter(|(x, y)| *x == a && y == s).count();
            CountRow {
                status: status_badge(cx, *s),
                binding: n(Attribute::Binding),
                expected: n(Attribute::Expected),
                total: n(Attribute::Binding) + n(Attribute::Expected),
            }
        })
        .collect()
}

fn indicator_rows(cx: &ParaCtx<'_>, st: &State<'_>) -> Vec<IndicatorRow> {
    cx.site
        .table
        .indicators
        .iter()
        .map(|i| {
            let unit = if i.unit.zh.is_empty() {
                String::new()
            } else {
                text(&i.unit, cx.lang).text
            };
            IndicatorRow {
                number: i.number,
                href: indicator_href(cx, i.number),
                name: text(&i.name, cx.lang),
                attribute: t(
                    cx,
                    if i.attribute == Attribute::Binding {
                        "binding"
                    } else {
                        "expected"
                    },
                ),
                binding: i.attribute == Attribute::Binding,
                latest: st.latest(cx.site, i.number).map(|v| {
                    fill(
                        &t(cx, "latest_value"),
                        &[
                            ("year", v.year.to_string()),
                            ("value", format!("{}{unit}", number(v.value))),
                        ],
                    )
                }),
                target: value_text(&i.target, cx.lang),
                status: status_badge(cx, st.assess(cx.site, i).status),
            }
        })
        .collect()
}

fn work_row(
    label: String,
    href: String,
    lang: Option<&'static str>,
    statuses: Vec<WorkStatus>,
) -> WorkRow {
    let counts = WorkStatus::ALL
        .iter()
        .map(|w| statuses.iter().filter(|s| *s == w).count())
        .collect();
    WorkRow {
        label,
        href,
        lang,
        counts,
        total: statuses.len(),
    }
}

fn by_chapter(cx: &ParaCtx<'_>, st: &State<'_>) -> Vec<WorkRow> {
    // Each chapter's tasks in site order, gathered in one pass: scanning
    // every task for each chapter grew with the square of the plan
    // (~15 ms a language at N = 100, 100 times that at N = 1,000).
    let mut of_chapter: std::collections::HashMap<u32, Vec<WorkStatus>> =
        std::collections::HashMap::new();
    for x in &cx.site.tasks {
        of_chapter
            .entry(x.chapter)
            .or_default()
            .push(st.task_status(&x.id));
    }
    cx.site
        .chapters
        .iter()
        .filter_map(|c| {
            let tasks = of_chapter.remove(&c.number).unwrap_or_default();
            let (label, lang) = chapter_label(cx, c);
            (!tasks.is_empty())
                .then(|| work_row(label, route_href(cx, Route::Chapter(c.number)), lang, tasks))
        })
        .collect()
}

/// Tasks a unit leads or is responsible for (not those it cooperates on).
fn by_department(cx: &ParaCtx<'_>, st: &State<'_>) -> Vec<WorkRow> {
    let mut rows: Vec<WorkRow> = cx
        .site
        .units
        .iter()
        .filter_map(|u| {
            let mine = |x: &&&Task| x.lead.contains(&u.id) || x.responsible.contains(&u.id);
            let tasks: Vec<WorkStatus> = cx
                .index
                .tasks_of_unit(&u.id)
                .iter()
                .filter(mine)
                .map(|x| st.task_status(&x.id))
                .collect();
            let name = text(&u.name, cx.lang);
            (!tasks.is_empty()).then(|| {
                work_row(
                    name.text,
                    route_href(cx, Route::Department(u.id.as_str())),
                    name.lang,
                    tasks,
                )
            })
        })
        .collect();
    rows.sort_by(|a, b| b.total.cmp(&a.total).then(a.href.cmp(&b.href)));
    rows
}

fn overdue(cx: &ParaCtx<'_>, st: &State<'_>) -> Vec<OverdueRow> {
    st.overdue(cx.site)
        .into_iter()
        .map(|c| OverdueRow {
            deadline: if cx.lang == Lang::Zh {
                c.deadline.clone()
            } else {
                c.deadline_year.to_string()
            },
            text: text(&c.text, cx.lang),
            href: para_href(cx, c.chapter, c.paragraph.as_str()),
            status: work_badge(cx, st.commitment_status(c)),
        })
        .collect()
}

fn projects(cx: &ParaCtx<'_>, st: &State<'_>) -> Vec<BoxRow> {
    cx.site
        .boxes
        .iter()
        .map(|b| BoxRow {
            label: match cx.lang {
                Lang::Zh => format!("专栏{}", b.number),
                Lang::En => format!("{} {}", t(cx, "box"), b.number),
            },
            title: text(&b.title, cx.lang),
            href: format!("{}#box{}", route_href(cx, Route::Projects), b.number),
            items: b
                .numbered_items()
                .map(|(n, it)| {
                    let note = st
                        .projects
                        .get(&(b.number, n))
                        .and_then(|e| super::opt_text(&e.note, cx));
                    ItemRow {
                        label: format!("{n}. {}", item_label(cx, it)),
                        status: work_badge(cx, st.project_status((b.number, n))),
                        note,
                    }
                })
                .collect(),
        })
        .collect()
}

/// A box item's lead sentence (or its opening words) as plain text.
fn item_label(cx: &ParaCtx<'_>, it: &BoxItem) -> String {
    let html = match (cx.lang, it.en.html()) {
        (Lang::En, Some(h)) => h,
        _ => &it.zh,
    };
    let plain = |s: &str| {
        crate::render::exports::data::plain(&crate::model::InlineHtml {
            body: s.to_string(),
            ..Default::default()
        })
    };
    match &html.lead {
        Some(lead) => plain(lead).trim_end_matches(['。', '.']).to_string(),
        None => {
            let body = plain(&html.body);
            let short: String = body.chars().take(40).collect();
            if short.len() < body.len() {
                format!("{short}…")
            } else {
                short
            }
        }
    }
}

/// The summary of one state.
pub fn summary(cx: &ParaCtx<'_>, st: &State<'_>) -> Summary {
    Summary {
        counts: counts(cx, st),
        indicators: indicator_rows(cx, st),
        work_statuses: WorkStatus::ALL.iter().map(|w| work_badge(cx, *w)).collect(),
        chapters: by_chapter(cx, st),
        departments: by_department(cx, st),
        overdue: overdue(cx, st),
        projects: projects(cx, st),
    }
}

pub fn overview(cx: &ParaCtx<'_>) -> OverviewPage {
    let p = &cx.site.progress;
    let st = crate::progress::state::at(p, None);
    OverviewPage {
        has_data: st.release.is_some(),
        latest: st.release.map(|r| Link {
            href: release_href(cx, &r.id),
            label: release_label(cx, &r.id),
            lang: None,
        }),
        releases: p
            .releases
            .iter()
            .rev()
            .map(|r| Link {
                href: release_href(cx, &r.id),
                label: release_label(cx, &r.id),
                lang: None,
            })
            .collect(),
        reports: report_links(cx),
        summary: summary(cx, &st),
        rule: rule(cx),
    }
}
