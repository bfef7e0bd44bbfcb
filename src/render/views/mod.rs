//! Typed template views, borrowed from the model where possible. Each page
//! template receives `c` (the common frame) and `p` (its own view).

pub mod commitments;
pub mod department;
pub mod frame_extra;
pub mod pages;
pub mod progress;

use crate::model::*;
use crate::render::html::para::{esc, paragraph, ParaCtx, ParaView};
pub use crate::render::html::text::{text, value_text, Link, Text};
use crate::render::links::{url_for, zh_numeral};
use serde::Serialize;

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BlockView {
    Para(ParaView),
    Box(BoxView),
    Indicators(TableView),
    Image(ImageView),
}

#[derive(Serialize)]
pub struct ImageView {
    /// Relative to the page.
    pub src: String,
    pub alt: String,
}

#[derive(Serialize)]
pub struct SectionView {
    pub id: String,
    pub heading: String,
    pub title: Text,
    pub blocks: Vec<BlockView>,
}

#[derive(Serialize)]
pub struct ChapterView {
    pub id: String,
    pub number: u32,
    pub heading: String,
    pub title: Text,
    /// The 第X篇 part this chapter opens.
    pub part: Option<Text>,
    pub href: String,
    pub sections: Vec<SectionView>,
    /// The chapter's footnotes and endnotes, which its paragraphs' note
    /// references link to (`#note-LABEL`).
    pub notes: Vec<NoteView>,
}

#[derive(Serialize)]
pub struct NoteView {
    pub id: String,
    pub label: String,
    pub text: Text,
}

#[derive(Serialize)]
pub struct BoxItemView {
    pub number: Option<u32>,
    pub para: ParaView,
    /// The item's latest reported status, on the key projects page once a
    /// release exists; none in the chapters' text.
    pub status: Option<crate::render::views::progress::common::Badge>,
}

#[derive(Serialize)]
pub struct BoxView {
    pub id: String,
    pub label: String,
    pub title: Text,
    pub chapter_href: String,
    pub chapter_heading: String,
    pub items: Vec<BoxItemView>,
}

#[derive(Serialize)]
pub struct RowView {
    pub number: u32,
    pub name: Text,
    pub unit: String,
    pub star: bool,
    pub baseline: Text,
    pub target: Text,
    /// "“十三五”五年累计" when the value is a total, not a level.
    pub baseline_kind: Option<String>,
    pub target_kind: Option<String>,
    pub binding: bool,
    pub attribute: String,
}

#[derive(Serialize)]
pub struct GroupView {
    pub label: String,
    pub name: Text,
    pub rows: Vec<RowView>,
}

#[derive(Serialize)]
pub struct TableView {
    /// Prefix of `NN/index.html` (the indicator pages) from this page.
    pub row_base: String,
    pub title: Text,
    pub groups: Vec<GroupView>,
    pub footnote: Text,
}

/// `第三章` / `Chapter 3`; none for chapter 0, the text the plan prints
/// before its first chapter, which has no number.
pub fn chapter_heading(cx: &ParaCtx<'_>, n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    match cx.lang {
        Lang::Zh => cat!("第", zh_numeral(n), "章"),
        Lang::En => cat!(cx.i18n.get(Lang::En, "chapter"), " ", n.to_string()),
    }
}

/// The label of a value that is not a level: `key`'s string for a
/// cumulative one.
pub fn kind_label(cx: &ParaCtx<'_>, kind: ValueKind, key: &str) -> Option<String> {
    match kind {
        ValueKind::Level => None,
        ValueKind::Cumulative => Some(cx.i18n.get(cx.lang, key)),
    }
}

/// A chapter's title; the preamble's, which the plan does not print, is
/// the UI's word for it (前言 / Preamble).
pub fn chapter_title(cx: &ParaCtx<'_>, ch: &Chapter) -> Text {
    if ch.title.zh.trim().is_empty() {
        return Text {
            text: cx.i18n.get(cx.lang, "preamble"),
            lang: None,
        };
    }
    text(&ch.title, cx.lang)
}

/// The heading and the title, as a link or a list names a chapter.
pub fn chapter_label(cx: &ParaCtx<'_>, ch: &Chapter) -> (String, Option<&'static str>) {
    let title = chapter_title(cx, ch);
    let heading = chapter_heading(cx, ch.number);
    let label = if heading.is_empty() {
        title.text
    } else {
        cat!(heading, " ", title.text)
    };
    (label, title.lang)
}

fn section_heading(lang: Lang, i18n: &crate::i18n::I18n, n: usize) -> String {
    match lang {
        Lang::Zh => cat!("第", zh_numeral(n as u32), "节"),
        Lang::En => cat!(i18n.get(Lang::En, "section"), " ", n.to_string()),
    }
}

