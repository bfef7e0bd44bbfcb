//! A department's page: its work grouped by chapter, each paragraph of the
//! plan that assigns it work listed once, with the unit's roles there
//! (牵头 / 负责 / 配合), the deadlines the paragraph's commitments name, the
//! other units sharing the work, and the latest reported status.

use crate::model::*;
use crate::render::html::para::ParaCtx;
use crate::render::views::progress::common::{fill, Latest, WorkView};
use crate::render::views::{chapter_heading, chapter_title, para_href, text, Link, Text};
use serde::Serialize;
use std::collections::BTreeSet;

/// Links to the department pages of `ids`, each once, in order, leaving
/// out `except`.
pub fn unit_links<'a>(
    cx: &ParaCtx<'_>,
    ids: impl Iterator<Item = &'a UnitId>,
    except: Option<&UnitId>,
) -> Vec<Link> {
    let mut seen = BTreeSet::new();
    ids.filter(|id| Some(*id) != except && seen.insert(id.as_str()))
        .filter_map(|id| cx.index.unit(id))
        .map(|u| {
            let name = text(&u.name, cx.lang);
            Link {
                href: crate::render::html::para::unit_href(cx, &u.id),
                label: name.text,
                lang: name.lang,
            }
        })
        .collect()
}

/// A role of the unit, as a badge.
#[derive(Serialize)]
pub struct Role {
    pub code: &'static str,
    pub label: String,
}

/// One paragraph's work for the unit.
#[derive(Serialize)]
pub struct WorkItem {
    pub href: String,
    pub title: Text,
    pub roles: Vec<Role>,
    /// As the plan writes them (2025年底前); years on English pages.
    pub deadlines: Vec<String>,
    pub partners: Vec<Link>,
    /// "4 assignments in this paragraph" when the unit has more than one.
    pub assignments: Option<String>,
    /// Then each assignment, linked to its clause, with its status.
    pub parts: Vec<Part>,
    /// The latest reported status of a single assignment; none before a
    /// release.
    pub status: Option<WorkView>,
}

/// One of several assignments of the unit in a paragraph.
#[derive(Serialize)]
pub struct Part {
    pub href: String,
    pub n: usize,
    pub status: Option<WorkView>,
}

#[derive(Serialize)]
pub struct ChapterGroup {
    pub id: String,
    pub heading: String,
    pub title: Text,
    pub items: Vec<WorkItem>,
}

#[derive(Serialize)]
pub struct DepartmentPage {
    pub name: Text,
    pub other_name: Text,
    pub aliases: Vec<String>,
    pub suspect: Vec<(String, Text)>,
    /// Paragraphs where the unit leads, is responsible, cooperates.
    pub counts: Vec<(Role, usize)>,
    pub total: usize,
    pub chapters: Vec<ChapterGroup>,
    /// The release the task statuses come from.
    pub status_from: Option<Link>,
    /// On a site of several plans, the unit's site-level page (its work in
    /// every plan); empty otherwise, or when it has no work in this plan.
    pub site_page: String,
}

const ROLES: [&str; 3] = ["lead", "responsible", "cooperating"];

fn role(cx: &ParaCtx<'_>, code: &'static str) -> Role {
    Role {
        code,
        label: cx.i18n.get(cx.lang, &format!("role_{code}")),
    }
}

fn roles_of(t: &Task, id: &UnitId) -> [bool; 3] {
    [
        t.lead.contains(id),
        t.responsible.contains(id),
        t.cooperating.contains(id),
    ]
}

fn deadlines(cx: &ParaCtx<'_>, para: &ParaId, mine: &[&Task]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    // In site order, as the commitments file lists them.
    let mut all: Vec<&Commitment> = mine
        .iter()
        .flat_map(|m| cx.index.commitments_of_task(&m.id))
        .chain(cx.index.untasked_commitments_of(para))
        .copied()
        .collect();
    all.sort_by_key(|c| *c as *const Commitment as usize);
    all.dedup_by_key(|c| *c as *const Commitment as usize);
    all.into_iter()
        .filter(|c| c.kind == CommitmentKind::Commitment)
        .map(|c| match cx.lang {
            Lang::Zh => c.deadline.clone(),
            Lang::En => c.deadline_year.to_string(),
        })
        .filter(|d| seen.insert(d.clone()))
        .collect()
}

