//! The TOML data: units, tasks, commitments, indicators, boxes and the
//! plan's metadata, with every id and cross-reference checked.

use super::chapters::render_para;
use super::common::{error_at, line_of, Glossary};
use crate::diag::{Bilingual, Diagnostics};
use crate::load::{Raw, Source};
use crate::model::*;
use crate::schema::{self, CellValue};
use rayon::prelude::*;
use std::collections::BTreeSet;

mod indicators;
pub(super) use indicators::{all_towns, indicators, plan};

mod work;
pub(super) use work::{commitments, tasks};

fn dup_id(src: &Source, id: &str, what: &str, d: &mut Diagnostics) {
    let first = line_of(src, &format!("\"{id}\""), 1);
    let line = line_of(src, &format!("\"{id}\""), first + 1);
    d.push(
        error_at(
            src,
            line,
            Bilingual::new(
                format!("{what} id \"{id}\" 重复（第 {first} 行已使用）"),
                format!("duplicate {what} id \"{id}\" (already used on line {first})"),
            ),
        )
        .with_hint(
            "每个 id 必须唯一，请改名或删除重复项",
            "every id must be unique; rename or remove the duplicate",
        ),
    );
}

/// The plan's units: on a site of several plans, first the registry they
/// share (`content/units.toml`), then the plan's own units whose ids it
/// does not hold. A plan's unit under a shared id is the shared one; when
/// its name differs, a warning says which file names it.
pub(super) fn units(raw: &Raw, g: &Glossary<'_>, d: &mut Diagnostics) -> Vec<Unit> {
    let mut seen = BTreeSet::new();
    let mut out = vec![];
    if let Some(shared) = &raw.shared_units {
        let (src, file) = &**shared;
        add_units(src, &file.unit, &mut seen, &mut out, g, d);
    }
    let shared: Vec<Unit> = out.clone();
    let (src, file) = &*raw.units;
    let own: Vec<schema::UnitEntry> = file
        .unit
        .iter()
        .filter(|u| match shared.iter().find(|s| s.id.as_str() == u.id) {
            Some(s) => {
                if s.name.zh != u.name {
                    d.push(shadowed_unit(src, u));
                }
                false
            }
            None => true,
        })
        .cloned()
        .collect();
    add_units(src, &own, &mut seen, &mut out, g, d);
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn add_units(
    src: &Source,
    entries: &[schema::UnitEntry],
    seen: &mut BTreeSet<String>,
    out: &mut Vec<Unit>,
    g: &Glossary<'_>,
    d: &mut Diagnostics,
) {
    for u in entries {
        if !seen.insert(u.id.clone()) {
            dup_id(src, &u.id, "unit", d);
            continue;
        }
        out.push(Unit {
            id: UnitId(u.id.clone()),
            name: g.term(&u.name),
            aliases: u.aliases.clone(),
            suspect: u
                .suspect
                .iter()
                .map(|s| {
                    (
                        s.name.clone(),
                        Localized::new(s.note.zh.clone(), s.note.en.clone()),
                    )
                })
                .collect(),
        });
    }
}

/// A plan's own unit under an id the shared registry holds, named
/// otherwise there.
fn shadowed_unit(src: &Source, u: &schema::UnitEntry) -> crate::diag::Diagnostic {
    let line = line_of(src, &format!("\"{}\"", u.id), 1);
    super::common::error_at(
        src,
        line,
        Bilingual::new(
            format!(
                "单位 {} 已在全站共用的 {} 中登记，这里的名称“{}”不会使用",
                u.id,
                crate::load::SHARED_UNITS,
                u.name
            ),
            format!(
                "unit {} is registered in {}, shared by every plan; the name \"{}\" given here is not used",
                u.id,
                crate::load::SHARED_UNITS,
                u.name
            ),
        ),
    )
    .as_warning()
    .with_hint(
        "请在 content/units.toml 中修改单位名称，并从本文件删除这一项",
        "change the unit's name in content/units.toml, and remove this entry from this file",
    )
}

pub(super) fn boxes(raw: &Raw, d: &mut Diagnostics) -> Vec<KeyBox> {
    let (src, file) = &*raw.projects;
    let mut out: Vec<KeyBox> = vec![];
    let number_lines = number_lines(src);
    let lines: Vec<&str> = src.text.lines().collect();
    for b in &file.boxes {
        let line = number_lines.get(&b.number).copied().unwrap_or(0);
        if out.iter().any(|x| x.number == b.number) {
            d.push(error_at(
                src,
                line,
                Bilingual::new(
                    format!("专栏编号 {} 重复", b.number),
                    format!("duplicate box number {}", b.number),
                ),
            ));
            continue;
        }
        let items = b
            .item
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let n = it.number.unwrap_or(i as u32 + 1);
                let l = line_in(
                    &lines,
                    &it.text.zh.chars().take(12).collect::<String>(),
                    line,
                );
                let en = if it.text.en.trim().is_empty() {
                    English::Missing
                } else {
                    English::Current(render_para(src, l, &it.text.en, d))
                };
                BoxItem {
                    id: ParaId(format!("box{}-i{n}", b.number)),
                    number: it.number,
                    zh: render_para(src, l, &it.text.zh, d),
                    en,
                }
            })
            .collect();
        out.push(KeyBox {
            number: b.number,
            chapter: b.chapter,
            title: Localized::new(b.title.zh.clone(), b.title.en.clone()),
            items,
        });
    }
    out.sort_by_key(|b| b.number);
    out
}

