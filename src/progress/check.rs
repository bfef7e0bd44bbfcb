//! Checks the release files against the plan and builds the `Release`
//! model. Every problem names its file, line and column: an unknown
//! indicator, task, commitment or project; a value of the wrong type or
//! unit; a year outside the plan period; a date after the release's as-of
//! date. Warnings: a text without English, and a year's value dated before
//! the year ended.

use super::load::RawProgress;
use super::model::*;
use super::schema::{self, ReleaseFile};
use super::{target_kind, TargetKind};
use crate::diag::{line_col, Bilingual, Diagnostic, Diagnostics};
use crate::load::Source;
use crate::model::{CommitmentKind, Direction, Indicator, Localized, Site, TaskId, Value};
use crate::resolve::error_at;
use crate::schema::LocText;
use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

mod work;
pub(super) use work::link_reports;
use work::*;

mod values;
use values::*;

/// What every entry check needs.
pub(super) struct Cx<'a> {
    pub site: &'a Site,
    pub src: &'a Source,
    pub as_of: Date,
}

/// A text staff give in both languages. Chinese without English is shown
/// in Chinese on the English pages, marked as not yet translated; a warning
/// at `(line, column)` of `src` says so, and `--strict` refuses it.
pub(super) fn bilingual(
    src: &Source,
    (line, column): (usize, usize),
    t: &LocText,
    d: &mut Diagnostics,
) -> Localized<String> {
    if !t.zh.trim().is_empty() && t.en.trim().is_empty() {
        d.push(
            error_at(
                src,
                line,
                Bilingual::new(
                    "没有英文译文：英文页面将显示中文，并注明尚未翻译",
                    "no English translation: the English pages show the Chinese, marked as not yet translated",
                ),
            )
            .with_hint("在 zh 之后加上 en = \"…\"", "add en = \"…\" after zh")
            .at_column(column)
            .as_warning(),
        );
    }
    Localized::new(t.zh.clone(), t.en.clone())
}

impl Cx<'_> {
    fn err<T>(
        &self,
        at: &Spanned<T>,
        msg: (String, String),
        hint: (&str, &str),
        d: &mut Diagnostics,
    ) {
        d.push(self.diagnostic(at, msg, hint));
    }

    /// An error at the value `at`: the caret points at the value, as
    /// TOML's own errors do.
    fn diagnostic<T>(
        &self,
        at: &Spanned<T>,
        msg: (String, String),
        hint: (&str, &str),
    ) -> Diagnostic {
        let (line, column) = line_col(&self.src.text, at.span().start);
        error_at(self.src, line, Bilingual::new(msg.0, msg.1))
            .with_hint(hint.0, hint.1)
            .at_column(column)
    }

    /// [`bilingual`] at the text's place in the release file.
    fn text(&self, t: &Spanned<LocText>, d: &mut Diagnostics) -> Localized<String> {
        let at = line_col(&self.src.text, t.span().start);
        bilingual(self.src, at, t.get_ref(), d)
    }

    /// [`Cx::text`] of a text that may be left out (empty then).
    fn opt_text(&self, t: &Option<Spanned<LocText>>, d: &mut Diagnostics) -> Localized<String> {
        t.as_ref().map(|t| self.text(t, d)).unwrap_or_default()
    }

    /// The plan's years: the baseline year (2020) to the end (2025).
    fn years(&self) -> (u16, u16) {
        (
            self.site.plan.period_start.saturating_sub(1),
            self.site.plan.period_end,
        )
    }
}

/// Checks every release; sorted by as-of date, which must be unique.
pub(super) fn releases(raw: &RawProgress, site: &Site, d: &mut Diagnostics) -> Vec<Release> {
    let mut seen: BTreeMap<Date, String> = BTreeMap::new();
    let mut out = vec![];
    for (id, src, file) in &raw.releases {
        let Some(as_of) = date(src, &file.as_of, d) else {
            continue;
        };
        if let Some(other) = seen.get(&as_of) {
            let cx = Cx { site, src, as_of };
            cx.err(&file.as_of, (format!("数据截止日期 {as_of} 与 {other} 相同"), format!("as-of date {as_of} is the same as in {other}")), ("每一版进展数据的截止日期必须不同；请合并这两个文件，或更正日期", "each release needs its own as-of date; merge the two files or correct the date"), d);
            continue;
        }
        seen.insert(as_of, src.rel.clone());
        out.push(release(&Cx { site, src, as_of }, id, file, d));
    }
    out.sort_by_key(|r| r.as_of);
    out
}

