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
            if line.starts_with("注：") || line.starts_with("注:") {
                t.footnote = line.clone();
                i += 1;
                break;
            }
            let group = (cs.len() == 1).then(|| GROUP.captures(cs[0])).flatten();
            // A group row (（一）环境治理) looks like a section heading; it is
            // one of the table's when table rows follow it.
            let rows_follow = lines[i + 1..]
                .iter()
                .find(|l| !l.is_empty())
                .is_some_and(|l| !ends_table(l, is_heading) && !l.starts_with("注"));
            if (group.is_none() || !rows_follow) && ends_table(line, is_heading) {
                break;
            }
            if let Some(c) = group {
                t.groups.push(PGroup {
                    label: c[1].to_string(),
                    name: c[2].trim().to_string(),
                });
                i += 1;
                continue;
            }
            want = h.columns.len();
            let category_first = h.columns.first() == Some(&Column::Category);
            if category_first
                && cs[0].starts_with(|c: char| c.is_ascii_digit())
                && !t.groups.is_empty()
            {
                want -= 1; // a merged category cell: the row keeps the last one
            }
        } else if is_heading(line) {
            let lines: Vec<String> = row.iter().map(|(n, _)| n.to_string()).collect();
            problems.push((
                row[0].0,
                format!(
                    "incomplete table row (lines {}): {} of {want} cells",
                    lines.join(", "),
                    row.len()
                ),
            ));
            row.clear();
            break;
        }
        row.extend(cs.iter().map(|c| (n, c.to_string())));
        i += 1;
        if row.len() >= want {
            let extra = row.split_off(want);
            if !extra.is_empty() {
                problems.push((
                    n,
                    format!(
                        "table row has {} cells more than its header; not imported: {}",
                        extra.len(),
                        join(&extra)
                    ),
                ));
            }
            add_row(t, h, &row);
            row.clear();
        }
    }
    if !row.is_empty() {
        problems.push((row[0].0, format!("incomplete table row: {}", join(&row))));
    }
    Body { next: i, problems }
}

fn join(cells: &[(usize, String)]) -> String {
    cells
        .iter()
        .map(|(_, c)| c.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

fn add_row(t: &mut PTable, h: &Header, cells: &[(usize, String)]) {
    let skip_category = cells.len() < h.columns.len();
    let columns = h
        .columns
        .iter()
        .filter(|c| !(skip_category && **c == Column::Category));
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
    if number.is_none() {
        if let Some(c) = NUMBERED.captures(&r.name) {
            number = c[1].parse().ok();
            r.name = c[2].trim().to_string();
        }
    }
    r.number = number.unwrap_or(t.rows.len() as u32 + 1);
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
    t.rows.push(r);
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
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(|l| l.trim().to_string()).collect()
    }

    #[test]
    fn measures() {
        for u in [
            "%",
            "μg/m3",
            "万吨",
            "万平方公里",
            "公顷",
            "mg/L",
            "‰",
            "个",
        ] {
            assert!(is_measure(u), "{u}");
        }
        for n in ["EQI", "折纯量", "商品量", "PM2.5"] {
            assert!(!is_measure(n), "{n}");
        }
    }

    #[test]
    fn header_in_any_order_with_number_column() {
        let l = lines("序号\n指标名称\n属性\n单位\n2030年目标值\n2025年基准值\n1\n空气质量优良天数比率\n约束性\n%\n88\n85.2\n注：说明。");
        let (h, next) = header_at(&l, 0).expect("header");
        assert_eq!((h.base_year, h.target_year), (2025, 2030));
        let mut t = PTable::default();
        let body = read_body(&l, next, &h, &mut t, &|_| false);
        assert!(body.problems.is_empty(), "{:?}", body.problems);
        let r = &t.rows[0];
        assert_eq!(
            (r.number, r.name.as_str(), r.unit.as_str()),
            (1, "空气质量优良天数比率", "%")
        );
        assert_eq!((r.baseline.as_str(), r.target.as_str()), ("85.2", "88"));
        assert_eq!(r.attribute, "约束性");
        assert_eq!(t.footnote, "注：说明。");
        assert_eq!(body.next, l.len());
    }

    #[test]
    fn tab_separated_rows_and_merged_categories() {
        let l = lines("类别\t序号\t指标\t2025年\t2030年\t属性\n水环境\t1\t断面达标率（%）*\t80\t90\t约束性\n2\t水功能区达标率（%）\t70\t80\t预期性\n后面的正文很长很长很长很长很长很长很长很长很长很长很长很长很长很长。");
        let (h, next) = header_at(&l, 0).expect("header");
        let mut t = PTable::default();
        let body = read_body(&l, next, &h, &mut t, &|_| false);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.groups.len(), 1);
        assert_eq!(t.rows[1].group, 0);
        assert!(t.rows[0].star);
        assert_eq!(t.rows[0].name, "断面达标率");
        assert_eq!(body.next, 3, "the body line is left for the caller");
    }

    #[test]
    fn not_a_header() {
        assert!(header_at(&lines("指标\n正文。"), 0).is_none());
        assert!(
            header_at(&lines("指标\n2025年\n属性"), 0).is_none(),
            "one year only"
        );
    }
}
