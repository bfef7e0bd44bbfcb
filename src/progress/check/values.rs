//! The checks of a release's indicator values, assessments and city targets.

use super::*;

pub(super) fn indicator<'a>(
    cx: &Cx<'a>,
    n: &Spanned<u32>,
    d: &mut Diagnostics,
) -> Option<&'a Indicator> {
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

pub(super) fn year(cx: &Cx<'_>, y: &Spanned<u16>, d: &mut Diagnostics) -> Option<u16> {
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

pub(super) fn unit(cx: &Cx<'_>, ind: &Indicator, u: &Spanned<String>, d: &mut Diagnostics) -> bool {
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

pub(super) fn number(cx: &Cx<'_>, v: &Spanned<f64>, d: &mut Diagnostics) -> Option<f64> {
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

/// A reported value of a numeric indicator, checked: its year, date,
/// number and unit, and that it does not restate the plan's baseline; a
/// date within the value's year is a warning.
pub(super) fn value(
    cx: &Cx<'_>,
    v: &schema::ValueEntry,
    d: &mut Diagnostics,
) -> Option<ReportedValue> {
    let ind = indicator(cx, &v.indicator, d)?;
    if ind.direction == Direction::None {
        d.push(qualitative(cx, v, ind));
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
        d.push(stated_baseline(cx, v, ind, year));
        return None;
    }
    if let Some(date) = date.filter(|date| date.year <= year) {
        // A year's figure is published after the year: the year or the
        // date is likely a typo, and a value in the wrong year moves the
        // indicator's status. A figure measured during the year may still
        // be right, so it is a warning (`--strict` refuses it).
        let warning = cx.diagnostic(
            &v.date,
            dated_early(ind.number, year, date),
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

/// The error of a value given for a qualitative indicator.
fn qualitative(cx: &Cx<'_>, v: &schema::ValueEntry, ind: &Indicator) -> Diagnostic {
    cx.diagnostic(
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
    )
}

/// The error of a value for the baseline `year` that the plan states.
fn stated_baseline(cx: &Cx<'_>, v: &schema::ValueEntry, ind: &Indicator, year: u16) -> Diagnostic {
    cx.diagnostic(
        &v.year,
        (
            format!("规划已给出指标 {} 的 {year} 年基期值", ind.number),
            format!("the plan states indicator {}'s {year} baseline", ind.number),
        ),
        (
            "基期值以规划文本为准，请删除此项",
            "the plan's baseline stands; remove this entry",
        ),
    )
}

/// The message of indicator `number`'s `year` value dated `date`, before
/// that year ended.
fn dated_early(number: u32, year: u16, date: Date) -> (String, String) {
    (
        format!("指标 {number} 的 {year} 年数值发布于 {date}，早于该年结束"),
        format!("indicator {number}'s {year} value is dated {date}, before that year ended"),
    )
}

pub(super) fn assessment(
    cx: &Cx<'_>,
    a: &schema::AssessmentEntry,
    d: &mut Diagnostics,
) -> Option<Assessment> {
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

pub(super) fn city_target(
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
