//! The TOML data: units, tasks, commitments, indicators, boxes and the
//! plan's metadata, with every id and cross-reference checked.

use super::chapters::render_para;
use super::common::{error_at, line_of, Glossary};
use crate::diag::{Bilingual, Diagnostics};
use crate::load::{Raw, Source};
use crate::model::*;
use crate::schema::{self, CellValue};
use rayon::prelude::*;
use std::collections::BTreeSet;

fn dup_id(src: &Source, id: &str, what: &str, d: &mut Diagnostics) {
    let first = line_of(src, &format!("\"{id}\""), 1);
    let line = line_of(src, &format!("\"{id}\""), first + 1);
    d.push(
        error_at(
            src,
            line,
            Bilingual::new(
                format!("{what} id \"{id}\" 重复（第 {first} 行已使用）"),
                format!("duplicate {what} id \"{id}\" (already used on line {first})"),
            ),
        )
        .with_hint(
            "每个 id 必须唯一，请改名或删除重复项",
            "every id must be unique; rename or remove the duplicate",
        ),
    );
}

pub(super) fn units(raw: &Raw, g: &Glossary<'_>, d: &mut Diagnostics) -> Vec<Unit> {
    let (src, file) = &*raw.units;
    let mut seen = BTreeSet::new();
    let mut out = vec![];
    for u in &file.unit {
        if !seen.insert(u.id.clone()) {
            dup_id(src, &u.id, "unit", d);
            continue;
        }
        out.push(Unit {
            id: UnitId(u.id.clone()),
            name: g.term(&u.name),
            aliases: u.aliases.clone(),
            suspect: u
                .suspect
                .iter()
                .map(|s| {
                    (
                        s.name.clone(),
                        Localized::new(s.note.zh.clone(), s.note.en.clone()),
                    )
                })
                .collect(),
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

pub(super) fn boxes(raw: &Raw, d: &mut Diagnostics) -> Vec<KeyBox> {
    let (src, file) = &*raw.projects;
    let mut out: Vec<KeyBox> = vec![];
    let number_lines = number_lines(src);
    let lines: Vec<&str> = src.text.lines().collect();
    for b in &file.boxes {
        let line = number_lines.get(&b.number).copied().unwrap_or(0);
        if out.iter().any(|x| x.number == b.number) {
            d.push(error_at(
                src,
                line,
                Bilingual::new(
                    format!("专栏编号 {} 重复", b.number),
                    format!("duplicate box number {}", b.number),
                ),
            ));
            continue;
        }
        let items = b
            .item
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let n = it.number.unwrap_or(i as u32 + 1);
                let l = line_in(
                    &lines,
                    &it.text.zh.chars().take(12).collect::<String>(),
                    line,
                );
                let en = if it.text.en.trim().is_empty() {
                    English::Missing
                } else {
                    English::Current(render_para(src, l, &it.text.en, d))
                };
                BoxItem {
                    id: ParaId(format!("box{}-i{n}", b.number)),
                    number: it.number,
                    zh: render_para(src, l, &it.text.zh, d),
                    en,
                }
            })
            .collect();
        out.push(KeyBox {
            number: b.number,
            chapter: b.chapter,
            title: Localized::new(b.title.zh.clone(), b.title.en.clone()),
            items,
        });
    }
    out.sort_by_key(|b| b.number);
    out
}

/// All paragraph anchors with their chapter and inline HTML (zh, en).
fn paragraphs<'a>(
    chapters: &'a [Chapter],
    boxes: &'a [KeyBox],
) -> Vec<(u32, &'a ParaId, &'a InlineHtml, &'a English)> {
    let mut v = vec![];
    for c in chapters {
        for s in &c.sections {
            for b in &s.blocks {
                if let Block::Para(p) = b {
                    v.push((c.number, &p.id, &p.zh, &p.en));
                }
            }
        }
    }
    for b in boxes {
        for it in &b.items {
            v.push((b.chapter, &it.id, &it.zh, &it.en));
        }
    }
    v
}

type ParaRef<'a> = (u32, &'a ParaId, &'a InlineHtml, &'a English);