/// All paragraph anchors with their chapter and inline HTML (zh, en).
fn paragraphs<'a>(
    chapters: &'a [Chapter],
    boxes: &'a [KeyBox],
) -> Vec<(u32, &'a ParaId, &'a InlineHtml, &'a English)> {
    let mut v = vec![];
    for c in chapters {
        for s in &c.sections {
            for b in &s.blocks {
                if let Block::Para(p) = b {
                    v.push((c.number, &p.id, &p.zh, &p.en));
                }
            }
        }
    }
    for b in boxes {
        for it in &b.items {
            v.push((b.chapter, &it.id, &it.zh, &it.en));
        }
    }
    v
}

type ParaRef<'a> = (u32, &'a ParaId, &'a InlineHtml, &'a English);

/// Paragraphs by anchor, for lookups that stay fast on large sites.
/// The paragraphs an indicator's `contradicts` names; an unknown id is an
/// error naming the line.
fn contradicts(
    src: &Source,
    line: usize,
    ids: &[String],
    paras: &std::collections::HashMap<&str, ParaRef<'_>>,
    d: &mut Diagnostics,
) -> Vec<(u32, ParaId)> {
    ids.iter()
        .filter_map(|id| match paras.get(id.as_str()) {
            Some(p) => Some((p.0, p.1.clone())),
            None => {
                d.push(
                    error_at(
                        src,
                        line_of(src, "contradicts", line),
                        Bilingual::new(
                            format!("contradicts 中的段落 {id} 不存在"),
                            format!("paragraph {id} in contradicts does not exist"),
                        ),
                    )
                    .with_hint(
                        "段落 id 的格式是 cNN-sN-pN，见该段在网页上的锚点",
                        "a paragraph id is cNN-sN-pN, the anchor of the paragraph on its page",
                    ),
                );
                None
            }
        })
        .collect()
}

fn by_id(list: Vec<ParaRef<'_>>) -> std::collections::HashMap<&str, ParaRef<'_>> {
    list.into_iter().map(|p| (p.1.as_str(), p)).collect()
}

/// [`line_of`] over the lines of a file split once: the search starts at
/// line `from` without walking the lines before it.
fn line_in(lines: &[&str], needle: &str, from: usize) -> usize {
    let start = from.saturating_sub(1).min(lines.len());
    lines[start..]
        .iter()
        .position(|l| l.contains(needle))
        .map_or(0, |i| start + i + 1)
}

/// The first line of each `number = N` in a TOML file, in one pass.
fn number_lines(src: &Source) -> std::collections::HashMap<u32, usize> {
    let mut out = std::collections::HashMap::new();
    for (i, l) in src.text.lines().enumerate() {
        if let Some(n) = l
            .trim()
            .strip_prefix("number = ")
            .and_then(|r| r.trim().parse().ok())
        {
            out.entry(n).or_insert(i + 1);
        }
    }
    out
}

/// The first line of each `id = "…"` in a TOML file, in one pass.
fn id_lines(src: &Source) -> std::collections::HashMap<&str, usize> {
    let mut out = std::collections::HashMap::new();
    for (i, l) in src.text.lines().enumerate() {
        if let Some(id) = l
            .trim()
            .strip_prefix("id = \"")
            .and_then(|r| r.strip_suffix('"'))
        {
            out.entry(id).or_insert(i + 1);
        }
    }
    out
}

/// The paragraph a task or commitment id belongs to: `c03-s1-p1-t2` → `c03-s1-p1`.
fn para_of(task: &str) -> &str {
    match task.rfind("-t") {
        Some(i) if task[i + 2..].chars().all(|c| c.is_ascii_digit()) && i + 2 < task.len() => {
            &task[..i]
        }
        _ => task,
    }
}

/// Whether each id is the first use of it (a later use is a duplicate).
fn first_uses<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<bool> {
    let mut seen = std::collections::HashSet::new();
    ids.map(|id| seen.insert(id)).collect()
}

/// The entries checked on both cores, kept and reported in the file's
/// order (at N = 100 the tasks' loop was the longest step on one core).
fn collect_in_order<T: Send>(
    each: impl IndexedParallelIterator<Item = (Option<T>, Diagnostics)>,
    d: &mut Diagnostics,
) -> Vec<T> {
    let each: Vec<(Option<T>, Diagnostics)> = each.collect();
    let mut out = Vec::with_capacity(each.len());
    for (item, found) in each {
        d.extend(found);
        out.extend(item);
    }
    out
}

/// A task's short title: the paragraph's lead sentence, else its first
/// sentence, as plain text (the HTML's tags dropped and entities decoded,
/// since the page escapes it once). A first sentence longer than a title
/// (40 characters of Chinese, 100 of English) is cut after the last clause
/// mark (，、；,;) or word before the limit, and ends with an ellipsis.
fn plain_lead(h: &InlineHtml) -> String {
    if let Some(lead) = &h.lead {
        return plain_text(lead).trim().to_string();
    }
    let text = plain_text(&h.body);
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            c == '。' || (c == '.' && !text[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        })
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    shorten(text[..end].trim())
}

fn shorten(s: &str) -> String {
    let latin = s.is_ascii();
    let limit = if latin { 100 } else { 40 };
    if s.chars().count() <= limit {
        return s.to_string();
    }
    let head: String = s.chars().take(limit).collect();
    let marks = |c: char| matches!(c, '，' | '、' | '；' | ',' | ';') || (latin && c == ' ');
    let cut = head
        .char_indices()
        .filter(|&(_, c)| marks(c))
        .map(|(i, _)| i)
        .next_back()
        .filter(|&i| i > head.len() / 3)
        .unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end())
}

/// The text of inline HTML: tags dropped, character references decoded.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match (c, in_tag) {
            ('<', _) => in_tag = true,
            ('>', true) => in_tag = false,
            (_, false) => out.push(c),
            _ => {}
        }
    }
    html_escape::decode_html_entities(&out).into_owned()
}

#[cfg(test)]
mod tests;
