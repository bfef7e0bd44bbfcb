//! The spreadsheet route to a release: `progress template` writes a
//! workbook listing every indicator, task, commitment and key-project item
//! of the plan (`template`), staff fill it in Excel or WPS, and
//! `progress import` reads it back (`read`: xlsx or CSV into cells), turns
//! its rows into a release file (`layout`, `rows`, `cells`, `emit`) and checks that file with
//! the same checks as a hand-written one (`import`), every problem named by
//! its sheet and cell (`进展!D7`).
//!
//! This module owns the layout both sides share: the columns, the kinds of
//! row and the words of the workbook. Those words are not site text (the
//! published pages never show them), so they live in one table here rather
//! than in the theme's i18n.toml; the status names are the site's own
//! (`work_<code>` in i18n.toml), so the drop-down says what the pages say.

mod cells;
mod emit;
mod guide;
pub mod import;
mod layout;
mod read;
mod rows;
pub mod template;

#[cfg(test)]
mod tests;

use super::model::WorkStatus;
use crate::i18n::I18n;
use crate::model::Lang;

/// The name of the sheet staff fill in.
pub const SHEET: &str = "进展";
/// The name of the instructions sheet (the workbook's first).
pub const GUIDE_SHEET: &str = "说明";
/// Rows 1 and 2 hold the headers, in Chinese and in English.
pub const HEADER_ROWS: usize = 2;

/// A column of the progress sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Col {
    Kind,
    Id,
    Item,
    Name,
    NameEn,
    Unit,
    Year,
    Value,
    Cumulative,
    TextZh,
    TextEn,
    Date,
    SourceZh,
    SourceEn,
    Status,
    NoteZh,
    NoteEn,
}

/// Every column in sheet order, with its headers (Chinese, English) and
/// whether the template fills it from the content (staff leave it as is).
pub const COLUMNS: [(Col, &str, &str, bool); 17] = [
    (Col::Kind, "类别", "Kind", true),
    (Col::Id, "编号", "ID", true),
    (Col::Item, "项目序号", "Item", true),
    (Col::Name, "名称", "Name", true),
    (Col::NameEn, "名称（英文）", "Name (English)", true),
    (Col::Unit, "单位", "Unit", true),
    (Col::Year, "年份", "Year", false),
    (Col::Value, "数值", "Value", false),
    (Col::Cumulative, "累计目标", "Cumulative", false),
    (
        Col::TextZh,
        "结论或标题（中文）",
        "Judgement or title (Chinese)",
        false,
    ),
    (
        Col::TextEn,
        "结论或标题（英文）",
        "Judgement or title (English)",
        false,
    ),
    (Col::Date, "日期", "Date", false),
    (Col::SourceZh, "来源（中文）", "Source (Chinese)", false),
    (Col::SourceEn, "来源（英文）", "Source (English)", false),
    (Col::Status, "状态", "Status", false),
    (Col::NoteZh, "说明（中文）", "Note (Chinese)", false),
    (Col::NoteEn, "说明（英文）", "Note (English)", false),
];

impl Col {
    /// The column's headers: (Chinese, English).
    pub fn headers(self) -> (&'static str, &'static str) {
        COLUMNS
            .iter()
            .find(|c| c.0 == self)
            .map_or(("", ""), |c| (c.1, c.2))
    }
}

/// What a row of the progress sheet states: one of the release's own
/// fields, or one entry of the release file (`[[value]]`, `[[task]]`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    AsOf,
    Title,
    Note,
    Reports,
    Value,
    Assessment,
    CityTarget,
    Task,
    Commitment,
    Project,
}

