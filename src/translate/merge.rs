//! Import: translations checked against today's catalogue and merged into
//! the files of `content/`.
//!
//! Per entry, in this order:
//! 1. an id the catalogue does not know is refused;
//! 2. an entry marked unfinished, or with an empty translation, is skipped;
//! 3. an entry whose source is not today's source is refused as stale (the
//!    Chinese changed since the export);
//! 4. a translation that drops, adds or alters a `{clause}` placeholder
//!    (or any brace) is refused, as is a line break where the text cannot
//!    hold one;
//! 5. a translation equal to the current English is left as it is;
//! 6. everything else is written: chapter English files keyed with the
//!    fingerprint of today's Chinese, TOML `en` fields and glossary terms
//!    (and `site.toml`'s brand and description) edited in place with
//!    `toml_edit`, so comments and layout survive;
//!    and each pair is added to `content/translation-memory.tsv`.

use super::catalog::{shown, Entry, Status, Target};
use super::chapter::{self, Changes};
use super::{placeholder_counts, Incoming};
use crate::diag::Bilingual;
use anyhow::{anyhow, Context, Result};
use std::collections::BTreeMap;
use toml_edit::{value, DocumentMut};

/// An entry not written, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub id: String,
    /// 1-based line of the entry in the translator's file.
    pub line: usize,
    pub reason: Bilingual,
}

/// What an import does.
#[derive(Debug, Default)]
pub struct Merged {
    /// Files of `content/` to write (path → new text); only changed ones.
    pub files: BTreeMap<String, String>,
    /// Ids written.
    pub written: Vec<String>,
    pub unchanged: usize,
    /// Unfinished or empty entries.
    pub skipped: usize,
    pub refused: Vec<Refusal>,
}

/// Checks `incoming` against the catalogue of `files` and returns the
/// files to write.
pub fn merge(files: &BTreeMap<String, String>, incoming: &[Incoming]) -> Result<Merged> {
    let entries = super::catalog(files)?;
    let by_id: BTreeMap<&str, &Entry> = entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut m = Merged::default();
    let mut accepted: Vec<(&Entry, String)> = vec![];
    for inc in incoming {
        let refuse = |zh: String, en: String| Refusal {
            id: inc.id.clone(),
            line: inc.line,
            reason: Bilingual::new(zh, en),
        };
        let Some(e) = by_id.get(inc.id.as_str()) else {
            m.refused.push(refuse(
                format!("未知条目 id “{}”：content/ 中没有此文本", inc.id),
                format!("unknown id \"{}\": content/ has no such text", inc.id),
            ));
            continue;
        };
        let target = normalize(&inc.target);
        if inc.unfinished || target.is_empty() {
            m.skipped += 1;
        } else if normalize(&inc.source) != e.source {
            m.refused.push(refuse(
                format!("过时：{} 的中文自导出后已修改，请重新导出并翻译", e.id),
                format!("stale: the Chinese of {} changed since the export; export again and translate it", e.id),
            ));
        } else if let Some(r) = check(e, &target) {
            m.refused.push(refuse(r.zh, r.en));
        } else if e.status == Status::Current && target == e.en {
            m.unchanged += 1;
        } else {
            accepted.push((e, target));
        }
    }
    apply(files, &accepted, &mut m)?;
    let pairs: Vec<_> = accepted
        .iter()
        .map(|(e, en)| (e.kind.name().to_string(), e.zh.clone(), en.clone()))
        .collect();
    let tm = files.get(super::memory::FILE).map_or("", String::as_str);
    if let Some(text) = super::memory::merged(tm, &pairs).filter(|_| !pairs.is_empty()) {
        m.files.insert(super::memory::FILE.to_string(), text);
    }
    m.written = accepted.iter().map(|(e, _)| e.id.clone()).collect();
    Ok(m)
}

/// Line endings as `\n`, outer whitespace trimmed.
fn normalize(s: &str) -> String {
    s.replace("\r\n", "\n").trim().to_string()
}

/// Why `target` cannot stand for entry `e`, if it cannot.
fn check(e: &Entry, target: &str) -> Option<Bilingual> {
    let (want, got) = (placeholder_counts(&e.source), placeholder_counts(target));
    if want != got {
        return Some(Bilingual::new(
            format!("{}：原文有 {} 个 {{clause}} 占位符，译文有 {} 个（或花括号被改动）；请保留每个 {{clause}}", e.id, want.0, got.0),
            format!("{}: the source has {} {{clause}} placeholder(s), the translation {} (or a brace was altered); keep every {{clause}}", e.id, want.0, got.0),
        ));
    }
    let breaks = if e.kind.is_markdown() {
        target.lines().any(|l| l.trim().is_empty())
    } else {
        target.contains('\n')
    };
    breaks.then(|| {
        Bilingual::new(
            format!("{}：译文中有不允许的换行（段落内不能有空行，标题和名称不能换行）", e.id),
            format!("{}: the translation breaks lines where it may not (no blank line in a paragraph, no line break in a title or name)", e.id),
        )
    })
}

