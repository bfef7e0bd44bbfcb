//! Turning seed text into content Markdown: lead sentences, escaping, and
//! the English line translations with their responsibility clauses replaced
//! by the `{clause}` marker.

use regex::Regex;
use std::sync::LazyLock;

/// The marker in English paragraph text where a responsibility clause,
/// rendered from task data, goes. Clauses without a marker are appended.
pub const CLAUSE_MARKER: &str = "{clause}";

/// Longest lead sentence, in characters, that is still a lead.
const MAX_LEAD_CHARS: usize = 40;

static EN_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\([^()]*(?:[Rr]esponsible units?:|[Ll]ead units?:|shall be responsible (?:according|in accordance))[^()]*\)")
        .unwrap_or_else(|e| panic!("invalid built-in pattern: {e}"))
});

/// Escapes characters that Markdown would interpret, so text renders as
/// written. A leading `:` is escaped too, so a paragraph never reads back
/// as a `:::` directive line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    if text.starts_with(':') {
        out.push('\\');
    }
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Byte length of the lead sentence at the start of `text` (after an
/// optional ——), or `None` when the paragraph has no lead.
pub fn lead_len(text: &str) -> Option<usize> {
    let end = text.find('。')? + '。'.len_utf8();
    let lead = &text[..end];
    let chars = lead.chars().count();
    let plain = !lead.contains(['，', '；', '：', '（', '“']);
    (chars <= MAX_LEAD_CHARS && plain && chars > 2).then_some(end)
}

/// Byte length of the lead of `text` found by its shape, counting a
/// leading ——.
pub fn lead_of(text: &str) -> Option<usize> {
    match text.strip_prefix("——") {
        Some(body) => lead_len(body).map(|n| n + "——".len()),
        None => lead_len(text),
    }
}

/// A Chinese paragraph as Markdown with a known lead (its byte length,
/// counting a leading ——, which stays outside the `**`) and Markdown
/// `inserts` (note references `[^1]`) at byte offsets of `text`. The text
/// itself is escaped and otherwise unchanged.
pub fn zh_marked(text: &str, lead: Option<usize>, inserts: &[(usize, String)]) -> String {
    let dash = if text.starts_with("——") {
        "——"
    } else {
        ""
    };
    let fits = |at: usize| at >= dash.len() && at <= text.len() && text.is_char_boundary(at);
    let lead = lead.filter(|&l| fits(l) && l > dash.len());
    // Cut points: the lead's end, then each insert, in order.
    let mut cuts: Vec<(usize, &str)> = inserts
        .iter()
        .filter(|(at, _)| fits(*at))
        .map(|(at, m)| (*at, m.as_str()))
        .collect();
    if let Some(l) = lead {
        cuts.push((l, "**"));
    }
    cuts.sort_by_key(|(at, m)| (*at, *m != "**"));
    let mut out = String::from(dash);
    if lead.is_some() {
        out.push_str("**");
    }
    let mut from = dash.len();
    for (at, m) in cuts {
        out.push_str(&escape(&text[from..at]));
        out.push_str(m);
        from = at;
    }
    out.push_str(&escape(&text[from..]));
    out
}

/// A Chinese paragraph as Markdown: escaped, its lead wrapped in `**`.
pub fn zh_paragraph(text: &str) -> String {
    let (dash, body) = match text.strip_prefix("——") {
        Some(rest) => ("——", rest),
        None => ("", text),
    };
    match lead_len(body) {
        Some(n) => format!("{dash}**{}**{}", escape(&body[..n]), escape(&body[n..])),
        None => format!("{dash}{}", escape(body)),
    }
}

/// An English paragraph translation as Markdown: mid-paragraph clauses
/// replaced by the marker, text escaped except its leading `**lead**`.
pub fn en_paragraph(text: &str) -> String {
    let text = EN_CLAUSE.replace_all(text.trim(), " {clause}");
    let text = text.trim();
    let (prefix, body) = match text.strip_prefix("— ") {
        Some(rest) => ("— ", rest),
        None => ("", text),
    };
    let escaped = |s: &str| escape(s).replace(r"{clause}", CLAUSE_MARKER);
    if let Some(rest) = body.strip_prefix("**") {
        if let Some(end) = rest.find("**") {
            return format!(
                "{prefix}**{}**{}",
                escaped(&rest[..end]),
                escaped(&rest[end + 2..])
            );
        }
    }
    format!("{prefix}{}", escaped(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leads() {
        assert_eq!(
            zh_paragraph("优化国土空间开发与保护格局。落实*战略[ ]。"),
            r"**优化国土空间开发与保护格局。**落实\*战略\[ \]。"
        );
        assert_eq!(
            zh_paragraph("——坚持以人民为中心。坚持"),
            "——**坚持以人民为中心。**坚持"
        );
        assert_eq!(zh_paragraph("当前，第一个目标。"), "当前，第一个目标。");
    }

    #[test]
    fn a_known_lead_and_note_references_are_marked_and_the_text_kept() {
        for t in [
            "优化国土空间开发与保护格局。落实*战略[ ]。",
            "——坚持以人民为中心。坚持",
            "当前，第一个目标。",
        ] {
            assert_eq!(zh_marked(t, lead_of(t), &[]), zh_paragraph(t), "{t}");
        }
        let t = "——加强领导，统筹推进。落实[ ]。";
        let end = t.find('。').expect("。") + '。'.len_utf8();
        let note = vec![(end, "[^1]".to_string()), (t.len(), "[^e2]".to_string())];
        assert_eq!(
            zh_marked(t, Some(end), &note),
            r"——**加强领导，统筹推进。**[^1]落实\[ \]。[^e2]"
        );
        assert_eq!(
            zh_marked(t, None, &note[..1]),
            r"——加强领导，统筹推进。[^1]落实\[ \]。"
        );
    }

    #[test]
    fn english_clauses_become_markers() {
        let s = "**Do A.** Work. (Responsible unit: X Bureau) **Do** B_2. (The X Bureau and Y shall be responsible according to their respective duties.) More.";
        assert_eq!(
            en_paragraph(s),
            r"**Do A.** Work. {clause} \*\*Do\*\* B\_2. {clause} More."
        );
    }

    /// Regression for fuzz/regressions/seed_import-colon-directive.txt: a
    /// seed paragraph `:::` must read back as a paragraph, not a directive.
    #[test]
    fn leading_colons_do_not_make_a_directive() {
        assert_eq!(zh_paragraph(":::"), r"\:::");
        assert_eq!(en_paragraph("::: box 1"), r"\::: box 1");
        let md = format!(
            "+++\nnumber = 1\ntitle = \"x\"\n+++\n\n{}\n",
            zh_paragraph("::: box 1")
        );
        let f = crate::markdown::split(&md).expect("front matter");
        assert!(
            matches!(f.blocks.as_slice(), [crate::markdown::MdBlock::Para { .. }]),
            "{:?}",
            f.blocks
        );
        let mut p = vec![];
        assert_eq!(
            crate::markdown::inline(r"\::: box 1", &mut p).body,
            "::: box 1"
        );
    }
}
