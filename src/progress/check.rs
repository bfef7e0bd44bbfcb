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

fn release(cx: &Cx<'_>, id: &str, f: &ReleaseFile, d: &mut Diagnostics) -> Release {
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

fn indicator<'a>(cx: &Cx<'a>, n: &Spanned<u32>, d: &mut Diagnostics) -> Option<&'a Indicator> {
    let found = cx
        .site
        .table
        .indicators
        .iter()
        .find(|i| i.number == *n.get_ref());
    if found.is_none() {
        let max = cx.site.table.indicators.len();
        cx.err(
            n,
            (
                format!("未知的指标编号 {}", n.get_ref()),
                format!("unknown indicator number {}", n.get_ref()),
            ),
            (
                &format!("indicator 必须是主要指标表中的编号（1–{max}）"),
                &format!("indicator must be a number from the indicator table (1–{max})"),
            ),
            d,
        );
    }
    found
}

fn year(cx: &Cx<'_>, y: &Spanned<u16>, d: &mut Diagnostics) -> Option<u16> {
    let (first, last) = cx.years();
    let v = *y.get_ref();
    if v < first || v > last {
        cx.err(
            y,
            (
                format!("年份 {v} 不在规划期 {first}–{last} 之内"),
                format!("year {v} is outside the plan period {first}–{last}"),
            ),
            (
                "year 必须是基期年或规划期内的年份",
                "year must be the baseline year or a year of the plan period",
            ),
            d,
        );
        return None;
    }
    if v > cx.as_of.year {
        cx.err(
            y,
            (
                format!("年份 {v} 晚于本版数据截止日期 {}", cx.as_of),
                format!("year {v} is after this release's as-of date {}", cx.as_of),
            ),
            (
                "请更正年份或数据截止日期",
                "correct the year or the as-of date",
            ),
            d,
        );
        return None;
    }
    Some(v)
}

fn unit(cx: &Cx<'_>, ind: &Indicator, u: &Spanned<String>, d: &mut Diagnostics) -> bool {
    let ok = u.get_ref().trim() == ind.unit.zh;
    if !ok {
        let want = if ind.unit.zh.is_empty() {
            "\"\"".to_string()
        } else {
            format!("\"{}\"", ind.unit.zh)
        };
        cx.err(
            u,
            (
                format!(
                    "单位 \"{}\" 与指标 {} 的单位 {want} 不符",
                    u.get_ref(),
                    ind.number
                ),
                format!(
                    "unit \"{}\" does not match indicator {}'s unit {want}",
                    u.get_ref(),
                    ind.number
                ),
            ),
            (
                "请换算为主要指标表中的单位后再填写",
                "convert the value to the unit of the indicator table",
            ),
            d,
        );
    }
    ok
}

fn number(cx: &Cx<'_>, v: &Spanned<f64>, d: &mut Diagnostics) -> Option<f64> {
    let x = *v.get_ref();
    if !x.is_finite() {
        cx.err(
            v,
            (
                "数值必须是有限的数".into(),
                "the value must be a finite number".into(),
            ),
            ("请填写实际数值", "give the actual number"),
            d,
        );
        return None;
    }
    Some(x)
}

fn value(cx: &Cx<'_>, v: &schema::ValueEntry, d: &mut Diagnostics) -> Option<ReportedValue> {
    let ind = indicator(cx, &v.indicator, d)?;
    if ind.direction == Direction::None {
        cx.err(
            &v.value,
            (
                format!("指标 {} 是定性指标，不能填写数值", ind.number),
                format!(
                    "indicator {} is qualitative and takes no number",
                    ind.number
                ),
            ),
            (
                "请改用 [[assessment]] 填写评价结论",
                "use an [[assessment]] with a stated judgement instead",
            ),
            d,
        );
        return None;
    }
    let (year, date, x) = (
        year(cx, &v.year, d),
        dated(cx, &v.date, d),
        number(cx, &v.value, d),
    );
    let unit_ok = unit(cx, ind, &v.unit, d);
    let year = year?;
    if year == cx.years().0 && matches!(ind.baseline, Value::Number(_)) {
        cx.err(
            &v.year,
            (
                format!("规划已给出指标 {} 的 {year} 年基期值", ind.number),
                format!("the plan states indicator {}'s {year} baseline", ind.number),
            ),
            (
                "基期值以规划文本为准，请删除此项",
                "the plan's baseline stands; remove this entry",
            ),
            d,
        );
        return None;
    }
    if let Some(date) = date.filter(|date| date.year <= year) {
        // A year's figure is published after the year: the year or the
        // date is likely a typo, and a value in the wrong year moves the
        // indicator's status. A figure measured during the year may still
        // be right, so it is a warning (`--strict` refuses it).
        let warning = cx.diagnostic(
            &v.date,
            (
                format!(
                    "指标 {} 的 {year} 年数值发布于 {date}，早于该年结束",
                    ind.number
                ),
                format!(
                    "indicator {}'s {year} value is dated {date}, before that year ended",
                    ind.number
                ),
            ),
            (
                "请核对年份（year）和发布日期（date）",
                "check the year and the date",
            ),
        );
        d.push(warning.as_warning());
    }
    unit_ok.then_some(())?;
    Some(ReportedValue {
        indicator: ind.number,
        year,
        value: x?,
        date: date?,
        source: cx.text(&v.source, d),
        note: cx.opt_text(&v.note, d),
    })
}

