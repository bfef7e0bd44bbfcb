//! The main indicator table, found by its header: an indicator-name column
//! (指标, 指标名称), a baseline and a target year column (2020年, 2025年
//! 目标值 …), an attribute column (属性, 指标属性) and optional 序号, 单位
//! and 类别 columns, in any order. A Word table exported as text has one
//! cell per line, or the cells of a row on one line separated by tabs; both
//! are read as one stream of cells.

use super::heading::re;
use regex::Regex;
use std::sync::LazyLock;

/// The indicator table as the text gives it.
#[derive(Debug, Default)]
pub struct PTable {
    pub title: String,
    pub base_year: u16,
    pub target_year: u16,
    pub line: usize,
    pub groups: Vec<PGroup>,
    pub rows: Vec<PRow>,
    pub footnote: String,
}

#[derive(Debug)]
pub struct PGroup {
    pub label: String,
    pub name: String,
}

#[derive(Debug)]
pub struct PRow {
    pub line: usize,
    pub number: u32,
    pub group: usize,
    pub name: String,
    pub unit: String,
    pub star: bool,
    pub baseline: String,
    pub target: String,
    pub attribute: String,
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^((?:19|20)\d\d)年?(?:基[期准]年?值?|现状值?|目标值?|规划目标|目标|值)?$")
});
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d+)[.．、]\s*(.+)$"));
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^((?:（[一二三四五六七八九十]+）)|(?:[一二三四五六七八九十]+、))\s*(.+)$")
});
static TRAILING_PAREN: LazyLock<Regex> = LazyLock::new(|| re(r"^(.*)[（(]([^（）()]+)[）)]$"));

/// A column of the indicator table.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Number,
    Name,
    Unit,
    Category,
    Attribute,
    Year(u16),
}

/// The header found at a line: its columns and the line after it.
#[derive(Debug)]
pub struct Header {
    columns: Vec<Column>,
    pub base_year: u16,
    pub target_year: u16,
    /// Year columns between baseline and target, which are not imported.
    pub other_years: Vec<u16>,
}

fn column(cell: &str) -> Option<Column> {
    let compact: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    Some(match compact.as_str() {
        "序号" => Column::Number,
        "指标" | "指标名称" | "主要指标" | "具体指标" => Column::Name,
        "单位" | "计量单位" => Column::Unit,
        "类别" | "领域" | "分类" | "指标类别" | "类型" => Column::Category,
        "属性" | "指标属性" | "指标性质" => Column::Attribute,
        _ => Column::Year(YEAR.captures(&compact)?[1].parse().ok()?),
    })
}

