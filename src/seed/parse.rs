//! Parsing the plain-text export of the plan (one paragraph per line) into
//! chapters, sections, paragraphs, the indicator table and key-project boxes.
//! Pure: takes `&str`, returns data; no file access.

use regex::Regex;
use std::sync::LazyLock;

/// Everything the seed says, in document order.
#[derive(Debug, Default)]
pub struct Parsed {
    pub title: String,
    pub chapters: Vec<PChapter>,
    pub table: Option<PTable>,
    pub boxes: Vec<PBox>,
    /// Lines the parser could not place: (1-based line, text).
    pub unclassified: Vec<(usize, String)>,
}

#[derive(Debug)]
pub struct PChapter {
    pub number: u32,
    pub title: String,
    pub line: usize,
    /// `sections[0]` holds the text before the first section heading.
    pub sections: Vec<PSection>,
}

#[derive(Debug)]
pub struct PSection {
    pub title: Option<String>,
    pub line: usize,
    pub blocks: Vec<PBlock>,
}

#[derive(Debug, PartialEq)]
pub enum PBlock {
    Para { line: usize, text: String },
    Indicators,
    Box(u32),
}

#[derive(Debug, Default)]
pub struct PTable {
    pub title: String,
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

#[derive(Debug)]
pub struct PBox {
    pub number: u32,
    pub chapter: u32,
    pub title: String,
    pub line: usize,
    /// (printed number, text, line)
    pub items: Vec<(Option<u32>, String, usize)>,
}

static BOOKMARK: LazyLock<Regex> = LazyLock::new(|| re(r"\[bookmark: [^\]]*\]"));
static CHAPTER: LazyLock<Regex> = LazyLock::new(|| re(r"^第([一二三四五六七八九十]+)章\s+(.+)$"));
static SECTION: LazyLock<Regex> = LazyLock::new(|| re(r"^第([一二三四五六七八九十]+)节\s+(.+)$"));
static BOX: LazyLock<Regex> = LazyLock::new(|| re(r"^专栏(\d+)：(.+)$"));
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d+)\.(.+)$"));
static GROUP: LazyLock<Regex> = LazyLock::new(|| re(r"^(（[一二三四五六七八九十]+）)(.+)$"));
static UNIT: LazyLock<Regex> = LazyLock::new(|| re(r"^(.*)（(μg/m3|%|万吨|万平方公里)）$"));

fn re(s: &str) -> Regex {
    // The patterns are constants checked by the unit tests.
    Regex::new(s).unwrap_or_else(|e| panic!("invalid built-in pattern {s}: {e}"))
}

/// Removes Word artefacts such as `[bookmark: _Toc116030698]` and trims.
pub fn clean_line(line: &str) -> String {
    BOOKMARK.replace_all(line, "").trim().to_string()
}

