//! The resolved progress model: releases in as-of order, each holding only
//! what its file states, and the evaluation reports. Pure data; the state
//! of the plan at a release is computed from it by `progress::state`.

use crate::model::base::{Localized, TaskId};
use serde::Serialize;
use std::fmt;

/// A calendar date from content (`YYYY-MM-DD`), never from the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking the day exists in its month.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let leap = date.year.is_multiple_of(4)
            && (!date.year.is_multiple_of(100) || date.year.is_multiple_of(400));
        let days = match date.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (date.day >= 1 && date.day <= days).then_some(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Status of a task, commitment or key-project item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkStatus {
    NotStarted,
    InProgress,
    Completed,
    Delayed,
    NotReported,
}

impl WorkStatus {
    pub const ALL: [WorkStatus; 5] = [
        WorkStatus::Completed,
        WorkStatus::InProgress,
        WorkStatus::Delayed,
        WorkStatus::NotStarted,
        WorkStatus::NotReported,
    ];

    pub fn parse(s: &str) -> Option<WorkStatus> {
        Self::ALL.into_iter().find(|w| w.code() == s)
    }

    /// The code used in data files and in i18n keys (`work_<code>`).
    pub fn code(self) -> &'static str {
        match self {
            WorkStatus::NotStarted => "not_started",
            WorkStatus::InProgress => "in_progress",
            WorkStatus::Completed => "completed",
            WorkStatus::Delayed => "delayed",
            WorkStatus::NotReported => "not_reported",
        }
    }
}

/// One release: what its file states, checked.
#[derive(Debug, Clone, Serialize)]
pub struct Release {
    /// The file stem; the release page lives at `progress/<id>/index.html`.
    pub id: String,
    /// The file, relative to the site root.
    pub file: String,
    pub as_of: Date,
    pub title: Option<Localized<String>>,
    pub note: Option<Localized<String>>,
    pub reports: Vec<String>,
    pub values: Vec<ReportedValue>,
    pub assessments: Vec<Assessment>,
    pub city_targets: Vec<CityTarget>,
    pub tasks: Vec<WorkEntry<TaskId>>,
    pub commitments: Vec<WorkEntry<String>>,
    pub projects: Vec<WorkEntry<(u32, u32)>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedValue {
    pub indicator: u32,
    pub year: u16,
    pub value: f64,
    pub date: Date,
    pub source: Localized<String>,
    pub note: Localized<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub indicator: u32,
    pub year: u16,
    pub judgement: Localized<String>,
    pub date: Date,
    pub source: Localized<String>,
    pub note: Localized<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CityTarget {
    pub indicator: u32,
    pub value: f64,
    pub cumulative: bool,
    pub date: Date,
    pub source: Localized<String>,
    pub note: Localized<String>,
}

/// A status stated for a task, commitment or project item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkEntry<K> {
    pub key: K,
    pub status: WorkStatus,
    pub note: Localized<String>,
}

/// The kind of an evaluation report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportKind {
    MidTerm,
    Final,
    Annual,
}

impl ReportKind {
    pub fn parse(s: &str) -> Option<ReportKind> {
        match s {
            "mid-term" => Some(ReportKind::MidTerm),
            "final" => Some(ReportKind::Final),
            "annual" => Some(ReportKind::Annual),
            _ => None,
        }
    }

    /// i18n key of the kind's name.
    pub fn key(self) -> &'static str {
        match self {
            ReportKind::MidTerm => "report_mid_term",
            ReportKind::Final => "report_final",
            ReportKind::Annual => "report_annual",
        }
    }
}

/// An evaluation report page, its body rendered to HTML in each language
/// (`en` empty when there is no English file).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub slug: String,
    pub kind: ReportKind,
    pub date: Date,
    pub title: Localized<String>,
    pub body: Localized<String>,
    /// Releases that list this report, in as-of order.
    pub releases: Vec<String>,
}

/// All progress data of the site. Empty when `content/progress/` is
/// missing or holds no releases: then every page says "not yet reported".
#[derive(Debug, Clone, Default, Serialize)]
pub struct Progress {
    /// Sorted by `as_of`; as-of dates are unique.
    pub releases: Vec<Release>,
    /// Sorted by date, then slug.
    pub reports: Vec<Report>,
}

impl Progress {
    pub fn release(&self, id: &str) -> Option<(usize, &Release)> {
        self.releases.iter().enumerate().find(|(_, r)| r.id == id)
    }

    pub fn report(&self, slug: &str) -> Option<&Report> {
        self.reports.iter().find(|r| r.slug == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly() {
        let d = Date::parse("2024-02-29").expect("leap day");
        assert_eq!(d.to_string(), "2024-02-29");
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        assert!(Date::parse("2023-1-01").is_none());
        assert!(Date::parse("2023-01-01T00:00").is_none());
        assert!(Date::parse("2023-12-31") < Date::parse("2024-01-01"));
    }

    #[test]
    fn work_status_codes_round_trip() {
        for w in WorkStatus::ALL {
            assert_eq!(WorkStatus::parse(w.code()), Some(w));
        }
        assert_eq!(WorkStatus::parse("done"), None);
    }
}
