//! Shared pieces of the progress views: status badges, the reason sentence
//! of an indicator's status, the rule text, numbers and links.

use crate::model::{Commitment, Localized, TaskId};
use crate::progress::model::Report;
use crate::progress::model::WorkStatus;
use crate::progress::state::{self, State};
use crate::progress::status::{self, Method, Outcome, Reason, Status};
use crate::render::html::para::ParaCtx;
use crate::render::html::text::{opt_text, text, Link, Text};
use crate::render::links::number;
pub use crate::render::routes::Route;
use serde::Serialize;

/// A status badge: its code (CSS class) and label.
#[derive(Serialize, Clone)]
pub struct Badge {
    pub code: &'static str,
    pub label: String,
}

pub fn t(cx: &ParaCtx<'_>, key: &str) -> String {
    cx.i18n.get(cx.lang, key)
}

pub fn status_badge(cx: &ParaCtx<'_>, s: Status) -> Badge {
    Badge {
        code: s.code(),
        label: t(cx, &format!("status_{}", s.code())),
    }
}

pub fn work_badge(cx: &ParaCtx<'_>, w: WorkStatus) -> Badge {
    Badge {
        code: w.code(),
        label: t(cx, &format!("work_{}", w.code())),
    }
}

/// Replaces `{name}` placeholders in a UI string.
pub fn fill(template: &str, vars: &[(&str, String)]) -> String {
    vars.iter().fold(template.to_string(), |s, (k, v)| {
        s.replace(&format!("{{{k}}}"), v)
    })
}

/// A percentage with its sign, e.g. `−4.8%`.
pub fn signed_pct(x: f64) -> String {
    let s = format!("{:+.1}%", x * 100.0);
    s.replace('-', "−")
}

/// The href to `route` in the page's language.
pub fn route_href(cx: &ParaCtx<'_>, route: Route<'_>) -> String {
    route.href(cx.from, cx.lang)
}

pub fn indicator_href(cx: &ParaCtx<'_>, n: u32) -> String {
    route_href(cx, Route::Indicator(n))
}

pub fn release_href(cx: &ParaCtx<'_>, id: &str) -> String {
    route_href(cx, Route::Release(id))
}

pub fn report_href(cx: &ParaCtx<'_>, slug: &str) -> String {
    route_href(cx, Route::Report(slug))
}

/// The sentence that says why an indicator has its status.
pub fn explain(cx: &ParaCtx<'_>, o: &Outcome, unit: &str, latest_year: Option<u16>) -> String {
    let key = match o.reason {
        Reason::NoJudgement => "reason_no_judgement",
        Reason::Judgement => "reason_judgement",
        Reason::NoCityTarget => "reason_no_city_target",
        Reason::NoData => "reason_no_data",
        Reason::TargetMet => "reason_target_met",
        Reason::Maintained => "reason_maintained",
        Reason::NotMaintained => "reason_not_maintained",
        Reason::NoBaseline => "reason_no_baseline",
        Reason::Pace {
            method: Method::Growth,
            ..
        } => "reason_pace_growth",
        Reason::Pace {
            method: Method::Linear,
            ..
        } => "reason_pace_linear",
    };
    let year = latest_year.map(|y| y.to_string()).unwrap_or_default();
    let mut vars = vec![("year", year)];
    if let Reason::Pace {
        method,
        observed,
        required,
        ratio,
        expected,
    } = o.reason
    {
        let rate = |x: f64| match method {
            Method::Growth => signed_pct(x),
            Method::Linear => format!("{}{unit}", format!("{x:+.2}").replace('-', "−")),
        };
        vars.extend([
            ("observed", rate(observed)),
            ("required", rate(required)),
            ("ratio", format!("{:.0}%", ratio * 100.0)),
            (
                "expected",
                format!("{}{unit}", number((expected * 100.0).round() / 100.0)),
            ),
        ]);
    }
    fill(&t(cx, key), &vars)
}

/// The rule, in the page's language, thresholds filled in from the code.
#[derive(Serialize)]
pub struct RuleView {
    pub title: String,
    pub intro: String,
    pub items: Vec<(Badge, String)>,
    pub method: String,
}

