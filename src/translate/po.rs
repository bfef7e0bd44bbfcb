//! gettext PO (Poedit, Weblate, OmegaT): one entry per text, `msgctxt`
//! holding the id (the same Chinese may stand in two places), `#.` the
//! kind, status and fingerprint, `#:` the Chinese file and line, `#, fuzzy`
//! on a stale English, and the translator comment `# reused` on English
//! taken from the translation memory.

use super::{malformed, Entry, Incoming, Malformed, Status};

/// The PO text of `entries`.
pub fn write_po(entries: &[Entry]) -> String {
    let mut out = String::from(concat!(
        "# English translations of a plansite site (plansite translate export).\n",
        "# Translate msgstr; keep every {clause} placeholder where it belongs.\n",
        "msgid \"\"\n",
        "msgstr \"\"\n",
        "\"Project-Id-Version: plansite\\n\"\n",
        "\"MIME-Version: 1.0\\n\"\n",
        "\"Content-Type: text/plain; charset=UTF-8\\n\"\n",
        "\"Content-Transfer-Encoding: 8bit\\n\"\n",
        "\"Language: en\\n\"\n",
        "\"X-Source-Language: zh_CN\\n\"\n",
    ));
    for e in entries {
        out.push('\n');
        if e.reused {
            out.push_str("# reused: translation memory\n");
        }
        if let Some(from) = &e.near {
            out.push_str(&format!("# near match of {}: review it\n", quote(from)));
        }
        let status = e.status.name();
        out.push_str(&format!(
            "#. {} · {status} · zh:{}\n",
            e.kind.name(),
            e.fingerprint
        ));
        if e.line > 0 {
            out.push_str(&format!("#: {}:{}\n", e.path, e.line));
        } else {
            out.push_str(&format!("#: {}\n", e.path));
        }
        if e.status == Status::Stale || e.near.is_some() {
            out.push_str("#, fuzzy\n");
        }
        out.push_str(&format!("msgctxt {}\n", quote(&e.id)));
        out.push_str(&format!("msgid {}\n", quote(&e.source)));
        out.push_str(&format!("msgstr {}\n", quote(&e.en)));
    }
    out
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn unquote(s: &str, line: usize) -> Result<String, Malformed> {
    let bad = || malformed(line, "引号字符串格式有误", "malformed quoted string");
    let inner = s
        .trim()
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .ok_or_else(bad)?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                _ => return Err(bad()),
            },
            '"' => return Err(bad()),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Which string a continuation line extends.
#[derive(Clone, Copy, PartialEq, Default)]
enum Field {
    #[default]
    None,
    Ctxt,
    Id,
    Str,
}

/// The entry being read.
#[derive(Default)]
struct Pending {
    ctxt: Option<String>,
    id: Option<String>,
    msgstr: Option<String>,
    fuzzy: bool,
    line: usize,
}

/// Reads a PO file. Any syntax problem, or an entry without an id, fails
/// the whole file.
pub fn read_po(text: &str) -> Result<Vec<Incoming>, Vec<Malformed>> {
    let mut r = PoReader::default();
    for (i, raw) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        r.line(i + 1, raw.trim());
    }
    let PoReader {
        mut out,
        mut errors,
        cur,
        field: _,
    } = r;
    finish(cur, &mut out, &mut errors);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// A PO file being read line by line: the entries and errors so far, the
/// entry being read, and the string its continuation lines extend.
#[derive(Default)]
struct PoReader {
    out: Vec<Incoming>,
    errors: Vec<Malformed>,
    cur: Pending,
    field: Field,
}

impl PoReader {
    /// Reads line `n`, trimmed to `l`.
    fn line(&mut self, n: usize, l: &str) {
        if l.is_empty() || l.starts_with("#~") {
            self.finish_entry();
            self.field = Field::None;
        } else if let Some(flags) = l.strip_prefix("#,") {
            self.start(l);
            self.cur.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
        } else if l.starts_with('#') {
            self.start(l);
        } else if let Some(rest) = keyword(l, "msgctxt") {
            self.start(l);
            self.cur.line = n;
            (self.cur.ctxt, self.field) = (Some(self.string(rest, n)), Field::Ctxt);
        } else if let Some(rest) = keyword(l, "msgid") {
            if self.cur.msgstr.is_some() {
                self.finish_entry();
            }
            if self.cur.line == 0 {
                self.cur.line = n;
            }
            (self.cur.id, self.field) = (Some(self.string(rest, n)), Field::Id);
        } else if let Some(rest) = keyword(l, "msgstr") {
            if self.cur.id.is_none() {
                self.errors.push(malformed(
                    n,
                    "msgstr 之前缺少 msgid",
                    "msgstr without a msgid before it",
                ));
            }
            (self.cur.msgstr, self.field) = (Some(self.string(rest, n)), Field::Str);
        } else if l.starts_with('"') {
            self.continuation(n, l);
        } else {
            self.errors.push(malformed(
                n,
                format!("无法识别的行：{l}"),
                format!("unrecognised line: {l} (msgid_plural and msgstr[N] are not used here)"),
            ));
        }
    }

    /// Adds the string on continuation line `n` to the field it extends.
    fn continuation(&mut self, n: usize, l: &str) {
        let s = self.string(l, n);
        let slot = match self.field {
            Field::Ctxt => self.cur.ctxt.as_mut(),
            Field::Id => self.cur.id.as_mut(),
            Field::Str => self.cur.msgstr.as_mut(),
            Field::None => None,
        };
        match slot {
            Some(v) => v.push_str(&s),
            None => self.errors.push(malformed(
                n,
                "字符串不属于任何条目",
                "a string that belongs to no entry",
            )),
        }
    }

    /// The quoted string `s` on line `n`; empty, with an error, when it is
    /// malformed.
    fn string(&mut self, s: &str, n: usize) -> String {
        get(unquote(s, n), &mut self.errors)
    }

    /// Ends the entry being read when line `l` (a comment or `msgctxt`)
    /// starts a new one: after the entry's `msgstr`, or a comment after its
    /// `msgid`.
    fn start(&mut self, l: &str) {
        if self.cur.msgstr.is_some() || (self.cur.id.is_some() && l.starts_with('#')) {
            self.finish_entry();
        }
    }

    /// Ends the entry being read.
    fn finish_entry(&mut self) {
        finish(
            std::mem::take(&mut self.cur),
            &mut self.out,
            &mut self.errors,
        );
    }
}

/// `msgid "…"` → `"…"`, only for the exact keyword.
fn keyword<'a>(l: &'a str, kw: &str) -> Option<&'a str> {
    l.strip_prefix(kw)
        .filter(|r| r.starts_with([' ', '\t', '"']))
}

