//! Headings of a Chinese plan, in the layouts plans use: 第X篇 parts,
//! 第X章 / 第X节 chapters and sections, and the GB/T 9704 hierarchy
//! 一、 / （一） / 1. / （1）. Which numbering makes chapters is decided once
//! per document by [`Layout::detect`], so a plan numbered 一、/（一） gets
//! chapters while in a 第X章 plan those lines stay paragraphs.

use regex::Regex;
use std::sync::LazyLock;

static PART: LazyLock<Regex> = LazyLock::new(|| re(r"^第([一二三四五六七八九十]+)篇\s*(.+)$"));
static CHAPTER: LazyLock<Regex> = LazyLock::new(|| re(r"^第([一二三四五六七八九十]+)章\s*(.+)$"));
static SECTION: LazyLock<Regex> = LazyLock::new(|| re(r"^第([一二三四五六七八九十]+)节\s*(.+)$"));
static LEVEL1: LazyLock<Regex> = LazyLock::new(|| re(r"^([一二三四五六七八九十]+)、\s*(.+)$"));
static LEVEL2: LazyLock<Regex> = LazyLock::new(|| re(r"^（([一二三四五六七八九十]+)）\s*(.+)$"));

/// Longest text, in characters, that is still read as a heading of the
/// 一、/（一） kind; longer lines are run-in headings of a paragraph.
const MAX_HEADING_CHARS: usize = 40;

pub(crate) fn re(s: &str) -> Regex {
    // The patterns are constants checked by the unit tests.
    Regex::new(s).unwrap_or_else(|e| panic!("invalid built-in pattern {s}: {e}"))
}

/// What a line is, structurally.
#[derive(Debug, PartialEq)]
pub enum Heading {
    Part { numeral: String, title: String },
    Chapter { numeral: String, title: String },
    Section { title: String },
}

/// Which numbering makes chapters and sections in this document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Layout {
    /// 第X章 chapters, 第X节 sections.
    Zhang,
    /// 一、 chapters, （一） sections (GB/T 9704).
    Numbered,
}

impl Layout {
    /// 第X章 when the document has any, else 一、 when it has 一、 headings.
    pub fn detect<'a>(lines: impl Iterator<Item = &'a str>) -> Layout {
        let mut numbered = false;
        for l in lines {
            if CHAPTER.is_match(l) && heading_like(l) {
                return Layout::Zhang;
            }
            numbered |= LEVEL1.captures(l).is_some_and(|c| heading_like(&c[2]));
        }
        if numbered {
            Layout::Numbered
        } else {
            Layout::Zhang
        }
    }
}

/// Whether `text` reads as a heading: short and not a sentence.
fn heading_like(text: &str) -> bool {
    text.chars().count() <= MAX_HEADING_CHARS * 2 && !text.contains(['。', '；'])
}

fn short_heading(text: &str) -> bool {
    text.chars().count() <= MAX_HEADING_CHARS && !text.contains(['。', '；', '：'])
}

/// The heading `line` is in this layout, if any.
pub fn classify(line: &str, layout: Layout) -> Option<Heading> {
    let numbered = |c: regex::Captures<'_>| (c[1].to_string(), c[2].trim().to_string());
    if let Some((numeral, title)) = PART.captures(line).map(numbered) {
        if heading_like(&title) {
            return Some(Heading::Part { numeral, title });
        }
    }
    if let Some((numeral, title)) = CHAPTER.captures(line).map(numbered) {
        if heading_like(&title) {
            return Some(Heading::Chapter { numeral, title });
        }
    }
    if let Some((_, title)) = SECTION.captures(line).map(numbered) {
        if heading_like(&title) {
            return Some(Heading::Section { title });
        }
    }
    if layout != Layout::Numbered {
        return None;
    }
    if let Some((numeral, title)) = LEVEL1.captures(line).map(numbered) {
        if short_heading(&title) {
            return Some(Heading::Chapter { numeral, title });
        }
    }
    match LEVEL2.captures(line).map(numbered) {
        Some((_, title)) if short_heading(&title) => Some(Heading::Section { title }),
        _ => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(chinese_number("一"), Some(1));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("甲"), None);
    }

    #[test]
    fn zhang_layout_keeps_numbered_lines_as_paragraphs() {
        let doc = ["标题", "第一章  总则", "一、要求"];
        let layout = Layout::detect(doc.into_iter());
        assert_eq!(layout, Layout::Zhang);
        assert_eq!(
            classify("第一章  总则", layout),
            Some(Heading::Chapter {
                numeral: "一".into(),
                title: "总则".into()
            })
        );
        assert_eq!(classify("一、要求", layout), None);
        assert_eq!(
            classify("第二节 目标", layout),
            Some(Heading::Section {
                title: "目标".into()
            })
        );
    }

    #[test]
    fn numbered_layout() {
        let doc = [
            "标题",
            "一、发展基础",
            "（一）主要成效",
            "（二）加强组织领导。各部门要落实。",
        ];
        let layout = Layout::detect(doc.into_iter());
        assert_eq!(layout, Layout::Numbered);
        assert!(matches!(
            classify("一、发展基础", layout),
            Some(Heading::Chapter { .. })
        ));
        assert_eq!(
            classify("（一）主要成效", layout),
            Some(Heading::Section {
                title: "主要成效".into()
            })
        );
        // A run-in heading is part of its paragraph.
        assert_eq!(classify("（二）加强组织领导。各部门要落实。", layout), None);
        assert!(matches!(
            classify("第一篇  总体要求", layout),
            Some(Heading::Part { .. })
        ));
    }

    #[test]
    fn a_sentence_starting_like_a_heading_is_not_one() {
        assert_eq!(
            classify("第一章规定的任务已经完成。下一步继续推进。", Layout::Zhang),
            None
        );
    }
}
