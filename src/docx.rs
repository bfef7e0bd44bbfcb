//! Reading a Word file (`.docx`, Office Open XML) into the plan's blocks:
//! its paragraphs and tables in order, with what a plain-text export loses
//! (heading levels from the styles, list numbers Word generates, bold lead
//! runs, footnotes, merged cells, images). Pure: bytes in, a [`Document`]
//! or a [`DocxError`] out.
//!
//! The zip container is read with the `zip` crate and the XML with
//! `quick-xml`, into a small element tree per part ([`xml`]); the rest is
//! the WordprocessingML this module understands. [`Document::to_seed`]
//! writes the text export the text importer reads and, keyed by its lines,
//! what only the Word file carries (bold leads, note references and texts,
//! images: a [`WordLayer`]), so both importers share the parsed items and
//! the one emitter. Tables go through the text export's table reader.

mod numbering;
mod xml;

pub use crate::seed::parse::{Marks, WordLayer};
use numbering::Numbering;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use xml::El;

/// A Word document, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Footnotes and endnotes by their reference ([`Run::note`]).
    pub notes: BTreeMap<String, String>,
    /// Images, by the name they are stored under in the package
    /// (`media/image1.png`), with their bytes.
    pub images: BTreeMap<String, Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
    /// Paragraphs inside one border (a bordered frame): a box, as a
    /// one-cell table is.
    Frame(Vec<Para>),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// 1 for a chapter heading, 2 for a section, …: from the paragraph's
    /// style (Heading N, 标题 N) or its outline level.
    pub heading: Option<u8>,
    /// The number Word generates for the paragraph (`第一章`, `（一）`),
    /// with what follows it, rebuilt from the list definition.
    pub label: Option<String>,
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    /// A footnote or endnote reference: `fn:ID` or `en:ID`, a key of
    /// [`Document::notes`].
    pub note: Option<String>,
    /// An image: its name in [`Document::images`].
    pub image: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub paras: Vec<Para>,
    /// Grid columns the cell spans (`gridSpan`), at least 1.
    pub span: u32,
    /// The cell continues the one above it (`vMerge` without `restart`).
    pub merged_up: bool,
}

impl Para {
    /// The paragraph's text: its generated number, then its runs.
    pub fn text(&self) -> String {
        let mut s = self.label.clone().unwrap_or_default();
        for r in &self.runs {
            s.push_str(&r.text);
        }
        s
    }

    /// The bold run(s) the paragraph opens with (its lead sentence), when
    /// it has text after them.
    pub fn lead(&self) -> Option<String> {
        let bold: String = self
            .runs
            .iter()
            .take_while(|r| r.bold || r.text.trim().is_empty())
            .map(|r| r.text.as_str())
            .collect();
        let rest = self
            .runs
            .iter()
            .skip_while(|r| r.bold || r.text.trim().is_empty());
        let more = rest.map(|r| r.text.trim()).any(|t| !t.is_empty());
        (!bold.trim().is_empty() && more).then(|| bold.trim().to_string())
    }
}

impl Cell {
    pub fn text(&self) -> String {
        let lines: Vec<String> = self.paras.iter().map(Para::text).collect();
        lines.join("\n")
    }
}

impl Document {
    /// The document as the plain-text export writes it, which the text
    /// importer reads: a line per paragraph; a table cell as a tab and its
    /// paragraphs, a blank line after each row; a frame as a one-cell
    /// table. Notes, bold and images are not in it.
    pub fn to_text(&self) -> String {
        self.to_seed().0
    }

