//! Tasks and commitments, resolved: their units, paragraphs and deadlines.

use super::*;
use crate::diag::Diagnostic;
use std::collections::{HashMap, HashSet};

/// The tasks of `tasks.toml`, in file order, each checked on both cores: a
/// repeated id, a paragraph, kind or unit that does not exist is an error.
pub(in crate::resolve) fn tasks(
    raw: &Raw,
    units: &[Unit],
    chapters: &[Chapter],
    boxes: &[KeyBox],
    d: &mut Diagnostics,
) -> Vec<Task> {
    let (src, file) = &*raw.tasks;
    let known = units.iter().map(|u| u.id.as_str()).collect();
    let cx = Check::new(src, (chapters, boxes), known);
    let first = first_uses(file.task.iter().map(|t| t.id.as_str()));
    let one = |(t, first): (&schema::TaskEntry, &bool)| {
        let mut d = Diagnostics::default();
        if !first {
            dup_id(src, &t.id, "task", &mut d);
            return (None, d);
        }
        (cx.task(t, &mut d), d)
    };
    collect_in_order(file.task.par_iter().zip(&first).map(one), d)
}

/// The commitments of `commitments.toml`, by deadline and chapter, each
/// checked on both cores: a repeated id, a paragraph or task that does not
/// exist, or an unknown kind is an error.
pub(in crate::resolve) fn commitments(
    raw: &Raw,
    tasks: &[Task],
    chapters: &[Chapter],
    boxes: &[KeyBox],
    d: &mut Diagnostics,
) -> Vec<Commitment> {
    let (src, file) = &*raw.commitments;
    let known = tasks.iter().map(|t| t.id.as_str()).collect();
    let cx = Check::new(src, (chapters, boxes), known);
    let first = first_uses(file.commitment.iter().map(|c| c.id.as_str()));
    let one = |(c, first): (&schema::CommitmentEntry, &bool)| {
        let mut d = Diagnostics::default();
        if !first {
            dup_id(src, &c.id, "commitment", &mut d);
            return (None, d);
        }
        (cx.commitment(c, &mut d), d)
    };
    let mut out = collect_in_order(file.commitment.par_iter().zip(&first).map(one), d);
    out.sort_by_key(|c| (c.deadline_year, c.chapter));
    out
}

/// What checking the entries of the tasks or the commitments file looks
/// up.
struct Check<'a> {
    src: &'a Source,
    /// The first line of each `id = "…"` of the file.
    id_lines: HashMap<&'a str, usize>,
    /// The paragraphs, by anchor.
    paras: HashMap<&'a str, ParaRef<'a>>,
    /// The ids an entry may name: units for a task, tasks for a commitment.
    known: HashSet<&'a str>,
}

impl<'a> Check<'a> {
    /// Looks up the lines of `src`'s ids and the paragraphs, at once.
    fn new(
        src: &'a Source,
        (chapters, boxes): (&'a [Chapter], &'a [KeyBox]),
        known: HashSet<&'a str>,
    ) -> Self {
        let (paras, id_lines) =
            rayon::join(|| by_id(paragraphs(chapters, boxes)), || id_lines(src));
        Check {
            src,
            id_lines,
            paras,
            known,
        }
    }

    /// The line of entry `id`'s `id = "…"`; 0 when it cannot be found.
    fn line(&self, id: &str) -> usize {
        self.id_lines.get(id).copied().unwrap_or(0)
    }

    /// Task `t`, checked: the paragraph its id names, its kind and its
    /// units.
    fn task(&self, t: &schema::TaskEntry, d: &mut Diagnostics) -> Option<Task> {
        let line = self.line(&t.id);
        let Some(&(chapter, pid, zh, en)) = self.paras.get(para_of(&t.id)) else {
            d.push(no_task_paragraph(self.src, line, &t.id));
            return None;
        };
        let kind = task_kind(self.src, line, &t.kind, d)?;
        let title = Localized::new(
            plain_lead(zh),
            en.html().map(plain_lead).unwrap_or_default(),
        );
        Some(Task {
            id: TaskId(t.id.clone()),
            kind,
            lead: self.units(t, ("lead", &t.lead), d),
            cooperating: self.units(t, ("cooperating", &t.cooperating), d),
            responsible: self.units(t, ("responsible", &t.responsible), d),
            and_others: t.and_others,
            clause: t.clause.clone(),
            chapter,
            paragraph: pid.clone(),
            title,
        })
    }

