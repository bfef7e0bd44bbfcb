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
    let cx = ChapterCx {
        rel,
        c: format!("c{:02}", front.number),
        english: super::super::chapter::English::read(en),
        clauses,
    };
    out.extend(cx.front_entries(&front, zh_md.front_line));
    let (mut section, mut para) = (0, 0);
    for b in &zh_md.blocks {
        let e = match b {
            MdBlock::Heading { line, title } => {
                (section, para) = (section + 1, 0);
                cx.heading(section, title, *line)
            }
            MdBlock::Para { line, text, .. } => {
                para += 1;
                cx.paragraph((section, para), text, *line)
            }
            MdBlock::Note { line, label, text } => cx.note(label, text, *line),
            _ => continue,
        };
        out.push(e);
    }
    Ok(())
}

/// What every entry of one chapter file shares.
struct ChapterCx<'a> {
    rel: &'a str,
    /// `cNN`, the prefix of the chapter's entry ids.
    c: String,
    english: super::super::chapter::English,
    clauses: &'a BTreeMap<String, Vec<String>>,
}

impl ChapterCx<'_> {
    fn at(&self, e: Entry, line: usize) -> Entry {
        Entry {
            path: self.rel.to_string(),
            line,
            ..e
        }
    }

    /// The chapter's title and part, from its front matter.
    fn front_entries(&self, front: &ChapterFront, line: usize) -> Vec<Entry> {
        let zh_file = self.rel.to_string();
        let current = |en: Option<&String>, zh: &str| {
            en.filter(|t| !t.is_empty() && t.as_str() != zh).cloned()
        };
        let t = Target::ChapterTitle {
            zh_file: zh_file.clone(),
        };
        let id = format!("{}-title", self.c);
        let mut title = self.at(
            Entry::new(id, Kind::ChapterTitle, front.title.clone(), t),
            line,
        );
        if let Some(en) = current(self.english.title.as_ref(), &front.title) {
            (title.en, title.status) = (en, Status::Current);
        }
        let mut out = vec![title];
        if let Some(part) = &front.part {
            let t = Target::ChapterPart { zh_file };
            let id = format!("{}-part", self.c);
            let mut e = self.at(Entry::new(id, Kind::ChapterTitle, part.clone(), t), line);
            if let Some(en) = current(self.english.part.as_ref(), part) {
                (e.en, e.status) = (en, Status::Current);
            }
            out.push(e);
        }
        out
    }

    fn heading(&self, section: usize, title: &str, line: usize) -> Entry {
        let t = Target::Heading {
            zh_file: self.rel.to_string(),
            section,
        };
        let id = format!("{}-s{section}", self.c);
        let mut e = self.at(Entry::new(id, Kind::Heading, title.to_string(), t), line);
        if let Some(t) = self
            .english
            .headings
            .get(section - 1)
            .filter(|t| *t != title)
        {
            (e.en, e.status) = (t.clone(), Status::Current);
        }
        e
    }

    /// A paragraph, its task clauses as placeholders; its English current
    /// when translated from this Chinese, else stale.
    fn paragraph(&self, (section, para): (usize, usize), text: &str, line: usize) -> Entry {
        let id = format!("{}-s{section}-p{para}", self.c);
        let clauses = self.clauses.get(&id).map_or(&[][..], Vec::as_slice);
        let source = with_placeholders(text, clauses);
        let t = Target::Para {
            zh_file: self.rel.to_string(),
            section,
            para,
        };
        let entry = Entry {
            source,
            ..Entry::new(id, Kind::Paragraph, text.to_string(), t)
        };
        let mut e = self.at(entry, line);
        if let Some((t, fp)) = self.english.paras.get(&(section, para)) {
            let status = if *fp == e.fingerprint {
                Status::Current
            } else {
                Status::Stale
            };
            (e.en, e.status) = (t.clone(), status);
        }
        e
    }

    fn note(&self, label: &str, text: &str, line: usize) -> Entry {
        let t = Target::Note {
            zh_file: self.rel.to_string(),
            label: label.to_string(),
        };
        let id = format!("{}-note-{label}", self.c);
        let mut e = self.at(Entry::new(id, Kind::Paragraph, text.to_string(), t), line);
        if let Some(en) = self
            .english
            .notes
            .get(label)
            .filter(|n| !n.is_empty() && *n != text)
        {
            (e.en, e.status) = (en.clone(), Status::Current);
        }
        e
    }
}