fn item(cx: &ParaCtx<'_>, latest: Option<&Latest<'_>>, u: &UnitId, mine: &[&Task]) -> WorkItem {
    let first = mine[0];
    let all = cx.index.tasks_of(&first.paragraph);
    let mut has = [false; 3];
    for t in mine {
        for (h, r) in has.iter_mut().zip(roles_of(t, u)) {
            *h |= r;
        }
    }
    let status = |t: &Task| latest.map(|l| l.task(cx, &t.id));
    let parts: Vec<Part> = if mine.len() > 1 {
        mine.iter()
            .enumerate()
            .map(|(k, t)| Part {
                href: para_href(cx, t.chapter, t.id.as_str()),
                n: k + 1,
                status: status(t),
            })
            .collect()
    } else {
        vec![]
    };
    WorkItem {
        href: para_href(cx, first.chapter, first.id.as_str()),
        title: text(&first.title, cx.lang),
        roles: ROLES
            .iter()
            .zip(has)
            .filter(|(_, h)| *h)
            .map(|(c, _)| role(cx, c))
            .collect(),
        deadlines: deadlines(cx, &first.paragraph, mine),
        partners: unit_links(
            cx,
            all.iter()
                .flat_map(|t| t.lead.iter().chain(&t.responsible).chain(&t.cooperating)),
            Some(u),
        ),
        assignments: (mine.len() > 1).then(|| {
            fill(
                &cx.i18n.get(cx.lang, "dept_assignments"),
                &[("n", mine.len().to_string())],
            )
        }),
        status: if parts.is_empty() {
            status(first)
        } else {
            None
        },
        parts,
    }
}

/// The page of unit `u`.
pub fn page(cx: &ParaCtx<'_>, u: &Unit) -> DepartmentPage {
    let latest = Latest::of(cx);
    // The unit's tasks by paragraph, paragraphs in the order they come.
    let mut paras: Vec<Vec<&Task>> = vec![];
    for t in cx.index.tasks_of_unit(&u.id) {
        match paras.iter_mut().find(|p| p[0].paragraph == t.paragraph) {
            Some(p) => p.push(t),
            None => paras.push(vec![t]),
        }
    }
    paras.sort_by_key(|p| p[0].chapter);
    let mut counts = [0usize; 3];
    let mut chapters: Vec<ChapterGroup> = vec![];
    for mine in &paras {
        let wi = item(cx, latest.as_ref(), &u.id, mine);
        for (n, code) in counts.iter_mut().zip(ROLES) {
            *n += usize::from(wi.roles.iter().any(|r| r.code == code));
        }
        let number = mine[0].chapter;
        match chapters.last_mut() {
            Some(g) if g.id == format!("ch-{number}") => g.items.push(wi),
            _ => chapters.push(ChapterGroup {
                id: format!("ch-{number}"),
                heading: chapter_heading(cx, number),
                title: cx.site.chapters.iter().find(|c| c.number == number).map_or(
                    Text {
                        text: String::new(),
                        lang: None,
                    },
                    |c| chapter_title(cx, c),
                ),
                items: vec![wi],
            }),
        }
    }
    DepartmentPage {
        name: text(&u.name, cx.lang),
        other_name: other_language(&u.name, cx.lang),
        aliases: u.aliases.clone(),
        suspect: u
            .suspect
            .iter()
            .map(|(n, note)| (n.clone(), text(note, cx.lang)))
            .collect(),
        counts: ROLES
            .iter()
            .zip(counts)
            .map(|(c, n)| (role(cx, c), n))
            .collect(),
        total: paras.len(),
        chapters,
        status_from: latest.map(|l| l.source),
        site_page: if !cx.site.linked.folder.is_empty() && !paras.is_empty() {
            let route = crate::render::routes::Route::Department(u.id.as_str());
            crate::render::routes::to_site(cx.from, route, cx.lang)
        } else {
            String::new()
        },
    }
}

/// The other language's text, marked with its language; empty when it has
/// no translation.
fn other_language(l: &Localized<String>, lang: Lang) -> Text {
    let other = lang.other();
    Text {
        text: l.get(other).clone(),
        lang: Some(other.tag()),
    }
}
