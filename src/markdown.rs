//! Chapter Markdown: the block structure (front matter, `##` sections,
//! `:::` directives, `<!-- sN-pM zh:FP -->` paragraph keys) read line by
//! line, and paragraph text rendered inline with pulldown-cmark. Lead
//! sentences (`**…。**`) are cut out and rendered by hand, because CommonMark's
//! flanking rules leave `**…。**` open when a Chinese character follows.

use crate::model::InlineHtml as Inline;
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

/// One block of a chapter body.
#[derive(Debug, Clone, PartialEq)]
pub enum MdBlock {
    /// `## Title`
    Heading { line: usize, title: String },
    /// `::: indicators` or `::: box N`
    Directive {
        line: usize,
        name: String,
        arg: String,
    },
    /// A paragraph; `key` is `(section, paragraph, fingerprint)` from a
    /// preceding `<!-- sN-pM zh:FP -->` comment (English files).
    Para {
        line: usize,
        text: String,
        key: Option<(usize, usize, String)>,
    },
    /// A note's text, `[^LABEL]: text` (a footnote or endnote of the Word
    /// file), which a paragraph references as `[^LABEL]`.
    Note {
        line: usize,
        label: String,
        text: String,
    },
    /// A line the reader cannot use.
    Bad { line: usize, text: String },
}

/// A chapter file split into front matter and blocks.
#[derive(Debug, Clone)]
pub struct MdFile {
    pub front: String,
    /// 1-based line where the front matter's content starts.
    pub front_line: usize,
    pub blocks: Vec<MdBlock>,
}

/// Splits a chapter file. `None` when the `+++` front matter is missing.
pub fn split(src: &str) -> Option<MdFile> {
    let mut lines = src.lines().enumerate();
    let (_, first) = lines.next()?;
    if first.trim() != "+++" {
        return None;
    }
    let front = front_matter(&mut lines)?;
    let mut reader = Blocks::default();
    for (i, l) in lines {
        reader.line(i + 1, l.trim());
    }
    reader.flush();
    Some(MdFile {
        front,
        front_line: 2,
        blocks: reader.blocks,
    })
}

/// The front matter's lines up to the closing `+++`, which is consumed;
/// `None` when there is none.
fn front_matter<'a>(lines: &mut impl Iterator<Item = (usize, &'a str)>) -> Option<String> {
    let mut front = String::new();
    for (_, l) in lines {
        if l.trim() == "+++" {
            return Some(front);
        }
        front.push_str(l);
        front.push('\n');
    }
    None
}

/// The blocks of a chapter body read so far, with the paragraph being read
/// and the key that will go to the next paragraph.
#[derive(Default)]
struct Blocks {
    blocks: Vec<MdBlock>,
    key: Option<(usize, usize, String)>,
    para: Option<(usize, String)>,
}

impl Blocks {
    /// Ends the paragraph being read, if any, giving it the pending key.
    fn flush(&mut self) {
        if let Some((line, text)) = self.para.take() {
            self.blocks.push(MdBlock::Para {
                line,
                text,
                key: self.key.take(),
            });
        }
    }

    /// Reads line `n`, trimmed to `t`.
    fn line(&mut self, n: usize, t: &str) {
        if t.is_empty() {
            self.flush();
        } else if let Some(title) = t.strip_prefix("## ") {
            self.flush();
            self.blocks.push(MdBlock::Heading {
                line: n,
                title: unescape(title.trim()),
            });
        } else if let Some(d) = t.strip_prefix(":::") {
            self.flush();
            let mut parts = d.split_whitespace();
            let name = parts.next().unwrap_or_default().to_string();
            let arg = parts.collect::<Vec<_>>().join(" ");
            self.blocks.push(MdBlock::Directive { line: n, name, arg });
        } else if let Some(c) = t.strip_prefix("<!--").and_then(|c| c.strip_suffix("-->")) {
            self.flush();
            match parse_key(c.trim()) {
                Some(k) => self.key = Some(k),
                None => self.blocks.push(MdBlock::Bad {
                    line: n,
                    text: t.to_string(),
                }),
            }
        } else if let Some((label, text)) = self.para.is_none().then(|| note_line(t)).flatten() {
            self.blocks.push(MdBlock::Note {
                line: n,
                label,
                text,
            });
        } else {
            match self.para.as_mut() {
                Some((_, text)) => {
                    text.push('\n');
                    text.push_str(t);
                }
                None => self.para = Some((n, t.to_string())),
            }
        }
    }
}

/// `[^3]: text` → ("3", "text"): a label of ASCII letters, digits and `-`.
fn note_line(t: &str) -> Option<(String, String)> {
    let (label, text) = t.strip_prefix("[^")?.split_once("]:")?;
    let ok = !label.is_empty()
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    ok.then(|| (label.to_string(), text.trim().to_string()))
}

/// The HTML of a note reference `[^LABEL]`: a superscript link to the
/// note (`#note-LABEL`) on the paragraph's chapter page.
pub fn note_ref(label: &str) -> String {
    format!("<sup class=\"note-ref\"><a href=\"#note-{label}\">{label}</a></sup>")
}

