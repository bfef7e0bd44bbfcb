//! A chapter's entries: its title, part, paragraphs and notes, with the task clauses as placeholders.

use super::*;

/// Responsibility clauses by paragraph id (`c03-s1-p1`), in file order;
/// a task `c03-s1-p1-t2` is the second clause of paragraph `c03-s1-p1`.
pub(super) fn clauses_by_paragraph(tasks: Option<TasksFile>) -> BTreeMap<String, Vec<String>> {
    let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in tasks.map(|t| t.task).unwrap_or_default() {
        let para = match t.id.rsplit_once("-t") {
            Some((p, n)) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => p,
            _ => t.id.as_str(),
        };
        m.entry(para.to_string()).or_default().push(t.clause);
    }
    m
}

/// A paragraph's source: each clause inside it replaced by the
/// placeholder, a clause ending it removed.
pub(super) fn with_placeholders(md: &str, clauses: &[String]) -> String {
    let mut out = md.to_string();
    let mut from = 0;
    for c in clauses {
        let escaped = crate::seed::text::escape(c);
        let found = [escaped.as_str(), c.as_str()]
            .into_iter()
            .find_map(|n| out[from..].find(n).map(|p| (p + from, n.len())));
        let Some((pos, len)) = found else {
            continue;
        };
        if out[pos + len..].trim().is_empty() {
            out.truncate(pos);
            break;
        }
        out.replace_range(pos..pos + len, PLACEHOLDER);
        from = pos + PLACEHOLDER.len();
    }
    out.trim_end().to_string()
}

pub(super) fn chapter(
    rel: &str,
    zh: &str,
    en: Option<&str>,
    clauses: &BTreeMap<String, Vec<String>>,
    out: &mut Vec<Entry>,
) -> Result<()> {
    let bad = || format!("content/{rel}: 缺少 +++ 前置信息 / missing the +++ front matter");
    let zh_md = split(zh).with_context(bad)?;
    let front: ChapterFront = toml::from_str(&zh_md.front)
        .with_context(|| format!("读取 / reading content/{rel} front matter"))?;
    let english = super::super::chapter::English::read(en);
    let c = format!("c{:02}", front.number);
    let at = |e: Entry, line: usize| Entry {
        path: rel.to_string(),
        line,
        ..e
    };
    let zh_file = rel.to_string();
    let t = Target::ChapterTitle {
        zh_file: zh_file.clone(),
    };
    let mut title = at(
        Entry::new(
            format!("{c}-title"),
            Kind::ChapterTitle,
            front.title.clone(),
            t,
        ),
        zh_md.front_line,
    );
    if let Some(t) = english
        .title
        .as_ref()
        .filter(|t| !t.is_empty() && **t != front.title)
    {
        (title.en, title.status) = (t.clone(), Status::Current);
    }
    out.push(title);
    if let Some(part) = &front.part {
        let t = Target::ChapterPart {
            zh_file: zh_file.clone(),
        };
        let mut e = at(
            Entry::new(format!("{c}-part"), Kind::ChapterTitle, part.clone(), t),
            zh_md.front_line,
        );
        if let Some(en) = english
            .part
            .as_ref()
            .filter(|p| !p.is_empty() && *p != part)
        {
            (e.en, e.status) = (en.clone(), Status::Current);
        }
        out.push(e);
    }
    let (mut section, mut para) = (0, 0);
    for b in &zh_md.blocks {
        match b {
            MdBlock::Heading { line, title } => {
                (section, para) = (section + 1, 0);
                let t = Target::Heading {
                    zh_file: zh_file.clone(),
                    section,
                };
                let mut e = at(
                    Entry::new(format!("{c}-s{section}"), Kind::Heading, title.clone(), t),
                    *line,
                );
                if let Some(t) = english.headings.get(section - 1).filter(|t| *t != title) {
                    (e.en, e.status) = (t.clone(), Status::Current);
                }
                out.push(e);
            }
            MdBlock::Para { line, text, .. } => {
                para += 1;
                let id = format!("{c}-s{section}-p{para}");
                let source = with_placeholders(text, clauses.get(&id).map_or(&[], Vec::as_slice));
                let t = Target::Para {
                    zh_file: zh_file.clone(),
                    section,
                    para,
                };
                let mut e = at(
                    Entry {
                        source,
                        ..Entry::new(id, Kind::Paragraph, text.clone(), t)
                    },
                    *line,
                );
                if let Some((t, fp)) = english.paras.get(&(section, para)) {
                    let current = *fp == e.fingerprint;
                    (e.en, e.status) = (
                        t.clone(),
                        if current {
                            Status::Current
                        } else {
                            Status::Stale
                        },
                    );
                }
                out.push(e);
            }
            MdBlock::Note { line, label, text } => {
                let t = Target::Note {
                    zh_file: zh_file.clone(),
                    label: label.clone(),
                };
                let id = format!("{c}-note-{label}");
                let mut e = at(Entry::new(id, Kind::Paragraph, text.clone(), t), *line);
                if let Some(en) = english
                    .notes
                    .get(label)
                    .filter(|n| !n.is_empty() && *n != text)
                {
                    (e.en, e.status) = (en.clone(), Status::Current);
                }
                out.push(e);
            }
            _ => {}
        }
    }
    Ok(())
}
