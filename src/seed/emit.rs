//! Building the `content/` tree from a parsed seed, in memory. Writing the
//! files is the caller's job, so this stays pure and testable.

mod chapter;
mod data;

use super::parse::{PBlock, PTable, Parsed};
use super::period::{self, Period};
use super::registry::{self, Registry};
use super::{clause, text};
use crate::schema::*;
use chapter::{chapter_files, projects};
use data::units_file;
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
    text_files(&mut cx, p, &mut out);
    out.files
        .insert("plan.toml".into(), toml_text(&plan(p, seed, tr)));
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
    data_files(&mut cx, tr, &mut out);
    out.report = cx.report;
    out
}

/// The chapters, their images and the boxes, which give the tasks and
/// commitments.
fn text_files(cx: &mut Ctx<'_>, p: &Parsed, out: &mut Emitted) {
    for ch in &p.chapters {
        let (zh, en) = chapter_files(cx, ch, &p.boxes);
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
    let projects = projects(cx, &p.boxes);
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
        .insert("projects.toml".into(), toml_text(&projects));
}

/// The units, glossary, tasks and commitments files.
fn data_files(cx: &mut Ctx<'_>, tr: &Translations, out: &mut Emitted) {
    let units = units_file(cx);
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
                    .flat_map(|x| x.items.iter().map(|i| i.text.as_str()))
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
        draft: false,
        source: SourceInfo {
            file: seed.rel_path.into(),
            sha256: seed.sha256.into(),
            images: p
                .word
                .image_files
                .iter()
                .map(|(name, bytes)| (name.clone(), crate::fingerprint::sha256_hex(bytes)))
                .collect(),
        },
    }
}
