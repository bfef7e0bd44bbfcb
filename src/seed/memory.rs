//! English already in the site's `content/`, reused when a plan is
//! imported again: every translated title, heading, paragraph, box item and
//! dated sentence, keyed by the Chinese it translates. A paragraph whose
//! `zh:` fingerprint no longer matches its Chinese is stale and not reused.
//! Pure: takes the files' text, so tests feed strings.

use crate::fingerprint;
use crate::markdown::{split, MdBlock};
use crate::schema::{
    CommitmentsFile, GlossaryFile, IndicatorsFile, PlanFile, ProjectsFile, UnitsFile,
};
use std::collections::BTreeMap;

/// Translations found in `content/`, in the forms the files hold them.
#[derive(Debug, Default)]
pub struct SiteEnglish {
    /// Chinese paragraph or box item Markdown → English Markdown.
    pub paras: BTreeMap<String, String>,
    /// Chinese `##` heading → English heading, as text (escapes undone).
    pub headings: BTreeMap<String, String>,
    /// Chinese chapter, box and plan titles, district and issuer → English.
    pub titles: BTreeMap<String, String>,
    /// Dated sentences, the indicator table's footnote and the units'
    /// notes, Chinese → English.
    pub sentences: BTreeMap<String, String>,
    /// The site's glossary (`glossary.toml`).
    pub glossary: BTreeMap<String, String>,
}

impl SiteEnglish {
    /// Reads the English of `files` (path under `content/` → text).
    pub fn from_content(files: &BTreeMap<String, String>) -> SiteEnglish {
        let mut m = SiteEnglish::default();
        for (rel, zh) in files {
            let Some(stem) = rel.strip_suffix(".zh.md") else {
                continue;
            };
            if let Some(en) = files.get(&format!("{stem}.en.md")) {
                m.chapter(zh, en);
            }
        }
        let parse = |rel: &str| files.get(rel).map(|t| t.as_str()).unwrap_or_default();
        if let Ok(p) = toml::from_str::<ProjectsFile>(parse("projects.toml")) {
            for b in p.boxes {
                add(&mut m.titles, b.title.zh, b.title.en);
                for i in b.item {
                    add(&mut m.paras, i.text.zh, i.text.en);
                }
            }
        }
        if let Ok(c) = toml::from_str::<CommitmentsFile>(parse("commitments.toml")) {
            for c in c.commitment {
                add(&mut m.sentences, c.text.zh, c.text.en);
            }
        }
        if let Ok(g) = toml::from_str::<GlossaryFile>(parse("glossary.toml")) {
            m.glossary = g.terms;
        }
        if let Ok(p) = toml::from_str::<PlanFile>(parse("plan.toml")) {
            add(&mut m.titles, p.title.zh, p.title.en);
            add(&mut m.titles, p.district.zh, p.district.en);
            add(&mut m.titles, p.issuer.zh, p.issuer.en);
        }
        if let Ok(i) = toml::from_str::<IndicatorsFile>(parse("indicators.toml")) {
            add(&mut m.sentences, i.footnote.zh, i.footnote.en);
        }
        if let Ok(u) = toml::from_str::<UnitsFile>(parse("units.toml")) {
            for s in u.unit.into_iter().flat_map(|u| u.suspect) {
                add(&mut m.sentences, s.note.zh, s.note.en);
            }
        }
        m
    }

    fn chapter(&mut self, zh: &str, en: &str) {
        let (Some(zh), Some(en)) = (split(zh), split(en)) else {
            return;
        };
        if let (Ok(z), Ok(e)) = (
            toml::from_str::<crate::schema::ChapterFront>(&zh.front),
            toml::from_str::<crate::schema::ChapterFront>(&en.front),
        ) {
            add(&mut self.titles, z.title, e.title);
        }
        let mut zh_paras = BTreeMap::new();
        let mut zh_heads = vec![];
        let (mut si, mut pn) = (0, 0);
        for b in &zh.blocks {
            match b {
                MdBlock::Heading { title, .. } => {
                    zh_heads.push(title.clone());
                    (si, pn) = (si + 1, 0);
                }
                MdBlock::Para { text, .. } => {
                    pn += 1;
                    zh_paras.insert((si, pn), text.clone());
                }
                _ => {}
            }
        }
        let mut heads = zh_heads.into_iter();
        for b in en.blocks {
            match b {
                MdBlock::Heading { title, .. } => {
                    if let Some(z) = heads.next() {
                        add(&mut self.headings, z, title);
                    }
                }
                MdBlock::Para {
                    text,
                    key: Some((s, p, fp)),
                    ..
                } => {
                    if let Some(z) = zh_paras.get(&(s, p)) {
                        if fingerprint::paragraph(z) == fp {
                            add(&mut self.paras, z.clone(), text);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Keeps a pair that is a translation: English present and not the Chinese
/// itself (an untranslated heading keeps the Chinese in the English file).
fn add(map: &mut BTreeMap<String, String>, zh: String, en: String) {
    if !en.trim().is_empty() && en != zh {
        map.entry(zh).or_insert(en);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_translations_are_kept_and_stale_ones_dropped() {
        let fp = fingerprint::paragraph("**加强保护。**推进治理。");
        let zh = "+++\nnumber = 1\ntitle = \"总则\"\n+++\n\n**加强保护。**推进治理。\n\n## 目标\\*\n\n改了的中文。\n";
        let en = format!("+++\nnumber = 1\ntitle = \"General\"\n+++\n\n<!-- s0-p1 zh:{fp} -->\n**Protect.** Govern.\n\n## Aims\\*\n\n<!-- s1-p1 zh:00000000 -->\nOld English.\n");
        let files = BTreeMap::from([
            ("chapters/01.zh.md".to_string(), zh.to_string()),
            ("chapters/01.en.md".to_string(), en),
        ]);
        let m = SiteEnglish::from_content(&files);
        assert_eq!(m.titles.get("总则").map(String::as_str), Some("General"));
        assert_eq!(
            m.headings.get("目标*").map(String::as_str),
            Some("Aims*"),
            "headings as text"
        );
        assert_eq!(
            m.paras.get("**加强保护。**推进治理。").map(String::as_str),
            Some("**Protect.** Govern.")
        );
        assert!(!m.paras.contains_key("改了的中文。"), "stale: not reused");
    }
}