/// Value of a Chinese numeral from 一 to 九十九.
pub fn chinese_number(s: &str) -> Option<u32> {
    const DIGITS: &str = "一二三四五六七八九";
    let digit = |c: char| DIGITS.chars().position(|d| d == c).map(|p| p as u32 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

enum Mode {
    Body,
    Table,
    Box,
}

/// Parses the seed text. Never fails: what it cannot place is reported in
/// `unclassified`.
pub fn parse(src: &str) -> Parsed {
    let mut p = Parsed::default();
    let mut mode = Mode::Body;
    let mut pending_row: Option<(PRow, Vec<String>)> = None;
    for (idx, raw) in src.lines().enumerate() {
        let n = idx + 1;
        let line = clean_line(raw);
        if p.title.is_empty() {
            p.title = line;
            continue;
        }
        if line.is_empty() {
            if matches!(mode, Mode::Box) {
                mode = Mode::Body;
            }
            continue;
        }
        if let Some(c) = CHAPTER.captures(&line) {
            mode = Mode::Body;
            let number = chinese_number(&c[1]).unwrap_or(p.chapters.len() as u32 + 1);
            p.chapters.push(PChapter {
                number,
                title: c[2].trim().to_string(),
                line: n,
                sections: vec![PSection {
                    title: None,
                    line: n,
                    blocks: vec![],
                }],
            });
            continue;
        }
        if let Some(c) = SECTION.captures(&line) {
            mode = Mode::Body;
            if let Some(ch) = p.chapters.last_mut() {
                ch.sections.push(PSection {
                    title: Some(c[2].trim().to_string()),
                    line: n,
                    blocks: vec![],
                });
                continue;
            }
        }
        match mode {
            Mode::Table => {
                table_line(&mut p, &mut pending_row, &line, n);
                if p.table.as_ref().is_some_and(|t| !t.footnote.is_empty()) {
                    mode = Mode::Body;
                }
            }
            Mode::Box => box_item(&mut p, &line, n),
            Mode::Body => mode = body_line(&mut p, &line, n),
        }
    }
    p
}

fn body_line(p: &mut Parsed, line: &str, n: usize) -> Mode {
    let chapter_no = p.chapters.last().map_or(0, |c| c.number);
    let Some(section) = p.chapters.last_mut().and_then(|c| c.sections.last_mut()) else {
        p.unclassified.push((n, line.to_string()));
        return Mode::Body;
    };
    if let Some(c) = BOX.captures(line) {
        let number: u32 = c[1].parse().unwrap_or(0);
        section.blocks.push(PBlock::Box(number));
        p.boxes.push(PBox {
            number,
            chapter: chapter_no,
            title: c[2].trim().to_string(),
            line: n,
            items: vec![],
        });
        return Mode::Box;
    }
    if p.table.is_none() && line.ends_with("主要指标") {
        section.blocks.push(PBlock::Indicators);
        p.table = Some(PTable {
            title: line.to_string(),
            line: n,
            ..PTable::default()
        });
        return Mode::Table;
    }
    section.blocks.push(PBlock::Para {
        line: n,
        text: line.to_string(),
    });
    Mode::Body
}

fn box_item(p: &mut Parsed, line: &str, n: usize) {
    let Some(b) = p.boxes.last_mut() else { return };
    match NUMBERED.captures(line) {
        Some(c) => b.items.push((c[1].parse().ok(), c[2].to_string(), n)),
        None => b.items.push((None, line.to_string(), n)),
    }
}

fn table_line(p: &mut Parsed, pending: &mut Option<(PRow, Vec<String>)>, line: &str, n: usize) {
    let Some(t) = p.table.as_mut() else { return };
    if let Some((row, cells)) = pending.as_mut() {
        cells.push(line.to_string());
        if cells.len() == 3 {
            row.baseline = cells[0].clone();
            row.target = cells[1].clone();
            row.attribute = cells[2].clone();
            if let Some((row, _)) = pending.take() {
                t.rows.push(row);
            }
        }
        return;
    }
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if matches!(compact.as_str(), "指标" | "2020年" | "2025年" | "指标属性") {
        return;
    }
    if let Some(rest) = line.strip_prefix("注：") {
        t.footnote = format!("注：{rest}");
        return;
    }
    if let Some(c) = GROUP.captures(line) {
        t.groups.push(PGroup {
            label: c[1].to_string(),
            name: c[2].trim().to_string(),
        });
        return;
    }
    if let Some(c) = NUMBERED.captures(line) {
        let mut name = c[2].trim().to_string();
        let star = name.ends_with('*');
        if star {
            name.pop();
        }
        let (name, unit) = match UNIT.captures(&name) {
            Some(u) => (u[1].to_string(), u[2].to_string()),
            None => (name.clone(), String::new()),
        };
        let row = PRow {
            line: n,
            number: c[1].parse().unwrap_or(0),
            group: t.groups.len().saturating_sub(1),
            name,
            unit,
            star,
            baseline: String::new(),
            target: String::new(),
            attribute: String::new(),
        };
        *pending = Some((row, vec![]));
        return;
    }
    p.unclassified.push((n, line.to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "标题\n\n第一章  总则\n引言。\n[bookmark: _Toc1]第一节  节名\n甲。乙。\n\t专栏1：重点工程\n1.项目一。内容。\n2.项目二。\n\n第二章  目标\n济宁市兖州区“十四五”生态环境保护主要指标\n\t指    标\n\t2020年\n\t2025年\n\t指标属性\n\t（一）环境治理\n\t1.细颗粒物（PM2.5）浓度（μg/m3）*\n\t51\n\t41\n\t约束性\n\t2.生态质量指数（EQI）*\n\t—\n\t稳中向好\n\t预期性\n注：说明。\n后文。\n";

    #[test]
    fn numerals() {
        assert_eq!(chinese_number("一"), Some(1));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("甲"), None);
    }

    #[test]
    fn structure() {
        let p = parse(SAMPLE);
        assert_eq!(p.title, "标题");
        assert_eq!(p.chapters.len(), 2);
        let c1 = &p.chapters[0];
        assert_eq!(c1.sections.len(), 2);
        assert_eq!(c1.sections[1].title.as_deref(), Some("节名"));
        assert_eq!(c1.sections[1].blocks[1], PBlock::Box(1));
        assert_eq!(p.boxes[0].items.len(), 2);
        assert_eq!(p.boxes[0].items[0].0, Some(1));
        assert!(p.unclassified.is_empty(), "{:?}", p.unclassified);
    }

    #[test]
    fn table() {
        let p = parse(SAMPLE);
        let t = p.table.expect("table parsed");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].name, "细颗粒物（PM2.5）浓度");
        assert_eq!(t.rows[0].unit, "μg/m3");
        assert!(t.rows[0].star);
        assert_eq!(
            (t.rows[0].baseline.as_str(), t.rows[0].target.as_str()),
            ("51", "41")
        );
        assert_eq!(t.rows[1].name, "生态质量指数（EQI）");
        assert_eq!(t.rows[1].unit, "");
        assert_eq!(t.footnote, "注：说明。");
        let c2 = &p.chapters[1];
        assert_eq!(c2.sections[0].blocks.len(), 2, "table block then 后文");
    }
}
