//! The resolved site model: pure data, both languages, ids linked.
//! Built by `resolve`, read by `render`. Nothing here touches the filesystem.

use serde::Serialize;

pub mod base;
pub use base::*;
pub mod linked;
pub use linked::Linked;
pub mod summary;

/// The whole resolved site.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub plan: Plan,
    pub chapters: Vec<Chapter>,
    pub table: IndicatorTable,
    pub units: Vec<Unit>,
    pub all_towns: AllTowns,
    pub tasks: Vec<Task>,
    pub commitments: Vec<Commitment>,
    pub boxes: Vec<KeyBox>,
    /// Progress releases and evaluation reports (`content/progress/`).
    pub progress: crate::progress::model::Progress,
    /// `content/images/`: (path under the site, `images/NAME`; bytes).
    pub images: Vec<(String, Vec<u8>)>,
    /// Search terms that mean the same (`content/synonyms.toml`): groups
    /// of at least two terms, per language.
    pub synonyms: Localized<Vec<Vec<String>>>,
    /// On a site of several plans, what this plan's indicators link to in
    /// the other plans (`links.toml`); empty otherwise.
    #[serde(skip_serializing_if = "Linked::is_empty")]
    pub linked: Linked,
}

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub title: Localized<String>,
    pub district: Localized<String>,
    pub period_start: u16,
    pub period_end: u16,
    pub issuer: Localized<String>,
    pub document_number: String,
    pub issue_date: String,
    pub index_number: String,
    pub source_file: String,
    pub source_sha256: String,
    /// The official original online; empty when not given.
    pub source_url: String,
    /// Declared a draft in plan.toml (not in the plan's data files).
    #[serde(skip)]
    pub draft: bool,
}

/// What a portal of several plans shows of one plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanInfo {
    pub title: Localized<String>,
    pub district: Localized<String>,
    pub period_start: u16,
    pub period_end: u16,
    /// Declared a draft in its plan.toml.
    pub draft: bool,
    /// The latest date its content gives: its issue date, the dates of its
    /// change log and the as-of dates of its progress releases.
    pub latest: Option<crate::progress::model::Date>,
    /// Its indicators, as other plans' links see them.
    pub indicators: Vec<linked::OtherIndicator>,
    /// Its indicators by status at its latest release; none without one.
    pub headline: Option<summary::Headline>,
    /// Its units that hold work, with that work.
    pub units: Vec<summary::UnitWork>,
}

/// Where a plan stands on the site's content date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanState {
    Draft,
    /// Its period has not begun.
    Upcoming,
    InForce,
    Ended,
    /// No content on the site gives a date.
    Unknown,
}

impl PlanState {
    /// Code used as the UI string key suffix and CSS class.
    pub fn code(self) -> &'static str {
        match self {
            PlanState::Draft => "draft",
            PlanState::Upcoming => "upcoming",
            PlanState::InForce => "in_force",
            PlanState::Ended => "ended",
            PlanState::Unknown => "unknown",
        }
    }
}

impl PlanInfo {
    /// The plan's state on `as_of`, the site's content date (the latest
    /// date any plan's content gives; never the clock). A plan is in force
    /// through the last day of its period's end year.
    pub fn state(&self, as_of: Option<crate::progress::model::Date>) -> PlanState {
        match as_of {
            _ if self.draft => PlanState::Draft,
            None => PlanState::Unknown,
            Some(d) if d.year < self.period_start => PlanState::Upcoming,
            Some(d) if d.year > self.period_end => PlanState::Ended,
            Some(_) => PlanState::InForce,
        }
    }
}

/// A paragraph rendered to inline HTML, its lead sentence split off.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InlineHtml {
    /// A leading `——` or `— ` kept outside the lead.
    pub dash: String,
    /// The lead sentence as HTML (without `<strong>`), if any.
    pub lead: Option<String>,
    pub body: String,
}

/// Translation state of an English paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", content = "html", rename_all = "lowercase")]
pub enum English {
    /// In step with the Chinese.
    Current(InlineHtml),
    /// Translated from an earlier version of the Chinese.
    Stale(InlineHtml),
    /// Not translated yet: the Chinese is shown instead.
    Missing,
}

