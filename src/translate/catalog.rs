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

fn boxes_and_commitments(files: &BTreeMap<String, String>, out: &mut Vec<Entry>) -> Result<()> {
    const PROJECTS: &str = "projects.toml";
    for b in parse::<ProjectsFile>(files, PROJECTS)?.map_or(vec![], |p| p.boxes) {
        let n = b.number;
        let title = Entry::new(
            format!("box{n}-title"),
            Kind::BoxTitle,
            b.title.zh,
            Target::BoxTitle { number: n },
        );
        out.push(title.in_toml(PROJECTS, b.title.en));
        for (index, item) in b.item.into_iter().enumerate() {
            let id = format!("box{n}-item{}", index + 1);
            let t = Target::BoxItem { number: n, index };
            out.push(
                Entry::new(id, Kind::BoxItem, item.text.zh, t).in_toml(PROJECTS, item.text.en),
            );
        }
    }
    let commitments = parse::<CommitmentsFile>(files, "commitments.toml")?;
    for c in commitments.map_or(vec![], |c| c.commitment) {
        let id = format!("commitment-{}", c.id);
        let e = Entry::new(
            id,
            Kind::Commitment,
            c.text.zh,
            Target::Commitment { id: c.id },
        );
        out.push(e.in_toml("commitments.toml", c.text.en));
    }
    Ok(())
}

/// The plan's title, district and issuer (`plan.toml`), and the brand and
/// description the site may set (`site.toml`, beside `content/`).
fn plan_and_site(files: &BTreeMap<String, String>, out: &mut Vec<Entry>) -> Result<()> {
    const PLAN: &str = "plan.toml";
    if let Some(p) = parse::<PlanFile>(files, PLAN)? {
        // An empty district English is the glossary's (as the build reads it).
        let mut district = p.district;
        if district.en.trim().is_empty() {
            let glossary: GlossaryFile = parse(files, "glossary.toml")?.unwrap_or_default();
            district.en = glossary
                .terms
                .get(&district.zh)
                .cloned()
                .unwrap_or_default();
        }
        for (table, t) in [
            ("title", p.title),
            ("district", district),
            ("issuer", p.issuer),
        ] {
            out.extend(field(PLAN, table, Kind::Plan, t));
        }
    }
    if let Some(c) = parse::<SiteConfig>(files, SITE_TOML)? {
        for (table, t) in [("brand", c.brand), ("description", c.description)] {
            out.extend(t.and_then(|t| field(SITE_TOML, table, Kind::Plan, t)));
        }
    }
    Ok(())
}

/// The entry `<file stem>-<table>` of a `[table]` with `zh` and `en`, when
/// it has Chinese.
fn field(file: &'static str, table: &'static str, kind: Kind, t: LocText) -> Option<Entry> {
    if t.zh.trim().is_empty() {
        return None;
    }
    let stem = file.trim_start_matches("../").trim_end_matches(".toml");
    let target = Target::Field { file, table };
    Some(Entry::new(format!("{stem}-{table}"), kind, t.zh, target).in_toml(file, t.en))
}

