//! What a paragraph says besides its text: its responsibility clauses
//! (tasks, `tasks.toml`), its dated sentences (`commitments.toml`), and
//! the registry of the units the clauses name (`units.toml`).

use super::Ctx;
use crate::schema::*;
use crate::seed::registry::Registry;
use crate::seed::{clause, dates};

/// Tasks and commitments of one paragraph.
pub(super) fn paragraph_data(cx: &mut Ctx<'_>, id: &str, t: &str) {
    let task_ids = tasks(cx, id, t);
    commitments(cx, id, t, &task_ids);
}

/// The paragraph's responsibility clauses as tasks; their (start, id).
fn tasks(cx: &mut Ctx<'_>, id: &str, t: &str) -> Vec<(usize, String)> {
    let mut task_ids = vec![];
    for (i, c) in clause::find(t).iter().enumerate() {
        let task_id = if i == 0 {
            id.to_string()
        } else {
            format!("{id}-t{}", i + 1)
        };
        if let Some(text) = &c.all_towns {
            cx.all_towns = Some(AllTowns {
                text: text.clone(),
                task: task_id.clone(),
            });
        }
        let mut ids =
            |names: &[String]| resolve_names(&cx.registry, &mut cx.report, &task_id, names);
        let (lead, cooperating, responsible) =
            (ids(&c.lead), ids(&c.cooperating), ids(&c.responsible));
        cx.used_units
            .extend(lead.iter().chain(&cooperating).chain(&responsible).cloned());
        cx.tasks.push(TaskEntry {
            id: task_id.clone(),
            kind: c.kind.to_string(),
            lead,
            cooperating,
            responsible,
            and_others: c.and_others,
            clause: c.text(t).to_string(),
        });
        task_ids.push((c.start, task_id));
    }
    task_ids
}

/// The paragraph's dated sentences, each with the task it belongs to: the
/// first clause after it.
fn commitments(cx: &mut Ctx<'_>, id: &str, t: &str, task_ids: &[(usize, String)]) {
    let strip = |s: &str| strip_clauses(s);
    for (k, d) in dates::find(t, &strip).into_iter().enumerate() {
        let task = task_ids
            .iter()
            .find(|(start, _)| *start >= d.start)
            .or(task_ids.last())
            .map(|(_, id)| id.clone());
        // Years before the plan's period are results already achieved.
        let kind = if d.year < cx.period.start {
            "achievement"
        } else {
            "commitment"
        };
        let en = cx
            .tr
            .site
            .sentences
            .get(&d.sentence)
            .or_else(|| cx.tr.sentences.get(&d.sentence))
            .cloned()
            .unwrap_or_default();
        cx.commitments.push(CommitmentEntry {
            id: format!("{id}-d{}", k + 1),
            paragraph: id.to_string(),
            task,
            deadline_year: d.year,
            deadline: d.phrase,
            kind: kind.into(),
            text: LocText { en, zh: d.sentence },
        });
    }
}

fn strip_clauses(s: &str) -> String {
    let mut out = s.to_string();
    for c in clause::find(s).iter().rev() {
        out.replace_range(c.start..c.end, "");
    }
    out
}

fn resolve_names(
    registry: &Registry,
    report: &mut Vec<String>,
    task: &str,
    names: &[String],
) -> Vec<String> {
    let mut ids = vec![];
    for n in names {
        match registry.lookup(n) {
            Some((id, suspect)) => {
                if suspect {
                    report.push(format!("{task}: suspect unit name {n} read as {id}"));
                }
                if !ids.iter().any(|x| x == id) {
                    ids.push(id.to_string());
                }
            }
            None => report.push(format!("{task}: unknown unit {n}")),
        }
    }
    ids
}

pub(super) fn units_file(cx: &mut Ctx<'_>) -> UnitsFile {
    let glossary = &cx.tr.glossary;
    let unit = cx
        .registry
        .units
        .iter()
        .filter(|u| cx.used_units.contains(&u.id))
        .map(|u| UnitEntry {
            id: u.id.clone(),
            name: u.name.clone(),
            aliases: u.aliases.clone(),
            suspect: u
                .suspects
                .iter()
                .map(|s| {
                    let zh = format!("原文如此，疑为“{}”之误。", u.name);
                    // The site's English for the note, else one from the glossary.
                    let en = cx.tr.site.sentences.get(&zh).cloned().unwrap_or_else(|| {
                        glossary.get(&u.name).map_or_else(String::new, |en| {
                            format!("As printed in the source; probably a typo for the {en}.")
                        })
                    });
                    SuspectName {
                        name: s.clone(),
                        note: LocText { zh, en },
                    }
                })
                .collect(),
        })
        .collect();
    let all_towns = cx.all_towns.take().unwrap_or_else(|| {
        cx.report.push("no all-towns clause found".into());
        AllTowns {
            text: String::new(),
            task: String::new(),
        }
    });
    UnitsFile { all_towns, unit }
}
