//! The status rule: is an indicator on track for its 2025 target?
//!
//! It follows Open SDG's progress measure (the Statistics Canada method):
//! compare the observed compound annual growth rate since the baseline year
//! with the rate the target requires, and grade their ratio with thresholds.
//! Because both are *annual* rates, the comparison is pro-rated by the time
//! elapsed since 2020: after three of five years, an indicator is on track
//! when it has moved as fast per year as the target needs. The status names
//! are those of official Chinese plan evaluations (十四五 mid-term review).
//!
//! In order, the first rule that applies wins:
//! 1. Qualitative target (稳中向好, 有效保障) or no direction: 定性评价
//!    when a stated judgement is given in the data, else 未报送.
//! 2. City-assigned target (完成市分解任务) with no city target entered as
//!    data: 未报送.
//! 3. No value reported for a year after the baseline year: 未报送.
//! 4. The latest value meets the target (≤ for lower-is-better, ≥ for
//!    higher-is-better): 提前实现 before the target year; 基本符合预期 in
//!    the target year, or when the target is to maintain the baseline.
//! 5. A target that keeps the baseline (e.g. 0% → 0%) and is not met: 滞后.
//! 6. No baseline (the plan prints —, and no 2020 value was reported): 未报送.
//! 7. Otherwise `ratio = d × g_obs / |g_req|`, with `d` = +1 when higher is
//!    better and −1 when lower is better, `g_obs = (v/b)^(1/(t−2020)) − 1`
//!    and `g_req = (T/b)^(1/(2025−2020)) − 1`. When b, v or T is zero the
//!    growth rate is undefined, so the average annual absolute change is
//!    used instead (`(v−b)/(t−2020)` against `(T−b)/5`); a cumulative
//!    city target (a total reduction over 2021–2025) counts from b = 0.
//!    `ratio ≥ AHEAD` (110%): 快于预期; `ratio ≥ ON_TRACK` (95%, Open SDG's
//!    "substantial progress" threshold): 基本符合预期 / 达到序时进度; below: 滞后.

use serde::Serialize;

/// A ratio at or above this is ahead of schedule (快于预期).
pub const AHEAD: f64 = 1.10;
/// A ratio at or above this is on track (基本符合预期); below is behind.
pub const ON_TRACK: f64 = 0.95;

/// The six statuses, in the order pages list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    AchievedEarly,
    Ahead,
    OnTrack,
    Behind,
    Qualitative,
    NotReported,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::AchievedEarly,
        Status::Ahead,
        Status::OnTrack,
        Status::Behind,
        Status::Qualitative,
        Status::NotReported,
    ];

    /// Code for data files and i18n keys (`status_<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Status::AchievedEarly => "achieved_early",
            Status::Ahead => "ahead",
            Status::OnTrack => "on_track",
            Status::Behind => "behind",
            Status::Qualitative => "qualitative",
            Status::NotReported => "not_reported",
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Lower,
    Higher,
    /// No direction: the indicator can only be judged qualitatively.
    Neither,
}

/// The target as the rule sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    Number(f64),
    /// 完成市分解任务: the city's value once entered as data, and whether it
    /// is a cumulative change counted from zero in the baseline year.
    CityAssigned(Option<(f64, bool)>),
    Qualitative,
}

/// Everything the rule looks at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Input {
    pub better: Better,
    pub baseline: Option<f64>,
    pub goal: Goal,
    /// Latest reported (year, value) after the baseline year.
    pub latest: Option<(u16, f64)>,
    /// A stated judgement exists (qualitative targets only).
    pub judged: bool,
    pub base_year: u16,
    pub target_year: u16,
}

/// How the pace was measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Compound annual growth rates.
    Growth,
    /// Average annual absolute change (a zero in the data).
    Linear,
}

