//! `data/plans.json` at the top of a site of several plans: the index of
//! its plans, each with its title, place, period, state, latest content
//! date, headline status and the path of its own `data/plan.json`. In the
//! portal's order (by id), with nothing from the clock.

use super::{Portal, PortalPlan};
use crate::model::Localized;
use crate::render::routes;
use crate::render::OutputFile;
use serde::Serialize;
use std::collections::BTreeMap;

/// The index's path on the site.
pub(super) const PLANS_JSON: &str = "data/plans.json";

#[derive(Serialize)]
struct Index<'a> {
    plans: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    title: &'a Localized<String>,
    district: &'a Localized<String>,
    period: Period,
    /// [`crate::model::PlanState::code`] on the site's content date.
    state: &'static str,
    /// The latest date the plan's content gives, or null.
    latest: Option<String>,
    /// Its indicators by status at its latest release; null without one.
    headline: Option<Headline>,
    /// Its own `data/plan.json`, relative to the top of the site.
    data: String,
}

#[derive(Serialize)]
struct Period {
    start: u16,
    end: u16,
}

#[derive(Serialize)]
struct Headline {
    as_of: String,
    /// By status code, every status (zero too).
    counts: BTreeMap<&'static str, usize>,
}

/// `data/plans.json`, pretty-printed, one entry per plan by id.
pub(super) fn plans_json(p: &Portal<'_>) -> OutputFile {
    let as_of = p.as_of();
    let mut plans: Vec<&PortalPlan<'_>> = p.plans.iter().collect();
    plans.sort_by_key(|e| e.id);
    let index = Index {
        plans: plans
            .into_iter()
            .map(|e| Entry {
                id: e.id,
                title: &e.info.title,
                district: &e.info.district,
                period: Period {
                    start: e.info.period_start,
                    end: e.info.period_end,
                },
                state: e.info.state(as_of).code(),
                latest: e.info.latest.map(|d| d.to_string()),
                headline: e.info.headline.as_ref().map(|h| Headline {
                    as_of: h.as_of.to_string(),
                    counts: h.counts.iter().map(|(s, n)| (s.code(), *n)).collect(),
                }),
                data: cat!(routes::plan_folder(e.id), crate::render::PLAN_JSON),
            })
            .collect(),
    };
    // Plain data of strings and numbers: it always serializes.
    let mut bytes = serde_json::to_vec_pretty(&index).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile {
        rel_path: PLANS_JSON.into(),
        bytes,
    }
}