/// The texts whose English is the glossary's (the indicator table's title,
/// group and indicator names, units and text values; the units' names and
/// the all-towns clause), each Chinese once; with the indicator table's
/// footnote and the units' notes, in file order.
fn terms(files: &BTreeMap<String, String>, out: &mut Vec<Entry>) -> Result<()> {
    const INDICATORS: &str = "indicators.toml";
    const UNITS: &str = "units.toml";
    let glossary: GlossaryFile = parse(files, "glossary.toml")?.unwrap_or_default();
    let mut seen = BTreeSet::new();
    let mut term = |id: String, kind, zh: String, path: &str| {
        if zh.trim().is_empty() || !seen.insert(zh.clone()) {
            return None;
        }
        let mut e = Entry::new(id, kind, zh, Target::Term).in_toml(path, String::new());
        // A term the glossary holds is translated, even as itself (`%`).
        if let Some(en) = glossary.terms.get(&e.zh).filter(|en| !en.trim().is_empty()) {
            (e.en, e.status) = (en.clone(), Status::Current);
        }
        Some(e)
    };
    if let Some(i) = parse::<IndicatorsFile>(files, INDICATORS)? {
        let title = term("table-title".into(), Kind::TableTitle, i.title, INDICATORS);
        out.extend(title);
        out.extend(field(INDICATORS, "footnote", Kind::Footnote, i.footnote));
        for g in i.group {
            let id = format!("group-{}", g.id);
            out.extend(term(id, Kind::IndicatorGroup, g.name, INDICATORS));
        }
        for n in i.indicator {
            let k = n.number;
            let name = term(
                format!("indicator-{k}"),
                Kind::Indicator,
                n.name,
                INDICATORS,
            );
            out.extend(name);
            let unit = format!("indicator-{k}-unit");
            out.extend(term(unit, Kind::IndicatorUnit, n.unit, INDICATORS));
            for (which, v) in [("baseline", n.baseline), ("target", n.target)] {
                if let CellValue::Text(t) = v {
                    let id = format!("indicator-{k}-{which}");
                    out.extend(term(id, Kind::IndicatorValue, t, INDICATORS));
                }
            }
        }
    }
    if let Some(u) = parse::<UnitsFile>(files, UNITS)? {
        let all = u.all_towns.text;
        out.extend(term("all-towns".into(), Kind::AllTowns, all, UNITS));
        for u in u.unit {
            out.extend(term(format!("unit-{}", u.id), Kind::Unit, u.name, UNITS));
            for (index, s) in u.suspect.into_iter().enumerate() {
                let id = format!("unit-{}-suspect{}", u.id, index + 1);
                let target = Target::Suspect {
                    unit: u.id.clone(),
                    index,
                };
                let note = s.note;
                out.extend((!note.zh.trim().is_empty()).then(|| {
                    Entry::new(id, Kind::SuspectNote, note.zh, target).in_toml(UNITS, note.en)
                }));
            }
        }
    }
    Ok(())
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

/// Responsibility clauses by paragraph id (`c03-s1-p1`), in file order;
/// a task `c03-s1-p1-t2` is the second clause of paragraph `c03-s1-p1`.
fn clauses_by_paragraph(tasks: Option<TasksFile>) -> BTreeMap<String, Vec<String>> {
    let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in tasks.map(|t| t.task).unwrap_or_default() {
        let para = match t.id.rsplit_once("-t") {
            Some((p, n)) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => p,
            _ => t.id.as_str(),
        };
        m.entry(para.to_string()).or_default().push(t.clause);
    }
    m
}

/// A paragraph's source: each clause inside it replaced by the
/// placeholder, a clause ending it removed.
pub(super) fn with_placeholders(md: &str, clauses: &[String]) -> String {
    let mut out = md.to_string();
    let mut from = 0;
    for c in clauses {
        let escaped = crate::seed::text::escape(c);
        let found = [escaped.as_str(), c.as_str()]
            .into_iter()
            .find_map(|n| out[from..].find(n).map(|p| (p + from, n.len())));
        let Some((pos, len)) = found else {
            continue;
        };
        if out[pos + len..].trim().is_empty() {
            out.truncate(pos);
            break;
        }
        out.replace_range(pos..pos + len, PLACEHOLDER);
        from = pos + PLACEHOLDER.len();
    }
    out.trim_end().to_string()
}

fn chapter(
    rel: &str,
    zh: &str,
    en: Option<&str>,
    clauses: &BTreeMap<String, Vec<String>>,
    out: &mut Vec<Entry>,
) -> Result<()> {
    let bad = || format!("content/{rel}: 缺少 +++ 前置信息 / missing the +++ front matter");
    let zh_md = split(zh).with_context(bad)?;
    let front: ChapterFront = toml::from_str(&zh_md.front)
        .with_context(|| format!("读取 / reading content/{rel} front matter"))?;
    let english = super::chapter::English::read(en);
    let c = format!("c{:02}", front.number);
    let at = |e: Entry, line: usize| Entry {
        path: rel.to_string(),
        line,
        ..e
    };
    let zh_file = rel.to_string();
    let t = Target::ChapterTitle {
        zh_file: zh_file.clone(),
    };
    let mut title = at(
        Entry::new(
            format!("{c}-title"),
            Kind::ChapterTitle,
            front.title.clone(),
            t,
        ),
        zh_md.front_line,
    );
    if let Some(t) = english
        .title
        .as_ref()
        .filter(|t| !t.is_empty() && **t != front.title)
    {
        (title.en, title.status) = (t.clone(), Status::Current);
    }
    out.push(title);
    if let Some(part) = &front.part {
        let t = Target::ChapterPart {
            zh_file: zh_file.clone(),
        };
        let mut e = at(
            Entry::new(format!("{c}-part"), Kind::ChapterTitle, part.clone(), t),
            zh_md.front_line,
        );
        if let Some(en) = english
            .part
            .as_ref()
            .filter(|p| !p.is_empty() && *p != part)
        {
            (e.en, e.status) = (en.clone(), Status::Current);
        }
        out.push(e);
    }
    let (mut section, mut para) = (0, 0);
    for b in &zh_md.blocks {
        match b {
            MdBlock::Heading { line, title } => {
                (section, para) = (section + 1, 0);
                let t = Target::Heading {
                    zh_file: zh_file.clone(),
                    section,
                };
                let mut e = at(
                    Entry::new(format!("{c}-s{section}"), Kind::Heading, title.clone(), t),
                    *line,
                );
                if let Some(t) = english.headings.get(section - 1).filter(|t| *t != title) {
                    (e.en, e.status) = (t.clone(), Status::Current);
                }
                out.push(e);
            }
            MdBlock::Para { line, text, .. } => {
                para += 1;
                let id = format!("{c}-s{section}-p{para}");
                let source = with_placeholders(text, clauses.get(&id).map_or(&[], Vec::as_slice));
                let t = Target::Para {
                    zh_file: zh_file.clone(),
                    section,
                    para,
                };
                let mut e = at(
                    Entry {
                        source,
                        ..Entry::new(id, Kind::Paragraph, text.clone(), t)
                    },
                    *line,
                );
                if let Some((t, fp)) = english.paras.get(&(section, para)) {
                    let current = *fp == e.fingerprint;
                    (e.en, e.status) = (
                        t.clone(),
                        if current {
                            Status::Current
                        } else {
                            Status::Stale
                        },
                    );
                }
                out.push(e);
            }
            MdBlock::Note { line, label, text } => {
                let t = Target::Note {
                    zh_file: zh_file.clone(),
                    label: label.clone(),
                };
                let id = format!("{c}-note-{label}");
                let mut e = at(Entry::new(id, Kind::Paragraph, text.clone(), t), *line);
                if let Some(en) = english
                    .notes
                    .get(label)
                    .filter(|n| !n.is_empty() && *n != text)
                {
                    (e.en, e.status) = (en.clone(), Status::Current);
                }
                out.push(e);
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