pub fn cells(line: &str) -> Vec<&str> {
    line.split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// The header that starts at `lines[i]`, and the index after it.
pub fn header_at(lines: &[String], i: usize) -> Option<(Header, usize)> {
    let mut columns = vec![];
    let mut j = i;
    while j < lines.len() {
        let cs = cells(&lines[j]);
        if cs.is_empty() && !columns.is_empty() {
            j += 1;
            continue;
        }
        let cols: Option<Vec<Column>> = cs.iter().map(|c| column(c)).collect();
        match cols {
            Some(cols) if !cols.is_empty() => columns.extend(cols),
            _ => break,
        }
        j += 1;
    }
    let count = |want: fn(&Column) -> bool| columns.iter().filter(|c| want(c)).count();
    let mut years: Vec<u16> = columns
        .iter()
        .filter_map(|c| match c {
            Column::Year(y) => Some(*y),
            _ => None,
        })
        .collect();
    years.sort_unstable();
    let ok = count(|c| *c == Column::Name) == 1
        && count(|c| *c == Column::Attribute) == 1
        && count(|c| *c == Column::Number) <= 1
        && count(|c| *c == Column::Unit) <= 1
        && count(|c| *c == Column::Category) <= 1
        && years.len() >= 2;
    if !ok {
        return None;
    }
    let (base_year, target_year) = (years[0], years[years.len() - 1]);
    let other_years = years[1..years.len() - 1].to_vec();
    Some((
        Header {
            columns,
            base_year,
            target_year,
            other_years,
        },
        j,
    ))
}

/// Whether a line ends the table when it comes where a row would start.
fn ends_table(line: &str, is_heading: &dyn Fn(&str) -> bool) -> bool {
    is_heading(line) || (line.contains('。') && line.chars().count() > 30)
}

/// What reading the table body gave: the rows, and the lines it could not
/// place (line, reason).
pub struct Body {
    pub next: usize,
    pub problems: Vec<(usize, String)>,
}

/// Reads rows from `lines[i..]` into `t` until the footnote or a line that
/// cannot be part of the table. `is_heading` tells headings and boxes, which
/// always end the table.
pub fn read_body(
    lines: &[String],
    mut i: usize,
    h: &Header,
    t: &mut PTable,
    is_heading: &dyn Fn(&str) -> bool,
) -> Body {
    let mut problems = vec![];
    let mut row: Vec<(usize, String)> = vec![];
    let mut want = h.columns.len();
    while i < lines.len() {
        let line = &lines[i];
        let n = i + 1;
        let cs = cells(line);
        if cs.is_empty() {
            i += 1;
            continue;
        }
        if row.is_empty() {
            match row_start(&lines[i..], h, t, is_heading) {
                Start::Footnote => {
                    i += 1;
                    break;
                }
                Start::End => break,
                Start::Group => {
                    i += 1;
                    continue;
                }
                Start::Row(w) => want = w,
            }
        } else if is_heading(line) {
            problems.push(cut_short(&row, want));
            row.clear();
            break;
        }
        row.extend(cs.iter().map(|c| (n, c.to_string())));
        i += 1;
        if row.len() >= want {
            problems.extend(complete_row(t, h, &mut row, want));
        }
    }
    if !row.is_empty() {
        problems.push((row[0].0, format!("incomplete table row: {}", join(&row))));
    }
    Body { next: i, problems }
}

/// What a line that comes where a row would start is.
enum Start {
    /// The footnote (注：…), now in the table; it ends the table.
    Footnote,
    /// A line that ends the table and is left for the caller.
    End,
    /// A group row (（一）环境治理), now in the table's groups.
    Group,
    /// The first cells of a row that has this many cells.
    Row(usize),
}

/// Tells what `rest[0]` is when it comes where a row would start, and puts
/// a footnote or a group row into `t`.
fn row_start(
    rest: &[String],
    h: &Header,
    t: &mut PTable,
    is_heading: &dyn Fn(&str) -> bool,
) -> Start {
    let line = &rest[0];
    let cs = cells(line);
    if line.starts_with("注：") || line.starts_with("注:") {
        t.footnote = line.clone();
        return Start::Footnote;
    }
    let group = (cs.len() == 1).then(|| GROUP.captures(cs[0])).flatten();
    // A group row (（一）环境治理) looks like a section heading; it is
    // one of the table's when table rows follow it.
    let rows_follow = rest[1..]
        .iter()
        .find(|l| !l.is_empty())
        .is_some_and(|l| !ends_table(l, is_heading) && !l.starts_with("注"));
    if (group.is_none() || !rows_follow) && ends_table(line, is_heading) {
        return Start::End;
    }
    if let Some(c) = group {
        t.groups.push(PGroup {
            label: c[1].to_string(),
            name: c[2].trim().to_string(),
        });
        return Start::Group;
    }
    let mut want = h.columns.len();
    let category_first = h.columns.first() == Some(&Column::Category);
    if category_first && cs[0].starts_with(|c: char| c.is_ascii_digit()) && !t.groups.is_empty() {
        want -= 1; // a merged category cell: the row keeps the last one
    }
    Start::Row(want)
}

/// The problem of a row that a heading cut short at `want` cells.
fn cut_short(row: &[(usize, String)], want: usize) -> (usize, String) {
    let lines: Vec<String> = row.iter().map(|(n, _)| n.to_string()).collect();
    (
        row[0].0,
        format!(
            "incomplete table row (lines {}): {} of {want} cells",
            lines.join(", "),
            row.len()
        ),
    )
}

/// Adds the first `want` cells of `row` to `t` as a row and empties `row`;
/// cells beyond those are a problem on the line of the last one.
fn complete_row(
    t: &mut PTable,
    h: &Header,
    row: &mut Vec<(usize, String)>,
    want: usize,
) -> Option<(usize, String)> {
    let extra = row.split_off(want);
    add_row(t, h, row);
    row.clear();
    extra.last().map(|(n, _)| {
        (
            *n,
            format!(
                "table row has {} cells more than its header; not imported: {}",
                extra.len(),
                join(&extra)
            ),
        )
    })
}

/// The cells' texts, separated by " | ".
fn join(cells: &[(usize, String)]) -> String {
    cells
        .iter()
        .map(|(_, c)| c.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Adds a row of `cells`, in the header's column order, to `t`. A row with
/// fewer cells than columns has no category cell (it is merged).
fn add_row(t: &mut PTable, h: &Header, cells: &[(usize, String)]) {
    let mut r = PRow {
        line: cells[0].0,
        number: 0,
        group: t.groups.len().saturating_sub(1),
        name: String::new(),
        unit: String::new(),
        star: false,
        baseline: String::new(),
        target: String::new(),
        attribute: String::new(),
    };
    let (number, has_unit_column) = fill_columns(t, h, cells, &mut r);
    tidy_name(&mut r, number, has_unit_column, t.rows.len());
    t.rows.push(r);
}

/// Puts each cell into the field of `r` its column names (a category cell
/// may start a group of `t`); gives the number cell, if there is one, and
/// whether the header has a unit column.
fn fill_columns(
    t: &mut PTable,
    h: &Header,
    cells: &[(usize, String)],
    r: &mut PRow,
) -> (Option<u32>, bool) {
    let skip_category = cells.len() < h.columns.len();
    let columns = h
        .columns
        .iter()
        .filter(|c| !(skip_category && **c == Column::Category));
    let mut number = None;
    let mut has_unit_column = false;
    for (col, (line, cell)) in columns.zip(cells) {
        match col {
            Column::Number => number = cell.trim_end_matches(['.', '．', '、']).parse().ok(),
            Column::Name => {
                r.line = *line;
                r.name = cell.clone();
            }
            Column::Unit => {
                has_unit_column = true;
                r.unit = cell.trim_matches(['（', '）', '(', ')']).to_string();
            }
            Column::Category => {
                if t.groups.last().is_none_or(|g| g.name != *cell) {
                    t.groups.push(PGroup {
                        label: String::new(),
                        name: cell.clone(),
                    });
                }
                r.group = t.groups.len() - 1;
            }
            Column::Attribute => r.attribute = cell.clone(),
            Column::Year(y) if *y == h.base_year => r.baseline = cell.clone(),
            Column::Year(y) if *y == h.target_year => r.target = cell.clone(),
            Column::Year(_) => {}
        }
    }
    (number, has_unit_column)
}

/// Takes from the row's name what is not the name: a leading number when
/// there was no number cell (a row with neither is numbered by its place,
/// after `rows_before` rows), a trailing star, and a trailing unit in
/// brackets when there is no unit column.
fn tidy_name(r: &mut PRow, mut number: Option<u32>, has_unit_column: bool, rows_before: usize) {
    if number.is_none() {
        if let Some(c) = NUMBERED.captures(&r.name) {
            number = c[1].parse().ok();
            r.name = c[2].trim().to_string();
        }
    }
    r.number = number.unwrap_or(rows_before as u32 + 1);
    for star in ['*', '＊'] {
        if let Some(name) = r.name.strip_suffix(star) {
            r.star = true;
            r.name = name.trim_end().to_string();
        }
    }
    if !has_unit_column {
        if let Some(c) = TRAILING_PAREN.captures(&r.name) {
            if is_measure(&c[2]) {
                r.unit = c[2].to_string();
                r.name = c[1].to_string();
            }
        }
    }
}

/// Whether a parenthesised text at the end of an indicator name is a unit
/// of measure (%, μg/m3, 万吨, 公顷) rather than part of the name (EQI,
/// 折纯量): symbols and lower-case letters are units, an upper-case
/// abbreviation is not, and a Chinese unit ends in a measure word.
fn is_measure(s: &str) -> bool {
    const MEASURE_WORDS: &str = "吨米里顷亩天个家元瓦时克升度人座台辆处条所户次件项株只头";
    const SYMBOLS: &str = "%％‰‱㎡²³μ/";
    if s.chars().count() > 10 {
        return false;
    }
    if s.chars().last().is_some_and(|c| MEASURE_WORDS.contains(c))
        || s.chars().any(|c| SYMBOLS.contains(c))
    {
        return true;
    }
    s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        && s.chars().any(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests;