fn assessment(cx: &Cx<'_>, a: &schema::AssessmentEntry, d: &mut Diagnostics) -> Option<Assessment> {
    let ind = indicator(cx, &a.indicator, d)?;
    if target_kind(ind) != TargetKind::Qualitative {
        cx.err(&a.indicator, (format!("指标 {} 的目标是数值或市分解任务，不能用定性评价", ind.number), format!("indicator {} has a numeric or city-assigned target; a judgement cannot stand for it", ind.number)), ("请改用 [[value]] 填写数值", "give a [[value]] instead"), d);
        return None;
    }
    let (year, date) = (year(cx, &a.year, d), dated(cx, &a.date, d));
    Some(Assessment {
        indicator: ind.number,
        year: year?,
        judgement: cx.text(&a.judgement, d),
        date: date?,
        source: cx.text(&a.source, d),
        note: cx.opt_text(&a.note, d),
    })
}

fn city_target(
    cx: &Cx<'_>,
    c: &schema::CityTargetEntry,
    d: &mut Diagnostics,
) -> Option<CityTarget> {
    let ind = indicator(cx, &c.indicator, d)?;
    if target_kind(ind) != TargetKind::CityAssigned {
        cx.err(
            &c.indicator,
            (
                format!("指标 {} 的目标不是“完成市分解任务”", ind.number),
                format!(
                    "indicator {}'s target is not 完成市分解任务 (city-assigned)",
                    ind.number
                ),
            ),
            (
                "只有目标为“完成市分解任务”的指标才能填写市分解目标",
                "only indicators whose target is 完成市分解任务 take a city target",
            ),
            d,
        );
        return None;
    }
    let (date, x, unit_ok) = (
        dated(cx, &c.date, d),
        number(cx, &c.value, d),
        unit(cx, ind, &c.unit, d),
    );
    unit_ok.then_some(())?;
    Some(CityTarget {
        indicator: ind.number,
        value: x?,
        cumulative: c.cumulative,
        date: date?,
        source: cx.text(&c.source, d),
        note: cx.opt_text(&c.note, d),
    })
}

fn status(cx: &Cx<'_>, s: &Spanned<String>, d: &mut Diagnostics) -> Option<WorkStatus> {
    let w = WorkStatus::parse(s.get_ref());
    if w.is_none() {
        cx.err(
            s,
            (
                format!("未知的状态 \"{}\"", s.get_ref()),
                format!("unknown status \"{}\"", s.get_ref()),
            ),
            (
                "status 只能是 not_started、in_progress、completed、delayed 或 not_reported",
                "status is not_started, in_progress, completed, delayed or not_reported",
            ),
            d,
        );
    }
    w
}

fn task(
    cx: &Cx<'_>,
    t: &schema::TaskStatusEntry,
    d: &mut Diagnostics,
) -> Option<WorkEntry<TaskId>> {
    let id = TaskId(t.id.get_ref().clone());
    let known = cx.site.task(&id).is_some();
    if !known {
        cx.err(
            &t.id,
            (
                format!("未知的任务 id \"{}\"", t.id.get_ref()),
                format!("unknown task id \"{}\"", t.id.get_ref()),
            ),
            (
                "id 必须是 content/tasks.toml 中某个 [[task]] 的 id",
                "id must be the id of a [[task]] in content/tasks.toml",
            ),
            d,
        );
    }
    let status = status(cx, &t.status, d);
    known.then_some(())?;
    Some(WorkEntry {
        key: id,
        status: status?,
        note: cx.opt_text(&t.note, d),
    })
}