    /// The text export ([`Document::to_text`]) and what only the Word file
    /// says of it ([`WordLayer`]): each body paragraph's bold lead and note
    /// references, keyed by its line, and the notes' texts.
    pub fn to_seed(&self) -> (String, WordLayer) {
        let mut layer = WordLayer::default();
        let label = |key: &str| match key.split_once(':') {
            Some(("en", id)) => format!("e{id}"),
            Some((_, id)) => id.to_string(),
            None => key.to_string(),
        };
        for (key, text) in &self.notes {
            layer.notes.insert(label(key), text.clone());
        }
        let mut out = String::new();
        let mut line = 1;
        // The last body paragraph with text: images follow it.
        let mut text_line = 1;
        let cell = |out: &mut String, text: &str| {
            out.push('\t');
            out.push_str(text);
            out.push('\n');
        };
        for b in &self.blocks {
            let before = out.len();
            match b {
                Block::Para(p) => {
                    let text = p.text();
                    if let Some(m) = marks(p, &text, &label) {
                        layer.bold_leads |= m.lead.is_some();
                        layer.marks.insert(line, m);
                    }
                    if !text.trim().is_empty() {
                        text_line = line;
                    }
                    for name in p.runs.iter().filter_map(|r| r.image.as_deref()) {
                        let Some(bytes) = self.images.get(name) else {
                            continue;
                        };
                        let file = name.rsplit('/').next().unwrap_or(name).to_string();
                        layer
                            .images
                            .entry(text_line)
                            .or_default()
                            .push(file.clone());
                        layer.image_files.insert(file, bytes.clone());
                    }
                    out.push_str(&text);
                    out.push('\n');
                }
                Block::Table(t) => {
                    for (i, row) in t.rows.iter().enumerate() {
                        if i > 0 {
                            out.push('\n');
                        }
                        for c in row.iter().filter(|c| !c.merged_up) {
                            cell(&mut out, &c.text());
                        }
                    }
                }
                Block::Frame(paras) => {
                    let lines: Vec<String> = paras.iter().map(Para::text).collect();
                    cell(&mut out, &lines.join("\n"));
                }
            }
            line += out[before..].matches('\n').count();
        }
        (out, layer)
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

/// Why a file could not be read as a Word document. Each message says what
/// to do, in Chinese and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// The old binary Word format (`.doc`).
    OldWord,
    /// Encrypted with a password (an OLE container holding the package).
    Encrypted,
    /// Not a zip file at all.
    NotZip(String),
    /// A zip file without `word/document.xml` (another Office file, say).
    NotWord,
    /// The document has no text.
    Empty,
    /// Tracked changes not yet accepted or rejected: how many.
    TrackedChanges(usize),
    /// A part of the package is damaged.
    Damaged { part: String, detail: String },
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::OldWord => write!(
                f,
                "这是旧版 Word 文件（.doc）。请在 Word 或 WPS 中“另存为” .docx 后再导入 / this is an old Word file (.doc); open it in Word or WPS, save it as .docx (Save As → Word Document), and import that"
            ),
            DocxError::Encrypted => write!(
                f,
                "该文件设有打开密码。请在 Word 中取消密码（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码）后保存再导入 / the file is protected by a password; remove it in Word (File → Info → Protect Document → Encrypt with Password, clear it), save, and import again"
            ),
            DocxError::NotZip(e) => write!(
                f,
                "不是有效的 .docx 文件（无法作为压缩包读取：{e}）。请确认文件完整，或在 Word 中重新保存 / not a valid .docx file (it cannot be read as a zip package: {e}); check that the file is complete, or save it again from Word"
            ),
            DocxError::NotWord => write!(
                f,
                "该压缩包不是 Word 文档（缺少 word/document.xml）。请导入规划的 .docx 文件 / this package is not a Word document (it has no word/document.xml); import the plan's .docx file"
            ),
            DocxError::Empty => write!(
                f,
                "文档中没有文字 / the document has no text; check that this is the plan's file"
            ),
            DocxError::TrackedChanges(n) => write!(
                f,
                "文档中有 {n} 处未处理的修订。请在 Word 中“审阅 → 接受 → 接受所有修订”（或逐条拒绝）后保存再导入，以免把未定稿的文字当作正式文本 / the document has {n} tracked changes; in Word choose Review → Accept → Accept All Changes (or reject them), save, and import again, so that no unapproved text is published as the official text"
            ),
            DocxError::Damaged { part, detail } => write!(
                f,
                "文件中的 {part} 已损坏（{detail}）。请在 Word 中重新保存 / the file's {part} is damaged ({detail}); save it again from Word"
            ),
        }
    }
}

impl std::error::Error for DocxError {}

