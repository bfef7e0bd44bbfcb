//! Diagnostics: problems found in user content, collected rather than thrown.
//!
//! Every diagnostic names a file (relative to the site root), a 1-based line
//! and column when known, and carries its message and hint in Chinese and in
//! English so that bureau staff can act on it.

use serde::Serialize;
use std::fmt;

/// How bad a problem is. Errors stop `build`; warnings are reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A text in both site languages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

/// One problem in user content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// The offending source line, when known.
    pub snippet: Option<String>,
    pub message: Bilingual,
    pub hint: Bilingual,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, line: usize, message: Bilingual) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            column: 0,
            snippet: None,
            message,
            hint: Bilingual::new("", ""),
        }
    }

    pub fn warning(path: impl Into<String>, line: usize, message: Bilingual) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, message)
        }
    }

    /// The same diagnostic as a warning: reported, but the build goes on
    /// unless `--strict`.
    pub fn as_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn with_hint(mut self, zh: impl Into<String>, en: impl Into<String>) -> Self {
        self.hint = Bilingual::new(zh, en);
        self
    }

    pub fn at_column(mut self, column: usize) -> Self {
        self.column = column;
        self
    }

    pub fn with_snippet(mut self, snippet: impl Into<String>) -> Self {
        self.snippet = Some(snippet.into());
        self
    }

    /// `path:line:column` as editors understand it.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.path.clone(),
            (l, 0) => format!("{}:{}", self.path, l),
            (l, c) => format!("{}:{}:{}", self.path, l, c),
        }
    }
}

/// Diagnostics collected over a whole run, kept in a stable order.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Sorted by path, line and column so output is deterministic.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        v
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} / {}",
            self.location(),
            self.message.zh,
            self.message.en
        )
    }
}

/// 1-based line and column of a byte offset in `src`.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src[..floor_char_boundary(src, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text of 1-based line `line` in `src`.
pub fn line_text(src: &str, line: usize) -> Option<&str> {
    src.lines().nth(line.checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let src = "一二\n三四五x";
        let off = src.find('x').expect("x present");
        assert_eq!(line_col(src, off), (2, 4));
    }

    #[test]
    fn sorted_orders_by_location() {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::error("b.toml", 1, Bilingual::new("甲", "a")));
        d.push(Diagnostic::error("a.toml", 9, Bilingual::new("乙", "b")));
        d.push(Diagnostic::warning("a.toml", 2, Bilingual::new("丙", "c")));
        let locs: Vec<String> = d.sorted().iter().map(|x| x.location()).collect();
        assert_eq!(locs, ["a.toml:2", "a.toml:9", "b.toml:1"]);
        assert_eq!(d.error_count(), 2);
    }
}
