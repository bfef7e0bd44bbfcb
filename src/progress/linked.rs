//! A plan's indicators as the site's other plans see them
//! ([`crate::model::linked`]): what the plan states and what its releases
//! reported.

use super::state::State;
use crate::model::{Indicator, Site};

/// Indicator `i` of `site` as another plan's links see it: what the plan
/// states, and the values reported as of `st`.
pub fn as_other(
    site: &Site,
    st: &State<'_>,
    i: &Indicator,
) -> crate::model::linked::OtherIndicator {
    let plan = &site.plan;
    let values = st
        .series(i.number)
        .into_iter()
        .map(|(v, _)| crate::model::linked::OtherValue {
            year: v.year,
            value: v.value,
            date: v.date.to_string(),
            source: v.source.clone(),
        });
    crate::model::linked::OtherIndicator {
        plan: String::new(),
        plan_title: plan.title.clone(),
        period_start: plan.period_start,
        period_end: plan.period_end,
        number: i.number,
        name: i.name.clone(),
        unit: i.unit.clone(),
        baseline: i.baseline.clone(),
        target: i.target.clone(),
        values: values.collect(),
    }
}
