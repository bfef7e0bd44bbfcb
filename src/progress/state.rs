//! The plan's state at a release: every release up to it merged in as-of
//! order (a later release revises what an earlier one stated), each
//! indicator graded by the status rule, overdue commitments, and what
//! changed since the previous release.

use super::model::*;
use super::status::{self, Better, Goal, Outcome, Status};
use super::{target_kind, TargetKind};
use crate::model::{Commitment, CommitmentKind, Direction, Indicator, Site, TaskId, Value};
use serde::Serialize;
use std::collections::BTreeMap;

/// What is known at one release. `release` is `None` when there are no
/// releases: then nothing is known and everything is not yet reported.
#[derive(Debug, Clone, Default)]
pub struct State<'a> {
    pub release: Option<&'a Release>,
    /// (indicator, year) → value and the id of the release that stated it.
    pub values: BTreeMap<(u32, u16), (&'a ReportedValue, &'a str)>,
    /// indicator → latest judgement (by year, then release).
    pub assessments: BTreeMap<u32, (&'a Assessment, &'a str)>,
    pub city_targets: BTreeMap<u32, (&'a CityTarget, &'a str)>,
    pub tasks: BTreeMap<&'a TaskId, &'a WorkEntry<TaskId>>,
    pub commitments: BTreeMap<&'a str, &'a WorkEntry<String>>,
    pub projects: BTreeMap<(u32, u32), &'a WorkEntry<(u32, u32)>>,
}

/// The state after the releases `0..=upto`; the latest when `upto` is `None`.
pub fn at(p: &Progress, upto: Option<usize>) -> State<'_> {
    let last = upto.or_else(|| p.releases.len().checked_sub(1));
    let mut s = State::default();
    let Some(last) = last else { return s };
    for r in p.releases.iter().take(last + 1) {
        s.release = Some(r);
        for v in &r.values {
            s.values.insert((v.indicator, v.year), (v, &r.id));
        }
        for a in &r.assessments {
            if s.assessments
                .get(&a.indicator)
                .is_none_or(|(old, _)| old.year <= a.year)
            {
                s.assessments.insert(a.indicator, (a, &r.id));
            }
        }
        for c in &r.city_targets {
            s.city_targets.insert(c.indicator, (c, &r.id));
        }
        s.tasks.extend(r.tasks.iter().map(|t| (&t.key, t)));
        s.commitments
            .extend(r.commitments.iter().map(|c| (c.key.as_str(), c)));
        s.projects.extend(r.projects.iter().map(|x| (x.key, x)));
    }
    s
}

/// The plan's baseline year (the year before the period starts) and target year.
pub fn years(site: &Site) -> (u16, u16) {
    (
        site.plan.period_start.saturating_sub(1),
        site.plan.period_end,
    )
}

impl<'a> State<'a> {
    /// The indicator's values in year order, the baseline year included
    /// when it was reported (the plan printed no baseline).
    pub fn series(&self, n: u32) -> Vec<(&'a ReportedValue, &'a str)> {
        self.values
            .range((n, 0)..=(n, u16::MAX))
            .map(|(_, v)| *v)
            .collect()
    }

    /// The baseline: the plan's number, else a reported baseline-year value.
    /// A cumulative printed baseline is a total, not a level: it is not one.
    pub fn baseline(&self, site: &Site, i: &Indicator) -> Option<f64> {
        match i.baseline {
            Value::Number(b) if i.baseline_kind.is_level() => Some(b),
            _ => self
                .values
                .get(&(i.number, years(site).0))
                .map(|(v, _)| v.value),
        }
    }