fn apply(
    files: &BTreeMap<String, String>,
    accepted: &[(&Entry, String)],
    m: &mut Merged,
) -> Result<()> {
    let mut chapters: BTreeMap<&str, Changes> = BTreeMap::new();
    let mut docs: BTreeMap<&str, DocumentMut> = BTreeMap::new();
    for (e, en) in accepted {
        let en = en.clone();
        match &e.target {
            Target::ChapterTitle { zh_file } => {
                chapters.entry(zh_file).or_default().title = Some(en)
            }
            Target::ChapterPart { zh_file } => chapters.entry(zh_file).or_default().part = Some(en),
            Target::Note { zh_file, label } => {
                chapters
                    .entry(zh_file)
                    .or_default()
                    .notes
                    .insert(label.clone(), en);
            }
            Target::Heading { zh_file, section } => {
                chapters
                    .entry(zh_file)
                    .or_default()
                    .headings
                    .insert(*section, en);
            }
            Target::Para {
                zh_file,
                section,
                para,
            } => {
                chapters
                    .entry(zh_file)
                    .or_default()
                    .paras
                    .insert((*section, *para), en);
            }
            _ => toml_field(files, &mut docs, e, en)?,
        }
    }
    for (zh_file, changes) in chapters {
        let en_file = zh_file.replace(".zh.md", ".en.md");
        let zh = files.get(zh_file).map(String::as_str).unwrap_or_default();
        let text = chapter::write(zh, files.get(&en_file).map(String::as_str), &changes)
            .ok_or_else(|| {
                anyhow!("content/{zh_file}: 缺少 +++ 前置信息 / missing the +++ front matter")
            })?;
        m.files.insert(en_file, text);
    }
    for (rel, d) in docs {
        m.files.insert(rel.to_string(), d.to_string());
    }
    Ok(())
}

/// Sets the English of a TOML entry in its (parsed once) document.
fn toml_field(
    files: &BTreeMap<String, String>,
    docs: &mut BTreeMap<&'static str, DocumentMut>,
    e: &Entry,
    en: String,
) -> Result<()> {
    match &e.target {
        Target::BoxTitle { number } => {
            let d = doc(files, docs, "projects.toml")?;
            find(d, "box", "number", &number.to_string())?["title"]["en"] = value(en);
        }
        Target::BoxItem { number, index } => {
            let d = doc(files, docs, "projects.toml")?;
            let item = find(d, "box", "number", &number.to_string())?
                .get_mut("item")
                .and_then(|i| i.as_array_of_tables_mut())
                .and_then(|a| a.get_mut(*index))
                .ok_or_else(|| anyhow!("content/projects.toml: box {number} item {}", index + 1))?;
            item["text"]["en"] = value(en);
        }
        Target::Commitment { id } => {
            let d = doc(files, docs, "commitments.toml")?;
            find(d, "commitment", "id", id)?["text"]["en"] = value(en);
        }
        Target::Field { file, table } => {
            let d = doc(files, docs, file)?;
            let t = d
                .get_mut(table)
                .filter(|t| t.is_table_like())
                .ok_or_else(|| anyhow!("{}: [{table}]", shown(file)))?;
            t["en"] = value(en);
        }
        Target::Suspect { unit, index } => {
            let d = doc(files, docs, "units.toml")?;
            let note = find(d, "unit", "id", unit)?
                .get_mut("suspect")
                .and_then(|i| i.as_array_of_tables_mut())
                .and_then(|a| a.get_mut(*index))
                .ok_or_else(|| anyhow!("content/units.toml: unit {unit} suspect {}", index + 1))?;
            note["note"]["en"] = value(en);
        }
        Target::Term => {
            let terms = doc(files, docs, "glossary.toml")?
                .entry("terms")
                .or_insert(toml_edit::table())
                .as_table_mut()
                .ok_or_else(|| anyhow!("content/glossary.toml: [terms] is not a table"))?;
            terms.insert(&e.zh, value(en));
            terms.sort_values();
        }
        Target::ChapterTitle { .. }
        | Target::ChapterPart { .. }
        | Target::Note { .. }
        | Target::Heading { .. }
        | Target::Para { .. } => {}
    }
    Ok(())
}

fn doc<'a>(
    files: &BTreeMap<String, String>,
    docs: &'a mut BTreeMap<&'static str, DocumentMut>,
    rel: &'static str,
) -> Result<&'a mut DocumentMut> {
    if !docs.contains_key(rel) {
        let text = files.get(rel).map(String::as_str).unwrap_or_default();
        let d = text
            .parse::<DocumentMut>()
            .with_context(|| format!("读取 / reading {}", shown(rel)))?;
        docs.insert(rel, d);
    }
    docs.get_mut(rel).ok_or_else(|| anyhow!("content/{rel}"))
}

