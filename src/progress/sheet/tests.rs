//! The sheet's parts as worked examples: cell names, what a cell means in
//! its column, and a sheet's rows turned into a release file, each bad
//! cell named.

use super::cells;
use super::emit::emit;
use super::read::{Cell, Grid};
use super::rows::parts;
use super::*;
use crate::diag::Diagnostics;
use crate::progress::model::Date;

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

#[test]
fn cells_are_named_as_spreadsheets_name_them() {
    assert_eq!(col_letters(0), "A");
    assert_eq!(col_letters(25), "Z");
    assert_eq!(col_letters(26), "AA");
    assert_eq!(col_letters(27), "AB");
    assert_eq!(col_letters(701), "ZZ");
    assert_eq!(col_letters(702), "AAA");
    assert_eq!(cell_ref(Some("进展"), 6, 3), "进展!D7");
    assert_eq!(cell_ref(None, 0, 0), "A1");
}

#[test]
fn numbers_stored_as_text_read_as_numbers_and_nothing_else_does() {
    let n = |c: Cell| cells::number(&c);
    assert_eq!(n(Cell::Number(40.5)), Ok(Some(40.5)));
    assert_eq!(n(text(" 40.5 ")), Ok(Some(40.5)));
    assert_eq!(n(text("４０．５")), Ok(Some(40.5)));
    assert_eq!(n(text("1,234.5")), Ok(Some(1234.5)));
    assert_eq!(n(text("-3")), Ok(Some(-3.0)));
    assert_eq!(n(Cell::Empty), Ok(None));
    for bad in ["约40", "40.5%", "12,34", "inf", "NaN", "", "1,2345"] {
        assert!(n(text(bad)).is_err() || bad.is_empty(), "{bad:?}");
    }
    assert!(n(Cell::Bool(true)).is_err());
    assert_eq!(cells::whole(&text("2025年")), Ok(Some(2025)));
    assert_eq!(cells::whole(&Cell::Number(2025.0)), Ok(Some(2025)));
    assert!(cells::whole(&Cell::Number(2025.5)).is_err());
    assert!(cells::whole(&Cell::Number(-1.0)).is_err());
}

#[test]
fn dates_read_from_date_cells_serial_numbers_and_text() {
    let want = Date::parse("2026-01-20");
    let d = |c: Cell| cells::date(&c).ok().flatten();
    assert_eq!(d(Cell::Date(want.expect("date"))), want);
    // 46042 is 2026-01-20 in Excel's 1900 date system.
    assert_eq!(d(Cell::Number(46042.0)), want);
    for t in [
        "2026-01-20",
        "2026/1/20",
        "2026.1.20",
        "2026年1月20日",
        "2026-01-20 00:00:00",
    ] {
        assert_eq!(d(text(t)), want, "{t}");
    }
    for bad in ["2026-02-30", "20260120", "1/20/2026", "明年"] {
        assert!(cells::date(&text(bad)).is_err(), "{bad}");
    }
    assert!(cells::date(&Cell::Number(46042.5)).is_err());
}

#[test]
fn yes_no_reads_both_languages() {
    assert_eq!(cells::yes_no(&text("是 yes")), Ok(true));
    assert_eq!(cells::yes_no(&text("否")), Ok(false));
    assert_eq!(cells::yes_no(&Cell::Empty), Ok(false));
    assert_eq!(cells::yes_no(&Cell::Bool(true)), Ok(true));
    assert!(cells::yes_no(&text("也许")).is_err());
}

#[test]
fn kinds_read_by_label_code_or_name() {
    for (kind, code, zh, _) in KINDS {
        assert_eq!(Kind::parse(&kind.label()), Some(kind));
        assert_eq!(Kind::parse(code), Some(kind));
        assert_eq!(Kind::parse(zh), Some(kind));
    }
    assert_eq!(Kind::parse("values"), None);
}

/// A sheet: the two header rows, then `rows` (each a list of
/// (column, cell)).
fn sheet(rows: &[&[(Col, Cell)]]) -> Grid {
    let mut grid = Grid {
        sheet: Some(SHEET.to_string()),
        rows: vec![
            COLUMNS.iter().map(|c| text(c.1)).collect(),
            COLUMNS.iter().map(|c| text(c.2)).collect(),
        ],
    };
    for r in rows {
        let mut row = vec![Cell::Empty; COLUMNS.len()];
        for (col, cell) in r.iter() {
            row[template::col(*col) as usize] = cell.clone();
        }
        grid.rows.push(row);
    }
    grid
}

fn read(grid: &Grid) -> (String, Diagnostics) {
    let mut d = Diagnostics::default();
    let p = parts(grid, &crate::i18n::I18n::default(), "p.xlsx", &mut d);
    (emit(&p).0, d)
}

fn messages(d: &Diagnostics) -> Vec<String> {
    d.sorted().iter().map(|x| x.message.en.clone()).collect()
}

