//! The commitments page (时间表): every dated sentence of the plan by
//! year, each with the units its task names and its latest status; and
//! one filtered copy per unit, `commitments/unit/ID/index.html`, listing
//! only the sentences whose task names that unit (in any role). The
//! filters are plain links and the years anchors, so they work without
//! JavaScript.

use crate::model::*;
use crate::render::html::para::ParaCtx;
use crate::render::views::progress::common::{Badge, Latest, WorkView};
use crate::render::views::{chapter_heading, para_href, text, Link, Text};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize)]
pub struct CommitmentRow {
    pub href: String,
    pub chapter: String,
    pub deadline: String,
    pub text: Text,
    /// The latest reported status of a commitment (not of an achievement),
    /// and whether it is overdue; none before the first release.
    pub status: Option<WorkView>,
    pub overdue: Option<Badge>,
    /// Before any release, a commitment's status as far as the site can
    /// say: its deadline lies before the site's content date and no report
    /// says what became of it, or it is simply not yet reported.
    pub no_report: Option<Badge>,
    /// The units its task names: who leads or is responsible, who helps.
    pub who: Vec<Link>,
    pub partners: Vec<Link>,
}

#[derive(Serialize)]
pub struct YearGroup {
    pub year: u16,
    pub items: Vec<CommitmentRow>,
}

/// A unit in the page's unit filter.
#[derive(Serialize)]
pub struct UnitFilter {
    pub href: String,
    pub label: String,
    pub lang: Option<&'static str>,
    /// Its commitments (not achievements), and that as the page says it.
    pub count: usize,
    pub count_label: String,
}

#[derive(Serialize)]
pub struct CommitmentsPage {
    pub commitments: Vec<YearGroup>,
    pub achievements: Vec<YearGroup>,
    /// The years of the commitments, for the page's year index.
    pub years: Vec<u16>,
    /// "截至 2023-06-30" when some deadline has passed with no release.
    pub passed_as_of: Option<String>,
    /// The release the statuses come from.
    pub status_from: Option<Link>,
    /// On the unfiltered page: every unit some commitment's task names,
    /// most commitments first. A unit's page links back to it instead (so
    /// that renaming a unit changes one page, not every unit's).
    pub units: Vec<UnitFilter>,
    /// On a unit's filtered page: the unit (linking its department page),
    /// and the sentence saying what the page lists.
    pub unit: Option<Link>,
    pub filtered: Option<String>,
    /// The unfiltered page.
    pub all_href: String,
}

/// Every unit `task` names, in any role.
fn units_of(task: Option<&Task>) -> impl Iterator<Item = &UnitId> {
    task.into_iter()
        .flat_map(|t| t.lead.iter().chain(&t.responsible).chain(&t.cooperating))
}

/// The units with at least one commitment (not only achievements), by
/// id: those that get a filtered page.
pub fn units_with_commitments(site: &Site) -> Vec<UnitId> {
    let tasks: BTreeMap<&str, &Task> = site.tasks.iter().map(|t| (t.id.as_str(), t)).collect();
    let ids: BTreeSet<&UnitId> = site
        .commitments
        .iter()
        .filter(|c| c.kind == CommitmentKind::Commitment)
        .flat_map(|c| units_of(c.task.as_ref().and_then(|t| tasks.get(t.as_str()).copied())))
        .collect();
    ids.into_iter().cloned().collect()
}

fn filter_href(cx: &ParaCtx<'_>, id: &UnitId) -> String {
    crate::render::routes::Route::UnitCommitments(id.as_str()).href(cx.from, cx.lang)
}

/// The unit filter: every unit with a commitment, most commitments first,
/// then by id.
fn unit_filters(cx: &ParaCtx<'_>) -> Vec<UnitFilter> {
    let mut counts: BTreeMap<&UnitId, usize> = BTreeMap::new();
    let promised = cx
        .site
        .commitments
        .iter()
        .filter(|c| c.kind == CommitmentKind::Commitment);
    for c in promised {
        let task = c.task.as_ref().and_then(|t| cx.index.task(t));
        let units: BTreeSet<&UnitId> = units_of(task).collect();
        for u in units {
            *counts.entry(u).or_default() += 1;
        }
    }
    let mut out: Vec<UnitFilter> = counts
        .into_iter()
        .filter_map(|(id, count)| {
            let u = cx.index.unit(id)?;
            let name = text(&u.name, cx.lang);
            Some(UnitFilter {
                href: filter_href(cx, id),
                label: name.text,
                lang: name.lang,
                count,
                count_label: cx
                    .i18n
                    .get(cx.lang, "commitments_unit_count")
                    .replace("{n}", &count.to_string()),
            })
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.href.cmp(&b.href)));
    out
}

