//! The site-level department pages of a site of several plans: one unit
//! registry serves the whole site, so each unit that holds work in any
//! plan has a page at the top (`departments/ID/index.html`) listing its
//! work in every plan, grouped by plan in the portal's order, each group
//! linked to the plan's own page of the unit; and an index of the units
//! (`departments/index.html`) with the plans each works in.

use super::{period, Cx, Made, PortalPlan};
use crate::model::summary::UnitWork;
use crate::model::{Lang, Localized};
use crate::render::html::para::esc;
use crate::render::links::url_for;
use crate::render::routes::{in_plan, Route};
use crate::render::views::{text, Text};
use serde::Serialize;

const INDEX: &str = "portal_departments.html";
const UNIT: &str = "portal_department.html";

/// A unit of the site and its work in each plan that gives it some.
struct SiteUnit<'a> {
    id: &'a str,
    name: &'a Localized<String>,
    plans: Vec<(&'a PortalPlan<'a>, &'a UnitWork)>,
}

/// Every unit with work in any plan, in the order they first come (plans
/// in the portal's order, units in each plan's order), named as the first
/// plan whose glossary gives its English name names it.
fn site_units<'a>(plans: &'a [PortalPlan<'a>]) -> Vec<SiteUnit<'a>> {
    let mut out: Vec<SiteUnit<'a>> = vec![];
    for p in plans {
        for w in &p.info.units {
            match out.iter_mut().find(|u| u.id == w.id.as_str()) {
                Some(u) => {
                    if u.name.get(Lang::En).is_empty() && !w.name.get(Lang::En).is_empty() {
                        u.name = &w.name;
                    }
                    u.plans.push((p, w));
                }
                None => out.push(SiteUnit {
                    id: w.id.as_str(),
                    name: &w.name,
                    plans: vec![(p, w)],
                }),
            }
        }
    }
    out
}

#[derive(Serialize)]
struct IndexView<'a> {
    c: super::Frame<'a>,
    units: Vec<IndexRow>,
}

#[derive(Serialize)]
struct IndexRow {
    href: String,
    name: Text,
    /// The plans it works in, each linked to the plan's page of the unit.
    plans: Vec<PlanLink>,
}

#[derive(Serialize)]
struct PlanLink {
    href: String,
    title: Text,
    period: String,
}

#[derive(Serialize)]
struct UnitView<'a> {
    c: super::Frame<'a>,
    name: Text,
    /// The name in the other language, marked with its language.
    other_name: Text,
    plans: Vec<PlanSection>,
    all: String,
}

/// The unit's work in one plan.
#[derive(Serialize)]
struct PlanSection {
    id: String,
    plan: PlanLink,
    /// The plan's own page of the unit.
    page: String,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    href: String,
    title: Text,
    roles: Vec<Role>,
}

#[derive(Serialize)]
struct Role {
    code: &'static str,
    label: String,
}

/// The department index and every unit's page in `lang`.
pub(super) fn pages(cx: &Cx<'_>, lang: Lang) -> tera::Result<Vec<Made>> {
    let units = site_units(cx.p.plans);
    let mut out = vec![index(cx, &units, lang)?];
    for u in &units {
        out.push(unit(cx, u, lang)?);
    }
    Ok(out)
}

/// The link from `from` to plan `p`'s page of unit `id`, with its title.
fn plan_link(from: &str, p: &PortalPlan<'_>, id: &str, lang: Lang) -> PlanLink {
    PlanLink {
        href: url_for(from, &in_plan(p.id, Route::Department(id), lang)),
        title: text(&p.info.title, lang),
        period: period(p.info),
    }
}

fn index(cx: &Cx<'_>, units: &[SiteUnit<'_>], lang: Lang) -> tera::Result<Made> {
    let from = Route::Departments.output(lang);
    let alt = Route::Departments.output(lang.other());
    let rows = units
        .iter()
        .map(|u| IndexRow {
            href: Route::Department(u.id).href(&from, lang),
            name: text(u.name, lang),
            plans: u
                .plans
                .iter()
                .map(|(p, _)| plan_link(&from, p, u.id, lang))
                .collect(),
        })
        .collect();
    let view = IndexView {
        c: cx.frame(lang, &from, &alt, INDEX),
        units: rows,
    };
    cx.render(INDEX, from, &view)
}

fn unit(cx: &Cx<'_>, u: &SiteUnit<'_>, lang: Lang) -> tera::Result<Made> {
    let route = Route::Department(u.id);
    let from = route.output(lang);
    let plans = u
        .plans
        .iter()
        .map(|(p, w)| PlanSection {
            id: cat!("plan-", p.id),
            plan: plan_link(&from, p, u.id, lang),
            page: url_for(&from, &in_plan(p.id, route, lang)),
            items: w
                .items
                .iter()
                .map(|it| Item {
                    href: cat!(
                        url_for(&from, &in_plan(p.id, Route::Chapter(it.chapter), lang)),
                        "#",
                        esc(&it.task)
                    ),
                    title: text(&it.title, lang),
                    roles: it
                        .roles
                        .iter()
                        .map(|code| Role {
                            code,
                            label: cx.i18n.get(lang, &cat!("role_", code)),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let other = lang.other();
    let view = UnitView {
        c: cx.frame(lang, &from, &route.output(other), UNIT),
        name: text(u.name, lang),
        other_name: Text {
            text: u.name.get(other).clone(),
            lang: Some(other.tag()),
        },
        plans,
        all: Route::Departments.href(&from, lang),
    };
    cx.render(UNIT, from, &view)
}
