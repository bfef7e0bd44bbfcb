//! What the resolve steps share: translation coverage, glossary lookups,
//! and errors pointed at a line of a source file.

use crate::diag::{line_text, Bilingual, Diagnostic};
use crate::load::Source;
use crate::model::Localized;
use std::collections::BTreeMap;

/// Translation coverage of one chapter (paragraphs only).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Coverage {
    pub chapter: u32,
    pub total: usize,
    pub current: usize,
    pub stale: usize,
    pub missing: usize,
}

/// Glossary lookups that remember what was missing.
pub(crate) struct Glossary<'a> {
    pub(super) terms: &'a BTreeMap<String, String>,
    pub(super) source: &'a Source,
    /// The site's shared glossary, asked where the plan's lacks a term.
    pub(super) shared: Option<&'a BTreeMap<String, String>>,
    pub(super) missing: std::cell::RefCell<Vec<String>>,
}

impl<'a> Glossary<'a> {
    /// The term in both languages; English empty when missing (reported).
    pub(crate) fn term(&self, zh: &str) -> Localized<String> {
        let shared = || self.shared.and_then(|s| s.get(zh));
        let own = self.terms.get(zh).filter(|en| !en.is_empty());
        match own.or_else(shared) {
            Some(en) => Localized::new(zh.to_string(), en.clone()),
            None => {
                if !zh.is_empty() {
                    self.missing.borrow_mut().push(zh.to_string());
                }
                Localized::new(zh.to_string(), String::new())
            }
        }
    }
}

/// First 1-based line at or after `from` whose text contains `needle`.
pub(crate) fn line_of(src: &Source, needle: &str, from: usize) -> usize {
    src.text
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map_or(0, |(i, _)| i + 1)
}

/// An error at `line` of `src`, with the line as snippet.
pub(crate) fn error_at(src: &Source, line: usize, message: Bilingual) -> Diagnostic {
    let d = Diagnostic::error(&src.rel, line, message);
    match line_text(&src.text, line) {
        Some(t) if line > 0 => d.with_snippet(t),
        _ => d,
    }
}
