//! What one plan of a site of several knows of the plans its data links
//! to, by the mapping staff declared in its `links.toml`: for an
//! indicator, the same indicator of the plan it follows (whose final
//! reported value is the later plan's baseline year) and the city plan's
//! indicator whose target the district's 完成市分解任务 refers to. Filled
//! by the pipeline from the other plans' runs; empty on a site of one plan.

use super::{Localized, Value};
use serde::Serialize;
use std::collections::BTreeMap;

/// The links of a plan's indicators, by the plan's indicator number.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Linked {
    pub indicators: BTreeMap<u32, IndicatorLinks>,
    /// On a site of several plans, the plan's folder (`plans/ID/`), and
    /// the site has site-level pages (a unit's work in every plan) for its
    /// pages to link to; empty on a site of one plan.
    pub folder: String,
}

impl Linked {
    pub fn is_empty(&self) -> bool {
        self.indicators.is_empty()
    }
}

/// The other plans' indicators one indicator is linked to.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndicatorLinks {
    /// The same indicator in the plan this one follows.
    pub earlier: Option<OtherIndicator>,
    /// The city plan's indicator a district's target is shared out from.
    pub city: Option<OtherIndicator>,
}

/// An indicator of another plan of the site, as its plan states it and
/// as its releases reported it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherIndicator {
    /// The plan's id (its folder under `content/plans/`).
    pub plan: String,
    pub plan_title: Localized<String>,
    pub period_start: u16,
    pub period_end: u16,
    pub number: u32,
    pub name: Localized<String>,
    pub unit: Localized<String>,
    pub baseline: Value,
    pub target: Value,
    /// Reported values in year order (the latest release's for a year).
    pub values: Vec<OtherValue>,
}

impl OtherIndicator {
    /// The value reported for the plan's last year, if any: its final
    /// result.
    pub fn final_value(&self) -> Option<&OtherValue> {
        self.values.iter().find(|v| v.year == self.period_end)
    }
}

/// A value another plan's release reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherValue {
    pub year: u16,
    pub value: f64,
    pub date: String,
    pub source: Localized<String>,
}
