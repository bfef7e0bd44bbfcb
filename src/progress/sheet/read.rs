//! Reads what staff send back into a grid of cells: the progress sheet of
//! a workbook (calamine: Excel's shared strings or WPS's inline ones,
//! dates as date cells, serial numbers or ISO text; also .xls and .ods),
//! or the sheet saved as CSV (UTF-8 with or without Excel's BOM, or GBK as
//! Chinese Excel and WPS save it; any line ends). No meaning is given to a
//! cell here beyond its type.

use super::SHEET;
use crate::diag::Bilingual;
use crate::progress::model::Date;
use calamine::{Data, Reader};
use std::path::Path;

/// One cell as the file stores it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
    Bool(bool),
    /// An error value (`#N/A`) or a time without a date.
    Invalid(String),
}

/// The cells of the progress sheet, from A1.
#[derive(Debug, Clone, Default)]
pub(super) struct Grid {
    /// The sheet's name; `None` for a CSV file, which has no sheets.
    pub(super) sheet: Option<String>,
    pub(super) rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// The cell at 0-based `(row, col)`; empty outside the data.
    pub(super) fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    fn set(&mut self, row: usize, col: usize, cell: Cell) {
        if self.rows.len() <= row {
            self.rows.resize(row + 1, vec![]);
        }
        let r = &mut self.rows[row];
        if r.len() <= col {
            r.resize(col + 1, Cell::Empty);
        }
        r[col] = cell;
    }
}

/// Reads `bytes`, a CSV file when `path` ends in `.csv`, else a workbook.
pub(super) fn read(path: &Path, bytes: &[u8]) -> Result<Grid, Bilingual> {
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv {
        read_csv(bytes)
    } else {
        read_workbook(bytes)
    }
}

fn read_workbook(bytes: &[u8]) -> Result<Grid, Bilingual> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| {
            Bilingual::new(
                format!("无法读取此电子表格：{e}"),
                format!("cannot read this spreadsheet: {e}"),
            )
        })?;
    if !book.sheet_names().iter().any(|n| n == SHEET) {
        return Err(Bilingual::new(
            format!("工作簿中没有“{SHEET}”工作表"),
            format!("the workbook has no sheet named “{SHEET}”"),
        ));
    }
    let range = book.worksheet_range(SHEET).map_err(|e| {
        Bilingual::new(
            format!("无法读取“{SHEET}”工作表：{e}"),
            format!("cannot read the sheet “{SHEET}”: {e}"),
        )
    })?;
    let mut grid = Grid {
        sheet: Some(SHEET.to_string()),
        rows: vec![],
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, v) in range.used_cells() {
        grid.set(r0 as usize + r, c0 as usize + c, cell(v));
    }
    Ok(grid)
}

fn cell(v: &Data) -> Cell {
    match v {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            Date::parse(&format!("{year:04}-{month:02}-{day:02}"))
                .map_or_else(|| Cell::Invalid(dt.as_f64().to_string()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Invalid(dt.as_f64().to_string()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(Date::parse)
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Invalid(s.clone()),
        Data::Error(e) => Cell::Invalid(e.to_string()),
    }
}

/// The date of an Excel serial number (1900 date system), for a date
/// column whose cells the file stores as plain numbers.
pub(super) fn serial_date(n: f64) -> Option<Date> {
    if n.fract() != 0.0 || !(1.0..2958466.0).contains(&n) {
        return None;
    }
    let dt = calamine::ExcelDateTime::new(n, calamine::ExcelDateTimeType::DateTime, false);
    let (year, month, day, ..) = dt.to_ymd_hms_milli();
    Date::parse(&format!("{year:04}-{month:02}-{day:02}"))
}

fn read_csv(bytes: &[u8]) -> Result<Grid, Bilingual> {
    let text = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Grid::default();
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Bilingual::new(
                format!("CSV 文件第 {} 行无法读取：{e}", r + 1),
                format!("line {} of the CSV file cannot be read: {e}", r + 1),
            )
        })?;
        for (c, field) in record.iter().enumerate() {
            if !field.trim().is_empty() {
                grid.set(r, c, Cell::Text(field.to_string()));
            }
        }
    }
    Ok(grid)
}

/// The text of a CSV file: UTF-8 (Excel's BOM dropped), else GBK.
fn decode(bytes: &[u8]) -> Result<String, Bilingual> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
        .ok_or_else(|| {
            Bilingual::new(
                "CSV 文件既不是 UTF-8 也不是 GBK 编码",
                "the CSV file is neither UTF-8 nor GBK",
            )
        })
}
