//! Building the `content/` tree from a parsed seed, in memory. Writing the
//! files is the caller's job, so this stays pure and testable.

use super::parse::{PBlock, PBox, PChapter, PTable, Parsed};
use super::{clause, dates, text, units};
use crate::fingerprint;
use crate::schema::*;
use std::collections::BTreeMap;

/// English material that travels with the seed: line-aligned translations
/// and glossary terms.
#[derive(Debug, Default)]
pub struct Translations {
    pub lines: BTreeMap<usize, String>,
    pub glossary: BTreeMap<String, String>,
    /// Whole sentences (dated commitments), Chinese → English.
    pub sentences: BTreeMap<String, String>,
}

/// What the seed came from: its path relative to the root, and its hash.
pub struct SeedInfo<'a> {
    pub rel_path: &'a str,
    pub sha256: &'a str,
}

/// The emitted tree: relative path → file text; plus the import report.
#[derive(Debug, Default)]
pub struct Emitted {
    pub files: BTreeMap<String, String>,
    pub report: Vec<String>,
    pub counts: BTreeMap<&'static str, usize>,
}

struct Ctx<'a> {
    tr: &'a Translations,
    tasks: Vec<TaskEntry>,
    commitments: Vec<CommitmentEntry>,
    all_towns: Option<AllTowns>,
    report: Vec<String>,
    /// Unit ids the clauses name; only these enter the registry.
    used_units: std::collections::BTreeSet<String>,
}

pub fn emit(p: &Parsed, seed: &SeedInfo<'_>, tr: &Translations) -> Emitted {
    let mut cx = Ctx {
        tr,
        tasks: vec![],
        commitments: vec![],
        all_towns: None,
        used_units: Default::default(),
        report: p
            .unclassified
            .iter()
            .map(|(n, t)| format!("line {n}: unclassified: {t}"))
            .collect(),
    };
    let mut out = Emitted::default();
    for ch in &p.chapters {
        let (zh, en) = chapter_files(&mut cx, ch);
        out.files
            .insert(format!("chapters/{:02}.zh.md", ch.number), zh);
        out.files
            .insert(format!("chapters/{:02}.en.md", ch.number), en);
    }
    let projects = projects(&mut cx, &p.boxes);
    out.counts.insert("chapters", p.chapters.len());
    out.counts.insert(
        "sections",
        p.chapters.iter().map(|c| c.sections.len() - 1).sum(),
    );
    out.counts.insert("boxes", p.boxes.len());
    out.counts.insert("tasks", cx.tasks.len());
    out.counts.insert("commitments", cx.commitments.len());
    out.files
        .insert("plan.toml".into(), toml_text(&plan(p, seed, tr)));
    out.files
        .insert("projects.toml".into(), toml_text(&projects));
    if let Some(t) = &p.table {
        out.counts.insert("indicators", t.rows.len());
        out.files
            .insert("indicators.toml".into(), toml_text(&indicators(t, tr)));
    } else {
        cx.report.push("no indicator table found".into());
    }
    let units = units_file(&mut cx);
    out.counts.insert("units", units.unit.len());
    out.files.insert("units.toml".into(), toml_text(&units));
    out.files.insert(
        "glossary.toml".into(),
        toml_text(&GlossaryFile {
            terms: tr.glossary.clone(),
        }),
    );
    out.files.insert(
        "tasks.toml".into(),
        toml_text(&TasksFile {
            task: std::mem::take(&mut cx.tasks),
        }),
    );
    out.files.insert(
        "commitments.toml".into(),
        toml_text(&CommitmentsFile {
            commitment: std::mem::take(&mut cx.commitments),
        }),
    );
    out.report = cx.report;
    out
}

fn toml_text<T: serde::Serialize>(v: &T) -> String {
    toml::to_string(v).unwrap_or_else(|e| format!("# serialization failed: {e}\n"))
}

fn tr_line(cx: &Ctx<'_>, line: usize) -> String {
    cx.tr.lines.get(&line).cloned().unwrap_or_default()
}

