//! The chapter files (`chapters/NN.zh.md`, `.en.md`) and the key-project
//! boxes (`projects.toml`) of an emitted plan, with the notes their
//! paragraphs and box items reference.

use super::data::paragraph_data;
use super::{en_markdown, en_title, toml_text, tr_text, Ctx};
use crate::fingerprint;
use crate::schema::*;
use crate::seed::parse::{PBlock, PBox, PChapter, PItem};
use crate::seed::text;

/// The Chinese chapter file, and the English one when there is any English
/// for the chapter. A heading without English keeps its place in the
/// English file with the Chinese title, so later headings stay aligned.
pub(super) fn chapter_files(
    cx: &mut Ctx<'_>,
    ch: &PChapter,
    boxes: &[PBox],
) -> (String, Option<String>) {
    let mut zh = front(ch.number, &ch.title, ch.part.clone());
    let title_en = en_title(cx, &ch.title);
    let mut translated = !title_en.is_empty();
    let mut en = front(ch.number, &title_en, None);
    let mut notes = vec![];
    for (si, sec) in ch.sections.iter().enumerate() {
        if let Some(title) = &sec.title {
            let zh_md = text::escape(title);
            let seed_en = tr_text(cx, title);
            let en_md = match cx.tr.site.headings.get(title) {
                Some(en) => text::escape(en),
                None if seed_en.is_empty() => zh_md.clone(),
                None => text::escape(&seed_en),
            };
            translated |= en_md != zh_md;
            zh.push_str(&format!("## {zh_md}\n\n"));
            en.push_str(&format!("## {en_md}\n\n"));
        }
        let mut pn = 0;
        for block in &sec.blocks {
            match block {
                PBlock::Indicators => zh.push_str("::: indicators\n\n"),
                PBlock::Box(n) => {
                    zh.push_str(&format!("::: box {n}\n\n"));
                    // The box's notes are the chapter's, where it stands.
                    for item in boxes
                        .iter()
                        .filter(|b| b.number == *n)
                        .flat_map(|b| &b.items)
                    {
                        item_markdown(cx, item, &mut notes);
                    }
                }
                PBlock::Para { text: t, line } => {
                    pn += 1;
                    let id = format!("c{:02}-s{si}-p{pn}", ch.number);
                    let md = zh_markdown(cx, *line, t, &mut notes);
                    paragraph_data(cx, &id, t);
                    let en_md = en_markdown(cx, &md, &tr_text(cx, t));
                    if en_md.is_empty() {
                        cx.untranslated += 1;
                    } else {
                        translated = true;
                        en.push_str(&format!(
                            "<!-- s{si}-p{pn} zh:{} -->\n{en_md}\n\n",
                            fingerprint::paragraph(&md),
                        ));
                    }
                    zh.push_str(&md);
                    zh.push_str("\n\n");
                    for name in cx.word.images.get(line).into_iter().flatten() {
                        zh.push_str(&format!("::: image images/{name}\n\n"));
                    }
                }
            }
        }
    }
    // The notes the chapter's paragraphs reference, after its text.
    for label in notes {
        if let Some(note) = cx.word.notes.get(&label) {
            zh.push_str(&format!("[^{label}]: {}\n\n", text::escape(note)));
        }
    }
    (zh, translated.then_some(en))
}

/// A paragraph's Chinese Markdown: its lead (in bold in a Word file, else
/// found by its shape) and the references to the notes it carries, whose
/// labels join `notes`.
fn zh_markdown(cx: &Ctx<'_>, line: usize, t: &str, notes: &mut Vec<String>) -> String {
    let marks = cx.word.marks.get(&line);
    if !cx.word.bold_leads && marks.is_none() {
        return text::zh_paragraph(t);
    }
    let lead = if cx.word.bold_leads {
        marks.and_then(|m| m.lead)
    } else {
        text::lead_of(t)
    };
    let inserts: Vec<(usize, String)> = marks
        .iter()
        .flat_map(|m| &m.notes)
        .filter(|(_, label)| cx.word.notes.contains_key(label))
        .map(|(at, label)| {
            notes.push(label.clone());
            (*at, format!("[^{label}]"))
        })
        .collect();
    text::zh_marked(t, lead, &inserts)
}

fn front(number: u32, title: &str, part: Option<String>) -> String {
    let fm = ChapterFront {
        number,
        title: title.to_string(),
        part,
    };
    format!("+++\n{}+++\n\n", toml_text(&fm))
}

pub(super) fn projects(cx: &mut Ctx<'_>, boxes: &[PBox]) -> ProjectsFile {
    let boxes = boxes
        .iter()
        .map(|b| {
            let title_en = match cx.tr.site.titles.get(&b.title) {
                Some(en) => en.clone(),
                None => {
                    let en = tr_text(cx, &b.title);
                    en.split_once(':')
                        .map_or(en.as_str(), |(_, t)| t.trim())
                        .to_string()
                }
            };
            let items = b
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| box_item(cx, b.number, i, item))
                .collect();
            BoxEntry {
                number: b.number,
                chapter: b.chapter,
                title: LocText {
                    zh: b.title.clone(),
                    en: title_en,
                },
                item: items,
            }
        })
        .collect();
    ProjectsFile { boxes }
}

/// A box item, with its tasks and dated sentences recorded.
fn box_item(cx: &mut Ctx<'_>, number: u32, index: usize, item: &PItem) -> BoxItem {
    let t = &item.text;
    let seed_en = tr_text(cx, t);
    let seed_en = seed_en.trim_start_matches(|c: char| c.is_ascii_digit());
    let seed_en = seed_en.strip_prefix('.').unwrap_or(seed_en).trim();
    // The id the site gives the item: its printed number, else its place.
    let id = format!("box{number}-i{}", item.number.unwrap_or(index as u32 + 1));
    paragraph_data(cx, &id, t);
    let zh = item_markdown(cx, item, &mut vec![]);
    BoxItem {
        number: item.number,
        text: LocText {
            en: en_markdown(cx, &zh, seed_en),
            zh,
        },
    }
}

/// A box item's Chinese Markdown: its lead found by its shape, and the
/// references to the notes its line carries in a Word file (a footnote
/// or endnote), whose labels join `notes`.
fn item_markdown(cx: &Ctx<'_>, item: &PItem, notes: &mut Vec<String>) -> String {
    let inserts: Vec<(usize, String)> = cx
        .word
        .marks
        .get(&item.line)
        .iter()
        .flat_map(|m| &m.notes)
        .filter(|(_, label)| cx.word.notes.contains_key(label))
        .map(|(at, label)| {
            notes.push(label.clone());
            // Offsets are the line's; the item's text follows its number.
            (at.saturating_sub(item.at), format!("[^{label}]"))
        })
        .collect();
    if inserts.is_empty() {
        return text::zh_paragraph(&item.text);
    }
    text::zh_marked(&item.text, text::lead_of(&item.text), &inserts)
}
