//! A read document as the text importer's input: the text export it
//! would be, and keyed by its lines what only the Word file carries
//! (a [`WordLayer`]).

use super::{Block, Document, Marks, Para, Table, WordLayer};

impl Document {
    /// The document as the plain-text export writes it, which the text
    /// importer reads: a line per paragraph; a table cell as a tab and its
    /// paragraphs (a cell merged into the one above it repeats its text),
    /// a blank line after each row; a frame as a one-cell table. Notes,
    /// bold and images are not in it.
    pub fn to_text(&self) -> String {
        self.to_seed().0
    }

    /// The text export ([`Document::to_text`]) and what only the Word file
    /// says of it ([`WordLayer`]): each paragraph's bold lead and note
    /// references, keyed by its line, the notes' texts, the images after
    /// each line and the lines each frame spans.
    pub fn to_seed(&self) -> (String, WordLayer) {
        let mut w = Writer {
            doc: self,
            out: String::new(),
            line: 1,
            text_line: 1,
            layer: WordLayer::default(),
        };
        for (key, text) in &self.notes {
            w.layer.notes.insert(label(key), text.clone());
        }
        for b in &self.blocks {
            let before = w.out.len();
            match b {
                Block::Para(p) => w.para(p),
                Block::Table(t) => w.table(t),
                Block::Frame(paras) => w.frame(paras),
            }
            w.line += w.out[before..].matches('\n').count();
        }
        (w.out, w.layer)
    }

    /// Every paragraph of the document, tables and frames included.
    pub fn paras(&self) -> impl Iterator<Item = &Para> {
        self.blocks
            .iter()
            .flat_map(|b| -> Box<dyn Iterator<Item = &Para>> {
                match b {
                    Block::Para(p) => Box::new(std::iter::once(p)),
                    Block::Frame(ps) => Box::new(ps.iter()),
                    Block::Table(t) => {
                        Box::new(t.rows.iter().flatten().flat_map(|c| c.paras.iter()))
                    }
                }
            })
    }
}

/// The lead and note references of a one-line body paragraph, as byte
/// offsets into its line as the text importer reads it (trimmed).
fn marks(p: &Para, text: &str, label: &dyn Fn(&str) -> String) -> Option<Marks> {
    if text.contains('\n') {
        return None;
    }
    let shift = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    let mut at = p.label.as_ref().map_or(0, String::len);
    let mut notes = vec![];
    for r in &p.runs {
        if let Some(key) = &r.note {
            notes.push((at.saturating_sub(shift).min(trimmed.len()), label(key)));
        }
        at += r.text.len();
    }
    // A lead opens the paragraph: not after a generated number.
    let lead = p
        .lead()
        .filter(|l| p.label.is_none() && trimmed.starts_with(l.as_str()))
        .map(|l| l.len());
    (lead.is_some() || !notes.is_empty()).then_some(Marks { lead, notes })
}

/// A note's label in the content: footnote `fn:3` → `3`, endnote `en:3`
/// → `e3`.
fn label(key: &str) -> String {
    match key.split_once(':') {
        Some(("en", id)) => format!("e{id}"),
        Some((_, id)) => id.to_string(),
        None => key.to_string(),
    }
}

/// Writes the text export block by block, keeping the line it is at.
struct Writer<'a> {
    doc: &'a Document,
    out: String,
    /// The line the next block starts at.
    line: usize,
    /// The last body paragraph with text: images follow it.
    text_line: usize,
    layer: WordLayer,
}

impl Writer<'_> {
    fn cell(&mut self, text: &str) {
        self.out.push('\t');
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn para(&mut self, p: &Para) {
        let text = p.text();
        if let Some(m) = marks(p, &text, &label) {
            self.layer.bold_leads |= m.lead.is_some();
            self.layer.marks.insert(self.line, m);
        }
        if !text.trim().is_empty() {
            self.text_line = self.line;
        }
        for name in p.runs.iter().filter_map(|r| r.image.as_deref()) {
            let Some(bytes) = self.doc.images.get(name) else {
                continue;
            };
            let file = name.rsplit('/').next().unwrap_or(name).to_string();
            let after = self.layer.images.entry(self.text_line).or_default();
            after.push(file.clone());
            self.layer.image_files.insert(file, bytes.clone());
        }
        self.out.push_str(&text);
        self.out.push('\n');
    }

    /// A table, a blank line between rows. A cell merged into the one
    /// above it (`vMerge`) holds that cell's text, as Word shows it across
    /// both rows, so every row has all its cells.
    fn table(&mut self, t: &Table) {
        // The text of the cell covering each grid column in the last row.
        let mut above: Vec<String> = vec![];
        for (i, row) in t.rows.iter().enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            let mut col = 0;
            let mut this: Vec<String> = vec![];
            for c in row {
                let span = c.span.max(1) as usize;
                let text = if c.merged_up {
                    above.get(col).cloned().unwrap_or_default()
                } else {
                    c.text()
                };
                self.cell(&text);
                this.extend(std::iter::repeat_n(text, span));
                col += span;
            }
            above = this;
        }
    }

    /// A frame (a one-cell table or bordered paragraphs) as a one-cell
    /// table, with its paragraphs' marks and the lines it spans.
    fn frame(&mut self, paras: &[Para]) {
        let lines: Vec<String> = paras.iter().map(Para::text).collect();
        self.cell(&lines.join("\n"));
        let mut at = self.line;
        // The frame's first line with text, where a box title would be.
        let mut first = None;
        for (p, text) in paras.iter().zip(&lines) {
            if let Some(m) = marks(p, text, &label) {
                self.layer.marks.insert(at, m);
            }
            if first.is_none() && !text.trim().is_empty() {
                first = Some(at);
            }
            at += text.matches('\n').count() + 1;
        }
        if let Some(first) = first {
            self.layer.frames.insert(first, at - 1);
        }
    }
}
