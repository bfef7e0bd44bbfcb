//! Writes the release file that a sheet's rows state, in the layout of a
//! hand-written one (README, `progress::schema`): the release's own keys,
//! then one `[[table]]` per entry in row order, one key a line. Each line
//! remembers the cell it came from, so that a check's `file:line` can be
//! named as `进展!D7` instead.

/// One key of the release file and the cell that gave it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Field {
    pub(super) key: &'static str,
    /// The value as TOML writes it (`40.5`, `"甲"`, `{ zh = …, en = … }`).
    pub(super) value: String,
    pub(super) cell: String,
    /// A bilingual text: its only check is a missing English, which the
    /// cell of the English column answers.
    pub(super) text: bool,
}

/// One `[[name]]` entry: a row of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Table {
    pub(super) name: &'static str,
    /// The row's kind cell, named for the `[[name]]` line.
    pub(super) cell: String,
    pub(super) fields: Vec<Field>,
}

/// What the sheet states: the release's own keys and its entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Parts {
    pub(super) top: Vec<Field>,
    pub(super) tables: Vec<Table>,
}

/// Where a line of the written file came from: (cell, is a text).
pub(super) type LineMap = Vec<Option<(String, bool)>>;

/// The release file's text, and the cell of each of its lines.
pub(super) fn emit(parts: &Parts) -> (String, LineMap) {
    let mut text = String::new();
    let mut lines = vec![];
    let mut line = |text: &mut String, s: String, at: Option<(String, bool)>| {
        text.push_str(&s);
        text.push('\n');
        lines.push(at);
    };
    for f in &parts.top {
        line(&mut text, field(f), Some((f.cell.clone(), f.text)));
    }
    for t in &parts.tables {
        line(&mut text, String::new(), None);
        line(
            &mut text,
            format!("[[{}]]", t.name),
            Some((t.cell.clone(), false)),
        );
        for f in &t.fields {
            line(&mut text, field(f), Some((f.cell.clone(), f.text)));
        }
    }
    (text, lines)
}

fn field(f: &Field) -> String {
    format!("{} = {}", f.key, f.value)
}

/// A TOML basic string, always on one line (the toml crate writes a text
/// with a line break as a multi-line string, which would move the lines
/// after it away from their cells).
pub(super) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A bilingual text, `{ zh = "…", en = "…" }`.
pub(super) fn loc(zh: &str, en: &str) -> String {
    format!("{{ zh = {}, en = {} }}", string(zh), string(en))
}

/// A TOML float: always with a point or an exponent (`10.0`, not `10`).
pub(super) fn float(x: f64) -> String {
    format!("{x:?}")
}

/// A TOML array of strings.
pub(super) fn strings(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("[{}]", items.join(", "))
}