/// The first bytes of an OLE compound file (`.doc`, or an encrypted
/// `.docx`).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether `bytes` hold the UTF-16LE name `name` (a stream of an OLE file).
fn has_utf16(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// Whether `bytes` look like a Word file of either format, so that the
/// importer reads them as one whatever the file is called.
pub fn looks_like_word(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&OLE_MAGIC)
}

/// Reads a `.docx` file's bytes.
pub fn read(bytes: &[u8]) -> Result<Document, DocxError> {
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(if has_utf16(bytes, "EncryptedPackage") {
            DocxError::Encrypted
        } else {
            DocxError::OldWord
        });
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::NotZip(e.to_string()))?;
    let mut part = |name: &str| -> Result<Option<Vec<u8>>, DocxError> {
        let mut f = match zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(name, e)),
        };
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).map_err(|e| damaged(name, e))?;
        Ok(Some(buf))
    };
    let body = part("word/document.xml")?.ok_or(DocxError::NotWord)?;
    let parse = |name: &str, b: Option<Vec<u8>>| -> Result<Option<El>, DocxError> {
        b.map(|b| xml::parse(&b).map_err(|e| damaged(name, e)))
            .transpose()
    };
    let body = parse("word/document.xml", Some(body))?.ok_or(DocxError::NotWord)?;
    let styles = parse("word/styles.xml", part("word/styles.xml")?)?;
    let numbering = parse("word/numbering.xml", part("word/numbering.xml")?)?;
    let footnotes = parse("word/footnotes.xml", part("word/footnotes.xml")?)?;
    let endnotes = parse("word/endnotes.xml", part("word/endnotes.xml")?)?;
    let rels = parse(
        "word/_rels/document.xml.rels",
        part("word/_rels/document.xml.rels")?,
    )?;

    let tracked = body.count(&["ins", "del", "moveFrom", "moveTo"]);
    if tracked > 0 {
        return Err(DocxError::TrackedChanges(tracked));
    }
    let styles = Styles::read(styles.as_ref());
    let mut reader = Reader {
        styles: &styles,
        numbering: Numbering::read(numbering.as_ref()),
        images: rels.as_ref().map(image_targets).unwrap_or_default(),
    };
    let mut doc = Document::default();
    for (prefix, notes) in [("fn", &footnotes), ("en", &endnotes)] {
        for n in notes
            .iter()
            .flat_map(|n| n.children_named(&["footnote", "endnote"]))
        {
            let id = n.attr("id").unwrap_or_default();
            // Separators have a type; real notes have none (or "normal").
            if n.attr("type").is_some_and(|t| t != "normal") {
                continue;
            }
            let text: Vec<String> = n
                .descendants("p")
                .map(|p| reader.para(p).text().trim().to_string())
                .collect();
            doc.notes.insert(format!("{prefix}:{id}"), text.join("\n"));
        }
    }
    let Some(body_el) = body.child("body") else {
        return Err(DocxError::Empty);
    };
    reader.blocks(body_el, &mut doc.blocks);
    if doc.paras().all(|p| p.text().trim().is_empty()) {
        return Err(DocxError::Empty);
    }
    let wanted: Vec<String> = doc
        .paras()
        .flat_map(|p| p.runs.iter().filter_map(|r| r.image.clone()))
        .collect();
    for name in wanted {
        if let Some(b) = part(&format!("word/{name}"))? {
            doc.images.insert(name, b);
        }
    }
    Ok(doc)
}

fn damaged(part: &str, e: impl fmt::Display) -> DocxError {
    DocxError::Damaged {
        part: part.to_string(),
        detail: e.to_string(),
    }
}

/// Relationship id → image path inside `word/`.
fn image_targets(rels: &El) -> BTreeMap<String, String> {
    rels.children_named(&["Relationship"])
        .filter(|r| r.attr("Type").is_some_and(|t| t.ends_with("/image")))
        .filter_map(|r| Some((r.attr("Id")?.to_string(), r.attr("Target")?.to_string())))
        .collect()
}

