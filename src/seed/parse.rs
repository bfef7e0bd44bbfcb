//! Parsing the plain-text export of a plan (one paragraph per line) into
//! its title, preamble, chapters, sections, paragraphs, the indicator table
//! and key-project boxes. Headings come from [`super::heading`], the table
//! from [`super::table`]. Pure: takes `&str`, returns data; no file access.
//! Every line is placed or listed in `unclassified` with the reason.

use super::heading::{self, chinese_number, re, Heading, Layout};
use super::period::{self, Period};
use super::table;
pub use super::table::{PGroup, PRow, PTable};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Everything the seed says, in document order.
#[derive(Debug, Default)]
pub struct Parsed {
    pub title: String,
    /// The plan period, from the title or else the indicator table.
    pub period: Option<Period>,
    pub chapters: Vec<PChapter>,
    pub table: Option<PTable>,
    pub boxes: Vec<PBox>,
    /// Lines the parser could not place: (1-based line, reason and text).
    pub unclassified: Vec<(usize, String)>,
    /// Lines placed with a remark for staff (1-based line, remark).
    pub notes: Vec<(usize, String)>,
    /// What only a Word file carries; empty for a text seed.
    pub word: WordLayer,
}

/// What a Word file says beyond its text, keyed by the 1-based line of the
/// text it reads as (the Word reader's `Document::to_seed`), so that both
/// importers share these items and one emitter writes them.
#[derive(Debug, Default)]
pub struct WordLayer {
    /// The file marks lead sentences in bold: a paragraph without a bold
    /// lead has none (a text seed's leads are found by their shape).
    pub bold_leads: bool,
    /// Per line: its bold lead, where its note references stand.
    pub marks: BTreeMap<usize, Marks>,
    /// Note label → the note's text (footnotes `1`, `2`, …; endnotes
    /// `e1`, …).
    pub notes: BTreeMap<String, String>,
    /// The images after each line (the paragraph holding them, or the
    /// last paragraph with text before them): names under `images/`.
    pub images: BTreeMap<usize, Vec<String>>,
    /// Image name → its bytes, copied to `content/images/`.
    pub image_files: BTreeMap<String, Vec<u8>>,
    /// Boxes drawn as a one-cell table or bordered paragraphs: first line
    /// → last line. A frame that opens with a 专栏 title is one box, to
    /// its last line.
    pub frames: BTreeMap<usize, usize>,
}

/// What a Word paragraph carries beyond its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    /// Byte length of the bold lead the paragraph opens with.
    pub lead: Option<usize>,
    /// (byte offset into the line, note label): where a note reference
    /// stands.
    pub notes: Vec<(usize, String)>,
}

#[derive(Debug)]
pub struct PChapter {
    /// 0 for the preamble before the first chapter, else 1, 2, … in order.
    pub number: u32,
    /// The 第X篇 part heading the chapter opens, as printed.
    pub part: Option<String>,
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

#[derive(Debug)]
pub struct PBox {
    pub number: u32,
    pub chapter: u32,
    pub title: String,
    pub line: usize,
    pub items: Vec<PItem>,
}

/// One item of a box.
#[derive(Debug, Clone, PartialEq)]
pub struct PItem {
    /// The number printed before it (`1.`), not part of `text`.
    pub number: Option<u32>,
    pub text: String,
    pub line: usize,
    /// Byte offset of `text` in its (cleaned) line.
    pub at: usize,
}

static BOOKMARK: LazyLock<Regex> = LazyLock::new(|| re(r"\[bookmark: [^\]]*\]"));

/// Removes Word artefacts such as `[bookmark: _Toc116030698]` and trims.
pub fn clean_line(line: &str) -> String {
    BOOKMARK.replace_all(line, "").trim().to_string()
}

#[derive(PartialEq)]
enum Mode {
    Body,
    Box,
    /// After a 第X篇 heading, before its first chapter.
    Part,
}

struct Parser {
    p: Parsed,
    layout: Layout,
    mode: Mode,
    part: Option<String>,
    /// The last line of the framed box being read.
    frame_end: Option<usize>,
}

/// Parses the plan text. Never fails: what it cannot place is reported in
/// `unclassified`.
pub fn parse(src: &str) -> Parsed {
    parse_word(src, WordLayer::default())
}

/// [`parse`] of a Word file's text, with what only the Word file says of
/// it; its frames bound their boxes.
pub fn parse_word(src: &str, word: WordLayer) -> Parsed {
    let lines: Vec<String> = src.lines().map(clean_line).collect();
    let mut ps = Parser {
        p: Parsed {
            word,
            ..Parsed::default()
        },
        layout: Layout::detect(lines.iter().map(String::as_str)),
        mode: Mode::Body,
        part: None,
        frame_end: None,
    };
    let mut i = 0;
    while i < lines.len() {
        i = ps.line(&lines, i);
    }
    let mut p = ps.p;
    p.period = period(&mut p);
    p
}

/// The period the title names, else the one the indicator table implies;
/// a disagreement between the two is noted.
fn period(p: &mut Parsed) -> Option<Period> {
    let from_table = p.table.as_ref().and_then(|t| {
        (t.base_year < t.target_year).then_some(Period {
            start: t.base_year + 1,
            end: t.target_year,
        })
    });
    match (period::from_title(&p.title), from_table) {
        (Some(title), Some(table)) if title != table => {
            let line = p.table.as_ref().map_or(0, |t| t.line);
            p.notes.push((
                line,
                format!(
                    "the table's years imply {}–{} but the title gives {}–{}; the title's period is used",
                    table.start, table.end, title.start, title.end
                ),
            ));
            Some(title)
        }
        (title, table) => title.or(table),
    }
}

impl Parser {
    /// Handles `lines[i]` and returns the index of the next line to read.
    fn line(&mut self, lines: &[String], i: usize) -> usize {
        let (n, line) = (i + 1, lines[i].as_str());
        if self.p.title.is_empty() {
            self.p.title = line.to_string();
            return i + 1;
        }
        if self.framed(line, n) {
            return i + 1;
        }
        if line.is_empty() {
            if self.mode == Mode::Box {
                self.mode = Mode::Body;
            }
            return i + 1;
        }
        if let Some(h) = heading::classify(line, self.layout) {
            self.heading(h, n, line);
            return i + 1;
        }
        if self.p.table.is_none() {
            if let Some((h, next)) = table::header_at(lines, i) {
                return self.table(lines, i, next, &h);
            }
        }
        if self.box_title(line, n) {
            return i + 1;
        }
        if self.mode == Mode::Box && self.box_item(line, n) {
            return i + 1;
        }
        if self.mode == Mode::Part {
            self.p.unclassified.push((
                n,
                format!("text between a part heading and its first chapter, not placed: {line}"),
            ));
        } else {
            self.mode = Mode::Body;
            self.para(line, n);
        }
        i + 1
    }