pub fn table(cx: &ParaCtx<'_>) -> TableView {
    let t = &cx.site.table;
    let groups = t
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| GroupView {
            label: if cx.lang == Lang::Zh {
                g.label.clone()
            } else {
                format!("({}) ", i + 1)
            },
            name: text(&g.name, cx.lang),
            rows: t
                .indicators
                .iter()
                .filter(|i| i.group == g.id)
                .map(|i| row(cx, i))
                .collect(),
        })
        .collect();
    let row_base = url_for(cx.from, &format!("{}indicators/", cx.lang.prefix()));
    TableView {
        row_base,
        title: text(&t.title, cx.lang),
        groups,
        footnote: text(&t.footnote, cx.lang),
    }
}

pub fn row(cx: &ParaCtx<'_>, i: &Indicator) -> RowView {
    let binding = i.attribute == Attribute::Binding;
    let unit = if i.unit.zh.is_empty() {
        String::new()
    } else {
        text(&i.unit, cx.lang).text
    };
    RowView {
        number: i.number,
        name: text(&i.name, cx.lang),
        unit,
        star: i.definition_changed,
        baseline: value_text(&i.baseline, cx.lang),
        target: value_text(&i.target, cx.lang),
        baseline_kind: kind_label(cx, i.baseline_kind, "kind_cumulative_baseline"),
        target_kind: kind_label(cx, i.target_kind, "kind_cumulative_target"),
        binding,
        attribute: cx
            .i18n
            .get(cx.lang, if binding { "binding" } else { "expected" }),
    }
}

pub fn key_box(cx: &ParaCtx<'_>, b: &KeyBox) -> BoxView {
    let label = match cx.lang {
        Lang::Zh => format!("专栏{}：", b.number),
        Lang::En => format!("{} {}: ", cx.i18n.get(Lang::En, "box"), b.number),
    };
    let items = b
        .items
        .iter()
        .map(|it| {
            let tasks = cx.index.tasks_of(&it.id);
            let mut para = paragraph(cx, &it.id, &it.zh, &it.en, tasks);
            para.prefix = it
                .number
                .map(|n| format!("{n}{}", cx.i18n.get(cx.lang, "num_sep")));
            BoxItemView {
                number: it.number,
                para,
                status: None,
            }
        })
        .collect();
    BoxView {
        id: format!("box{}", b.number),
        label,
        title: text(&b.title, cx.lang),
        chapter_href: crate::render::links::chapter_url(cx.from, cx.lang, b.chapter, ""),
        chapter_heading: match chapter_heading(cx, b.chapter) {
            h if h.is_empty() => cx.i18n.get(cx.lang, "preamble"),
            h => h,
        },
        items,
    }
}

pub fn chapter(cx: &ParaCtx<'_>, ch: &Chapter) -> ChapterView {
    let sections = ch
        .sections
        .iter()
        .map(|s| {
            let blocks = s
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Para(p) => {
                        let tasks = cx.index.tasks_of(&p.id);
                        Some(BlockView::Para(paragraph(cx, &p.id, &p.zh, &p.en, tasks)))
                    }
                    Block::Indicators => Some(BlockView::Indicators(table(cx))),
                    Block::Image { src } => Some(BlockView::Image(ImageView {
                        src: crate::render::links::url_for(cx.from, src),
                        alt: cx.i18n.get(cx.lang, "image_alt"),
                    })),
                    Block::Box { number } => cx
                        .site
                        .boxes
                        .iter()
                        .find(|x| x.number == *number)
                        .map(|b| BlockView::Box(key_box(cx, b))),
                })
                .collect();
            SectionView {
                id: format!("c{:02}-s{}", ch.number, s.index),
                heading: if s.index == 0 {
                    String::new()
                } else {
                    section_heading(cx.lang, cx.i18n, s.index)
                },
                title: text(&s.title, cx.lang),
                blocks,
            }
        })
        .collect();
    ChapterView {
        id: format!("c{:02}", ch.number),
        number: ch.number,
        heading: chapter_heading(cx, ch.number),
        title: chapter_title(cx, ch),
        part: ch.part.as_ref().map(|p| text(p, cx.lang)),
        href: crate::render::links::chapter_url(cx.from, cx.lang, ch.number, ""),
        sections,
        notes: ch
            .notes
            .iter()
            .map(|n| NoteView {
                id: cat!("note-", n.label),
                label: n.label.clone(),
                text: text(&n.text, cx.lang),
            })
            .collect(),
    }
}

/// Link to a paragraph anchor on its chapter page.
pub fn para_href(cx: &ParaCtx<'_>, chapter: u32, id: &str) -> String {
    crate::render::links::chapter_url(cx.from, cx.lang, chapter, &esc(id))
}
