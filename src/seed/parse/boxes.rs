//! Key-project boxes (专栏): a `专栏N：title` line and the items after it.
//! In a text export a box ends at a blank line or at an unnumbered line
//! after numbered items; a Word file's box is a frame (a one-cell table or
//! bordered paragraphs), which ends where the frame does.

use super::{current_section, Mode, PBlock, PBox, PItem, Parser};
use crate::seed::heading::{chinese_number, re};
use regex::Regex;
use std::sync::LazyLock;

static BOX: LazyLock<Regex> =
    LazyLock::new(|| re(r"^专栏\s*([0-9]+|[一二三四五六七八九十]+)\s*[：:]?\s*(.+)$"));
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d+)[.．、](\D.*)$"));

/// Whether `line` opens a box.
pub(super) fn is_title(line: &str) -> bool {
    BOX.is_match(line)
}

impl Parser {
    /// Opens a box when `line` is a box title; false when it is not.
    pub(super) fn box_title(&mut self, line: &str, n: usize) -> bool {
        let Some(c) = BOX.captures(line) else {
            return false;
        };
        let printed = c[1].parse().ok().or_else(|| chinese_number(&c[1]));
        let next = self.p.boxes.iter().map(|b| b.number).max().unwrap_or(0) + 1;
        let number = match printed {
            Some(k) if self.p.boxes.iter().all(|b| b.number != k) => k,
            _ => {
                self.p.notes.push((
                    n,
                    format!(
                        "box 专栏{} repeats a number; it is box {next} on the site",
                        &c[1]
                    ),
                ));
                next
            }
        };
        self.open_box(number, c[2].trim(), n);
        true
    }

    /// Handles a line of a Word frame: its first line opens the box when
    /// it is a box title, and every later line up to the frame's last is
    /// an item. False for a line outside any box frame.
    pub(super) fn framed(&mut self, line: &str, n: usize) -> bool {
        if let Some(end) = self.frame_end {
            if n <= end {
                if !line.is_empty() {
                    self.item(line, n);
                }
                return true;
            }
            self.frame_end = None;
            self.mode = Mode::Body;
        }
        let Some(&end) = self.p.word.frames.get(&n) else {
            return false;
        };
        if !self.box_title(line, n) {
            self.p.notes.push((
                n,
                format!("a framed block (a one-cell table or bordered paragraphs) without a 专栏 title is read as text: {line}"),
            ));
            return false;
        }
        self.frame_end = Some(end);
        true
    }

    fn open_box(&mut self, number: u32, title: &str, n: usize) {
        let chapter = self.current_chapter(n);
        let chapter_no = chapter.number;
        current_section(chapter).blocks.push(PBlock::Box(number));
        self.p.boxes.push(PBox {
            number,
            chapter: chapter_no,
            title: title.to_string(),
            line: n,
            items: vec![],
        });
        self.mode = Mode::Box;
    }

    /// Adds a box item; false when the line cannot be one (an unnumbered
    /// line after numbered items ends the box).
    pub(super) fn box_item(&mut self, line: &str, n: usize) -> bool {
        let numbered_before = self
            .p
            .boxes
            .last()
            .is_some_and(|b| b.items.iter().any(|i| i.number.is_some()));
        if numbered_before && !NUMBERED.is_match(line) {
            return false;
        }
        self.item(line, n)
    }

    /// Adds `line` as an item of the last box, numbered when it opens with
    /// a number.
    fn item(&mut self, line: &str, n: usize) -> bool {
        let Some(b) = self.p.boxes.last_mut() else {
            return false;
        };
        let item = match NUMBERED.captures(line) {
            Some(c) => PItem {
                number: c[1].parse().ok(),
                text: c[2].to_string(),
                line: n,
                at: c.get(2).map_or(0, |m| m.start()),
            },
            None => PItem {
                number: None,
                text: line.to_string(),
                line: n,
                at: 0,
            },
        };
        b.items.push(item);
        true
    }
}
