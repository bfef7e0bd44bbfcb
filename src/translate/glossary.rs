//! Glossary enforcement: an English text whose Chinese uses a glossary
//! term must use the glossary's English for it (约束性 → "binding").
//!
//! 1. Only current English is checked (missing and stale English is
//!    reported elsewhere), and only paragraphs, box items, commitments,
//!    titles and headings.
//! 2. A term counts when its Chinese appears in the entry's source, that is
//!    outside the responsibility clauses, which the site renders from data.
//! 3. A term is skipped when it is not Chinese (`%`), when its English is
//!    its Chinese, or when a longer term containing it also appears (only
//!    the longer one is checked).
//! 4. The English matches ignoring case and Markdown emphasis.
//! 5. Each warning names the English file and line.

use super::catalog::{Entry, Kind, Status, Target};
use crate::diag::{Bilingual, Diagnostic};
use crate::schema::GlossaryFile;
use anyhow::Result;
use std::collections::BTreeMap;

/// Warnings for every glossary term an English text renders differently.
pub fn check(files: &BTreeMap<String, String>) -> Result<Vec<Diagnostic>> {
    check_where(files, |_| true)
}

/// [`check`] for the entries whose id `keep` accepts (an import checks
/// what it writes).
pub fn check_where(
    files: &BTreeMap<String, String>,
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<Diagnostic>> {
    let glossary: GlossaryFile = match files.get("glossary.toml") {
        Some(t) => toml::from_str(t)?,
        None => return Ok(vec![]),
    };
    let terms: Vec<(&String, &String)> = glossary
        .terms
        .iter()
        .filter(|(zh, en)| zh != en && zh.chars().any(is_cjk) && !en.trim().is_empty())
        .collect();
    let mut out = vec![];
    for e in super::catalog(files)? {
        if e.status != Status::Current
            || !keep(&e.id)
            || matches!(e.kind, Kind::IndicatorGroup | Kind::Indicator | Kind::Unit)
        {
            continue;
        }
        let found: Vec<_> = terms
            .iter()
            .filter(|(zh, _)| e.source.contains(zh.as_str()))
            .collect();
        let en = plain(&e.en);
        for (zh, want) in &found {
            let inside_longer = found
                .iter()
                .any(|(other, _)| other.len() > zh.len() && other.contains(zh.as_str()));
            if inside_longer || en.contains(&plain(want)) {
                continue;
            }
            let (path, line) = english_place(files, &e);
            let d = Diagnostic::warning(
                path,
                line,
                Bilingual::new(
                    format!(
                        "{}：术语“{zh}”在词汇表中译为“{want}”，此处英文未用该译法",
                        e.id
                    ),
                    format!(
                        "{}: the glossary renders “{zh}” as “{want}”, and this English does not",
                        e.id
                    ),
                ),
            )
            .with_hint(
                "请在英文中使用词汇表的译法，或修改 content/glossary.toml",
                "use the glossary's English here, or change content/glossary.toml",
            );
            out.push(d);
        }
    }
    Ok(out)
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Lowercase text without Markdown emphasis and escapes.
fn plain(s: &str) -> String {
    crate::markdown::unescape(s)
        .replace("**", "")
        .to_lowercase()
}

/// Where the English of `e` stands: its file under `content/` and line.
fn english_place(files: &BTreeMap<String, String>, e: &Entry) -> (String, usize) {
    let line_of = |rel: &str, pred: &dyn Fn(&str) -> bool| {
        files
            .get(rel)
            .and_then(|t| t.lines().position(pred))
            .map_or(0, |i| i + 1)
    };
    match &e.target {
        Target::Para {
            zh_file,
            section,
            para,
        } => {
            let rel = zh_file.replace(".zh.md", ".en.md");
            let key = format!("<!-- s{section}-p{para} ");
            let at = line_of(&rel, &|l: &str| l.trim_start().starts_with(&key));
            (format!("content/{rel}"), if at > 0 { at + 1 } else { 0 })
        }
        Target::ChapterTitle { zh_file }
        | Target::ChapterPart { zh_file }
        | Target::Note { zh_file, .. }
        | Target::Heading { zh_file, .. } => {
            let rel = zh_file.replace(".zh.md", ".en.md");
            let at = line_of(&rel, &|l: &str| l.contains(e.en.as_str()));
            (format!("content/{rel}"), at)
        }
        _ => {
            let quoted = toml::Value::String(e.en.clone()).to_string();
            let at = line_of(&e.path, &|l: &str| l.contains(&quoted));
            (format!("content/{}", e.path), at)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_rendered_otherwise_is_named_with_its_english_line() {
        let zh = "+++\nnumber = 1\ntitle = \"总则\"\n+++\n\n## 目标\n\n约束性指标完成。\n\n预期性指标。（约束性单位负责）\n";
        let fp1 = crate::fingerprint::paragraph("约束性指标完成。");
        let fp2 = crate::fingerprint::paragraph("预期性指标。（约束性单位负责）");
        let en = format!("+++\nnumber = 1\ntitle = \"General\"\n+++\n\n## Aims\n\n<!-- s1-p1 zh:{fp1} -->\nThe mandatory indicators are met.\n\n<!-- s1-p2 zh:{fp2} -->\n**Expected** indicators.\n\n");
        let glossary =
            "[terms]\n\"约束性\" = \"binding\"\n\"预期性\" = \"expected\"\n\"%\" = \"per cent\"\n";
        let tasks = "[[task]]\nid = \"c01-s1-p2\"\nkind = \"joint\"\nresponsible = [\"x\"]\nclause = \"（约束性单位负责）\"\n";
        let files = BTreeMap::from([
            ("chapters/01.zh.md".to_string(), zh.to_string()),
            ("chapters/01.en.md".to_string(), en),
            ("glossary.toml".to_string(), glossary.to_string()),
            ("tasks.toml".to_string(), tasks.to_string()),
        ]);
        let got = check(&files).expect("check");
        let at: Vec<_> = got.iter().map(|d| d.location()).collect();
        assert_eq!(
            at,
            vec!["content/chapters/01.en.md:9".to_string()],
            "{got:?}"
        );
        assert!(got[0].message.en.contains("“binding”"));
    }
}