/// The `[[array]]` table whose `key` is `want` (a string or integer).
fn find<'a>(
    d: &'a mut DocumentMut,
    array: &str,
    key: &str,
    want: &str,
) -> Result<&'a mut toml_edit::Table> {
    d.get_mut(array)
        .and_then(|a| a.as_array_of_tables_mut())
        .and_then(|a| {
            a.iter_mut().find(|t| {
                t.get(key).is_some_and(|v| {
                    v.as_str() == Some(want)
                        || v.as_integer().map(|n| n.to_string()).as_deref() == Some(want)
                })
            })
        })
        .ok_or_else(|| anyhow!("[[{array}]] {key} = {want}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translate::{catalog, Kind};

    fn site() -> BTreeMap<String, String> {
        let zh = "+++\nnumber = 1\ntitle = \"总则\"\n+++\n\n## 目标\n\n甲。（丙局负责）乙。\n";
        let commitments = "# kept comment\n[[commitment]]\nid = \"c01-s1-p1-d1\"\nparagraph = \"c01-s1-p1\"\ndeadline_year = 2025\ndeadline = \"2025年\"\nkind = \"commitment\"\n\n[commitment.text]\nzh = \"2025年完成。\"\nen = \"\"\n";
        let tasks = "[[task]]\nid = \"c01-s1-p1\"\nkind = \"joint\"\nresponsible = [\"x\"]\nclause = \"（丙局负责）\"\n";
        let glossary = "[terms]\n\"丙局\" = \"Bureau C\"\n";
        let units =
            "[all_towns]\ntext = \"\"\ntask = \"\"\n\n[[unit]]\nid = \"x\"\nname = \"丁局\"\n";
        BTreeMap::from([
            ("chapters/01.zh.md".to_string(), zh.to_string()),
            ("commitments.toml".to_string(), commitments.to_string()),
            ("tasks.toml".to_string(), tasks.to_string()),
            ("glossary.toml".to_string(), glossary.to_string()),
            ("units.toml".to_string(), units.to_string()),
        ])
    }

    fn inc(id: &str, source: &str, target: &str, line: usize) -> Incoming {
        Incoming {
            id: id.to_string(),
            source: source.to_string(),
            target: target.to_string(),
            unfinished: false,
            line,
        }
    }

    #[test]
    fn translations_land_in_markdown_and_toml() {
        let files = site();
        let ids: Vec<_> = catalog(&files)
            .expect("catalog")
            .into_iter()
            .map(|e| (e.id, e.kind))
            .collect();
        assert!(ids.contains(&("unit-x".to_string(), Kind::Unit)), "{ids:?}");
        let m = merge(
            &files,
            &[
                inc("c01-s1-p1", "甲。{clause}乙。", "A. {clause} B.", 3),
                inc("c01-s1", "目标", "Aims", 4),
                inc(
                    "commitment-c01-s1-p1-d1",
                    "2025年完成。",
                    "Done by 2025.",
                    5,
                ),
                inc("unit-x", "丁局", "Bureau D", 6),
            ],
        )
        .expect("merge");
        assert!(m.refused.is_empty(), "{:?}", m.refused);
        let fp = crate::fingerprint::paragraph("甲。（丙局负责）乙。");
        assert_eq!(
            m.files["chapters/01.en.md"],
            format!("+++\nnumber = 1\ntitle = \"\"\n+++\n\n## Aims\n\n<!-- s1-p1 zh:{fp} -->\nA. {{clause}} B.\n\n")
        );
        assert!(m.files["commitments.toml"].starts_with("# kept comment\n"));
        assert!(m.files["commitments.toml"]
            .ends_with("zh = \"2025年完成。\"\nen = \"Done by 2025.\"\n"));
        assert_eq!(
            m.files["glossary.toml"],
            "[terms]\n\"丁局\" = \"Bureau D\"\n\"丙局\" = \"Bureau C\"\n"
        );
    }

    #[test]
    fn stale_unknown_and_placeholder_errors_are_refused() {
        let files = site();
        let m = merge(
            &files,
            &[
                inc("c01-s1-p1", "甲。{clause}乙。", "A. B.", 3),
                inc("c01-s1-p1", "甲。{clause}旧。", "A. {clause} B.", 4),
                inc("c09-s1-p1", "甲", "A", 5),
                inc("c01-s1-p1", "甲。{clause}乙。", "A. {clasue} B.", 6),
                inc("c01-s1-p1", "甲。{clause}乙。", "A.\n\n{clause} B.", 7),
                inc("c01-s1", "目标", "", 8),
            ],
        )
        .expect("merge");
        let lines: Vec<usize> = m.refused.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 7]);
        assert!(
            m.refused[1].reason.en.starts_with("stale"),
            "{:?}",
            m.refused[1]
        );
        assert!(m.refused[2].reason.zh.contains("c09-s1-p1"));
        assert!(m.files.is_empty(), "nothing written: {:?}", m.files.keys());
        assert_eq!(m.skipped, 1);
    }
}