    /// The latest value after the baseline year.
    pub fn latest(&self, site: &Site, n: u32) -> Option<&'a ReportedValue> {
        let base = years(site).0;
        self.series(n)
            .into_iter()
            .rev()
            .map(|(v, _)| v)
            .find(|v| v.year > base)
    }

    /// The indicator graded by the status rule.
    pub fn assess(&self, site: &Site, i: &Indicator) -> Outcome {
        let (base_year, target_year) = years(site);
        let goal = match target_kind(i) {
            TargetKind::Number(t) => Goal::Number(t),
            TargetKind::CityAssigned => Goal::CityAssigned(
                self.city_targets
                    .get(&i.number)
                    .map(|(c, _)| (c.value, c.cumulative)),
            ),
            TargetKind::Qualitative => Goal::Qualitative,
        };
        let better = match i.direction {
            Direction::Lower => Better::Lower,
            Direction::Higher => Better::Higher,
            Direction::None => Better::Neither,
        };
        status::assess(&status::Input {
            better,
            baseline: self.baseline(site, i),
            goal,
            latest: self.latest(site, i.number).map(|v| (v.year, v.value)),
            judged: self.assessments.contains_key(&i.number),
            base_year,
            target_year,
        })
    }

    pub fn task_status(&self, id: &TaskId) -> WorkStatus {
        self.tasks
            .get(id)
            .map_or(WorkStatus::NotReported, |t| t.status)
    }

    pub fn project_status(&self, key: (u32, u32)) -> WorkStatus {
        self.projects
            .get(&key)
            .map_or(WorkStatus::NotReported, |t| t.status)
    }

    /// A commitment's own status, else its task's.
    pub fn commitment_status(&self, c: &Commitment) -> WorkStatus {
        match (self.commitments.get(c.id.as_str()), &c.task) {
            (Some(w), _) => w.status,
            (None, Some(t)) => self.task_status(t),
            (None, None) => WorkStatus::NotReported,
        }
    }

    /// Whether commitment `c` (not an achievement) is overdue at this
    /// state: its deadline passed by the release's as-of date with no
    /// completion reported. Never before the first release.
    pub fn is_overdue(&self, c: &Commitment) -> bool {
        self.release.is_some_and(|r| {
            c.kind == CommitmentKind::Commitment
                && is_overdue(
                    c.deadline_year,
                    r.as_of,
                    self.commitment_status(c) == WorkStatus::Completed,
                )
        })
    }

    /// Commitments whose deadline passed by the as-of date with no
    /// completion reported, in deadline order.
    pub fn overdue<'s>(&self, site: &'s Site) -> Vec<&'s Commitment> {
        let mut v: Vec<&Commitment> = site
            .commitments
            .iter()
            .filter(|c| self.is_overdue(c))
            .collect();
        v.sort_by(|a, b| (a.deadline_year, &a.id).cmp(&(b.deadline_year, &b.id)));
        v
    }
}

/// A deadline "by the end of `year`" has passed on `as_of` when `as_of` is
/// after 31 December of that year; completed work is never overdue.
pub fn is_overdue(deadline_year: u16, as_of: Date, completed: bool) -> bool {
    !completed && as_of.year > deadline_year
}

/// One difference between a release and the one before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    NewValue {
        indicator: u32,
        year: u16,
        value: f64,
    },
    RevisedValue {
        indicator: u32,
        year: u16,
        from: f64,
        to: f64,
    },
    IndicatorStatus {
        indicator: u32,
        from: Status,
        to: Status,
    },
    CityTarget {
        indicator: u32,
        value: f64,
    },
    Judgement {
        indicator: u32,
        year: u16,
    },
    Task {
        id: String,
        from: WorkStatus,
        to: WorkStatus,
    },
    Commitment {
        id: String,
        from: WorkStatus,
        to: WorkStatus,
    },
    Project {
        #[serde(rename = "box")]
        box_number: u32,
        item: u32,
        from: WorkStatus,
        to: WorkStatus,
    },
    Report {
        slug: String,
    },
}