pub fn rule(cx: &ParaCtx<'_>) -> RuleView {
    let vars = [
        ("ahead", format!("{:.0}%", status::AHEAD * 100.0)),
        ("on_track", format!("{:.0}%", status::ON_TRACK * 100.0)),
    ];
    RuleView {
        title: t(cx, "rule_title"),
        intro: fill(&t(cx, "rule_intro"), &vars),
        items: Status::ALL
            .iter()
            .map(|s| {
                (
                    status_badge(cx, *s),
                    fill(&t(cx, &format!("rule_{}", s.code())), &vars),
                )
            })
            .collect(),
        method: fill(&t(cx, "rule_method"), &vars),
    }
}

/// The latest reported status of the tasks and commitments, for the pages
/// that list them beside the plan's text (a department's tasks, the
/// commitments). There is none before the first release: those pages then
/// show no status, and the progress pages say nothing is reported yet.
pub struct Latest<'a> {
    state: State<'a>,
    /// The release the statuses come from, labelled with its as-of date.
    pub source: Link,
}

impl<'a> Latest<'a> {
    pub fn of(cx: &ParaCtx<'a>) -> Option<Latest<'a>> {
        let state = state::at(&cx.site.progress, None);
        let release = state.release?;
        let source = Link {
            href: release_href(cx, &release.id),
            label: fill(
                &t(cx, "status_from_release"),
                &[("date", release.as_of.to_string())],
            ),
            lang: None,
        };
        Some(Latest { state, source })
    }

    /// A task's status, with the note the release gave it.
    pub fn task(&self, cx: &ParaCtx<'_>, id: &TaskId) -> WorkView {
        let note = self.state.tasks.get(id).map(|e| &e.note);
        WorkView::new(work_badge(cx, self.state.task_status(id)), note, cx)
    }

    /// Item `item` of key-project box `number` (items without a printed
    /// number count from 1).
    pub fn project(&self, cx: &ParaCtx<'_>, number: u32, item: u32) -> Badge {
        work_badge(cx, self.state.project_status((number, item)))
    }

    /// A commitment's status (its own, else its task's) with the note the
    /// release gave the commitment, and an "overdue" badge when its deadline
    /// had passed by the release's as-of date with no completion reported.
    pub fn commitment(&self, cx: &ParaCtx<'_>, c: &Commitment) -> (WorkView, Option<Badge>) {
        let w = self.state.commitment_status(c);
        let overdue = self.state.is_overdue(c).then(|| Badge {
            code: "overdue",
            label: t(cx, "overdue_badge"),
        });
        let note = self.state.commitments.get(c.id.as_str()).map(|e| &e.note);
        (WorkView::new(work_badge(cx, w), note, cx), overdue)
    }
}

/// A status as a list of the plan shows it: the badge, and the release's
/// note on it when there is one.
#[derive(Serialize)]
pub struct WorkView {
    pub code: &'static str,
    pub label: String,
    pub note: Option<Text>,
}

impl WorkView {
    fn new(badge: Badge, note: Option<&Localized<String>>, cx: &ParaCtx<'_>) -> WorkView {
        WorkView {
            code: badge.code,
            label: badge.label,
            note: note.and_then(|n| opt_text(n, cx)),
        }
    }
}

pub fn release_label(cx: &ParaCtx<'_>, id: &str) -> String {
    match cx.site.progress.release(id) {
        Some((_, r)) => fill(&t(cx, "release_as_of"), &[("date", r.as_of.to_string())]),
        None => id.to_string(),
    }
}

pub fn report_link(cx: &ParaCtx<'_>, r: &Report) -> Link {
    let title = text(&r.title, cx.lang);
    let label = format!(
        "{}{}{}{}",
        title.text,
        t(cx, "paren_open"),
        r.date,
        t(cx, "paren_close")
    );
    Link {
        href: report_href(cx, &r.slug),
        label,
        lang: title.lang,
    }
}

/// Links to every evaluation report, newest first.
pub fn report_links(cx: &ParaCtx<'_>) -> Vec<Link> {
    cx.site
        .progress
        .reports
        .iter()
        .rev()
        .map(|r| report_link(cx, r))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_and_signs() {
        assert_eq!(
            fill("{a} / {b} / {a}", &[("a", "1".into()), ("b", "x".into())]),
            "1 / x / 1"
        );
        assert_eq!(signed_pct(-0.048), "−4.8%");
        assert_eq!(signed_pct(0.0631), "+6.3%");
    }
}