/// Paragraphs by anchor, for lookups that stay fast on large sites.
/// The paragraphs an indicator's `contradicts` names; an unknown id is an
/// error naming the line.
fn contradicts(
    src: &Source,
    line: usize,
    ids: &[String],
    paras: &std::collections::HashMap<&str, ParaRef<'_>>,
    d: &mut Diagnostics,
) -> Vec<(u32, ParaId)> {
    ids.iter()
        .filter_map(|id| match paras.get(id.as_str()) {
            Some(p) => Some((p.0, p.1.clone())),
            None => {
                d.push(
                    error_at(
                        src,
                        line_of(src, "contradicts", line),
                        Bilingual::new(
                            format!("contradicts 中的段落 {id} 不存在"),
                            format!("paragraph {id} in contradicts does not exist"),
                        ),
                    )
                    .with_hint(
                        "段落 id 的格式是 cNN-sN-pN，见该段在网页上的锚点",
                        "a paragraph id is cNN-sN-pN, the anchor of the paragraph on its page",
                    ),
                );
                None
            }
        })
        .collect()
}

fn by_id(list: Vec<ParaRef<'_>>) -> std::collections::HashMap<&str, ParaRef<'_>> {
    list.into_iter().map(|p| (p.1.as_str(), p)).collect()
}

/// [`line_of`] over the lines of a file split once: the search starts at
/// line `from` without walking the lines before it.
fn line_in(lines: &[&str], needle: &str, from: usize) -> usize {
    let start = from.saturating_sub(1).min(lines.len());
    lines[start..]
        .iter()
        .position(|l| l.contains(needle))
        .map_or(0, |i| start + i + 1)
}

/// The first line of each `number = N` in a TOML file, in one pass.
fn number_lines(src: &Source) -> std::collections::HashMap<u32, usize> {
    let mut out = std::collections::HashMap::new();
    for (i, l) in src.text.lines().enumerate() {
        if let Some(n) = l
            .trim()
            .strip_prefix("number = ")
            .and_then(|r| r.trim().parse().ok())
        {
            out.entry(n).or_insert(i + 1);
        }
    }
    out
}

/// The first line of each `id = "…"` in a TOML file, in one pass.
fn id_lines(src: &Source) -> std::collections::HashMap<&str, usize> {
    let mut out = std::collections::HashMap::new();
    for (i, l) in src.text.lines().enumerate() {
        if let Some(id) = l
            .trim()
            .strip_prefix("id = \"")
            .and_then(|r| r.strip_suffix('"'))
        {
            out.entry(id).or_insert(i + 1);
        }
    }
    out
}

/// The paragraph a task or commitment id belongs to: `c03-s1-p1-t2` → `c03-s1-p1`.
fn para_of(task: &str) -> &str {
    match task.rfind("-t") {
        Some(i) if task[i + 2..].chars().all(|c| c.is_ascii_digit()) && i + 2 < task.len() => {
            &task[..i]
        }
        _ => task,
    }
}

/// Whether each id is the first use of it (a later use is a duplicate).
fn first_uses<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<bool> {
    let mut seen = std::collections::HashSet::new();
    ids.map(|id| seen.insert(id)).collect()
}

/// The entries checked on both cores, kept and reported in the file's
/// order (at N = 100 the tasks' loop was the longest step on one core).
fn collect_in_order<T: Send>(
    each: impl IndexedParallelIterator<Item = (Option<T>, Diagnostics)>,
    d: &mut Diagnostics,
) -> Vec<T> {
    let each: Vec<(Option<T>, Diagnostics)> = each.collect();
    let mut out = Vec::with_capacity(each.len());
    for (item, found) in each {
        d.extend(found);
        out.extend(item);
    }
    out
}

/// A task's short title: the paragraph's lead sentence, else its first
/// sentence, as plain text (the HTML's tags dropped and entities decoded,
/// since the page escapes it once). A first sentence longer than a title
/// (40 characters of Chinese, 100 of English) is cut after the last clause
/// mark (，、；,;) or word before the limit, and ends with an ellipsis.
fn plain_lead(h: &InlineHtml) -> String {
    if let Some(lead) = &h.lead {
        return plain_text(lead).trim().to_string();
    }
    let text = plain_text(&h.body);
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            c == '。' || (c == '.' && !text[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        })
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    shorten(text[..end].trim())
}

fn shorten(s: &str) -> String {
    let latin = s.is_ascii();
    let limit = if latin { 100 } else { 40 };
    if s.chars().count() <= limit {
        return s.to_string();
    }
    let head: String = s.chars().take(limit).collect();
    let marks = |c: char| matches!(c, '，' | '、' | '；' | ',' | ';') || (latin && c == ' ');
    let cut = head
        .char_indices()
        .filter(|&(_, c)| marks(c))
        .map(|(i, _)| i)
        .next_back()
        .filter(|&i| i > head.len() / 3)
        .unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end())
}