/// What changed from `prev` to `cur`, computed from the data.
pub fn changes(site: &Site, prev: &State<'_>, cur: &State<'_>) -> Vec<Change> {
    let mut out = vec![];
    for (&(indicator, year), (v, _)) in &cur.values {
        match prev.values.get(&(indicator, year)) {
            None => out.push(Change::NewValue {
                indicator,
                year,
                value: v.value,
            }),
            Some((old, _)) if old.value != v.value => out.push(Change::RevisedValue {
                indicator,
                year,
                from: old.value,
                to: v.value,
            }),
            Some(_) => {}
        }
    }
    for (&indicator, (c, _)) in &cur.city_targets {
        if prev
            .city_targets
            .get(&indicator)
            .is_none_or(|(o, _)| o.value != c.value)
        {
            out.push(Change::CityTarget {
                indicator,
                value: c.value,
            });
        }
    }
    for (&indicator, (a, _)) in &cur.assessments {
        if prev.assessments.get(&indicator).is_none_or(|(o, _)| o != a) {
            out.push(Change::Judgement {
                indicator,
                year: a.year,
            });
        }
    }
    for i in &site.table.indicators {
        let (from, to) = (prev.assess(site, i).status, cur.assess(site, i).status);
        if from != to {
            out.push(Change::IndicatorStatus {
                indicator: i.number,
                from,
                to,
            });
        }
    }
    work_changes(site, prev, cur, &mut out);
    if let Some(r) = cur.release {
        out.extend(
            r.reports
                .iter()
                .map(|slug| Change::Report { slug: slug.clone() }),
        );
    }
    out
}

fn work_changes(site: &Site, prev: &State<'_>, cur: &State<'_>, out: &mut Vec<Change>) {
    for t in &site.tasks {
        let (from, to) = (prev.task_status(&t.id), cur.task_status(&t.id));
        if from != to {
            out.push(Change::Task {
                id: t.id.as_str().to_string(),
                from,
                to,
            });
        }
    }
    for c in site
        .commitments
        .iter()
        .filter(|c| c.kind == CommitmentKind::Commitment)
    {
        let (from, to) = (
            prev.commitments.get(c.id.as_str()).map(|w| w.status),
            cur.commitments.get(c.id.as_str()).map(|w| w.status),
        );
        if from != to {
            out.push(Change::Commitment {
                id: c.id.clone(),
                from: from.unwrap_or(WorkStatus::NotReported),
                to: to.unwrap_or(WorkStatus::NotReported),
            });
        }
    }
    for &(box_number, item) in cur.projects.keys() {
        let (from, to) = (
            prev.project_status((box_number, item)),
            cur.project_status((box_number, item)),
        );
        if from != to {
            out.push(Change::Project {
                box_number,
                item,
                from,
                to,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    #[test]
    fn a_deadline_passes_after_the_last_day_of_its_year() {
        assert!(!is_overdue(2022, date("2022-12-31"), false));
        assert!(is_overdue(2022, date("2023-01-01"), false));
        assert!(!is_overdue(2022, date("2023-01-01"), true));
        assert!(!is_overdue(2025, date("2024-03-31"), false));
    }

    fn release(id: &str, as_of: &str, values: &[(u32, u16, f64)]) -> Release {
        Release {
            id: id.into(),
            file: format!("content/progress/{id}.toml"),
            as_of: date(as_of),
            title: None,
            note: None,
            reports: vec![],
            values: values
                .iter()
                .map(|&(indicator, year, value)| ReportedValue {
                    indicator,
                    year,
                    value,
                    date: date(as_of),
                    source: Default::default(),
                    note: Default::default(),
                })
                .collect(),
            assessments: vec![],
            city_targets: vec![],
            tasks: vec![],
            commitments: vec![],
            projects: vec![],
        }
    }

    #[test]
    fn later_releases_revise_earlier_ones() {
        let p = Progress {
            releases: vec![
                release("a", "2022-06-30", &[(1, 2021, 47.0)]),
                release("b", "2024-03-31", &[(1, 2021, 46.5), (1, 2023, 44.0)]),
            ],
            reports: vec![],
        };
        assert!(at(&Progress::default(), None).release.is_none());
        let first = at(&p, Some(0));
        let last = at(&p, None);
        assert_eq!(first.series(1).len(), 1);
        assert_eq!(
            last.series(1)
                .iter()
                .map(|(v, r)| (v.year, v.value, *r))
                .collect::<Vec<_>>(),
            [(2021, 46.5, "b"), (2023, 44.0, "b")]
        );
        assert_eq!(last.release.map(|r| r.id.as_str()), Some("b"));
    }
}
