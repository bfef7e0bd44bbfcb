//! Fuzz target: the TOML loaders (`load::parse_toml`) for every content
//! schema: `site.toml`, the seven `content/*.toml` files, chapter front
//! matter, progress releases and the theme's `i18n.toml` table.
//!
//! Each input is parsed as every schema. `parse_toml` must not panic, must
//! return a value with no diagnostic or `None` with exactly one error
//! diagnostic, and that diagnostic must name the file, a line within the
//! input (1 ..= number of lines, counting an empty last line after a
//! final newline), a column within that line, and a message and a hint in
//! both languages.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plansite::config::SiteConfig;
use plansite::diag::{Diagnostics, Severity};
use plansite::load::{parse_toml, Source};
use plansite::progress::schema::ReleaseFile;
use plansite::schema::*;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let src = Source { rel: "content/fuzz.toml".into(), text: text.to_string() };
    check::<SiteConfig>(&src);
    check::<PlanFile>(&src);
    check::<GlossaryFile>(&src);
    check::<UnitsFile>(&src);
    check::<IndicatorsFile>(&src);
    check::<ProjectsFile>(&src);
    check::<TasksFile>(&src);
    check::<CommitmentsFile>(&src);
    check::<ChapterFront>(&src);
    check::<ReleaseFile>(&src);
    check::<BTreeMap<String, LocText>>(&src);
});

fn check<T: DeserializeOwned>(src: &Source) {
    let mut d = Diagnostics::default();
    let parsed = parse_toml::<T>(src, &mut d);
    let diags = d.sorted();
    if parsed.is_some() {
        assert!(diags.is_empty(), "a value and diagnostics: {diags:?}");
        return;
    }
    assert_eq!(diags.len(), 1, "an error must give exactly one diagnostic: {diags:?}");
    let g = diags[0];
    let type_name = std::any::type_name::<T>();
    assert_eq!(g.severity, Severity::Error);
    assert_eq!(g.path, src.rel);
    let lines: Vec<&str> = src.text.split('\n').collect();
    assert!(
        (1..=lines.len()).contains(&g.line),
        "{type_name}: line {} outside 1..={}: {g:?}",
        g.line,
        lines.len()
    );
    let line_chars = lines[g.line - 1].chars().count();
    assert!(
        (1..=line_chars + 1).contains(&g.column),
        "{type_name}: column {} outside 1..={}: {g:?}",
        g.column,
        line_chars + 1
    );
    for s in [&g.message.zh, &g.message.en, &g.hint.zh, &g.hint.en] {
        assert!(!s.trim().is_empty(), "{type_name}: empty message or hint: {g:?}");
    }
}