fn plan(p: &Parsed, seed: &SeedInfo<'_>, tr: &Translations) -> PlanFile {
    let district = "济宁市兖州区";
    PlanFile {
        title: LocText {
            zh: p.title.clone(),
            en: tr.lines.get(&1).cloned().unwrap_or_default(),
        },
        district: LocText {
            zh: district.into(),
            en: tr.glossary.get(district).cloned().unwrap_or_default(),
        },
        period_start: 2021,
        period_end: 2025,
        issuer: LocText::default(),
        document_number: String::new(),
        issue_date: String::new(),
        index_number: String::new(),
        source: SourceInfo {
            file: seed.rel_path.into(),
            sha256: seed.sha256.into(),
        },
    }
}

fn chapter_files(cx: &mut Ctx<'_>, ch: &PChapter) -> (String, String) {
    let mut zh = front(ch.number, &ch.title);
    let mut en = front(ch.number, &tr_line(cx, ch.line));
    for (si, sec) in ch.sections.iter().enumerate() {
        if let Some(title) = &sec.title {
            zh.push_str(&format!("## {}\n\n", text::escape(title)));
            en.push_str(&format!("## {}\n\n", text::escape(&tr_line(cx, sec.line))));
        }
        let mut pn = 0;
        for block in &sec.blocks {
            match block {
                PBlock::Indicators => zh.push_str("::: indicators\n\n"),
                PBlock::Box(n) => zh.push_str(&format!("::: box {n}\n\n")),
                PBlock::Para { line, text: t } => {
                    pn += 1;
                    let id = format!("c{:02}-s{si}-p{pn}", ch.number);
                    let md = text::zh_paragraph(t);
                    paragraph_data(cx, &id, t);
                    let en_text = tr_line(cx, *line);
                    if en_text.is_empty() {
                        cx.report
                            .push(format!("line {line}: no English translation"));
                    } else {
                        en.push_str(&format!(
                            "<!-- s{si}-p{pn} zh:{} -->\n{}\n\n",
                            fingerprint::paragraph(&md),
                            text::en_paragraph(&en_text)
                        ));
                    }
                    zh.push_str(&md);
                    zh.push_str("\n\n");
                }
            }
        }
    }
    (zh, en)
}

fn front(number: u32, title: &str) -> String {
    let fm = ChapterFront {
        number,
        title: title.to_string(),
    };
    format!("+++\n{}+++\n\n", toml_text(&fm))
}

