//! Building the `content/` tree from a parsed seed, in memory. Writing the
//! files is the caller's job, so this stays pure and testable.

use super::parse::{PBlock, PBox, PChapter, PTable, Parsed};
use super::period::{self, Period};
use super::registry::{self, Registry};
use super::{clause, dates, text};
use crate::fingerprint;
use crate::schema::*;
use std::collections::BTreeMap;

pub use super::Translations;

pub use super::Ids;

/// What the seed came from: its path relative to the root, and its hash.
pub struct SeedInfo<'a> {
    pub rel_path: &'a str,
    pub sha256: &'a str,
}

/// The emitted tree: relative path → file text; plus the import report.
#[derive(Debug, Default)]
pub struct Emitted {
    pub files: BTreeMap<String, String>,
    /// Binary files (a Word file's images, `images/NAME`).
    pub binary: BTreeMap<String, Vec<u8>>,
    /// The plan period; `None` when the text does not give it, and then
    /// the files must not be written.
    pub period: Option<Period>,
    pub report: Vec<String>,
    pub counts: BTreeMap<&'static str, usize>,
}

struct Ctx<'a> {
    tr: &'a Translations,
    word: &'a crate::seed::parse::WordLayer,
    registry: Registry,
    period: Period,
    /// Paragraphs without English, for the report's summary.
    untranslated: usize,
    tasks: Vec<TaskEntry>,
    commitments: Vec<CommitmentEntry>,
    all_towns: Option<AllTowns>,
    report: Vec<String>,
    /// Unit ids the clauses name; only these enter the registry.
    used_units: std::collections::BTreeSet<String>,
}

impl<'a> Ctx<'a> {
    /// The context for one plan: its registry derived from the text, and
    /// the report begun with what the parser could not place.
    fn new(p: &'a Parsed, tr: &'a Translations, ids: &Ids) -> Ctx<'a> {
        let level = registry::level_of(&period::district(&p.title));
        let mut report: Vec<String> = p
            .unclassified
            .iter()
            .map(|(n, t)| format!("line {n}: unclassified: {t}"))
            .chain(p.notes.iter().map(|(n, t)| format!("line {n}: {t}")))
            .collect();
        if p.period.is_none() {
            report.push("the plan period is not in the title or the indicator table".into());
        }
        Ctx {
            tr,
            word: &p.word,
            registry: Registry::from_names(&unit_names(p), level, &ids.units),
            period: p.period.unwrap_or(Period { start: 0, end: 0 }),
            untranslated: 0,
            tasks: vec![],
            commitments: vec![],
            all_towns: None,
            used_units: Default::default(),
            report,
        }
    }
}

