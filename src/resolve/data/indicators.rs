//! The indicator table, the plan's record and the all-towns clause, resolved.

use super::*;
use crate::diag::Diagnostic;

pub(super) fn value(v: &CellValue, g: &Glossary<'_>) -> Value {
    match v {
        CellValue::Number(n) => Value::Number(*n),
        CellValue::Text(t) => Value::Text(g.term(t)),
    }
}

/// The indicator table: its groups, and its indicators by number, each
/// checked for a repeated number, an unknown group, attribute or direction,
/// and the paragraphs it contradicts.
pub(in crate::resolve) fn indicators(
    raw: &Raw,
    g: &Glossary<'_>,
    (chapters, boxes): (&[Chapter], &[KeyBox]),
    d: &mut Diagnostics,
) -> IndicatorTable {
    let (src, file) = &*raw.indicators;
    let paras = by_id(paragraphs(chapters, boxes));
    let groups = groups(file, g);
    let mut seen = BTreeSet::new();
    let mut indicators = vec![];
    let number_lines = number_lines(src);
    for i in &file.indicator {
        let line = number_lines.get(&i.number).copied().unwrap_or(0);
        if !seen.insert(i.number) {
            d.push(error_at(
                src,
                line,
                Bilingual::new(
                    format!("指标编号 {} 重复", i.number),
                    format!("duplicate indicator number {}", i.number),
                ),
            ));
            continue;
        }
        if !groups.iter().any(|x| x.id == i.group) {
            d.push(unknown_group(src, line, &i.group));
        }
        let attribute = attribute_of(src, line, &i.attribute, d);
        let direction = direction_of(src, line, &i.direction, d);
        indicators.push(Indicator {
            number: i.number,
            group: i.group.clone(),
            name: g.term(&i.name),
            unit: if i.unit.is_empty() {
                Localized::default()
            } else {
                g.term(&i.unit)
            },
            baseline: value(&i.baseline, g),
            target: value(&i.target, g),
            baseline_kind: i.baseline_kind,
            target_kind: i.target_kind,
            attribute,
            definition_changed: i.definition_changed,
            direction,
            contradicts: contradicts(src, line, &i.contradicts, &paras, d),
        });
    }
    indicators.sort_by_key(|i| i.number);
    IndicatorTable {
        title: g.term(&file.title),
        footnote: Localized::new(file.footnote.zh.clone(), file.footnote.en.clone()),
        groups,
        indicators,
    }
}

/// The table's groups, their names in both languages from the glossary.
fn groups(file: &schema::IndicatorsFile, g: &Glossary<'_>) -> Vec<Group> {
    file.group
        .iter()
        .map(|x| Group {
            id: x.id.clone(),
            label: x.label.clone(),
            name: g.term(&x.name),
        })
        .collect()
}

/// The error of an indicator, numbered on `line`, whose `group` is no
/// `[[group]]`'s id.
fn unknown_group(src: &Source, line: usize, group: &str) -> Diagnostic {
    error_at(
        src,
        line_of(src, "group", line),
        Bilingual::new(
            format!("未知的指标分组 \"{group}\""),
            format!("unknown indicator group \"{group}\""),
        ),
    )
    .with_hint(
        "group 必须是 [[group]] 中的某个 id",
        "group must be the id of a [[group]]",
    )
}

/// The attribute `s` of the indicator numbered on `line`; an unknown one is
/// an error, and stands as expected.
fn attribute_of(src: &Source, line: usize, s: &str, d: &mut Diagnostics) -> Attribute {
    match s {
        "binding" => Attribute::Binding,
        "expected" => Attribute::Expected,
        other => {
            d.push(
                error_at(
                    src,
                    line_of(src, "attribute", line),
                    Bilingual::new(
                        format!("未知的指标属性 \"{other}\""),
                        format!("unknown attribute \"{other}\""),
                    ),
                )
                .with_hint(
                    "attribute 只能是 binding（约束性）或 expected（预期性）",
                    "attribute is binding (约束性) or expected (预期性)",
                ),
            );
            Attribute::Expected
        }
    }
}

/// The direction `s` of the indicator numbered on `line`; an unknown one is
/// an error, and stands as none.
fn direction_of(src: &Source, line: usize, s: &str, d: &mut Diagnostics) -> Direction {
    match s {
        "lower" => Direction::Lower,
        "higher" => Direction::Higher,
        "none" => Direction::None,
        other => {
            d.push(
                error_at(
                    src,
                    line_of(src, "direction", line),
                    Bilingual::new(
                        format!("未知的方向 \"{other}\""),
                        format!("unknown direction \"{other}\""),
                    ),
                )
                .with_hint(
                    "direction 只能是 lower、higher 或 none",
                    "direction is lower, higher or none",
                ),
            );
            Direction::None
        }
    }
}

pub(in crate::resolve) fn plan(raw: &Raw, g: &Glossary<'_>) -> Plan {
    let p: &schema::PlanFile = &raw.plan.1;
    let loc = |t: &schema::LocText| Localized::new(t.zh.clone(), t.en.clone());
    let district = if p.district.en.is_empty() {
        g.term(&p.district.zh)
    } else {
        loc(&p.district)
    };
    Plan {
        title: loc(&p.title),
        district,
        period_start: p.period_start,
        period_end: p.period_end,
        issuer: loc(&p.issuer),
        document_number: p.document_number.clone(),
        issue_date: p.issue_date.clone(),
        index_number: p.index_number.clone(),
        source_file: p.source.file.clone(),
        source_sha256: p.source.sha256.clone(),
        source_url: p.source_url.trim().to_string(),
        draft: p.draft,
    }
}

pub(in crate::resolve) fn all_towns(
    raw: &Raw,
    g: &Glossary<'_>,
    tasks: &[Task],
    d: &mut Diagnostics,
) -> AllTowns {
    let (src, file) = &*raw.units;
    let task = (!file.all_towns.task.is_empty()).then(|| TaskId(file.all_towns.task.clone()));
    if let Some(t) = &task {
        if !tasks.iter().any(|x| &x.id == t) {
            d.push(error_at(
                src,
                line_of(src, "task", 1),
                Bilingual::new(
                    format!("任务 {} 不存在", t.0),
                    format!("task {} does not exist", t.0),
                ),
            ));
        }
    }
    AllTowns {
        text: g.term(&file.all_towns.text),
        task,
    }
}