fn get(r: Result<String, Malformed>, errors: &mut Vec<Malformed>) -> String {
    r.unwrap_or_else(|e| {
        errors.push(e);
        String::new()
    })
}

fn finish(p: Pending, out: &mut Vec<Incoming>, errors: &mut Vec<Malformed>) {
    let Pending {
        ctxt,
        id,
        msgstr,
        fuzzy,
        line,
    } = p;
    let (Some(source), Some(target)) = (id, msgstr) else {
        if ctxt.is_some() {
            errors.push(malformed(
                line,
                "条目不完整（缺少 msgid 或 msgstr）",
                "incomplete entry (no msgid or msgstr)",
            ));
        }
        return;
    };
    match ctxt {
        Some(id) if !id.trim().is_empty() => out.push(Incoming {
            id,
            source,
            target,
            unfinished: fuzzy,
            line,
        }),
        // The header.
        None if source.is_empty() => {}
        _ => errors.push(malformed(
            line,
            "条目缺少 msgctxt（条目 id）",
            "entry without a msgctxt (its id)",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translate::{Kind, Target};

    fn entry(id: &str, source: &str, en: &str, status: Status) -> Entry {
        Entry {
            id: id.to_string(),
            kind: Kind::Paragraph,
            source: source.to_string(),
            zh: source.to_string(),
            en: en.to_string(),
            status,
            reused: false,
            near: None,
            fingerprint: "0badf00d".to_string(),
            path: "chapters/01.zh.md".to_string(),
            line: 7,
            target: Target::Term,
        }
    }

    #[test]
    fn written_entries_read_back() {
        let es = vec![
            entry(
                "c01-s1-p1",
                "“甲”\\乙\n丙{clause}",
                "\"A\" \\ B\nC {clause}",
                Status::Stale,
            ),
            entry("c01-s1-p2", "丁", "", Status::Missing),
        ];
        let po = write_po(&es);
        assert!(po.contains("#, fuzzy\nmsgctxt \"c01-s1-p1\""), "{po}");
        let back = read_po(&po).expect("reads");
        let got: Vec<_> = back
            .iter()
            .map(|i| {
                (
                    i.id.as_str(),
                    i.source.as_str(),
                    i.target.as_str(),
                    i.unfinished,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "c01-s1-p1",
                    "“甲”\\乙\n丙{clause}",
                    "\"A\" \\ B\nC {clause}",
                    true
                ),
                ("c01-s1-p2", "丁", "", false),
            ]
        );
    }

    #[test]
    fn continuation_lines_join_and_bad_lines_are_named() {
        let po = "msgctxt \"x\"\nmsgid \"\"\n\"甲\"\n\"乙\"\nmsgstr \"A\"\n\"B\"\n";
        let back = read_po(po).expect("reads");
        assert_eq!(
            (
                back[0].source.as_str(),
                back[0].target.as_str(),
                back[0].line
            ),
            ("甲乙", "AB", 1)
        );
        let bad =
            read_po("msgctxt \"x\"\nmsgid \"甲\nmsgstr \"A\"\n\nmsgid \"乙\"\nmsgstr \"B\"\n")
                .expect_err("bad");
        let lines: Vec<usize> = bad.iter().map(|m| m.line).collect();
        assert_eq!(lines, vec![2, 5], "{bad:?}");
    }
}