/// The text of inline HTML: tags dropped, character references decoded.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match (c, in_tag) {
            ('<', _) => in_tag = true,
            ('>', true) => in_tag = false,
            (_, false) => out.push(c),
            _ => {}
        }
    }
    html_escape::decode_html_entities(&out).into_owned()
}

pub(super) fn tasks(
    raw: &Raw,
    units: &[Unit],
    chapters: &[Chapter],
    boxes: &[KeyBox],
    d: &mut Diagnostics,
) -> Vec<Task> {
    let (src, file) = &*raw.tasks;
    let (paras, id_lines) = rayon::join(|| by_id(paragraphs(chapters, boxes)), || id_lines(src));
    let unit_ids: std::collections::HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
    let first = first_uses(file.task.iter().map(|t| t.id.as_str()));
    let one = |(t, first): (&schema::TaskEntry, &bool)| {
        let mut d = Diagnostics::default();
        let d = &mut d;
        let line = id_lines.get(t.id.as_str()).copied().unwrap_or(0);
        if !first {
            dup_id(src, &t.id, "task", d);
            return (None, std::mem::take(d));
        }
        let Some(&(chapter, pid, zh, en)) = paras.get(para_of(&t.id)) else {
            d.push(
                error_at(
                    src,
                    line,
                    Bilingual::new(
                        format!("任务 {} 对应的段落不存在", t.id),
                        format!("task {} names a paragraph that does not exist", t.id),
                    ),
                )
                .with_hint(
                    "任务 id 的格式是 cNN-sN-pN，须与章节中的段落对应",
                    "a task id is cNN-sN-pN and must match a paragraph of the chapters",
                ),
            );
            return (None, std::mem::take(d));
        };
        let kind = match t.kind.as_str() {
            "lead" => TaskKind::Lead,
            "responsible" => TaskKind::Responsible,
            "joint" => TaskKind::Joint,
            other => {
                d.push(
                    error_at(
                        src,
                        line_of(src, "kind", line),
                        Bilingual::new(
                            format!("未知的任务类型 \"{other}\""),
                            format!("unknown task kind \"{other}\""),
                        ),
                    )
                    .with_hint(
                        "kind 只能是 lead、responsible 或 joint",
                        "kind is lead, responsible or joint",
                    ),
                );
                return (None, std::mem::take(d));
            }
        };
        let mut ids = |list: &[String], field: &str| -> Vec<UnitId> {
            list.iter().filter_map(|u| {
                if unit_ids.contains(u.as_str()) {
                    Some(UnitId(u.clone()))
                } else {
                    let l = line_of(src, &format!("\"{u}\""), line);
                    d.push(error_at(src, l, Bilingual::new(format!("任务 {} 的 {field} 中有未知单位 \"{u}\"", t.id), format!("task {} lists unknown unit \"{u}\" in {field}", t.id)))
                        .with_hint("单位 id 必须在 content/units.toml 中登记，请检查拼写", "unit ids must be registered in content/units.toml; check the spelling"));
                    None
                }
            }).collect()
        };
        let title = Localized::new(
            plain_lead(zh),
            en.html().map(plain_lead).unwrap_or_default(),
        );
        let task = Task {
            id: TaskId(t.id.clone()),
            kind,
            lead: ids(&t.lead, "lead"),
            cooperating: ids(&t.cooperating, "cooperating"),
            responsible: ids(&t.responsible, "responsible"),
            and_others: t.and_others,
            clause: t.clause.clone(),
            chapter,
            paragraph: pid.clone(),
            title,
        };
        (Some(task), std::mem::take(d))
    };
    collect_in_order(file.task.par_iter().zip(&first).map(one), d)
}