    /// The units `list` of task `t`'s `field`; an unknown one is an error
    /// and is left out.
    fn units(
        &self,
        t: &schema::TaskEntry,
        (field, list): (&str, &[String]),
        d: &mut Diagnostics,
    ) -> Vec<UnitId> {
        let line = self.line(&t.id);
        list.iter()
            .filter_map(|u| {
                if self.known.contains(u.as_str()) {
                    return Some(UnitId(u.clone()));
                }
                d.push(
                    error_at(
                        self.src,
                        line_of(self.src, &format!("\"{u}\""), line),
                        Bilingual::new(
                            format!("任务 {} 的 {field} 中有未知单位 \"{u}\"", t.id),
                            format!("task {} lists unknown unit \"{u}\" in {field}", t.id),
                        ),
                    )
                    .with_hint(
                        "单位 id 必须在 content/units.toml 中登记，请检查拼写",
                        "unit ids must be registered in content/units.toml; check the spelling",
                    ),
                );
                None
            })
            .collect()
    }

    /// Commitment `c`, checked: its paragraph, its task and its kind.
    fn commitment(&self, c: &schema::CommitmentEntry, d: &mut Diagnostics) -> Option<Commitment> {
        let line = self.line(&c.id);
        let Some(&(chapter, pid, ..)) = self.paras.get(c.paragraph.as_str()) else {
            d.push(error_at(
                self.src,
                line_of(self.src, "paragraph", line),
                Bilingual::new(
                    format!("段落 {} 不存在", c.paragraph),
                    format!("paragraph {} does not exist", c.paragraph),
                ),
            ));
            return None;
        };
        if let Some(t) = c.task.as_ref().filter(|t| !self.known.contains(t.as_str())) {
            d.push(error_at(
                self.src,
                line_of(self.src, "task", line),
                Bilingual::new(
                    format!("任务 {t} 不存在"),
                    format!("task {t} does not exist"),
                ),
            ));
        }
        Some(Commitment {
            id: c.id.clone(),
            paragraph: pid.clone(),
            chapter,
            task: c.task.clone().map(TaskId),
            deadline_year: c.deadline_year,
            deadline: c.deadline.clone(),
            kind: commitment_kind(self.src, line, &c.kind, d),
            text: Localized::new(c.text.zh.clone(), c.text.en.clone()),
        })
    }
}

/// The error of task `id`, on `line`, whose id names no paragraph.
fn no_task_paragraph(src: &Source, line: usize, id: &str) -> Diagnostic {
    error_at(
        src,
        line,
        Bilingual::new(
            format!("任务 {id} 对应的段落不存在"),
            format!("task {id} names a paragraph that does not exist"),
        ),
    )
    .with_hint(
        "任务 id 的格式是 cNN-sN-pN，须与章节中的段落对应",
        "a task id is cNN-sN-pN and must match a paragraph of the chapters",
    )
}

/// The kind of the task on `line`; an unknown one is an error, and the
/// task is left out.
fn task_kind(src: &Source, line: usize, kind: &str, d: &mut Diagnostics) -> Option<TaskKind> {
    match kind {
        "lead" => Some(TaskKind::Lead),
        "responsible" => Some(TaskKind::Responsible),
        "joint" => Some(TaskKind::Joint),
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
            None
        }
    }
}

/// The kind of the commitment on `line`; an unknown one is an error, and
/// stands as a commitment.
fn commitment_kind(src: &Source, line: usize, kind: &str, d: &mut Diagnostics) -> CommitmentKind {
    if kind != "achievement" && kind != "commitment" {
        d.push(
            error_at(
                src,
                line_of(src, "kind", line),
                Bilingual::new(
                    format!("未知的类型 \"{kind}\""),
                    format!("unknown kind \"{kind}\""),
                ),
            )
            .with_hint(
                "kind 只能是 commitment 或 achievement",
                "kind is commitment or achievement",
            ),
        );
    }
    if kind == "achievement" {
        CommitmentKind::Achievement
    } else {
        CommitmentKind::Commitment
    }
}