/// Why the rule gave its status.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    NoJudgement,
    Judgement,
    NoCityTarget,
    NoData,
    TargetMet,
    Maintained,
    NotMaintained,
    NoBaseline,
    /// Observed and required annual change, their ratio, and the value the
    /// required path reaches in the latest year (序时进度值).
    Pace {
        method: Method,
        observed: f64,
        required: f64,
        ratio: f64,
        expected: f64,
    },
}

/// The rule's result.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Outcome {
    pub status: Status,
    #[serde(flatten)]
    pub reason: Reason,
}

fn out(status: Status, reason: Reason) -> Outcome {
    Outcome { status, reason }
}

/// Applies the rule (see the module documentation).
pub fn assess(i: &Input) -> Outcome {
    let (target, cumulative) = match (i.better, i.goal) {
        (Better::Neither, _) | (_, Goal::Qualitative) => {
            return if i.judged {
                out(Status::Qualitative, Reason::Judgement)
            } else {
                out(Status::NotReported, Reason::NoJudgement)
            };
        }
        (_, Goal::CityAssigned(None)) => return out(Status::NotReported, Reason::NoCityTarget),
        (_, Goal::CityAssigned(Some((t, c)))) => (t, c),
        (_, Goal::Number(t)) => (t, false),
    };
    let Some((year, value)) = i.latest.filter(|(y, _)| *y > i.base_year) else {
        return out(Status::NotReported, Reason::NoData);
    };
    let baseline = if cumulative { Some(0.0) } else { i.baseline };
    let maintain = baseline == Some(target);
    let met = match i.better {
        Better::Lower => value <= target,
        _ => value >= target,
    };
    if met {
        return match (maintain, year < i.target_year) {
            (true, _) => out(Status::OnTrack, Reason::Maintained),
            (false, true) => out(Status::AchievedEarly, Reason::TargetMet),
            (false, false) => out(Status::OnTrack, Reason::TargetMet),
        };
    }
    if maintain {
        return out(Status::Behind, Reason::NotMaintained);
    }
    let Some(base) = baseline else {
        return out(Status::NotReported, Reason::NoBaseline);
    };
    let pace = pace(i, base, (year, value), target);
    let status = match pace {
        Reason::Pace { ratio, .. } if ratio >= AHEAD => Status::Ahead,
        Reason::Pace { ratio, .. } if ratio >= ON_TRACK => Status::OnTrack,
        _ => Status::Behind,
    };
    out(status, pace)
}

/// The required path (序时进度): the value the target's pace reaches in
/// `year`, measured as rule 7 measures it (compound growth when baseline
/// and target are positive, else a straight line), from `base` in
/// `base_year` to `target` in `target_year`.
pub fn required(base: f64, target: f64, (base_year, target_year): (u16, u16), year: u16) -> f64 {
    let span = f64::from(target_year.saturating_sub(base_year).max(1));
    let elapsed = f64::from(year.saturating_sub(base_year)).min(span);
    if base > 0.0 && target > 0.0 {
        base * (target / base).powf(elapsed / span)
    } else {
        base + (target - base) * elapsed / span
    }
}

/// Observed against required annual change; see rule 7.
fn pace(i: &Input, base: f64, (year, value): (u16, f64), target: f64) -> Reason {
    let elapsed = f64::from(year - i.base_year);
    let span = f64::from(i.target_year.saturating_sub(i.base_year).max(1));
    let sign = if i.better == Better::Lower { -1.0 } else { 1.0 };
    let growth = base > 0.0 && value > 0.0 && target > 0.0;
    let (method, observed, required, expected) = if growth {
        let req = (target / base).powf(1.0 / span) - 1.0;
        (
            Method::Growth,
            (value / base).powf(1.0 / elapsed) - 1.0,
            req,
            base * (1.0 + req).powf(elapsed),
        )
    } else {
        let req = (target - base) / span;
        (
            Method::Linear,
            (value - base) / elapsed,
            req,
            base + req * elapsed,
        )
    };
    Reason::Pace {
        method,
        observed,
        required,
        ratio: sign * observed / required.abs(),
        expected,
    }
}

#[cfg(test)]
mod tests;