/// What the styles say of a paragraph: its outline level, its list.
#[derive(Debug, Default)]
struct Styles {
    /// Style id → (outline level 0-8, list id and level, based on).
    by_id: BTreeMap<String, StyleInfo>,
}

#[derive(Debug, Default, Clone)]
struct StyleInfo {
    outline: Option<u8>,
    num: Option<(String, u8)>,
    based_on: Option<String>,
}

impl Styles {
    fn read(styles: Option<&El>) -> Styles {
        let mut by_id = BTreeMap::new();
        for s in styles.iter().flat_map(|s| s.children_named(&["style"])) {
            if s.attr("type") != Some("paragraph") {
                continue;
            }
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let name = s
                .child("name")
                .and_then(|n| n.attr("val"))
                .unwrap_or_default();
            let ppr = s.child("pPr");
            let outline = ppr
                .and_then(|p| p.child("outlineLvl"))
                .and_then(|o| o.attr("val")?.parse().ok())
                .or_else(|| heading_level(name).map(|l| l - 1));
            let num = ppr.and_then(num_pr);
            let based_on = s
                .child("basedOn")
                .and_then(|b| b.attr("val"))
                .map(String::from);
            by_id.insert(
                id.to_string(),
                StyleInfo {
                    outline,
                    num,
                    based_on,
                },
            );
        }
        Styles { by_id }
    }

    /// A style's value, or the first style it is based on that has one.
    fn find<T>(&self, id: &str, get: impl Fn(&StyleInfo) -> Option<T>) -> Option<T> {
        let mut id = id.to_string();
        for _ in 0..16 {
            let s = self.by_id.get(&id)?;
            if let Some(v) = get(s) {
                return Some(v);
            }
            id = s.based_on.clone()?;
        }
        None
    }
}

/// `heading 2`, `Heading 2`, `标题 2` → 2.
fn heading_level(name: &str) -> Option<u8> {
    let n = name.trim().to_lowercase();
    let rest = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("标题"))?;
    let level: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

/// A `w:numPr`: list id and level.
fn num_pr(ppr: &El) -> Option<(String, u8)> {
    let n = ppr.child("numPr")?;
    let id = n.child("numId")?.attr("val")?.to_string();
    let level = n
        .child("ilvl")
        .and_then(|l| l.attr("val")?.parse().ok())
        .unwrap_or(0);
    Some((id, level))
}

struct Reader<'a> {
    styles: &'a Styles,
    numbering: Numbering,
    images: BTreeMap<String, String>,
}

