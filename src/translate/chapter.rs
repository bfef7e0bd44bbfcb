//! English chapter files: reading the English a file holds, and writing
//! the file again with new translations, in the layout the importer
//! (`seed::emit`) writes: front matter, every `##` heading (the Chinese one
//! while untranslated), and each translated paragraph after its
//! `<!-- sS-pP zh:FP -->` key.

use crate::fingerprint;
use crate::markdown::{split, MdBlock};
use crate::schema::ChapterFront;
use crate::seed::text::escape;
use std::collections::BTreeMap;

/// The English of one chapter file.
#[derive(Debug, Default, Clone)]
pub(super) struct English {
    pub(super) title: Option<String>,
    /// The English of the 第X篇 part the chapter opens, kept as written.
    pub(super) part: Option<String>,
    /// Headings in order, as text.
    pub(super) headings: Vec<String>,
    /// (section, paragraph) → (Markdown, the fingerprint its key holds).
    pub(super) paras: BTreeMap<(usize, usize), (String, String)>,
    /// Note label → its English (`[^LABEL]: text`).
    pub(super) notes: BTreeMap<String, String>,
}

impl English {
    pub(super) fn read(en: Option<&str>) -> English {
        let Some(md) = en.and_then(split) else {
            return English::default();
        };
        let front = toml::from_str::<ChapterFront>(&md.front).ok();
        let mut out = English {
            title: front.as_ref().map(|f| f.title.clone()),
            part: front.and_then(|f| f.part),
            ..English::default()
        };
        for b in md.blocks {
            match b {
                MdBlock::Heading { title, .. } => out.headings.push(title),
                MdBlock::Note { label, text, .. } => {
                    out.notes.insert(label, text);
                }
                MdBlock::Para {
                    text,
                    key: Some((s, p, fp)),
                    ..
                } => {
                    out.paras.insert((s, p), (text, fp));
                }
                _ => {}
            }
        }
        out
    }
}

/// New English for one chapter.
#[derive(Debug, Default, Clone)]
pub(super) struct Changes {
    pub(super) title: Option<String>,
    /// The English of the chapter's 第X篇 part.
    pub(super) part: Option<String>,
    /// Note label → English.
    pub(super) notes: BTreeMap<String, String>,
    /// Section number (1-based) → heading text.
    pub(super) headings: BTreeMap<usize, String>,
    /// (section, paragraph) → Markdown.
    pub(super) paras: BTreeMap<(usize, usize), String>,
}

/// The English file of chapter `zh` with `changes` applied to `en` (the
/// current English file, if any). `None` when `zh` has no front matter.
pub(super) fn write(zh: &str, en: Option<&str>, changes: &Changes) -> Option<String> {
    let zh_md = split(zh)?;
    let front: ChapterFront = toml::from_str(&zh_md.front).ok()?;
    let old = English::read(en);
    let title = changes
        .title
        .clone()
        .or(old.title.clone())
        .unwrap_or_default();
    let fm = ChapterFront {
        number: front.number,
        title,
        part: changes.part.clone().or(old.part.clone()),
    };
    let mut out = format!("+++\n{}+++\n\n", toml::to_string(&fm).ok()?);
    let (mut s, mut p) = (0, 0);
    for b in &zh_md.blocks {
        match b {
            MdBlock::Heading { title, .. } => {
                (s, p) = (s + 1, 0);
                let en = changes
                    .headings
                    .get(&s)
                    .or(old.headings.get(s - 1))
                    .unwrap_or(title);
                out.push_str(&format!("## {}\n\n", escape(en)));
            }
            MdBlock::Para { text, .. } => {
                p += 1;
                let (en, fp) = match (changes.paras.get(&(s, p)), old.paras.get(&(s, p))) {
                    (Some(new), _) => (new.clone(), fingerprint::paragraph(text)),
                    (None, Some((old, fp))) => (old.clone(), fp.clone()),
                    (None, None) => continue,
                };
                out.push_str(&format!("<!-- s{s}-p{p} zh:{fp} -->\n{en}\n\n"));
            }
            MdBlock::Note { label, .. } => {
                if let Some(en) = changes.notes.get(label).or(old.notes.get(label)) {
                    out.push_str(&format!("[^{label}]: {en}\n\n"));
                }
            }
            _ => {}
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZH: &str =
        "+++\nnumber = 2\ntitle = \"总则\"\n+++\n\n## 目标\\*\n\n甲。\n\n::: indicators\n\n乙。\n";

    #[test]
    fn a_file_is_written_with_new_english_and_old_keys_kept() {
        let en = "+++\nnumber = 2\ntitle = \"General\"\n+++\n\n## Aims\\*\n\n<!-- s1-p2 zh:00000000 -->\nOld B.\n\n";
        assert_eq!(
            write(ZH, Some(en), &Changes::default()).as_deref(),
            Some(en)
        );
        let changes = Changes {
            paras: BTreeMap::from([((1, 1), "A.".to_string())]),
            ..Changes::default()
        };
        let fp = fingerprint::paragraph("甲。");
        let want = format!("+++\nnumber = 2\ntitle = \"General\"\n+++\n\n## Aims\\*\n\n<!-- s1-p1 zh:{fp} -->\nA.\n\n<!-- s1-p2 zh:00000000 -->\nOld B.\n\n");
        assert_eq!(write(ZH, Some(en), &changes), Some(want));
    }

    /// The English of a 第X篇 part is kept when no change names it.
    #[test]
    fn a_part_in_the_english_file_is_kept() {
        let en = "+++\nnumber = 2\ntitle = \"General\"\npart = \"Part One\"\n+++\n\n## Aims\\*\n\n";
        assert_eq!(
            write(ZH, Some(en), &Changes::default()).as_deref(),
            Some(en)
        );
    }

    #[test]
    fn a_chapter_without_english_gets_a_file() {
        let changes = Changes {
            headings: BTreeMap::from([(1, "Aims*".to_string())]),
            ..Changes::default()
        };
        let want = "+++\nnumber = 2\ntitle = \"\"\n+++\n\n## Aims\\*\n\n";
        assert_eq!(write(ZH, None, &changes).as_deref(), Some(want));
    }

    /// Rewriting is lossless: every shipped English chapter, written again
    /// with no changes, is byte-identical (so an import touches only the
    /// paragraphs it translates).
    #[test]
    fn every_shipped_chapter_is_rewritten_byte_identical() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/chapters");
        let mut n = 0;
        for e in std::fs::read_dir(&dir).expect("chapters") {
            let path = e.expect("entry").path();
            let name = path.to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".zh.md") else {
                continue;
            };
            let zh = std::fs::read_to_string(&path).expect("zh");
            let en = std::fs::read_to_string(format!("{stem}.en.md")).expect("en");
            assert_eq!(
                write(&zh, Some(&en), &Changes::default()).as_deref(),
                Some(en.as_str()),
                "{stem}"
            );
            n += 1;
        }
        assert!(n > 0);
    }
}