/// Tasks and commitments of one paragraph.
fn paragraph_data(cx: &mut Ctx<'_>, id: &str, t: &str) {
    let clauses = clause::find(t);
    let mut task_ids = vec![];
    for (i, c) in clauses.iter().enumerate() {
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
        let mut ids = |names: &[String]| resolve_names(&mut cx.report, &task_id, names);
        let (lead, cooperating, responsible) =
            (ids(&c.lead), ids(&c.cooperating), ids(&c.responsible));
        cx.used_units
            .extend(lead.iter().chain(&cooperating).chain(&responsible).cloned());
        let task = TaskEntry {
            id: task_id.clone(),
            kind: c.kind.to_string(),
            lead,
            cooperating,
            responsible,
            and_others: c.and_others,
            clause: c.text(t).to_string(),
        };
        cx.tasks.push(task);
        task_ids.push((c.start, task_id));
    }
    let strip = |s: &str| strip_clauses(s);
    for (k, d) in dates::find(t, &strip).into_iter().enumerate() {
        // The task a sentence belongs to is the first clause after it.
        let task = task_ids
            .iter()
            .find(|(start, _)| *start >= d.start)
            .or(task_ids.last())
            .map(|(_, id)| id.clone());
        let achievement = d.year <= 2020 || id.starts_with("c01-");
        cx.commitments.push(CommitmentEntry {
            id: format!("{id}-d{}", k + 1),
            paragraph: id.to_string(),
            task,
            deadline_year: d.year,
            deadline: d.phrase,
            kind: if achievement {
                "achievement"
            } else {
                "commitment"
            }
            .into(),
            text: LocText {
                en: cx
                    .tr
                    .sentences
                    .get(&d.sentence)
                    .cloned()
                    .unwrap_or_default(),
                zh: d.sentence,
            },
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

fn resolve_names(report: &mut Vec<String>, task: &str, names: &[String]) -> Vec<String> {
    let mut ids = vec![];
    for n in names {
        match units::lookup(n) {
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

fn units_file(cx: &mut Ctx<'_>) -> UnitsFile {
    let unit = units::KNOWN
        .iter()
        .filter(|u| cx.used_units.contains(u.id))
        .map(|u| UnitEntry {
            id: u.id.into(),
            name: u.name.into(),
            aliases: u.aliases.iter().map(|a| a.to_string()).collect(),
            suspect: units::SUSPECT
                .iter()
                .filter(|s| s.unit == u.id)
                .map(|s| SuspectName {
                    name: s.name.into(),
                    note: LocText {
                        zh: s.note_zh.into(),
                        en: s.note_en.into(),
                    },
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

fn projects(cx: &mut Ctx<'_>, boxes: &[PBox]) -> ProjectsFile {
    let boxes = boxes
        .iter()
        .map(|b| {
            let title_en = tr_line(cx, b.line);
            let title_en = title_en
                .split_once(':')
                .map_or(title_en.as_str(), |(_, t)| t.trim())
                .to_string();
            let items = b
                .items
                .iter()
                .map(|(num, t, line)| {
                    let en = tr_line(cx, *line);
                    let en = en.trim_start_matches(|c: char| c.is_ascii_digit());
                    let en = en.strip_prefix('.').unwrap_or(en).trim();
                    let id = format!("box{}-i{}", b.number, num.unwrap_or(1));
                    paragraph_data(cx, &id, t);
                    BoxItem {
                        number: *num,
                        text: LocText {
                            zh: text::zh_paragraph(t),
                            en: text::en_paragraph(en),
                        },
                    }
                })
                .collect();
            BoxEntry {
                number: b.number,
                chapter: b.chapter,
                title: LocText {
                    zh: b.title.clone(),
                    en: title_en,
                },
                item: items,
            }
        })
        .collect();
    ProjectsFile { boxes }
}

fn indicators(t: &PTable, tr: &Translations) -> IndicatorsFile {
    const GROUP_IDS: [&str; 4] = ["governance", "climate", "risk", "ecology"];
    let group: Vec<GroupEntry> = t
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| GroupEntry {
            id: GROUP_IDS
                .get(i)
                .map_or_else(|| format!("group-{}", i + 1), |s| s.to_string()),
            label: g.label.clone(),
            name: g.name.clone(),
        })
        .collect();
    let indicator = t
        .rows
        .iter()
        .map(|r| IndicatorEntry {
            number: r.number,
            group: group
                .get(r.group)
                .map_or_else(String::new, |g| g.id.clone()),
            name: r.name.clone(),
            unit: r.unit.clone(),
            baseline: cell(&r.baseline),
            target: cell(&r.target),
            attribute: if r.attribute == "约束性" {
                "binding"
            } else {
                "expected"
            }
            .into(),
            definition_changed: r.star,
            direction: direction(&r.name, &r.target).into(),
        })
        .collect();
    IndicatorsFile {
        title: t.title.clone(),
        footnote: LocText {
            zh: t.footnote.clone(),
            en: tr.glossary.get(&t.footnote).cloned().unwrap_or_default(),
        },
        group,
        indicator,
    }
}

fn cell(s: &str) -> CellValue {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => CellValue::Number(v),
        _ => CellValue::Text(s.to_string()),
    }
}

/// Whether a lower or a higher value is better. Qualitative indicators whose
/// target is a judgement (有效保障) have no direction.
fn direction(name: &str, target: &str) -> &'static str {
    const LOWER: [&str; 6] = ["浓度", "劣Ⅴ类", "黑臭", "V类水比例", "施用量", "使用量"];
    if LOWER.iter().any(|k| name.contains(k)) {
        "lower"
    } else if target == "有效保障" {
        "none"
    } else {
        "higher"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_typed() {
        assert_eq!(cell("65.3"), CellValue::Number(65.3));
        assert_eq!(cell("＞21"), CellValue::Text("＞21".into()));
        assert_eq!(cell("—"), CellValue::Text("—".into()));
    }

    #[test]
    fn directions() {
        assert_eq!(direction("细颗粒物（PM2.5）浓度", "41"), "lower");
        assert_eq!(direction("空气质量优良天数比率", "66.7"), "higher");
        assert_eq!(direction("重点建设用地安全利用", "有效保障"), "none");
    }
}