impl English {
    pub fn html(&self) -> Option<&InlineHtml> {
        match self {
            English::Current(h) | English::Stale(h) => Some(h),
            English::Missing => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    pub number: u32,
    pub title: Localized<String>,
    /// The 第X篇 part heading this chapter opens, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<Localized<String>>,
    /// `sections[0]` is the text before the first section heading.
    pub sections: Vec<Section>,
    /// The notes its paragraphs reference (`[^LABEL]`), in file order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// A footnote or endnote of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub label: String,
    pub text: Localized<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub index: usize,
    pub title: Localized<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Para(Paragraph),
    Indicators,
    Box {
        number: u32,
    },
    /// `::: image images/NAME`: a picture of the plan, `content/images/NAME`.
    Image {
        src: String,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    pub id: ParaId,
    /// The Chinese, verbatim official text, rendered.
    pub zh: InlineHtml,
    pub en: English,
    /// Tasks whose clauses stand in this paragraph, in order.
    pub tasks: Vec<TaskId>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub id: UnitId,
    pub name: Localized<String>,
    pub aliases: Vec<String>,
    pub suspect: Vec<(String, Localized<String>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AllTowns {
    pub text: Localized<String>,
    pub task: Option<TaskId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskKind {
    Lead,
    Responsible,
    Joint,
}

#[derive(Debug, Clone, Serialize)]
pub struct Task {
    pub id: TaskId,
    pub kind: TaskKind,
    pub lead: Vec<UnitId>,
    pub cooperating: Vec<UnitId>,
    pub responsible: Vec<UnitId>,
    pub and_others: bool,
    pub clause: String,
    /// Where it stands: chapter number and paragraph anchor.
    pub chapter: u32,
    pub paragraph: ParaId,
    /// A short title: the paragraph's lead sentence, in both languages.
    pub title: Localized<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommitmentKind {
    Commitment,
    Achievement,
}

#[derive(Debug, Clone, Serialize)]
pub struct Commitment {
    pub id: String,
    pub paragraph: ParaId,
    pub chapter: u32,
    pub task: Option<TaskId>,
    pub deadline_year: u16,
    pub deadline: String,
    pub kind: CommitmentKind,
    pub text: Localized<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Attribute {
    Binding,
    Expected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Lower,
    Higher,
    None,
}

/// A table cell: a number, or a qualitative text in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Text(Localized<String>),
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorTable {
    pub title: Localized<String>,
    pub footnote: Localized<String>,
    pub groups: Vec<Group>,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: String,
    pub label: String,
    pub name: Localized<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub number: u32,
    pub group: String,
    pub name: Localized<String>,
    pub unit: Localized<String>,
    pub baseline: Value,
    pub target: Value,
    /// A cumulative baseline or target is no level: it is labelled so on
    /// every page and export, and never plotted or paced as one.
    pub baseline_kind: ValueKind,
    pub target_kind: ValueKind,
    pub attribute: Attribute,
    pub definition_changed: bool,
    pub direction: Direction,
    /// Where the text states the target otherwise: (chapter, paragraph).
    pub contradicts: Vec<(u32, ParaId)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyBox {
    pub number: u32,
    pub chapter: u32,
    pub title: Localized<String>,
    pub items: Vec<BoxItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BoxItem {
    pub id: ParaId,
    pub number: Option<u32>,
    pub zh: InlineHtml,
    pub en: English,
}

impl KeyBox {
    /// The items with their numbers: the printed number, else the item's
    /// place counted from 1 (a box with one unnumbered item). Releases name
    /// items by these numbers.
    pub fn numbered_items(&self) -> impl Iterator<Item = (u32, &BoxItem)> {
        self.items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.number.unwrap_or(i as u32 + 1), it))
    }
}

impl Site {
    pub fn unit(&self, id: &UnitId) -> Option<&Unit> {
        self.units.iter().find(|u| &u.id == id)
    }

    pub fn task(&self, id: &TaskId) -> Option<&Task> {
        self.tasks.iter().find(|t| &t.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_paths() {
        assert_eq!(Lang::Zh.prefix(), "");
        assert_eq!(Lang::En.prefix(), "en/");
        assert_eq!(Lang::Zh.tag(), "zh-CN");
        assert_eq!(Lang::En.other(), Lang::Zh);
        let l = Localized::new("甲", "a");
        assert_eq!(*l.get(Lang::En), "a");
    }

    #[test]
    fn a_plan_state_follows_the_content_date_and_the_draft_mark() {
        use crate::progress::model::Date;
        let plan = PlanInfo {
            period_start: 2021,
            period_end: 2025,
            ..PlanInfo::default()
        };
        let on = |s: &str| plan.state(Date::parse(s));
        assert_eq!(on("2020-12-31"), PlanState::Upcoming);
        assert_eq!(on("2021-01-01"), PlanState::InForce);
        assert_eq!(on("2025-12-31"), PlanState::InForce);
        assert_eq!(on("2026-01-01"), PlanState::Ended);
        assert_eq!(plan.state(None), PlanState::Unknown);
        let draft = PlanInfo {
            draft: true,
            ..plan.clone()
        };
        assert_eq!(draft.state(Date::parse("2023-05-01")), PlanState::Draft);
    }
}