/// `s1-p2 zh:abcd1234` → (1, 2, "abcd1234").
fn parse_key(c: &str) -> Option<(usize, usize, String)> {
    let (pos, fp) = c.split_once(' ')?;
    let fp = fp.trim().strip_prefix("zh:")?;
    let (s, p) = pos.strip_prefix('s')?.split_once("-p")?;
    Some((s.parse().ok()?, p.parse().ok()?, fp.to_string()))
}

/// Removes Markdown backslash escapes (for headings shown as plain text).
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&n) = chars.peek() {
                if n.is_ascii_punctuation() {
                    out.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// Problems found while rendering inline Markdown.
#[derive(Debug, Clone, PartialEq)]
pub enum InlineProblem {
    RawHtml(String),
    BadLink(String),
}

/// Renders one paragraph's Markdown to inline HTML. Raw HTML is dropped and
/// reported; links may only be relative, http(s) or mailto.
pub fn inline(md: &str, problems: &mut Vec<InlineProblem>) -> Inline {
    let (dash, rest) = if let Some(r) = md.strip_prefix("——") {
        ("——", r)
    } else if let Some(r) = md.strip_prefix("— ") {
        ("— ", r)
    } else {
        ("", md)
    };
    let mut out = Inline {
        dash: dash.to_string(),
        ..Inline::default()
    };
    let rest = match rest
        .strip_prefix("**")
        .and_then(|r| r.find("**").map(|e| (r, e)))
    {
        Some((r, end)) => {
            out.lead = Some(render(&r[..end], problems));
            &r[end + 2..]
        }
        None => rest,
    };
    out.body = render(rest, problems);
    // Keep the space between an English lead and its sentence.
    if out.lead.is_some() && rest.starts_with(char::is_whitespace) && !out.body.is_empty() {
        out.body.insert(0, ' ');
    }
    out
}

fn render(md: &str, problems: &mut Vec<InlineProblem>) -> String {
    // Old-style footnotes: a reference whose note is in another block of
    // the file (`[^3]: …`, read by [`split`]) is still a reference.
    let parser = Parser::new_ext(md, Options::ENABLE_OLD_FOOTNOTES).filter_map(|ev| match ev {
        Event::Html(h) | Event::InlineHtml(h) => {
            problems.push(InlineProblem::RawHtml(h.to_string()));
            None
        }
        Event::Start(Tag::Paragraph) | Event::End(pulldown_cmark::TagEnd::Paragraph) => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let ok = safe_url(&dest_url);
            if !ok {
                problems.push(InlineProblem::BadLink(dest_url.to_string()));
            }
            let dest_url = if ok { dest_url } else { CowStr::from("#") };
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::Start(Tag::Image { .. }) | Event::End(pulldown_cmark::TagEnd::Image) => None,
        Event::SoftBreak => Some(Event::Text(CowStr::from(" "))),
        Event::FootnoteReference(label) => {
            let ok = label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
            Some(if ok {
                Event::InlineHtml(CowStr::from(note_ref(&label)))
            } else {
                Event::Text(CowStr::from(format!("[^{label}]")))
            })
        }
        other => Some(other),
    });
    let mut s = String::new();
    html::push_html(&mut s, parser);
    s.trim_end().to_string()
}

/// Whether a link target is allowed in content.
pub fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') && !scheme.contains('#') => {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_before_chinese_renders_without_asterisks() {
        let mut p = vec![];
        let i = inline(
            "**优化国土空间开发与保护格局。**落实主体功能区战略。",
            &mut p,
        );
        assert_eq!(i.lead.as_deref(), Some("优化国土空间开发与保护格局。"));
        assert_eq!(i.body, "落实主体功能区战略。");
        assert!(!i.body.contains('*'));
        assert!(p.is_empty());
        let en = inline("**Optimize the pattern.** Implement it.", &mut p);
        assert_eq!(
            en.body, " Implement it.",
            "space after an English lead is kept"
        );
    }

    #[test]
    fn escapes_render_literally() {
        let mut p = vec![];
        let i = inline(r"注：\[ \]内为五年累计值，带\*的指标", &mut p);
        assert_eq!(i.body, "注：[ ]内为五年累计值，带*的指标");
    }

    #[test]
    fn raw_html_and_script_urls_are_refused() {
        let mut p = vec![];
        let i = inline(
            "a <script>alert(1)</script> [x](javascript:alert(1)) b",
            &mut p,
        );
        assert!(!i.body.contains("<script"), "{}", i.body);
        assert!(!i.body.contains("javascript:"), "{}", i.body);
        assert_eq!(p.len(), 3, "{p:?}");
    }

    #[test]
    fn split_reads_blocks() {
        let src = "+++\nnumber = 1\ntitle = \"x\"\n+++\n\n引言。\n\n## 第一节\n\n<!-- s1-p1 zh:abcd1234 -->\n**甲。**乙\n丙。\n\n::: box 1\n";
        let f = split(src).expect("front matter");
        assert_eq!(f.front, "number = 1\ntitle = \"x\"\n");
        assert_eq!(f.blocks.len(), 4);
        assert_eq!(
            f.blocks[2],
            MdBlock::Para {
                line: 11,
                text: "**甲。**乙\n丙。".into(),
                key: Some((1, 1, "abcd1234".into()))
            }
        );
        assert_eq!(
            f.blocks[3],
            MdBlock::Directive {
                line: 14,
                name: "box".into(),
                arg: "1".into()
            }
        );
    }
}
