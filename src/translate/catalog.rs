//! The catalogue: every translatable text of `content/` as an [`Entry`],
//! with its id, Chinese source, current English and status, in site order
//! (chapters, then boxes, commitments, the plan's and the site's titles,
//! the indicator table's title, footnote, groups, names, units and text
//! values, the responsible units and their notes).

use super::PLACEHOLDER;
use crate::config::SiteConfig;
use crate::fingerprint;
use crate::markdown::{split, MdBlock};
use crate::schema::{
    CellValue, ChapterFront, CommitmentsFile, GlossaryFile, IndicatorsFile, LocText, PlanFile,
    ProjectsFile, TasksFile, UnitsFile,
};
use crate::seed::memory::SiteEnglish;
use anyhow::{Context, Result};
use std::collections::{BTreeMap, BTreeSet};

mod chapters;
use chapters::*;

mod data;
use data::*;

/// What kind of text an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    ChapterTitle,
    Heading,
    Paragraph,
    BoxTitle,
    BoxItem,
    Commitment,
    IndicatorGroup,
    Indicator,
    Unit,
    /// The plan's title, district and issuer (`plan.toml`), the site's
    /// brand and description (`site.toml`).
    Plan,
    TableTitle,
    Footnote,
    IndicatorUnit,
    /// A qualitative value of the table (完成市分解任务, —).
    IndicatorValue,
    /// The clause assigning a task to all towns (`units.toml`).
    AllTowns,
    /// The note on a unit name that looks like a typo (`units.toml`).
    SuspectNote,
}

/// Which table of the translation memory holds a kind's pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryTable {
    Paras,
    Headings,
    Titles,
    Sentences,
    Glossary,
}

impl MemoryTable {
    pub fn of(self, m: &SiteEnglish) -> &BTreeMap<String, String> {
        match self {
            MemoryTable::Paras => &m.paras,
            MemoryTable::Headings => &m.headings,
            MemoryTable::Titles => &m.titles,
            MemoryTable::Sentences => &m.sentences,
            MemoryTable::Glossary => &m.glossary,
        }
    }

    pub fn of_mut(self, m: &mut SiteEnglish) -> &mut BTreeMap<String, String> {
        match self {
            MemoryTable::Paras => &mut m.paras,
            MemoryTable::Headings => &mut m.headings,
            MemoryTable::Titles => &mut m.titles,
            MemoryTable::Sentences => &mut m.sentences,
            MemoryTable::Glossary => &mut m.glossary,
        }
    }
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::ChapterTitle => "chapter-title",
            Kind::Heading => "heading",
            Kind::Paragraph => "paragraph",
            Kind::BoxTitle => "box-title",
            Kind::BoxItem => "box-item",
            Kind::Commitment => "commitment",
            Kind::IndicatorGroup => "indicator-group",
            Kind::Indicator => "indicator",
            Kind::Unit => "unit",
            Kind::Plan => "plan",
            Kind::TableTitle => "table-title",
            Kind::Footnote => "table-footnote",
            Kind::IndicatorUnit => "indicator-unit",
            Kind::IndicatorValue => "indicator-value",
            Kind::AllTowns => "all-towns",
            Kind::SuspectNote => "suspect-note",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        const ALL: [Kind; 16] = [
            Kind::ChapterTitle,
            Kind::Heading,
            Kind::Paragraph,
            Kind::BoxTitle,
            Kind::BoxItem,
            Kind::Commitment,
            Kind::IndicatorGroup,
            Kind::Indicator,
            Kind::Unit,
            Kind::Plan,
            Kind::TableTitle,
            Kind::Footnote,
            Kind::IndicatorUnit,
            Kind::IndicatorValue,
            Kind::AllTowns,
            Kind::SuspectNote,
        ];
        ALL.into_iter().find(|k| k.name() == name)
    }

    /// Markdown kinds keep their markup; the others are plain text.
    pub fn is_markdown(self) -> bool {
        matches!(self, Kind::Paragraph | Kind::BoxItem)
    }

    /// The memory table that holds this kind's pairs.
    pub fn memory(self) -> MemoryTable {
        match self {
            Kind::Paragraph | Kind::BoxItem => MemoryTable::Paras,
            Kind::Heading => MemoryTable::Headings,
            Kind::ChapterTitle | Kind::BoxTitle | Kind::Plan => MemoryTable::Titles,
            Kind::Commitment | Kind::Footnote | Kind::SuspectNote => MemoryTable::Sentences,
            Kind::IndicatorGroup
            | Kind::Indicator
            | Kind::Unit
            | Kind::TableTitle
            | Kind::IndicatorUnit
            | Kind::IndicatorValue
            | Kind::AllTowns => MemoryTable::Glossary,
        }
    }
}

/// Whether an entry's English is there and still matches its Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Current,
    Stale,
    Missing,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Stale => "stale",
            Status::Missing => "missing",
        }
    }
}

