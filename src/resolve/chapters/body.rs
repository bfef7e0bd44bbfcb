//! One chapter made from its files: the Chinese blocks read in order into
//! sections and notes, each paragraph matched to the English file's
//! paragraph of its key.

use super::english::{directive, english, english_of, unmatched, EnParas, ParaKey};
use super::{front, render_para, unreadable};
use crate::diag::Diagnostics;
use crate::fingerprint;
use crate::load::{RawChapter, Source};
use crate::markdown::{self, MdBlock};
use crate::model::*;
use crate::resolve::common::Coverage;
use std::collections::{BTreeMap, BTreeSet};

/// A chapter made from its Chinese file and, when it has one, its English
/// file; `images`: the names `content/images/` holds (`images/NAME`).
pub(super) fn chapter(
    rc: &RawChapter,
    images: &BTreeSet<&str>,
    d: &mut Diagnostics,
) -> Option<(Chapter, Coverage)> {
    let (zh_file, zh_front) = front(&rc.zh, d)?;
    let en = rc.en.as_ref().and_then(|s| front(s, d).map(|f| (s, f)));
    let en_side = EnSide::of(en.as_ref().map(|(src, (file, _))| (*src, file)), d);
    let mut body = Body::new(rc, images, zh_front.number, en_side);
    for block in &zh_file.blocks {
        body.block(block, d);
    }
    if let Some(src) = body.en.src {
        unmatched(src, body.en.paras, d);
    }
    let title = Localized::new(
        zh_front.title.clone(),
        en.as_ref()
            .map(|(_, (_, f))| f.title.clone())
            .unwrap_or_default(),
    );
    let part = zh_front.part.clone().map(|zh| {
        let en = en.as_ref().and_then(|(_, (_, f))| f.part.clone());
        Localized::new(zh, en.unwrap_or_default())
    });
    Some((
        Chapter {
            number: body.number,
            title,
            part,
            sections: body.sections,
            notes: body.notes,
        },
        body.cov,
    ))
}

/// What the Chinese blocks of a chapter are matched to in its English
/// file: empty when it has none.
struct EnSide<'a> {
    src: Option<&'a Source>,
    /// The sections' titles, by index (0: the chapter's opening).
    titles: Vec<String>,
    /// The keyed paragraphs not yet matched.
    paras: EnParas,
    /// The notes, by label.
    notes: BTreeMap<&'a str, String>,
}

impl<'a> EnSide<'a> {
    /// The English file `en` (its source and blocks), read.
    fn of(en: Option<(&'a Source, &'a markdown::MdFile)>, d: &mut Diagnostics) -> Self {
        let (titles, paras) = match en {
            Some((src, file)) => english(src, file, d),
            None => (vec![], BTreeMap::new()),
        };
        let notes = en
            .iter()
            .flat_map(|(_, f)| &f.blocks)
            .filter_map(|b| match b {
                MdBlock::Note { label, text, .. } => Some((label.as_str(), text.clone())),
                _ => None,
            })
            .collect();
        EnSide {
            src: en.map(|(src, _)| src),
            titles,
            paras,
            notes,
        }
    }
}

/// A chapter's body as its Chinese blocks are read in order: the sections
/// so far (the last one is being read), its notes, and its English
/// coverage.
struct Body<'a> {
    rc: &'a RawChapter,
    images: &'a BTreeSet<&'a str>,
    number: u32,
    en: EnSide<'a>,
    sections: Vec<Section>,
    /// The number of the last paragraph of the current section.
    pn: usize,
    notes: Vec<Note>,
    cov: Coverage,
}

impl<'a> Body<'a> {
    /// The body of chapter `number` before its first block: one untitled
    /// section, for what comes before the first heading.
    fn new(rc: &'a RawChapter, images: &'a BTreeSet<&'a str>, number: u32, en: EnSide<'a>) -> Self {
        Body {
            rc,
            images,
            number,
            en,
            sections: vec![Section {
                index: 0,
                title: Localized::default(),
                blocks: vec![],
            }],
            pn: 0,
            notes: vec![],
            cov: Coverage {
                chapter: number,
                ..Coverage::default()
            },
        }
    }

    /// Reads the next Chinese block.
    fn block(&mut self, block: &MdBlock, d: &mut Diagnostics) {
        match block {
            MdBlock::Heading { title, .. } => self.heading(title),
            MdBlock::Directive { line, name, arg } => {
                if let Some(b) = directive(&self.rc.zh, self.images, (*line, name, arg), d) {
                    self.current().blocks.push(b);
                }
            }
            MdBlock::Para { line, text, .. } => self.para(*line, text, d),
            MdBlock::Note { label, text, .. } => self.note(label, text),
            MdBlock::Bad { line, text } => d.push(unreadable(&self.rc.zh, *line, text)),
        }
    }

    /// The section being read.
    fn current(&mut self) -> &mut Section {
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    /// Starts the next section, titled `title` (and its English title).
    fn heading(&mut self, title: &str) {
        let index = self.sections.len();
        let en_title = self.en.titles.get(index).cloned().unwrap_or_default();
        self.sections.push(Section {
            index,
            title: Localized::new(title.to_string(), en_title),
            blocks: vec![],
        });
        self.pn = 0;
    }

    /// Adds the paragraph `text` on `line` to the current section, with
    /// the English paragraph of its key.
    fn para(&mut self, line: usize, text: &str, d: &mut Diagnostics) {
        let si = self.sections.len() - 1;
        self.pn += 1;
        let pn = self.pn;
        let zh = render_para(&self.rc.zh, line, text, d);
        let fp = fingerprint::paragraph(text);
        let key = ParaKey {
            si,
            pn,
            line,
            fp: &fp,
        };
        let p = self.en.paras.remove(&(si, pn));
        let en = english_of(self.rc, self.en.src, p, key, &mut self.cov, d);
        let id = ParaId(format!("c{:02}-s{si}-p{pn}", self.number));
        self.current().blocks.push(Block::Para(Paragraph {
            id,
            zh,
            en,
            tasks: vec![],
        }));
    }

    /// Adds note `label`, with the English file's note of that label.
    fn note(&mut self, label: &str, text: &str) {
        let en = self.en.notes.get(label).cloned().unwrap_or_default();
        self.notes.push(Note {
            label: label.to_string(),
            text: Localized::new(markdown::unescape(text), markdown::unescape(&en)),
        });
    }
}
