//! Tasks and commitments, resolved: their units, paragraphs and deadlines.

use super::*;

pub(in crate::resolve) fn tasks(
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

pub(in crate::resolve) fn commitments(
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