/// Where an entry's English is written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// Front matter `title` of the English chapter file (`zh` file named).
    ChapterTitle { zh_file: String },
    /// Front matter `part` (the 第X篇 part the chapter opens) of the English
    /// chapter file.
    ChapterPart { zh_file: String },
    /// A `[^LABEL]: text` note of the English chapter file.
    Note { zh_file: String, label: String },
    /// The n-th `##` heading (1-based) of the English chapter file.
    Heading { zh_file: String, section: usize },
    /// The `<!-- sS-pP zh:FP -->` paragraph of the English chapter file.
    Para {
        zh_file: String,
        section: usize,
        para: usize,
    },
    /// `projects.toml`: a box's `title.en`.
    BoxTitle { number: u32 },
    /// `projects.toml`: the `index`-th (0-based) item's `text.en`.
    BoxItem { number: u32, index: usize },
    /// `commitments.toml`: the commitment's `text.en`.
    Commitment { id: String },
    /// The `en` of the table (or inline table) `table` of `file`:
    /// `plan.toml` title, district and issuer, `indicators.toml` footnote,
    /// `../site.toml` (the site root's) brand and description.
    Field {
        file: &'static str,
        table: &'static str,
    },
    /// `units.toml`: the `index`-th (0-based) suspect name's `note.en`.
    Suspect { unit: String, index: usize },
    /// `glossary.toml`: the term keyed by the Chinese.
    Term,
}

/// The site's `site.toml`, as the catalogue names it: beside `content/`.
pub const SITE_TOML: &str = "../site.toml";

/// One translatable text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub kind: Kind,
    /// What the translator translates (see the module docs).
    pub source: String,
    /// The Chinese as `content/` holds it.
    pub zh: String,
    /// The English `content/` holds (possibly stale), or a reused one.
    pub en: String,
    pub status: Status,
    /// `en` was filled from the translation memory.
    pub reused: bool,
    /// `en` is a suggestion adapted from the memory's English for this
    /// Chinese (a near match), to be reviewed.
    pub near: Option<String>,
    /// The fingerprint of `zh`.
    pub fingerprint: String,
    /// File under `content/` holding the Chinese, and its 1-based line
    /// (0 when not known).
    pub path: String,
    pub line: usize,
    pub target: Target,
}

impl Entry {
    /// A missing entry whose source is its Chinese; the caller sets the
    /// file, line and any English.
    fn new(id: String, kind: Kind, zh: String, target: Target) -> Entry {
        Entry {
            id,
            kind,
            source: zh.clone(),
            fingerprint: fingerprint::paragraph(&zh),
            zh,
            en: String::new(),
            status: Status::Missing,
            reused: false,
            near: None,
            path: String::new(),
            line: 0,
            target,
        }
    }

    /// The entry with English `en` from a TOML file (`path`): present
    /// English is current, as these texts carry no fingerprint.
    fn in_toml(mut self, path: &str, en: String) -> Entry {
        self.path = path.to_string();
        if !en.trim().is_empty() && en != self.zh {
            (self.en, self.status) = (en, Status::Current);
        }
        self
    }
}

/// Builds the catalogue of `files` (path under `content/` → text).
pub fn catalog(files: &BTreeMap<String, String>) -> Result<Vec<Entry>> {
    let tasks: Option<TasksFile> = parse(files, "tasks.toml")?;
    let clauses = clauses_by_paragraph(tasks);
    let mut out = vec![];
    for (rel, zh) in files {
        let Some(stem) = rel.strip_suffix(".zh.md") else {
            continue;
        };
        let en = files.get(&format!("{stem}.en.md")).map(String::as_str);
        chapter(rel, zh, en, &clauses, &mut out)?;
    }
    boxes_and_commitments(files, &mut out)?;
    plan_and_site(files, &mut out)?;
    terms(files, &mut out)?;
    locate_toml_lines(files, &mut out);
    Ok(out)
}

/// Fills every missing entry whose Chinese the memory holds, marking it
/// reused. Returns how many were filled.
pub fn fill_from_memory(entries: &mut [Entry], memory: &SiteEnglish) -> usize {
    let mut filled = 0;
    for e in entries.iter_mut().filter(|e| e.status == Status::Missing) {
        let found = table(memory, e.kind).get(&e.zh);
        if let Some(en) = found.filter(|en| !en.trim().is_empty()) {
            e.en = en.clone();
            e.reused = true;
            filled += 1;
        }
    }
    filled
}

/// The memory's pairs for texts of `kind`.
pub(super) fn table(memory: &SiteEnglish, kind: Kind) -> &BTreeMap<String, String> {
    kind.memory().of(memory)
}

fn parse<T: serde::de::DeserializeOwned>(
    files: &BTreeMap<String, String>,
    rel: &str,
) -> Result<Option<T>> {
    files
        .get(rel)
        .map(|t| toml::from_str(t).with_context(|| format!("读取 / reading {}", shown(rel))))
        .transpose()
}

/// A catalogue path as staff see it: `content/…`, or `site.toml`.
pub(super) fn shown(rel: &str) -> String {
    match rel.strip_prefix("../") {
        Some(r) => r.to_string(),
        None => format!("content/{rel}"),
    }
}

/// The line of each TOML entry's Chinese: the first `zh = "…"` or quoted
/// name holding it, searched from the previous entry of the same file on.
fn locate_toml_lines(files: &BTreeMap<String, String>, out: &mut [Entry]) {
    let mut from: BTreeMap<String, usize> = BTreeMap::new();
    for e in out.iter_mut().filter(|e| e.line == 0) {
        let Some(text) = files.get(&e.path) else {
            continue;
        };
        let quoted = toml::Value::String(e.zh.clone()).to_string();
        let start = from.get(&e.path).copied().unwrap_or(0);
        let found = text
            .lines()
            .enumerate()
            .skip(start)
            .find(|(_, l)| l.contains(&quoted));
        if let Some((i, _)) = found {
            e.line = i + 1;
            from.insert(e.path.clone(), i + 1);
        }
    }
}

#[cfg(test)]
mod tests;
