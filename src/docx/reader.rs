//! Reading the body's WordprocessingML into blocks: paragraphs (style,
//! list number, runs), tables (spans, vertical merges) and bordered
//! frames.

use super::numbering::Numbering;
use super::styles::{num_pr, Styles};
use super::xml::El;
use super::{Block, Cell, Para, Run, Table};
use std::collections::BTreeMap;

pub(super) struct Reader<'a> {
    pub(super) styles: &'a Styles,
    pub(super) numbering: Numbering,
    pub(super) images: BTreeMap<String, String>,
}

impl Reader<'_> {
    /// The blocks of a body, cell or content control, in order.
    pub(super) fn blocks(&mut self, parent: &El, out: &mut Vec<Block>) {
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

    pub(super) fn para(&mut self, p: &El) -> Para {
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
