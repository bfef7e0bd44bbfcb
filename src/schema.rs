//! The on-disk formats of `content/`: serde structs for every TOML file and
//! for chapter front matter. The importer (`seed::emit`) writes them and
//! `load` reads them, so the two can never drift apart. Every struct denies
//! unknown fields, so a typo is an error rather than a silent default.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text in both languages. `en` may be empty until it is translated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocText {
    pub zh: String,
    #[serde(default)]
    pub en: String,
}

/// `content/plan.toml`: the plan's metadata. Fields the source does not give
/// stay empty; nothing is invented.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub title: LocText,
    pub district: LocText,
    pub period_start: u16,
    pub period_end: u16,
    /// 发文机关, as printed on the official document.
    #[serde(default)]
    pub issuer: LocText,
    /// 文号.
    #[serde(default)]
    pub document_number: String,
    /// 成文日期 / 发布日期, `YYYY-MM-DD`.
    #[serde(default)]
    pub issue_date: String,
    /// 索引号.
    #[serde(default)]
    pub index_number: String,
    /// The official original on the publisher's site (https://…); shown
    /// on the About page and every chapter page when set.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_url: String,
    /// A plan not yet in force as issued (征求意见稿): shown as a draft on a
    /// portal of several plans, whatever its period.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    pub source: SourceInfo,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceInfo {
    /// Path of the seed, relative to the site root.
    pub file: String,
    pub sha256: String,
    /// The images the import copied from a Word file to `content/images/`,
    /// name → SHA-256 of the bytes it wrote: an import again removes the
    /// ones the file no longer has, unless staff changed them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub images: BTreeMap<String, String>,
}

/// `content/glossary.toml`: recurring terms, Chinese → English.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFile {
    pub terms: BTreeMap<String, String>,
}

/// `content/units.toml`: the registry of responsible units.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitsFile {
    /// The clause that assigns every task to all towns and street offices.
    pub all_towns: AllTowns,
    pub unit: Vec<UnitEntry>,
}

/// `content/units.toml` of a site of several plans: the one unit registry
/// every plan's tasks and commitments name their units from, so that a
/// unit renamed is renamed once for every plan.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedUnitsFile {
    #[serde(default)]
    pub unit: Vec<UnitEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllTowns {
    /// The clause, verbatim.
    pub text: String,
    /// The paragraph (task id) where the plan states it.
    pub task: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    pub id: String,
    /// Canonical Chinese name; its English comes from the glossary.
    pub name: String,
    /// Other spellings used in the plan for the same unit.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Spellings in the plan that look like typos for this unit.
    #[serde(default)]
    pub suspect: Vec<SuspectName>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuspectName {
    pub name: String,
    pub note: LocText,
}

/// A cell value of the indicator table: a number, or a qualitative text
/// such as 完成市分解任务, 稳中向好, — or ＞21.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CellValue {
    Number(f64),
    Text(String),
}

pub use crate::model::base::ValueKind;

/// `content/indicators.toml`: the plan's main indicator table.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorsFile {
    pub title: String,
    pub footnote: LocText,
    pub group: Vec<GroupEntry>,
    pub indicator: Vec<IndicatorEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupEntry {
    pub id: String,
    /// As printed, e.g. （一）.
    pub label: String,
    /// Chinese name; English from the glossary.
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorEntry {
    pub number: u32,
    pub group: String,
    /// Chinese name; English from the glossary.
    pub name: String,
    /// Chinese unit as printed (`%`, `μg/m3`, `万吨`), or empty.
    #[serde(default)]
    pub unit: String,
    pub baseline: CellValue,
    pub target: CellValue,
    /// `cumulative` when the baseline is a total over the previous plan's
    /// five years (printed in `[ ]`), not the level of its year.
    #[serde(default, skip_serializing_if = "ValueKind::is_level")]
    pub baseline_kind: ValueKind,
    /// `cumulative` when the target is a total over this plan's years.
    #[serde(default, skip_serializing_if = "ValueKind::is_level")]
    pub target_kind: ValueKind,
    /// `binding` (约束性) or `expected` (预期性).
    pub attribute: String,
    /// The `*` mark: the statistical definition changed from the 13th FYP.
    #[serde(default)]
    pub definition_changed: bool,
    /// `lower` or `higher` is better, or `none` for qualitative indicators.
    pub direction: String,
    /// Paragraph ids (`c03-s3-p1`) where the plan's text states this
    /// indicator's target otherwise than the table: the plan contradicts
    /// itself, and the indicator page says so and links both passages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contradicts: Vec<String>,
}

/// `content/projects.toml`: the key-project boxes (专栏).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectsFile {
    #[serde(rename = "box")]
    pub boxes: Vec<BoxEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxEntry {
    pub number: u32,
    pub chapter: u32,
    pub title: LocText,
    pub item: Vec<BoxItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxItem {
    /// The printed item number; absent for a box with a single unnumbered item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    pub text: LocText,
}

/// `content/tasks.toml`: responsibility clauses as data.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TasksFile {
    pub task: Vec<TaskEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskEntry {
    /// The paragraph anchor, e.g. `c03-s1-p1`.
    pub id: String,
    /// `lead` (牵头单位…), `responsible` (责任单位…) or `joint` (…按职责分工负责).
    pub kind: String,
    #[serde(default)]
    pub lead: Vec<String>,
    #[serde(default)]
    pub cooperating: Vec<String>,
    #[serde(default)]
    pub responsible: Vec<String>,
    /// The clause ends its list with 等 ("and others").
    #[serde(default)]
    pub and_others: bool,
    /// The clause itself, verbatim.
    pub clause: String,
}

/// `content/commitments.toml`: dated sentences.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentsFile {
    pub commitment: Vec<CommitmentEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentEntry {
    pub id: String,
    /// Paragraph anchor the sentence belongs to.
    pub paragraph: String,
    /// The task of that paragraph, when it has a responsibility clause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    pub deadline_year: u16,
    /// The deadline phrase as printed, e.g. 2025年年底前.
    pub deadline: String,
    /// `commitment` or `achievement` (a result already reported).
    pub kind: String,
    pub text: LocText,
}

/// Front matter of `content/chapters/NN.{zh,en}.md`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterFront {
    pub number: u32,
    pub title: String,
    /// The 第X篇 part heading this chapter opens, as printed in the Chinese
    /// file, its translation in the English file. Shown above the chapter's
    /// title and before it in the lists of chapters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
}

/// `content/synonyms.toml` (optional): search terms that mean the same,
/// one `[[group]]` per meaning with the terms of each language. The
/// plan's own `全称（缩写）` pairs are found by the build and need no entry.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymsFile {
    #[serde(default)]
    pub group: Vec<SynonymGroup>,
}

/// One meaning: its terms in Chinese and in English (either may be empty).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroup {
    #[serde(default)]
    pub zh: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
}