#[test]
fn filled_rows_become_entries_and_empty_ones_nothing() {
    let grid = sheet(&[
        &[
            (Col::Kind, text("数据截止日期 as_of")),
            (Col::Date, text("2026-03-31")),
        ],
        &[(Col::Kind, text("标题 title"))],
        &[
            (Col::Kind, text("指标数值 value")),
            (Col::Id, Cell::Number(1.0)),
            (Col::Unit, text("%")),
            (Col::Year, text("2025")),
            (Col::Value, text("40.5")),
            (Col::Date, Cell::Number(46042.0)),
            (Col::SourceZh, text("公报")),
            (Col::SourceEn, text("Bulletin")),
        ],
        &[(Col::Kind, text("任务 task")), (Col::Id, text("c01-s1-p1"))],
        &[
            (Col::Kind, text("重点项目 project")),
            (Col::Id, Cell::Number(2.0)),
            (Col::Item, Cell::Number(3.0)),
            (Col::Status, text("completed")),
        ],
    ]);
    let (toml, d) = read(&grid);
    assert!(d.is_empty(), "{:?}", messages(&d));
    assert_eq!(
        toml,
        "as_of = \"2026-03-31\"\n\n[[value]]\nindicator = 1\nyear = 2025\nvalue = 40.5\nunit = \"%\"\ndate = \"2026-01-20\"\nsource = { zh = \"公报\", en = \"Bulletin\" }\n\n[[project]]\nbox = 2\nitem = 3\nstatus = \"completed\"\n"
    );
}

#[test]
fn bad_cells_are_named_by_sheet_and_cell() {
    let grid = sheet(&[
        &[(Col::Kind, text("as_of")), (Col::Date, text("2026-03-31"))],
        &[
            (Col::Kind, text("value")),
            (Col::Id, Cell::Number(1.0)),
            (Col::Year, Cell::Number(2025.0)),
            (Col::Value, text("约40")),
            (Col::Date, text("2026-13-01")),
            (Col::SourceZh, text("公报")),
        ],
        &[
            (Col::Kind, text("task")),
            (Col::Id, text("t1")),
            (Col::Status, text("done")),
        ],
        &[
            (Col::Kind, text("task")),
            (Col::Id, text("t2")),
            (Col::Year, text("2025")),
        ],
        &[(Col::Value, text("3"))],
    ]);
    let (_, d) = read(&grid);
    let got = messages(&d);
    assert_eq!(
        got,
        [
            "进展!H4: “约40” is not a number",
            "进展!L4: “2026-13-01” is not a date",
            "进展!O5: unknown status “done”",
            "进展!G6: a “task” row has no “Year”",
            "进展!A7: “Kind” is empty",
        ],
    );
    assert!(d.sorted().iter().all(|x| x.path == "p.xlsx"));
}

#[test]
fn a_missing_as_of_date_is_named_at_its_cell() {
    let grid = sheet(&[&[(Col::Kind, text("as_of"))]]);
    let (_, d) = read(&grid);
    assert_eq!(messages(&d), ["进展!L3: “Date” is empty"]);
}

#[test]
fn texts_are_escaped_for_toml() {
    for text in ["a \"b\" \\ c\nd", "'单引号' \"双\"", "tab\there\u{7}", ""] {
        let s = emit::string(text);
        let v: toml::Value = toml::from_str(&format!("k = {s}")).expect("parses");
        assert_eq!(v["k"].as_str(), Some(text), "{s}");
        assert!(!s.contains('\n'), "one line: {s}");
    }
    assert_eq!(emit::string("公报"), "\"公报\"");
    assert_eq!(emit::float(10.0), "10.0");
    assert_eq!(emit::float(40.5), "40.5");
}

#[test]
fn a_column_that_is_none_of_the_sheet_s_is_warned_of_where_it_holds_something() {
    let mut grid = sheet(&[
        &[(Col::Kind, text("as_of")), (Col::Date, text("2026-03-31"))],
        &[(Col::Kind, text("task")), (Col::Id, text("t1"))],
    ]);
    grid.rows[3].push(text("已完成"));
    let (toml, d) = read(&grid);
    assert_eq!(toml, "as_of = \"2026-03-31\"\n");
    assert!(!d.has_errors());
    assert_eq!(
        messages(&d),
        ["进展!R4: this column is none of the progress sheet's: what it holds is not imported"]
    );
}

#[test]
fn columns_are_found_by_their_headers_wherever_they_stand() {
    // The value and year columns swapped, and the Chinese header row gone.
    let mut grid = sheet(&[&[(Col::Kind, text("as_of")), (Col::Date, text("2026-03-31"))]]);
    grid.rows.remove(0);
    let (y, v) = (
        template::col(Col::Year) as usize,
        template::col(Col::Value) as usize,
    );
    grid.rows[0].swap(y, v);
    grid.rows.push(vec![Cell::Empty; COLUMNS.len()]);
    let row = grid.rows.len() - 1;
    grid.rows[row][0] = text("value");
    grid.rows[row][1] = Cell::Number(3.0);
    grid.rows[row][y] = Cell::Number(12.5);
    grid.rows[row][v] = Cell::Number(2024.0);
    grid.rows[row][template::col(Col::Date) as usize] = text("2025-02-01");
    grid.rows[row][template::col(Col::SourceZh) as usize] = text("甲");
    let (toml, d) = read(&grid);
    assert!(d.is_empty(), "{:?}", messages(&d));
    assert!(toml.contains("year = 2024\nvalue = 12.5\n"), "{toml}");
}