pub fn emit(p: &Parsed, seed: &SeedInfo<'_>, tr: &Translations, ids: &Ids) -> Emitted {
    let mut cx = Ctx::new(p, tr, ids);
    let mut out = Emitted {
        period: p.period,
        ..Emitted::default()
    };
    for ch in &p.chapters {
        let (zh, en) = chapter_files(&mut cx, ch);
        out.files
            .insert(format!("chapters/{:02}.zh.md", ch.number), zh);
        if let Some(en) = en {
            out.files
                .insert(format!("chapters/{:02}.en.md", ch.number), en);
        }
    }
    for (name, bytes) in &p.word.image_files {
        out.binary.insert(format!("images/{name}"), bytes.clone());
    }
    let projects = projects(&mut cx, &p.boxes);
    out.counts.insert(
        "chapters",
        p.chapters.iter().filter(|c| c.number > 0).count(),
    );
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
    let indicators = indicators_file(&mut cx, p, ids);
    out.counts.insert("indicators", indicators.indicator.len());
    out.files
        .insert("indicators.toml".into(), toml_text(&indicators));
    if cx.untranslated > 0 {
        cx.report.push(format!(
            "{} paragraphs have no English yet; their English pages show the Chinese, marked as not yet translated",
            cx.untranslated
        ));
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

fn indicators_file(cx: &mut Ctx<'_>, p: &Parsed, ids: &Ids) -> IndicatorsFile {
    let table = match &p.table {
        Some(t) => t,
        None => {
            cx.report.push(
                "no indicator table found (a header with 指标, two year columns and 属性); indicators.toml is empty".into(),
            );
            &PTable::default()
        }
    };
    super::indicators::file(table, cx.tr, ids)
}

fn toml_text<T: serde::Serialize>(v: &T) -> String {
    toml::to_string(v).unwrap_or_else(|e| format!("# serialization failed: {e}\n"))
}

fn tr_text(cx: &Ctx<'_>, zh: &str) -> String {
    cx.tr.text.get(zh).cloned().unwrap_or_default()
}

/// English Markdown for a paragraph or box item: the site's, else the
/// seed's translation converted, else empty.
fn en_markdown(cx: &Ctx<'_>, zh_md: &str, seed_en: &str) -> String {
    match cx.tr.site.paras.get(zh_md) {
        Some(en) => en.clone(),
        None if seed_en.is_empty() => String::new(),
        None => text::en_paragraph(seed_en),
    }
}

/// English of a plain title: the site's, else the seed's.
fn en_title(cx: &Ctx<'_>, zh: &str) -> String {
    match cx.tr.site.titles.get(zh) {
        Some(en) => en.clone(),
        None => tr_text(cx, zh),
    }
}

/// Every unit name the clauses print, in order of appearance.
fn unit_names(p: &Parsed) -> Vec<String> {
    let texts = p
        .chapters
        .iter()
        .flat_map(|c| &c.sections)
        .flat_map(|s| &s.blocks)
        .flat_map(|b| -> Vec<&str> {
            match b {
                PBlock::Para { text, .. } => vec![text],
                PBlock::Box(n) => p
                    .boxes
                    .iter()
                    .filter(|x| x.number == *n)
                    .flat_map(|x| x.items.iter().map(|i| i.1.as_str()))
                    .collect(),
                PBlock::Indicators => vec![],
            }
        });
    texts
        .flat_map(|t| clause::find(t).into_iter())
        .flat_map(|c| c.lead.into_iter().chain(c.cooperating).chain(c.responsible))
        .collect()
}

fn plan(p: &Parsed, seed: &SeedInfo<'_>, tr: &Translations) -> PlanFile {
    let district = period::district(&p.title);
    let period = p.period.unwrap_or(Period { start: 0, end: 0 });
    PlanFile {
        title: LocText {
            zh: p.title.clone(),
            en: tr
                .site
                .titles
                .get(&p.title)
                .or_else(|| tr.text.get(&p.title))
                .cloned()
                .unwrap_or_default(),
        },
        district: LocText {
            en: tr
                .glossary
                .get(&district)
                .or_else(|| tr.site.titles.get(&district))
                .cloned()
                .unwrap_or_default(),
            zh: district,
        },
        period_start: period.start,
        period_end: period.end,
        issuer: LocText::default(),
        document_number: String::new(),
        issue_date: String::new(),
        index_number: String::new(),
        source_url: String::new(),
        source: SourceInfo {
            file: seed.rel_path.into(),
            sha256: seed.sha256.into(),
        },
    }
}

/// The Chinese chapter file, and the English one when there is any English
/// for the chapter. A heading without English keeps its place in the
/// English file with the Chinese title, so later headings stay aligned.
fn chapter_files(cx: &mut Ctx<'_>, ch: &PChapter) -> (String, Option<String>) {
    let mut zh = front(ch.number, &ch.title, ch.part.clone());
    let title_en = en_title(cx, &ch.title);
    let mut translated = !title_en.is_empty();
    let mut en = front(ch.number, &title_en, None);
    let mut notes = vec![];
    for (si, sec) in ch.sections.iter().enumerate() {
        if let Some(title) = &sec.title {
            let zh_md = text::escape(title);
            let seed_en = tr_text(cx, title);
            let en_md = match cx.tr.site.headings.get(title) {
                Some(en) => text::escape(en),
                None if seed_en.is_empty() => zh_md.clone(),
                None => text::escape(&seed_en),
            };
            translated |= en_md != zh_md;
            zh.push_str(&format!("## {zh_md}\n\n"));
            en.push_str(&format!("## {en_md}\n\n"));
        }
        let mut pn = 0;
        for block in &sec.blocks {
            match block {
                PBlock::Indicators => zh.push_str("::: indicators\n\n"),
                PBlock::Box(n) => zh.push_str(&format!("::: box {n}\n\n")),
                PBlock::Para { text: t, line } => {
                    pn += 1;
                    let id = format!("c{:02}-s{si}-p{pn}", ch.number);
                    let md = zh_markdown(cx, *line, t, &mut notes);
                    paragraph_data(cx, &id, t);
                    let en_md = en_markdown(cx, &md, &tr_text(cx, t));
                    if en_md.is_empty() {
                        cx.untranslated += 1;
                    } else {
                        translated = true;
                        en.push_str(&format!(
                            "<!-- s{si}-p{pn} zh:{} -->\n{en_md}\n\n",
                            fingerprint::paragraph(&md),
                        ));
                    }
                    zh.push_str(&md);
                    zh.push_str("\n\n");
                    for name in cx.word.images.get(line).into_iter().flatten() {
                        zh.push_str(&format!("::: image images/{name}\n\n"));
                    }
                }
            }
        }
    }
    // The notes the chapter's paragraphs reference, after its text.
    for label in notes {
        if let Some(note) = cx.word.notes.get(&label) {
            zh.push_str(&format!("[^{label}]: {}\n\n", text::escape(note)));
        }
    }
    (zh, translated.then_some(en))
}

/// A paragraph's Chinese Markdown: its lead (in bold in a Word file, else
/// found by its shape) and the references to the notes it carries, whose
/// labels join `notes`.
fn zh_markdown(cx: &Ctx<'_>, line: usize, t: &str, notes: &mut Vec<String>) -> String {
    let marks = cx.word.marks.get(&line);
    if !cx.word.bold_leads && marks.is_none() {
        return text::zh_paragraph(t);
    }
    let lead = if cx.word.bold_leads {
        marks.and_then(|m| m.lead)
    } else {
        text::lead_of(t)
    };
    let inserts: Vec<(usize, String)> = marks
        .iter()
        .flat_map(|m| &m.notes)
        .filter(|(_, label)| cx.word.notes.contains_key(label))
        .map(|(at, label)| {
            notes.push(label.clone());
            (*at, format!("[^{label}]"))
        })
        .collect();
    text::zh_marked(t, lead, &inserts)
}

fn front(number: u32, title: &str, part: Option<String>) -> String {
    let fm = ChapterFront {
        number,
        title: title.to_string(),
        part,
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
        let mut ids =
            |names: &[String]| resolve_names(&cx.registry, &mut cx.report, &task_id, names);
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
        // Years before the plan's period are results already achieved.
        let achievement = d.year < cx.period.start;
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
                    .site
                    .sentences
                    .get(&d.sentence)
                    .or_else(|| cx.tr.sentences.get(&d.sentence))
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

fn units_file(cx: &mut Ctx<'_>) -> UnitsFile {
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

fn projects(cx: &mut Ctx<'_>, boxes: &[PBox]) -> ProjectsFile {
    let boxes = boxes
        .iter()
        .map(|b| {
            let title_en = match cx.tr.site.titles.get(&b.title) {
                Some(en) => en.clone(),
                None => {
                    let en = tr_text(cx, &b.title);
                    en.split_once(':')
                        .map_or(en.as_str(), |(_, t)| t.trim())
                        .to_string()
                }
            };
            let items = b
                .items
                .iter()
                .map(|(num, t, _line)| {
                    let seed_en = tr_text(cx, t);
                    let seed_en = seed_en.trim_start_matches(|c: char| c.is_ascii_digit());
                    let seed_en = seed_en.strip_prefix('.').unwrap_or(seed_en).trim();
                    let id = format!("box{}-i{}", b.number, num.unwrap_or(1));
                    paragraph_data(cx, &id, t);
                    let zh = text::zh_paragraph(t);
                    BoxItem {
                        number: *num,
                        text: LocText {
                            en: en_markdown(cx, &zh, seed_en),
                            zh,
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
