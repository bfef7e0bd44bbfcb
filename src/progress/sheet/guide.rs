//! The words of the workbook for staff: the instructions sheet (`说明`),
//! first in the workbook, in Chinese and English side by side, and the
//! names of the release's own rows on the progress sheet.

use super::{Kind, GUIDE_SHEET};
use crate::model::Site;
use anyhow::Result;
use rust_xlsxwriter::{Format, Worksheet};

/// The instructions, one (Chinese, English) pair a row.
const LINES: &[(&str, &str)] = &[
    ("填写方法", "How to fill in this workbook"),
    (
        "只在“进展”工作表中填写。灰色的列（类别、编号、项目序号、名称、单位）来自规划内容，请不要修改。",
        "Fill in the sheet “进展” only. The grey columns (kind, ID, item, name, unit) come from the plan's content: leave them as they are.",
    ),
    (
        "只填写已经公布的数据，并写明日期和来源；不知道的请留空。留空的行不会导入，网站显示“尚未报送”。",
        "Give only figures that have been published, with their date and source; leave empty what is not known. Empty rows are not imported, and the site shows “not yet reported”.",
    ),
    (
        "前四行是本次发布的信息：数据截止日期（必填）、标题、发布说明、评估报告（报告名称，多个用逗号分隔）。",
        "The first four rows are about this release: its as-of date (required), a title, a note, and the evaluation reports published with it (their names, separated by commas).",
    ),
    (
        "指标数值：填写年份、数值（只填数字，单位以“单位”列为准）、发布日期和来源。同一指标要填写多个年份时，复制整行后分别填写。",
        "Indicator values: give the year, the value (a number only, in the unit of the Unit column), the date it was published and its source. For a second year, copy the whole row and fill in each.",
    ),
    (
        "定性评价：目标为定性表述的指标，填写年份、评价结论（中英文）、日期和来源。",
        "Assessments: for an indicator with a qualitative target, give the year, the stated judgement (Chinese and English), the date and the source.",
    ),
    (
        "市分解目标：目标为“完成市分解任务”的指标，填写市里下达的数值、是否为五年累计目标、日期和来源。",
        "City targets: for an indicator whose target is set by the city, give the city's figure, whether it is a five-year cumulative target, the date and the source.",
    ),
    (
        "任务、承诺和重点项目：从下拉列表中选择状态，可加说明。",
        "Tasks, commitments and key projects: choose a status from the drop-down list, and add a note if needed.",
    ),
    (
        "日期写作 2026-01-20。文字请中英文都写；只有中文时，英文页面显示中文并注明尚未翻译。",
        "Write dates as 2026-01-20. Give every text in Chinese and English; with Chinese only, the English pages show the Chinese marked as not yet translated.",
    ),
    (
        "填好后保存（xlsx 或 CSV 均可），运行：plansite progress import 文件.xlsx --release 编号（例如 2025，即网页地址 progress/2025/）。",
        "When done, save it (xlsx or CSV) and run: plansite progress import FILE.xlsx --release ID (e.g. 2025, the page's address progress/2025/).",
    ),
    (
        "导入前会做与 plansite check 相同的检查；有任何错误时不写入任何文件，并指出工作表和单元格（例如 进展!D7）。",
        "The import runs the same checks as plansite check first; if anything is wrong it writes nothing and names the sheet and cell (e.g. 进展!D7).",
    ),
];

/// The instructions sheet.
pub(super) fn sheet(site: &Site) -> Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name(GUIDE_SHEET)?;
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    ws.set_column_width(0, 70)?;
    ws.set_column_width(1, 70)?;
    let period = format!("{}–{}", site.plan.period_start, site.plan.period_end);
    ws.write_string_with_format(0, 0, format!("{}（{period}）", site.plan.title.zh), &bold)?;
    ws.write_string_with_format(0, 1, format!("{} ({period})", site.plan.title.en), &bold)?;
    for (i, (zh, en)) in LINES.iter().enumerate() {
        let row = i as u32 + 2;
        let f = if i == 0 { &bold } else { &wrap };
        ws.write_string_with_format(row, 0, *zh, f)?;
        ws.write_string_with_format(row, 1, *en, f)?;
    }
    Ok(ws)
}

/// The name cells of the release's own rows: what to give there.
pub(super) fn release_row(kind: Kind) -> (String, String) {
    let (zh, en) = match kind {
        Kind::AsOf => ("本版数据截止日期（必填，填在“日期”列）", "the data is as of this date (required; in the Date column)"),
        Kind::Title => ("本版标题（可选）", "a heading for the release page (optional)"),
        Kind::Note => ("本版说明（可选，填在“说明”列）", "a remark on the release page (optional; in the Note columns)"),
        Kind::Reports => ("同时发布的评估报告名称（可选，填在“编号”列，多个用逗号分隔）", "evaluation reports published with it (optional; their names in the ID column, separated by commas)"),
        _ => ("", ""),
    };
    (zh.to_string(), en.to_string())
}
