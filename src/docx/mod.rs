//! Reading a Word file (`.docx`, Office Open XML) into the plan's blocks:
//! its paragraphs and tables in order, with what a plain-text export loses
//! (heading levels from the styles, list numbers Word generates, bold lead
//! runs, footnotes, merged cells, images). Pure: bytes in, a [`Document`]
//! or a [`DocxError`] out.
//!
//! The zip container is read with the `zip` crate and the XML with
//! `quick-xml`, into a small element tree per part ([`xml`]); [`styles`]
//! and [`numbering`] read the style and list parts, [`reader`] the body,
//! [`error`] says why a file is refused. [`Document::to_seed`] ([`seed`])
//! writes the text export the text importer reads and, keyed by its lines,
//! what only the Word file carries (bold leads, note references and texts,
//! images, the lines each boxed frame spans: a [`WordLayer`]), so both
//! importers share the parsed items and the one emitter. Tables go through
//! the text export's table reader.

mod error;
mod numbering;
mod reader;
mod seed;
mod styles;
mod xml;

pub use crate::seed::parse::{Marks, WordLayer};
use error::{damaged, has_utf16, OLE_MAGIC};
pub use error::{looks_like_word, DocxError};
use numbering::Numbering;
use reader::Reader;
use std::collections::BTreeMap;
use std::io::Read;
use styles::Styles;
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

/// The parts of a package this reader uses, each parsed when present.
struct Parts {
    body: El,
    styles: Option<El>,
    numbering: Option<El>,
    footnotes: Option<El>,
    endnotes: Option<El>,
    rels: Option<El>,
}

/// A part's bytes; `None` when the package has no such part.
fn part_bytes<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<Vec<u8>>, DocxError> {
    let mut f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged(name, e)),
    };
    let mut buf = Vec::new();
    f.read_to_end(&mut buf).map_err(|e| damaged(name, e))?;
    Ok(Some(buf))
}

impl Parts {
    fn read<R: std::io::Read + std::io::Seek>(
        zip: &mut zip::ZipArchive<R>,
    ) -> Result<Parts, DocxError> {
        let mut part = |name: &str| -> Result<Option<El>, DocxError> {
            part_bytes(zip, name)?
                .map(|b| xml::parse(&b).map_err(|e| damaged(name, e)))
                .transpose()
        };
        Ok(Parts {
            body: part("word/document.xml")?.ok_or(DocxError::NotWord)?,
            styles: part("word/styles.xml")?,
            numbering: part("word/numbering.xml")?,
            footnotes: part("word/footnotes.xml")?,
            endnotes: part("word/endnotes.xml")?,
            rels: part("word/_rels/document.xml.rels")?,
        })
    }
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
    let parts = Parts::read(&mut zip)?;
    let tracked = parts.body.count(&["ins", "del", "moveFrom", "moveTo"]);
    if tracked > 0 {
        return Err(DocxError::TrackedChanges(tracked));
    }
    let styles = Styles::read(parts.styles.as_ref());
    let mut reader = Reader {
        styles: &styles,
        numbering: Numbering::read(parts.numbering.as_ref()),
        images: parts.rels.as_ref().map(image_targets).unwrap_or_default(),
    };
    let mut doc = Document::default();
    for (prefix, notes) in [("fn", &parts.footnotes), ("en", &parts.endnotes)] {
        read_notes(&mut reader, prefix, notes.as_ref(), &mut doc.notes);
    }
    let Some(body_el) = parts.body.child("body") else {
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
        if let Some(b) = part_bytes(&mut zip, &format!("word/{name}"))? {
            doc.images.insert(name, b);
        }
    }
    Ok(doc)
}

/// The footnotes or endnotes of a notes part, as `PREFIX:ID` → text.
fn read_notes(
    reader: &mut Reader<'_>,
    prefix: &str,
    part: Option<&El>,
    out: &mut BTreeMap<String, String>,
) {
    for n in part
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
        out.insert(format!("{prefix}:{id}"), text.join("\n"));
    }
}

/// Relationship id → image path inside `word/`.
fn image_targets(rels: &El) -> BTreeMap<String, String> {
    rels.children_named(&["Relationship"])
        .filter(|r| r.attr("Type").is_some_and(|t| t.ends_with("/image")))
        .filter_map(|r| Some((r.attr("Id")?.to_string(), r.attr("Target")?.to_string())))
        .collect()
}

#[cfg(test)]
mod tests;
