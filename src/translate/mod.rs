//! Translators' exchange: every text of `content/` that has (or needs)
//! English, as a catalogue of entries with stable ids, written to and read
//! from the formats CAT tools speak (gettext PO, XLIFF 1.2), and merged
//! back into `content/`.
//!
//! 1. An entry's id is the site's own anchor (`c03-s1-p2`, `c03-title`,
//!    `box2-item3`, `commitment-c01-s1-p2-d1`, `unit-ecology`, …), never a
//!    line number, so it survives edits elsewhere in the file.
//! 2. An entry's source is the Chinese the translator sees: for a
//!    paragraph, its Markdown with each responsibility clause inside the
//!    paragraph replaced by the `{clause}` placeholder and a clause ending
//!    the paragraph removed (the site renders clauses from task data).
//! 3. The status is `current`, `stale` (the English fingerprint no longer
//!    matches the Chinese) or `missing`.
//! 4. Translation memory: English the site already holds for the identical
//!    Chinese elsewhere ([`crate::seed::memory::SiteEnglish`], of this
//!    site and of any other site given), and every pair an import ever
//!    wrote ([`memory`], `content/translation-memory.tsv`), fills a missing
//!    entry, marked `reused`.
//!
//! 5. Near matches ([`suggest`]): a sentence of the memory that differs
//!    only by glossary terms (a unit or place renamed) is offered with the
//!    glossary's English swapped in, marked fuzzy / needs review.
//! 6. Glossary enforcement ([`glossary::check`]): English that renders a
//!    glossary term otherwise is warned about, with its file and line.
//!
//! Pure: every function takes file texts (path under `content/` → text)
//! and returns texts; the CLI reads and writes the files.

mod catalog;
mod chapter;
pub mod glossary;
pub mod memory;
mod merge;
mod near;
mod po;
mod xliff;

pub use catalog::{catalog, fill_from_memory, Entry, Kind, MemoryTable, Status, Target, SITE_TOML};
pub use merge::{merge, Merged, Refusal};
pub use near::suggest;
pub use po::{read_po, write_po};
pub use xliff::{read_xliff, write_xliff};

use crate::diag::Bilingual;

/// The placeholder marking where a responsibility clause goes.
pub const PLACEHOLDER: &str = crate::seed::text::CLAUSE_MARKER;

/// Which entries an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    Missing,
    Stale,
    /// Missing and stale: everything that needs English.
    Needed,
    All,
}

impl Only {
    pub fn keeps(self, s: Status) -> bool {
        match self {
            Only::Missing => s == Status::Missing,
            Only::Stale => s == Status::Stale,
            Only::Needed => s != Status::Current,
            Only::All => true,
        }
    }
}

/// One translation read back from a translator's file.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub id: String,
    /// The source as the file holds it (compared with today's source).
    pub source: String,
    /// The translation; empty when the translator left it out.
    pub target: String,
    /// Marked as still needing work (PO `fuzzy`, XLIFF `needs-*`/`new`).
    pub unfinished: bool,
    /// 1-based line of the entry in the file.
    pub line: usize,
}

/// A syntax problem in a translator's file: nothing is imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Malformed {
    pub line: usize,
    pub message: Bilingual,
}

fn malformed(line: usize, zh: impl Into<String>, en: impl Into<String>) -> Malformed {
    Malformed {
        line,
        message: Bilingual::new(zh.into(), en.into()),
    }
}

/// Reads a PO or XLIFF file, by its content (an XLIFF file starts with
/// `<?xml` or `<xliff`).
pub fn read_any(text: &str) -> Result<Vec<Incoming>, Vec<Malformed>> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let read = if head.starts_with("<?xml") || head.starts_with("<xliff") {
        read_xliff(text)?
    } else {
        read_po(text)?
    };
    let mut seen = std::collections::BTreeMap::new();
    let mut dup = vec![];
    for i in &read {
        if let Some(first) = seen.insert(i.id.as_str(), i.line) {
            dup.push(malformed(
                i.line,
                format!("条目 id “{}” 重复（第 {first} 行已有）", i.id),
                format!("id \"{}\" repeated (first at line {first})", i.id),
            ));
        }
    }
    if dup.is_empty() {
        Ok(read)
    } else {
        Err(dup)
    }
}

/// How many placeholders, `{` and `}` a text holds: a translation must
/// keep its source's counts, so a dropped or mistyped `{clause}` shows.
pub fn placeholder_counts(s: &str) -> (usize, usize, usize) {
    (
        s.matches(PLACEHOLDER).count(),
        s.matches('{').count(),
        s.matches('}').count(),
    )
}