/// Every kind: its code (the release file's key), its Chinese name, and
/// the columns staff fill for it.
pub const KINDS: [(Kind, &str, &str, &[Col]); 10] = [
    (Kind::AsOf, "as_of", "数据截止日期", &[Col::Date]),
    (Kind::Title, "title", "标题", &[Col::TextZh, Col::TextEn]),
    (Kind::Note, "note", "发布说明", &[Col::NoteZh, Col::NoteEn]),
    (Kind::Reports, "reports", "评估报告", &[Col::Id]),
    (Kind::Value, "value", "指标数值", &[Col::Year, Col::Value]),
    (
        Kind::Assessment,
        "assessment",
        "定性评价",
        &[Col::Year, Col::TextZh, Col::TextEn],
    ),
    (
        Kind::CityTarget,
        "city_target",
        "市分解目标",
        &[Col::Value, Col::Cumulative],
    ),
    (Kind::Task, "task", "任务", WORK),
    (Kind::Commitment, "commitment", "承诺", WORK),
    (Kind::Project, "project", "重点项目", WORK),
];

/// The columns of a task, commitment or project row.
const WORK: &[Col] = &[Col::Status, Col::NoteZh, Col::NoteEn];

/// The columns of a sourced entry besides its own (`KINDS`).
const SOURCED: [Col; 5] = [
    Col::Date,
    Col::SourceZh,
    Col::SourceEn,
    Col::NoteZh,
    Col::NoteEn,
];

impl Kind {
    fn entry(self) -> &'static (Kind, &'static str, &'static str, &'static [Col]) {
        KINDS.iter().find(|k| k.0 == self).unwrap_or(&KINDS[0])
    }

    /// The release file's key: `value`, `task`, …
    pub fn code(self) -> &'static str {
        self.entry().1
    }

    /// How the kind cell reads: its Chinese name and its code.
    pub fn label(self) -> String {
        format!("{} {}", self.entry().2, self.entry().1)
    }

    /// The columns staff fill in a row of this kind.
    pub fn filled(self) -> Vec<Col> {
        let mut cols = self.entry().3.to_vec();
        if matches!(self, Kind::Value | Kind::Assessment | Kind::CityTarget) {
            cols.extend(SOURCED);
        }
        cols
    }

    /// The kind a cell names: its label, its code or its Chinese name.
    pub fn parse(cell: &str) -> Option<Kind> {
        let cell = cell.trim();
        KINDS
            .iter()
            .find(|k| {
                let last = cell.split_whitespace().last().unwrap_or("");
                cell == k.1 || cell == k.2 || last == k.1
            })
            .map(|k| k.0)
    }
}

/// The drop-down's words for a status: the site's own names, `已完成 / Completed`.
pub fn status_label(s: WorkStatus, i18n: &I18n) -> String {
    let key = format!("work_{}", s.code());
    // A list of the drop-down is split at commas.
    let name = |l: Lang| i18n.get(l, &key).replace([',', '，'], " ");
    format!("{} / {}", name(Lang::Zh), name(Lang::En))
}

/// The status a cell names: its drop-down label, either of its names or
/// its code.
pub fn parse_status(cell: &str, i18n: &I18n) -> Option<WorkStatus> {
    let cell = cell.trim();
    WorkStatus::ALL.into_iter().find(|&s| {
        let key = format!("work_{}", s.code());
        cell == s.code()
            || cell == status_label(s, i18n)
            || cell == i18n.get(Lang::Zh, &key)
            || cell.eq_ignore_ascii_case(&i18n.get(Lang::En, &key))
    })
}

/// The drop-down's words for the cumulative column.
pub const YES_NO: [&str; 2] = ["是 yes", "否 no"];

/// `A`, `B`, …, `Z`, `AA`: the letters of a 0-based column.
pub fn col_letters(mut col: usize) -> String {
    let mut out = vec![];
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell as staff see it: `进展!D7` (0-based row and column), or `D7`
/// in a CSV file, which has no sheets.
pub fn cell_ref(sheet: Option<&str>, row: usize, col: usize) -> String {
    let cell = format!("{}{}", col_letters(col), row + 1);
    match sheet {
        Some(s) => format!("{s}!{cell}"),
        None => cell,
    }
}
