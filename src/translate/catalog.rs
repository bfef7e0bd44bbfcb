//! The catalogue: every translatable text of `content/` as an [`Entry`],
//! with its id, Chinese source, current English and status, in site order
//! (chapters, then boxes, commitments, indicator groups and names, units).

use super::PLACEHOLDER;
use crate::fingerprint;
use crate::markdown::{split, MdBlock};
use crate::schema::{
    ChapterFront, CommitmentsFile, GlossaryFile, IndicatorsFile, ProjectsFile, TasksFile, UnitsFile,
};
use crate::seed::memory::SiteEnglish;
use anyhow::{Context, Result};
use std::collections::BTreeMap;

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
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        const ALL: [Kind; 9] = [
            Kind::ChapterTitle,
            Kind::Heading,
            Kind::Paragraph,
            Kind::BoxTitle,
            Kind::BoxItem,
            Kind::Commitment,
            Kind::IndicatorGroup,
            Kind::Indicator,
            Kind::Unit,
        ];
        ALL.into_iter().find(|k| k.name() == name)
    }

    /// Markdown kinds keep their markup; the others are plain text.
    pub fn is_markdown(self) -> bool {
        matches!(self, Kind::Paragraph | Kind::BoxItem)
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
    /// `glossary.toml`: the term keyed by the Chinese.
    Term,
}

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

/// Indicator groups, indicator names and units: their English is the
/// glossary's.
fn terms(files: &BTreeMap<String, String>, out: &mut Vec<Entry>) -> Result<()> {
    let glossary: GlossaryFile = parse(files, "glossary.toml")?.unwrap_or_default();
    let term = |id: String, kind, zh: String, path: &str| {
        let en = glossary.terms.get(&zh).cloned().unwrap_or_default();
        Entry::new(id, kind, zh, Target::Term).in_toml(path, en)
    };
    if let Some(i) = parse::<IndicatorsFile>(files, "indicators.toml")? {
        for g in i.group {
            out.push(term(
                format!("group-{}", g.id),
                Kind::IndicatorGroup,
                g.name,
                "indicators.toml",
            ));
        }
        for n in i.indicator {
            out.push(term(
                format!("indicator-{}", n.number),
                Kind::Indicator,
                n.name,
                "indicators.toml",
            ));
        }
    }
    for u in parse::<UnitsFile>(files, "units.toml")?.map_or(vec![], |u| u.unit) {
        out.push(term(
            format!("unit-{}", u.id),
            Kind::Unit,
            u.name,
            "units.toml",
        ));
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
    match kind {
        Kind::Paragraph | Kind::BoxItem => &memory.paras,
        Kind::Heading => &memory.headings,
        Kind::ChapterTitle | Kind::BoxTitle => &memory.titles,
        Kind::Commitment => &memory.sentences,
        Kind::IndicatorGroup | Kind::Indicator | Kind::Unit => &memory.glossary,
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    files: &BTreeMap<String, String>,
    rel: &str,
) -> Result<Option<T>> {
    files
        .get(rel)
        .map(|t| toml::from_str(t).with_context(|| format!("读取 / reading content/{rel}")))
        .transpose()
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
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_become_placeholders_and_a_final_clause_goes() {
        let cl = vec!["（牵头单位：甲局）".to_string(), "（乙局负责）".to_string()];
        assert_eq!(
            with_placeholders("**做甲。**做。（牵头单位：甲局）再做。（乙局负责）", &cl),
            "**做甲。**做。{clause}再做。"
        );
        assert_eq!(
            with_placeholders("做。（乙局负责）然后。", &cl[1..]),
            "做。{clause}然后。"
        );
        assert_eq!(with_placeholders("没有条款。", &cl), "没有条款。");
    }

    #[test]
    fn chapter_entries_have_ids_status_and_fingerprints() {
        let zh = "+++\nnumber = 4\ntitle = \"总则\"\n+++\n\n前言。\n\n## 目标\n\n甲。\n\n乙。（丙局负责）\n";
        let fp = fingerprint::paragraph("甲。");
        let en = format!("+++\nnumber = 4\ntitle = \"General\"\n+++\n\n## Aims\n\n<!-- s1-p1 zh:{fp} -->\nA.\n\n<!-- s1-p2 zh:00000000 -->\nOld B.\n\n");
        let tasks = "[[task]]\nid = \"c04-s1-p2\"\nkind = \"joint\"\nresponsible = [\"x\"]\nclause = \"（丙局负责）\"\n";
        let files = BTreeMap::from([
            ("chapters/04.zh.md".to_string(), zh.to_string()),
            ("chapters/04.en.md".to_string(), en),
            ("tasks.toml".to_string(), tasks.to_string()),
        ]);
        let got = catalog(&files).expect("catalog");
        let row = |e: &Entry| (e.id.clone(), e.status, e.en.clone(), e.source.clone());
        let rows: Vec<_> = got.iter().map(row).collect();
        let r =
            |id: &str, s, en: &str, src: &str| (id.to_string(), s, en.to_string(), src.to_string());
        assert_eq!(
            rows,
            vec![
                r("c04-title", Status::Current, "General", "总则"),
                r("c04-s0-p1", Status::Missing, "", "前言。"),
                r("c04-s1", Status::Current, "Aims", "目标"),
                r("c04-s1-p1", Status::Current, "A.", "甲。"),
                r("c04-s1-p2", Status::Stale, "Old B.", "乙。"),
            ]
        );
        assert_eq!(
            got[4].fingerprint,
            fingerprint::paragraph("乙。（丙局负责）")
        );
        assert_eq!(
            (got[4].path.as_str(), got[4].line),
            ("chapters/04.zh.md", 12)
        );
    }
}