/// One dated sentence's row.
fn row(cx: &ParaCtx<'_>, latest: Option<&Latest<'_>>, c: &Commitment) -> CommitmentRow {
    let promise = c.kind == CommitmentKind::Commitment;
    let (status, overdue) = match latest {
        Some(l) if promise => {
            let (status, overdue) = l.commitment(cx, c);
            (Some(status), overdue)
        }
        _ => (None, None),
    };
    let passed = cx
        .index
        .content_date
        .is_some_and(|d| d.year > c.deadline_year);
    let no_report = (latest.is_none() && promise).then(|| match passed {
        true => Badge {
            code: "overdue",
            label: cx.i18n.get(cx.lang, "deadline_passed_unreported"),
        },
        false => Badge {
            code: "not_reported",
            label: cx.i18n.get(cx.lang, "work_not_reported"),
        },
    });
    let task = c.task.as_ref().and_then(|t| cx.index.task(t));
    let who = task.map_or_else(Vec::new, |t| {
        crate::render::views::department::unit_links(cx, t.lead.iter().chain(&t.responsible), None)
    });
    let partners = task.map_or_else(Vec::new, |t| {
        crate::render::views::department::unit_links(cx, t.cooperating.iter(), None)
    });
    CommitmentRow {
        href: para_href(cx, c.chapter, c.paragraph.as_str()),
        chapter: chapter_heading(cx, c.chapter),
        deadline: if cx.lang == Lang::Zh {
            c.deadline.clone()
        } else {
            c.deadline_year.to_string()
        },
        text: text(&c.text, cx.lang),
        status,
        overdue,
        no_report,
        who,
        partners,
    }
}

/// The page of every dated sentence, or with `unit` only of those whose
/// task names it.
pub fn page(cx: &ParaCtx<'_>, unit: Option<&Unit>) -> CommitmentsPage {
    let latest = Latest::of(cx);
    let group = |kind| year_groups(cx, latest.as_ref(), kind, unit);
    let commitments = group(CommitmentKind::Commitment);
    let passed_as_of = commitments
        .iter()
        .flat_map(|g| &g.items)
        .any(|r| r.no_report.as_ref().is_some_and(|b| b.code == "overdue"))
        .then(|| cx.index.content_date.map(|d| d.to_string()))
        .flatten();
    let shown_count: usize = commitments.iter().map(|g| g.items.len()).sum();
    let unit_link = unit.map(|u| {
        let name = text(&u.name, cx.lang);
        Link {
            href: crate::render::html::para::unit_href(cx, &u.id),
            label: name.text,
            lang: name.lang,
        }
    });
    CommitmentsPage {
        years: commitments.iter().map(|g| g.year).collect(),
        filtered: unit_link.as_ref().map(|u| {
            cx.i18n
                .get(cx.lang, "commitments_filtered")
                .replace("{n}", &shown_count.to_string())
                .replace("{unit}", &u.label)
        }),
        commitments,
        achievements: group(CommitmentKind::Achievement),
        status_from: latest.map(|l| l.source),
        passed_as_of,
        units: match unit {
            None => unit_filters(cx),
            Some(_) => vec![],
        },
        unit: unit_link,
        all_href: crate::render::routes::Route::Commitments.href(cx.from, cx.lang),
    }
}

/// The sentences of `kind` (with `unit`, only those whose task names it),
/// grouped by deadline year in the site's order.
fn year_groups(
    cx: &ParaCtx<'_>,
    latest: Option<&Latest<'_>>,
    kind: CommitmentKind,
    unit: Option<&Unit>,
) -> Vec<YearGroup> {
    let shown = |c: &&Commitment| {
        unit.is_none_or(|u| {
            let task = c.task.as_ref().and_then(|t| cx.index.task(t));
            units_of(task).any(|id| *id == u.id)
        })
    };
    let mut out: Vec<YearGroup> = vec![];
    for c in cx
        .site
        .commitments
        .iter()
        .filter(|c| c.kind == kind)
        .filter(shown)
    {
        let row = row(cx, latest, c);
        match out.last_mut() {
            Some(g) if g.year == c.deadline_year => g.items.push(row),
            _ => out.push(YearGroup {
                year: c.deadline_year,
                items: vec![row],
            }),
        }
    }
    out
}