pub(super) fn commitments(
    raw: &Raw,
    tasks: &[Task],
    chapters: &[Chapter],
    boxes: &[KeyBox],
    d: &mut Diagnostics,
) -> Vec<Commitment> {
    let (src, file) = &*raw.commitments;
    let (paras, id_lines) = rayon::join(|| by_id(paragraphs(chapters, boxes)), || id_lines(src));
    let task_ids: std::collections::HashSet<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
    let first = first_uses(file.commitment.iter().map(|c| c.id.as_str()));
    let one = |(c, first): (&schema::CommitmentEntry, &bool)| {
        let mut d = Diagnostics::default();
        let d = &mut d;
        let line = id_lines.get(c.id.as_str()).copied().unwrap_or(0);
        if !first {
            dup_id(src, &c.id, "commitment", d);
            return (None, std::mem::take(d));
        }
        let Some(&(chapter, pid, ..)) = paras.get(c.paragraph.as_str()) else {
            d.push(error_at(
                src,
                line_of(src, "paragraph", line),
                Bilingual::new(
                    format!("段落 {} 不存在", c.paragraph),
                    format!("paragraph {} does not exist", c.paragraph),
                ),
            ));
            return (None, std::mem::take(d));
        };
        if let Some(t) = &c.task {
            if !task_ids.contains(t.as_str()) {
                d.push(error_at(
                    src,
                    line_of(src, "task", line),
                    Bilingual::new(
                        format!("任务 {t} 不存在"),
                        format!("task {t} does not exist"),
                    ),
                ));
            }
        }
        let kind = if c.kind == "achievement" {
            CommitmentKind::Achievement
        } else {
            CommitmentKind::Commitment
        };
        if c.kind != "achievement" && c.kind != "commitment" {
            d.push(
                error_at(
                    src,
                    line_of(src, "kind", line),
                    Bilingual::new(
                        format!("未知的类型 \"{}\"", c.kind),
                        format!("unknown kind \"{}\"", c.kind),
                    ),
                )
                .with_hint(
                    "kind 只能是 commitment 或 achievement",
                    "kind is commitment or achievement",
                ),
            );
        }
        let commitment = Commitment {
            id: c.id.clone(),
            paragraph: pid.clone(),
            chapter,
            task: c.task.clone().map(TaskId),
            deadline_year: c.deadline_year,
            deadline: c.deadline.clone(),
            kind,
            text: Localized::new(c.text.zh.clone(), c.text.en.clone()),
        };
        (Some(commitment), std::mem::take(d))
    };
    let mut out = collect_in_order(file.commitment.par_iter().zip(&first).map(one), d);
    out.sort_by_key(|c| (c.deadline_year, c.chapter));
    out
}

fn value(v: &CellValue, g: &Glossary<'_>) -> Value {
    match v {
        CellValue::Number(n) => Value::Number(*n),
        CellValue::Text(t) => Value::Text(g.term(t)),
    }
}

pub(super) fn indicators(
    raw: &Raw,
    g: &Glossary<'_>,
    (chapters, boxes): (&[Chapter], &[KeyBox]),
    d: &mut Diagnostics,
) -> IndicatorTable {
    let (src, file) = &*raw.indicators;
    let paras = by_id(paragraphs(chapters, boxes));
    let groups: Vec<Group> = file
        .group
        .iter()
        .map(|x| Group {
            id: x.id.clone(),
            label: x.label.clone(),
            name: g.term(&x.name),
        })
        .collect();
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
            d.push(
                error_at(
                    src,
                    line_of(src, "group", line),
                    Bilingual::new(
                        format!("未知的指标分组 \"{}\"", i.group),
                        format!("unknown indicator group \"{}\"", i.group),
                    ),
                )
                .with_hint(
                    "group 必须是 [[group]] 中的某个 id",
                    "group must be the id of a [[group]]",
                ),
            );
        }
        let attribute = match i.attribute.as_str() {
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
        };
        let direction = match i.direction.as_str() {
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
        };
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

pub(super) fn plan(raw: &Raw, g: &Glossary<'_>) -> Plan {
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
    }
}

pub(super) fn all_towns(
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

#[cfg(test)]
mod tests;