fn commitment(
    cx: &Cx<'_>,
    c: &schema::CommitmentStatusEntry,
    d: &mut Diagnostics,
) -> Option<WorkEntry<String>> {
    let known = cx
        .site
        .commitments
        .iter()
        .any(|x| x.id == *c.id.get_ref() && x.kind == CommitmentKind::Commitment);
    if !known {
        cx.err(
            &c.id,
            (
                format!("未知的承诺 id \"{}\"", c.id.get_ref()),
                format!("unknown commitment id \"{}\"", c.id.get_ref()),
            ),
            (
                "id 必须是 content/commitments.toml 中 kind = \"commitment\" 的某个 id",
                "id must be the id of a kind = \"commitment\" entry in content/commitments.toml",
            ),
            d,
        );
    }
    let status = status(cx, &c.status, d);
    known.then_some(())?;
    Some(WorkEntry {
        key: c.id.get_ref().clone(),
        status: status?,
        note: cx.opt_text(&c.note, d),
    })
}

fn project(
    cx: &Cx<'_>,
    p: &schema::ProjectStatusEntry,
    d: &mut Diagnostics,
) -> Option<WorkEntry<(u32, u32)>> {
    let number = *p.box_number.get_ref();
    let status = status(cx, &p.status, d);
    let Some(b) = cx.site.boxes.iter().find(|b| b.number == number) else {
        cx.err(
            &p.box_number,
            (
                format!("未知的专栏编号 {number}"),
                format!("unknown key-project box {number}"),
            ),
            (
                "box 必须是 content/projects.toml 中某个专栏的 number",
                "box must be the number of a box in content/projects.toml",
            ),
            d,
        );
        return None;
    };
    let items: Vec<u32> = b.numbered_items().map(|(n, _)| n).collect();
    let item = match &p.item {
        Some(it) if items.contains(it.get_ref()) => *it.get_ref(),
        None if items.len() == 1 => items[0],
        Some(it) => {
            cx.err(
                it,
                (
                    format!("专栏{number}没有第 {} 项", it.get_ref()),
                    format!("box {number} has no item {}", it.get_ref()),
                ),
                (
                    "item 必须是该专栏中的项目编号",
                    "item must be an item number of that box",
                ),
                d,
            );
            return None;
        }
        None => {
            cx.err(
                &p.box_number,
                (
                    format!("专栏{number}有多个项目，请写明 item",),
                    format!("box {number} has several items; give item"),
                ),
                ("请加上 item = 项目编号", "add item = <item number>"),
                d,
            );
            return None;
        }
    };
    Some(WorkEntry {
        key: (number, item),
        status: status?,
        note: cx.opt_text(&p.note, d),
    })
}

/// Checks each release's report slugs and dates, and records on each
/// report which releases list it.
pub(super) fn link_reports(
    raw: &RawProgress,
    releases: &[Release],
    reports: &mut [Report],
    d: &mut Diagnostics,
) {
    for (id, src, file) in &raw.releases {
        let Some(rel) = releases.iter().find(|r| &r.id == id) else {
            continue;
        };
        for slug in &file.reports {
            let (line, column) = line_col(&src.text, slug.span().start);
            let Some(rep) = reports.iter_mut().find(|r| &r.slug == slug.get_ref()) else {
                d.push(
                    error_at(
                        src,
                        line,
                        Bilingual::new(
                            format!("找不到评估报告 \"{}\"", slug.get_ref()),
                            format!("no evaluation report \"{}\"", slug.get_ref()),
                        ),
                    )
                    .with_hint(
                        format!("请创建 content/progress/reports/{}.zh.md", slug.get_ref()),
                        format!("create content/progress/reports/{}.zh.md", slug.get_ref()),
                    )
                    .at_column(column),
                );
                continue;
            };
            if rep.date > rel.as_of {
                d.push(
                    error_at(
                        src,
                        line,
                        Bilingual::new(
                            format!(
                                "评估报告 {} 的日期 {} 晚于本版数据截止日期 {}",
                                rep.slug, rep.date, rel.as_of
                            ),
                            format!(
                                "report {} is dated {}, after this release's as-of date {}",
                                rep.slug, rep.date, rel.as_of
                            ),
                        ),
                    )
                    .with_hint(
                        "请把报告列入之后的一版，或更正报告日期",
                        "list the report in a later release, or correct its date",
                    )
                    .at_column(column),
                );
            }
            rep.releases.push(rel.id.clone());
        }
    }
    for rep in reports.iter_mut() {
        rep.releases
            .sort_by_key(|id| releases.iter().position(|r| &r.id == id));
    }
}