impl Reader<'_> {
    /// The blocks of a body, cell or content control, in order.
    fn blocks(&mut self, parent: &El, out: &mut Vec<Block>) {
        // Whether the last block is a frame of bordered paragraphs, which
        // the next bordered paragraph joins.
        let mut in_border = false;
        for el in parent.elements() {
            match el.name.as_str() {
                "p" => {
                    let bordered = el.child("pPr").and_then(|p| p.child("pBdr")).is_some();
                    let p = self.para(el);
                    match (bordered, in_border, out.last_mut()) {
                        (true, true, Some(Block::Frame(ps))) => ps.push(p),
                        (true, _, _) => out.push(Block::Frame(vec![p])),
                        (false, _, _) => out.push(Block::Para(p)),
                    }
                    in_border = bordered;
                }
                "tbl" => {
                    out.push(self.table(el));
                    in_border = false;
                }
                // Content controls and custom XML wrap ordinary blocks.
                "sdt" | "sdtContent" | "customXml" => self.blocks(el, out),
                _ => {}
            }
        }
    }

    /// A table; one with a single cell is a box, as a frame is.
    fn table(&mut self, tbl: &El) -> Block {
        let mut rows = vec![];
        for tr in tbl.children_named(&["tr"]) {
            let mut row = vec![];
            for tc in tr.children_named(&["tc"]) {
                let pr = tc.child("tcPr");
                let span = pr
                    .and_then(|p| p.child("gridSpan"))
                    .and_then(|g| g.attr("val")?.parse().ok())
                    .unwrap_or(1);
                let merged_up = pr
                    .and_then(|p| p.child("vMerge"))
                    .is_some_and(|v| v.attr("val").is_none_or(|v| v == "continue"));
                let mut blocks = vec![];
                self.blocks(tc, &mut blocks);
                let paras = blocks
                    .into_iter()
                    .flat_map(|b| match b {
                        Block::Para(p) => vec![p],
                        Block::Frame(ps) => ps,
                        // A table inside a cell: its cells' paragraphs.
                        Block::Table(t) => {
                            t.rows.into_iter().flatten().flat_map(|c| c.paras).collect()
                        }
                    })
                    .collect();
                row.push(Cell {
                    paras,
                    span,
                    merged_up,
                });
            }
            rows.push(row);
        }
        if let [row] = rows.as_slice() {
            if let [cell] = row.as_slice() {
                return Block::Frame(cell.paras.clone());
            }
        }
        Block::Table(Table { rows })
    }

    fn para(&mut self, p: &El) -> Para {
        let ppr = p.child("pPr");
        let style = ppr
            .and_then(|p| p.child("pStyle"))
            .and_then(|s| s.attr("val"))
            .unwrap_or("Normal");
        let outline = ppr
            .and_then(|p| p.child("outlineLvl"))
            .and_then(|o| o.attr("val")?.parse::<u8>().ok())
            .or_else(|| self.styles.find(style, |s| s.outline));
        // Level 9 is Word's "body text".
        let heading = outline.filter(|l| *l < 9).map(|l| l + 1);
        let num = ppr
            .and_then(num_pr)
            .or_else(|| self.styles.find(style, |s| s.num.clone()));
        let label = num.and_then(|(id, level)| self.numbering.next(&id, level));
        let mut runs = vec![];
        self.runs(p, &mut runs);
        runs.retain(|r| !r.text.is_empty() || r.note.is_some() || r.image.is_some());
        Para {
            heading,
            label,
            runs,
        }
    }

    /// The runs of a paragraph, through hyperlinks, fields and smart tags.
    fn runs(&self, parent: &El, out: &mut Vec<Run>) {
        for el in parent.elements() {
            match el.name.as_str() {
                "r" => self.run(el, out),
                "hyperlink" | "fldSimple" | "smartTag" | "sdt" | "sdtContent" | "customXml" => {
                    self.runs(el, out)
                }
                _ => {}
            }
        }
    }

    fn run(&self, r: &El, out: &mut Vec<Run>) {
        let bold = r.child("rPr").and_then(|p| p.child("b")).is_some_and(|b| {
            b.attr("val")
                .is_none_or(|v| !matches!(v, "0" | "false" | "off"))
        });
        let mut text = String::new();
        let push = |out: &mut Vec<Run>, run: Run| out.push(run);
        for el in r.elements() {
            match el.name.as_str() {
                "t" => text.push_str(&el.text()),
                "tab" => text.push('\t'),
                "br" | "cr" => text.push('\n'),
                "noBreakHyphen" => text.push('-'),
                "sym" => {
                    if let Some(c) = el
                        .attr("char")
                        .and_then(|c| u32::from_str_radix(c, 16).ok())
                        .and_then(char::from_u32)
                    {
                        text.push(c);
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    let kind = if el.name == "footnoteReference" {
                        "fn"
                    } else {
                        "en"
                    };
                    push(out, run_of(std::mem::take(&mut text), bold));
                    push(
                        out,
                        Run {
                            note: el.attr("id").map(|id| format!("{kind}:{id}")),
                            ..Run::default()
                        },
                    );
                }
                "drawing" | "pict" | "object" => {
                    for blip in el.descendants("blip").chain(el.descendants("imagedata")) {
                        let id = blip.attr("embed").or_else(|| blip.attr("id"));
                        if let Some(target) = id.and_then(|id| self.images.get(id)) {
                            push(out, run_of(std::mem::take(&mut text), bold));
                            push(
                                out,
                                Run {
                                    image: Some(target.clone()),
                                    ..Run::default()
                                },
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        push(out, run_of(text, bold));
    }
}

fn run_of(text: String, bold: bool) -> Run {
    Run {
        text,
        bold,
        ..Run::default()
    }
}

#[cfg(test)]
mod tests;
