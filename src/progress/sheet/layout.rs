//! Where the columns of the progress sheet are: found by their headers
//! (row 1 Chinese, row 2 English), so that a column staff moved or added
//! still reads; and how a problem at a cell is said.

use super::cells;
use super::read::Grid;
use super::{cell_ref, Col, COLUMNS};
use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use std::collections::BTreeMap;

/// An error at a cell: the file is `path`, the cell leads the message.
pub(super) fn at_cell(path: &str, cell: &str, msg: Bilingual, hint: (&str, &str)) -> Diagnostic {
    Diagnostic::error(
        path,
        0,
        Bilingual::new(format!("{cell}：{}", msg.zh), format!("{cell}: {}", msg.en)),
    )
    .with_hint(hint.0, hint.1)
}

/// Where the columns are, and the first row of data (0-based).
pub(super) struct Layout {
    pub(super) cols: BTreeMap<Col, usize>,
    pub(super) first: usize,
}

/// Finds each column by its Chinese header (row 1) or English one (row 2).
pub(super) fn layout(grid: &Grid, path: &str, d: &mut Diagnostics) -> Option<Layout> {
    let mut cols = BTreeMap::new();
    let mut first = 0;
    for row in 0..super::HEADER_ROWS {
        let width = grid.rows.get(row).map_or(0, Vec::len);
        let mut header_row = false;
        for c in 0..width {
            let Some(h) = cells::text(grid.get(row, c)) else {
                continue;
            };
            if let Some(col) = COLUMNS.iter().find(|k| k.1 == h || k.2 == h) {
                cols.entry(col.0).or_insert(c);
                header_row = true;
            }
        }
        if header_row {
            first = row + 1;
        }
    }
    for col in [Col::Kind, Col::Id] {
        if !cols.contains_key(&col) {
            let (zh, en) = col.headers();
            d.push(at_cell(
                path,
                &cell_ref(grid.sheet.as_deref(), 0, 0),
                Bilingual::new(
                    format!("找不到“{zh}”列"),
                    format!("there is no “{en}” column"),
                ),
                (
                    "第 1 行是中文表头、第 2 行是英文表头：请使用 plansite progress template 生成的表格",
                    "row 1 holds the Chinese headers and row 2 the English: use the workbook plansite progress template writes",
                ),
            ));
            return None;
        }
    }
    let layout = Layout { cols, first };
    unread(grid, &layout, path, d);
    Some(layout)
}

/// Warns of a column that is none of the sheet's and holds something:
/// what staff wrote there is not imported, and they are told so.
fn unread(grid: &Grid, layout: &Layout, path: &str, d: &mut Diagnostics) {
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
    let known: Vec<usize> = layout.cols.values().copied().collect();
    for c in (0..width).filter(|c| !known.contains(c)) {
        let row = (layout.first..grid.rows.len()).find(|&r| cells::text(grid.get(r, c)).is_some());
        if let Some(row) = row {
            let msg = Bilingual::new(
                "此列不是进展表中的列，其中的内容不会导入",
                "this column is none of the progress sheet's: what it holds is not imported",
            );
            let hint = (
                "请把内容移到对应的列，或在第 1、2 行写上该列的表头",
                "move it to its column, or give the column its headers in rows 1 and 2",
            );
            let cell = cell_ref(grid.sheet.as_deref(), row, c);
            d.push(at_cell(path, &cell, msg, hint).as_warning());
        }
    }
}