/// Parses a `YYYY-MM-DD` field, reporting a bad date at its line.
pub(super) fn date(src: &Source, s: &Spanned<String>, d: &mut Diagnostics) -> Option<Date> {
    let parsed = Date::parse(s.get_ref());
    if parsed.is_none() {
        let (line, column) = line_col(&src.text, s.span().start);
        d.push(
            error_at(
                src,
                line,
                Bilingual::new(
                    format!("日期格式不对：\"{}\"", s.get_ref()),
                    format!("not a valid date: \"{}\"", s.get_ref()),
                ),
            )
            .with_hint(
                "日期写作 YYYY-MM-DD，例如 2024-03-31",
                "write dates as YYYY-MM-DD, e.g. 2024-03-31",
            )
            .at_column(column),
        );
    }
    parsed
}

/// A date that must not be later than the release's as-of date.
fn dated(cx: &Cx<'_>, s: &Spanned<String>, d: &mut Diagnostics) -> Option<Date> {
    let v = date(cx.src, s, d)?;
    if v > cx.as_of {
        cx.err(s, (format!("日期 {v} 晚于本版数据截止日期 {}", cx.as_of), format!("date {v} is after this release's as-of date {}", cx.as_of)), ("一版进展数据只能包含截止日期之前发布的内容；请放入下一版，或更正日期", "a release holds only what was published by its as-of date; move it to a later release or correct the date"), d);
        return None;
    }
    Some(v)
}

/// A release file, checked: no entry twice, and each entry on its own.
fn release(cx: &Cx<'_>, id: &str, f: &ReleaseFile, d: &mut Diagnostics) -> Release {
    no_repeats(cx, f, d);
    Release {
        id: id.to_string(),
        file: cx.src.rel.clone(),
        as_of: cx.as_of,
        title: f.title.as_ref().map(|t| cx.text(t, d)),
        note: f.note.as_ref().map(|t| cx.text(t, d)),
        reports: f.reports.iter().map(|r| r.get_ref().clone()).collect(),
        values: f.values.iter().filter_map(|v| value(cx, v, d)).collect(),
        assessments: f
            .assessments
            .iter()
            .filter_map(|a| assessment(cx, a, d))
            .collect(),
        city_targets: f
            .city_targets
            .iter()
            .filter_map(|c| city_target(cx, c, d))
            .collect(),
        tasks: f.tasks.iter().filter_map(|t| task(cx, t, d)).collect(),
        commitments: f
            .commitments
            .iter()
            .filter_map(|c| commitment(cx, c, d))
            .collect(),
        projects: f
            .projects
            .iter()
            .filter_map(|p| project(cx, p, d))
            .collect(),
    }
}

/// Refuses an indicator's value, assessment or city target, or a task or
/// commitment, given twice in the release `f`.
fn no_repeats(cx: &Cx<'_>, f: &ReleaseFile, d: &mut Diagnostics) {
    unique(
        f.values
            .iter()
            .map(|v| ((*v.indicator.get_ref(), *v.year.get_ref()), &v.indicator)),
        cx,
        "value",
        d,
    );
    unique(
        f.assessments
            .iter()
            .map(|v| ((*v.indicator.get_ref(), *v.year.get_ref()), &v.indicator)),
        cx,
        "assessment",
        d,
    );
    unique(
        f.city_targets
            .iter()
            .map(|v| ((*v.indicator.get_ref(), 0), &v.indicator)),
        cx,
        "city_target",
        d,
    );
    unique_ids(
        f.tasks
            .iter()
            .map(|t| &t.id)
            .chain(f.commitments.iter().map(|c| &c.id)),
        cx,
        d,
    );
}

/// Refuses two entries with the same key in one release.
fn unique<'s>(
    keys: impl Iterator<Item = ((u32, u16), &'s Spanned<u32>)>,
    cx: &Cx<'_>,
    what: &str,
    d: &mut Diagnostics,
) {
    let mut seen = BTreeSet::new();
    for (k, at) in keys {
        if !seen.insert(k) {
            cx.err(
                at,
                (
                    format!("指标 {} 的 [[{what}]] 在本文件中重复", k.0),
                    format!("indicator {} has a second [[{what}]] entry here", k.0),
                ),
                (
                    "同一指标（同一年份）只能填写一次",
                    "give each indicator (and year) once",
                ),
                d,
            );
        }
    }
}

/// Refuses a task or commitment given twice in one release.
fn unique_ids<'s>(
    ids: impl Iterator<Item = &'s Spanned<String>>,
    cx: &Cx<'_>,
    d: &mut Diagnostics,
) {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id.get_ref()) {
            cx.err(
                id,
                (
                    format!("\"{}\" 在本文件中重复", id.get_ref()),
                    format!("\"{}\" is given twice in this file", id.get_ref()),
                ),
                (
                    "每项任务或承诺在一版中只能填写一次",
                    "give each task or commitment once per release",
                ),
                d,
            );
        }
    }
}