    fn heading(&mut self, h: Heading, n: usize, line: &str) {
        self.mode = Mode::Body;
        match h {
            Heading::Part { .. } => {
                self.p.notes.push((n, format!("part heading {line}: kept as `part` in the front matter of its first chapter; the site does not show parts yet")));
                self.part = Some(line.to_string());
                self.mode = Mode::Part;
            }
            Heading::Chapter { numeral, title } => {
                let number = self.p.chapters.iter().filter(|c| c.number > 0).count() as u32 + 1;
                if chinese_number(&numeral) != Some(number) {
                    self.p.notes.push((
                        n,
                        format!("chapter {numeral} is chapter {number} on the site"),
                    ));
                }
                self.p
                    .chapters
                    .push(chapter(number, title, n, self.part.take()));
            }
            Heading::Section { title } => {
                let ch = self.current_chapter(n);
                ch.sections.push(PSection {
                    title: Some(title),
                    line: n,
                    blocks: vec![],
                });
            }
        }
    }

    /// The chapter text goes to; the preamble (chapter 0) before the first.
    fn current_chapter(&mut self, n: usize) -> &mut PChapter {
        if self.p.chapters.is_empty() {
            self.p.notes.push((
                n,
                "the text before the first chapter is chapter 0 (the preamble), which has no title"
                    .into(),
            ));
            self.p.chapters.push(chapter(0, String::new(), n, None));
        }
        let last = self.p.chapters.len() - 1;
        &mut self.p.chapters[last]
    }

    fn para(&mut self, line: &str, n: usize) {
        let section = current_section(self.current_chapter(n));
        section.blocks.push(PBlock::Para {
            line: n,
            text: line.to_string(),
        });
    }

    fn table(&mut self, lines: &[String], i: usize, next: usize, h: &table::Header) -> usize {
        let n = i + 1;
        let layout = self.layout;
        let section = current_section(self.current_chapter(n));
        // The line before the header is the table's title when it reads as one.
        let title = match section.blocks.last() {
            Some(PBlock::Para { text, .. })
                if !text.contains(['。', '；'])
                    && (text.contains("指标") || text.ends_with('表')) =>
            {
                let t = text.clone();
                section.blocks.pop();
                t
            }
            _ => String::new(),
        };
        section.blocks.push(PBlock::Indicators);
        let mut t = PTable {
            title,
            line: n,
            base_year: h.base_year,
            target_year: h.target_year,
            ..PTable::default()
        };
        for y in &h.other_years {
            self.p.notes.push((
                n,
                format!(
                    "table column {y}年 is not imported (only the baseline and target years are)"
                ),
            ));
        }
        let is_heading = |l: &str| heading::classify(l, layout).is_some() || boxes::is_title(l);
        let body = table::read_body(lines, next, h, &mut t, &is_heading);
        self.p.unclassified.extend(body.problems);
        self.p.table = Some(t);
        self.mode = Mode::Body;
        body.next
    }
}

fn chapter(number: u32, title: String, line: usize, part: Option<String>) -> PChapter {
    PChapter {
        number,
        part,
        title,
        line,
        sections: vec![PSection {
            title: None,
            line,
            blocks: vec![],
        }],
    }
}

fn current_section(ch: &mut PChapter) -> &mut PSection {
    if ch.sections.is_empty() {
        ch.sections.push(PSection {
            title: None,
            line: ch.line,
            blocks: vec![],
        });
    }
    let last = ch.sections.len() - 1;
    &mut ch.sections[last]
}

mod boxes;
#[cfg(test)]
mod tests;
