//! The on-disk formats of `content/progress/`: one TOML file per release
//! (`content/progress/2024.toml`) and the front matter of evaluation
//! reports (`content/progress/reports/<slug>.zh.md`). Every struct denies
//! unknown fields; the fields that later checks point at are `Spanned`, so
//! a wrong id or date is reported at its own line.
//!
//! ```toml
//! as_of = "2024-03-31"            # data as of this date
//! reports = ["mid-term"]          # content/progress/reports/mid-term.zh.md
//!
//! [[value]]                       # a reported indicator value
//! indicator = 1
//! year = 2023
//! value = 44.0
//! unit = "μg/m3"                  # must equal the indicator's unit
//! date = "2024-01-20"             # when the figure was published
//! source = { zh = "…", en = "…" }  # `en` may wait for a translation:
//!                                 # check warns, --strict refuses, and
//!                                 # English pages mark the Chinese shown
//!
//! [[task]]                        # task status, by task id from tasks.toml
//! id = "c03-s1-p1"
//! status = "in_progress"          # not_started | in_progress | completed | delayed | not_reported
//! ```

use crate::schema::LocText;
use serde::Deserialize;
use toml::Spanned;

/// `content/progress/<id>.toml`: one release of progress data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseFile {
    /// `YYYY-MM-DD`: the data in this release is as of this date.
    pub as_of: Spanned<String>,
    /// A heading for the release page; the as-of date when absent.
    #[serde(default)]
    pub title: Option<Spanned<LocText>>,
    /// A short bilingual remark shown on the release page.
    #[serde(default)]
    pub note: Option<Spanned<LocText>>,
    /// Slugs of evaluation reports published with this release.
    #[serde(default)]
    pub reports: Vec<Spanned<String>>,
    #[serde(default, rename = "value")]
    pub values: Vec<ValueEntry>,
    #[serde(default, rename = "assessment")]
    pub assessments: Vec<AssessmentEntry>,
    #[serde(default, rename = "city_target")]
    pub city_targets: Vec<CityTargetEntry>,
    #[serde(default, rename = "task")]
    pub tasks: Vec<TaskStatusEntry>,
    #[serde(default, rename = "commitment")]
    pub commitments: Vec<CommitmentStatusEntry>,
    #[serde(default, rename = "project")]
    pub projects: Vec<ProjectStatusEntry>,
}

/// A reported value of a numeric indicator for one year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueEntry {
    pub indicator: Spanned<u32>,
    pub year: Spanned<u16>,
    pub value: Spanned<f64>,
    /// The unit as printed in the indicator table, e.g. `μg/m3`, `%`, or "".
    pub unit: Spanned<String>,
    /// `YYYY-MM-DD`: when the figure was published or reported.
    pub date: Spanned<String>,
    pub source: Spanned<LocText>,
    #[serde(default)]
    pub note: Option<Spanned<LocText>>,
}

/// A stated judgement on an indicator whose target is qualitative
/// (稳中向好, 有效保障), quoted from its source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentEntry {
    pub indicator: Spanned<u32>,
    pub year: Spanned<u16>,
    pub judgement: Spanned<LocText>,
    pub date: Spanned<String>,
    pub source: Spanned<LocText>,
    #[serde(default)]
    pub note: Option<Spanned<LocText>>,
}

/// The 2025 target the city assigned for an indicator whose plan target
/// reads 完成市分解任务.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityTargetEntry {
    pub indicator: Spanned<u32>,
    pub value: Spanned<f64>,
    pub unit: Spanned<String>,
    /// The target is a cumulative change over 2021–2025 (e.g. a total
    /// reduction of 9%), so reported values count from zero in 2020.
    #[serde(default)]
    pub cumulative: bool,
    pub date: Spanned<String>,
    pub source: Spanned<LocText>,
    #[serde(default)]
    pub note: Option<Spanned<LocText>>,
}

/// The status of a task (a paragraph with a responsibility clause).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskStatusEntry {
    pub id: Spanned<String>,
    pub status: Spanned<String>,
    #[serde(default)]
    pub note: Option<Spanned<LocText>>,
}

/// The status of one dated commitment from `commitments.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentStatusEntry {
    pub id: Spanned<String>,
    pub status: Spanned<String>,
    #[serde(default)]
    pub note: Option<Spanned<LocText>>,
}

/// The status of one item of a key-project box (专栏).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectStatusEntry {
    #[serde(rename = "box")]
    pub box_number: Spanned<u32>,
    /// The item number; may be left out when the box has a single item.
    #[serde(default)]
    pub item: Option<Spanned<u32>>,
    pub status: Spanned<String>,
    #[serde(default)]
    pub note: Option<Spanned<LocText>>,
}

/// Front matter of `content/progress/reports/<slug>.zh.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFront {
    /// `mid-term`, `final` or `annual`.
    pub kind: Spanned<String>,
    /// `YYYY-MM-DD`: when the report was published.
    pub date: Spanned<String>,
    pub title: Spanned<LocText>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_parses_and_typos_are_refused() {
        let ok = "as_of = \"2024-03-31\"\n[[value]]\nindicator = 1\nyear = 2023\nvalue = 44\nunit = \"μg/m3\"\ndate = \"2024-01-20\"\nsource = { zh = \"甲\", en = \"a\" }\n";
        let r: ReleaseFile = toml::from_str(ok).expect("parses");
        assert_eq!(*r.values[0].value.get_ref(), 44.0);
        assert_eq!(
            r.values[0].year.span().start,
            ok.find("2023").expect("year")
        );
        assert!(toml::from_str::<ReleaseFile>("as_of = \"2024-03-31\"\nsatus = 1\n").is_err());
        assert!(
            toml::from_str::<ReleaseFile>(&ok.replace("value = 44", "value = \"44\"")).is_err()
        );
    }
}
