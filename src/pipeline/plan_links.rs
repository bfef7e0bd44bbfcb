//! Plans linked by data, on a site of several plans. A plan's
//! `links.toml` (written by staff, kept by a re-import) declares the plan
//! it follows and its city's plan, and which of its indicators are which
//! indicator there:
//!
//! ```toml
//! follows = "14th"          # the plan this one follows
//! city = "city-14th"        # the city plan whose targets are shared out
//!
//! [[indicator]]
//! number = 1                # this plan's indicator
//! follows = 1               # the same indicator in the plan it follows
//! city = 2                  # the city plan's indicator
//! ```
//!
//! Nothing is matched by name. The plans run in an order where every plan
//! a plan links to has run before it, and what those runs found
//! ([`PlanInfo::indicators`]) is handed to it as [`Linked`].

use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::load::{parse_toml, read_source, Source};
use crate::model::linked::{IndicatorLinks, OtherIndicator};
use crate::model::{Linked, PlanInfo};
use crate::resolve::common::{error_at, line_of};
use anyhow::Result;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The file, in a plan's content folder.
pub(super) const FILE: &str = "links.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinksFile {
    #[serde(default)]
    follows: Option<String>,
    #[serde(default)]
    city: Option<String>,
    #[serde(default)]
    indicator: Vec<IndicatorEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorEntry {
    number: u32,
    #[serde(default)]
    follows: Option<u32>,
    #[serde(default)]
    city: Option<u32>,
}

/// A plan's declared links, read and checked against the site's plan ids.
#[derive(Debug, Default)]
pub(super) struct PlanLinks {
    src: Option<Source>,
    file: LinksFile,
}

impl PlanLinks {
    /// The plans this one links to.
    fn needs(&self) -> impl Iterator<Item = &str> {
        let f = &self.file;
        f.follows.iter().chain(f.city.iter()).map(String::as_str)
    }
}

/// Reads every plan's `links.toml`; a plan id it names must be another
/// plan of the site.
pub(super) fn read(
    root: &Path,
    ids: &[String],
    d: &mut Diagnostics,
) -> Result<BTreeMap<String, PlanLinks>> {
    let mut out = BTreeMap::new();
    for id in ids {
        let rel = cat!(crate::load::PLANS, "/", id, "/", FILE);
        let mut links = PlanLinks::default();
        let file = root.join(&rel).is_file();
        if let Some(src) = file
            .then(|| read_source(root, &rel, d))
            .transpose()?
            .flatten()
        {
            links.file = parse_toml(&src, d).unwrap_or_default();
            for other in links.needs() {
                if other == id || !ids.iter().any(|i| i == other) {
                    d.push(unknown_plan(&src, other, ids));
                }
            }
            links.src = Some(src);
        }
        out.insert(id.clone(), links);
    }
    Ok(out)
}

/// The plan ids in an order where each comes after the plans it links
/// to, else in id order; a cycle is an error at one of its files.
pub(super) fn order(
    ids: &[String],
    links: &BTreeMap<String, PlanLinks>,
    d: &mut Diagnostics,
) -> Vec<String> {
    let mut done: Vec<String> = vec![];
    while done.len() < ids.len() {
        let next = ids.iter().find(|id| {
            !done.contains(id)
                && links[*id]
                    .needs()
                    .all(|n| done.iter().any(|x| x == n) || !ids.iter().any(|i| i == n))
        });
        match next {
            Some(id) => done.push(id.clone()),
            None => {
                let stuck = ids.iter().find(|id| !done.contains(id));
                if let Some(src) = stuck.and_then(|id| links[id].src.as_ref()) {
                    d.push(cycle(src));
                }
                return done;
            }
        }
    }
    done
}

/// What plan `id`'s indicators link to, from the plans run before it.
/// A number the other plan lacks is an error at its line; one this plan
/// lacks is checked by [`check_own`] once the plan has run.
pub(super) fn linked(
    links: &PlanLinks,
    done: &BTreeMap<String, PlanInfo>,
    d: &mut Diagnostics,
) -> Linked {
    let mut out = Linked::default();
    let (Some(src), f) = (&links.src, &links.file) else {
        return out;
    };
    let find = |plan: &Option<String>, number: Option<u32>, key: &str, d: &mut Diagnostics| {
        let (plan, number) = (plan.as_ref()?, number?);
        let info = done.get(plan)?;
        let found = info.indicators.iter().find(|i| i.number == number);
        if found.is_none() {
            d.push(unknown_indicator(src, key, number, plan));
        }
        found.cloned()
    };
    for e in &f.indicator {
        let l = IndicatorLinks {
            earlier: find(&f.follows, e.follows, "follows", d),
            city: find(&f.city, e.city, "city", d),
        };
        if l.earlier.is_some() || l.city.is_some() {
            out.indicators.insert(e.number, l);
        }
    }
    out
}

/// Every indicator number `links` gives for its own plan is one of the
/// plan's indicators (`own`).
pub(super) fn check_own(links: &PlanLinks, own: &[OtherIndicator], d: &mut Diagnostics) {
    let Some(src) = &links.src else {
        return;
    };
    for e in &links.file.indicator {
        if !own.iter().any(|i| i.number == e.number) {
            let line = line_of(src, &format!("number = {}", e.number), 1);
            d.push(error_at(
                src,
                line,
                Bilingual::new(
                    format!("本规划没有第 {} 项指标", e.number),
                    format!("this plan has no indicator {}", e.number),
                ),
            ));
        }
    }
}

fn unknown_plan(src: &Source, other: &str, ids: &[String]) -> Diagnostic {
    error_at(
        src,
        line_of(src, &format!("\"{other}\""), 1),
        Bilingual::new(
            format!("网站上没有其他编号为 {other} 的规划"),
            format!("the site has no other plan with the id {other}"),
        ),
    )
    .with_hint(
        format!("可用的规划编号：{}", ids.join("、")),
        format!("the plan ids are: {}", ids.join(", ")),
    )
}

fn unknown_indicator(src: &Source, key: &str, number: u32, plan: &str) -> Diagnostic {
    error_at(
        src,
        line_of(src, &format!("{key} = {number}"), 1),
        Bilingual::new(
            format!("规划 {plan} 没有第 {number} 项指标"),
            format!("the plan {plan} has no indicator {number}"),
        ),
    )
    .with_hint(
        format!("请对照 content/plans/{plan}/indicators.toml 中的 number"),
        format!("see the numbers in content/plans/{plan}/indicators.toml"),
    )
}

fn cycle(src: &Source) -> Diagnostic {
    error_at(
        src,
        1,
        Bilingual::new(
            "规划之间的 follows / city 形成循环",
            "the plans' follows and city links form a cycle",
        ),
    )
    .with_hint(
        "一个规划只能关联在它之前的规划或上级规划",
        "a plan may link only to the plan it follows and to its city's plan",
    )
}

#[cfg(test)]
mod tests;
