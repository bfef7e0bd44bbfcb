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
    let title_en = en_title(cx, &ch.title);
    let mut f = Files {
        zh: front(ch.number, &ch.title, ch.part.clone()),
        en: front(ch.number, &title_en, None),
        translated: !title_en.is_empty(),
        notes: vec![],
    };
    for (si, sec) in ch.sections.iter().enumerate() {
        if let Some(title) = &sec.title {
            f.heading(cx, title);
        }
        let mut pn = 0;
        for block in &sec.blocks {
            match block {
                PBlock::Indicators => f.zh.push_str("::: indicators\n\n"),
                PBlock::Box(n) => {
                    f.zh.push_str(&format!("::: box {n}\n\n"));
                    // The box's notes are the chapter's, where it stands.
                    for item in boxes
                        .iter()
                        .filter(|b| b.number == *n)
                        .flat_map(|b| &b.items)
                    {
                        item_markdown(cx, item, &mut f.notes);
                    }
                }
                PBlock::Para { text: t, line } => {
                    pn += 1;
                    let key = format!("s{si}-p{pn}");
                    f.para(cx, &format!("c{:02}-{key}", ch.number), &key, (*line, t));
                }
            }
        }
    }
    f.finish(cx)
}

/// A chapter's two files as they are written.
struct Files {
    zh: String,
    en: String,
    /// Whether any English was written.
    translated: bool,
    /// The labels of the notes referenced so far, in order.
    notes: Vec<String>,
}

impl Files {
    fn heading(&mut self, cx: &Ctx<'_>, title: &str) {
        let zh_md = text::escape(title);
        let seed_en = tr_text(cx, title);
        let en_md = match cx.tr.site.headings.get(title) {
            Some(en) => text::escape(en),
            None if seed_en.is_empty() => zh_md.clone(),
            None => text::escape(&seed_en),
        };
        self.translated |= en_md != zh_md;
        self.zh.push_str(&format!("## {zh_md}\n\n"));
        self.en.push_str(&format!("## {en_md}\n\n"));
    }

    /// Paragraph `id` (keyed `key` in the English file): the seed's
    /// (line, text).
    fn para(&mut self, cx: &mut Ctx<'_>, id: &str, key: &str, (line, t): (usize, &str)) {
        let md = zh_markdown(cx, line, t, &mut self.notes);
        paragraph_data(cx, id, t);
        let en_md = en_markdown(cx, &md, &tr_text(cx, t));
        if en_md.is_empty() {
            cx.untranslated += 1;
        } else {
            self.translated = true;
            self.en.push_str(&format!(
                "<!-- {key} zh:{} -->\n{en_md}\n\n",
                fingerprint::paragraph(&md),
            ));
        }
        self.zh.push_str(&md);
        self.zh.push_str("\n\n");
        for name in cx.word.images.get(&line).into_iter().flatten() {
            self.zh.push_str(&format!("::: image images/{name}\n\n"));
        }
    }

    /// The notes the chapter references, each once, after its text.
    fn finish(mut self, cx: &Ctx<'_>) -> (String, Option<String>) {
        let mut seen = std::collections::BTreeSet::new();
        for label in &self.notes {
            let Some(note) = cx.word.notes.get(label).filter(|_| seen.insert(label)) else {
                continue;
            };
            self.zh
                .push_str(&format!("[^{label}]: {}\n\n", text::escape(note)));
        }
        (self.zh, self.translated.then_some(self.en))
    }
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

#[cfg(test)]
mod tests {
    use crate::seed::emit::SeedInfo;
    use crate::seed::parse::{Marks, WordLayer};

    #[test]
    fn a_note_referenced_twice_is_written_once() {
        let src = "某县“十五五”规划\n第一章  总则\n当前，甲段。\n同时，乙段。\n";
        let mut word = WordLayer::default();
        for line in [3, 4] {
            let notes = vec![("当前，甲段。".len(), "1".to_string())];
            word.marks.insert(line, Marks { lead: None, notes });
        }
        word.notes.insert("1".into(), "注释。".into());
        let seed = SeedInfo {
            rel_path: "seeds/plan.docx",
            sha256: "0",
        };
        let out =
            crate::seed::import_word(src, word, &seed, &Default::default(), &Default::default());
        let ch = &out.files["chapters/01.zh.md"];
        assert!(
            ch.contains("当前，甲段。[^1]\n\n同时，乙段。[^1]\n\n"),
            "{ch}"
        );
        assert_eq!(ch.matches("[^1]: 注释。").count(), 1, "{ch}");
    }
}
