//! Fuzz target: the seed importer (`seed::parse::parse` and `seed::import`).
//!
//! Any UTF-8 text must import without panicking, and what the importer
//! emits must read back: every TOML file deserializes into its schema struct
//! without a diagnostic, every chapter has `+++` front matter that is a valid
//! `ChapterFront`, and a Chinese chapter keeps one Markdown paragraph per
//! seed paragraph (so no seed text turns into a heading or a directive).
//! Each input is imported twice: with no English, and with every line
//! "translated" as itself (keyed by its own text), so the English paths run
//! too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plansite::diag::Diagnostics;
use plansite::load::{parse_toml, Source};
use plansite::markdown::{split, MdBlock};
use plansite::schema::*;
use plansite::seed::emit::{Emitted, Ids, SeedInfo, Translations};
use plansite::seed::parse::{parse, PBlock, Parsed};
use serde::de::DeserializeOwned;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let parsed = parse(src);
    let seed = SeedInfo { rel_path: "seeds/fuzz.zh.txt", sha256: "0" };
    let none = Translations::default();
    let ids = Ids::default();
    check(&parsed, &plansite::seed::import(src, &seed, &none, &ids));
    let mut itself = Translations::default();
    for line in src.lines() {
        let line = plansite::seed::parse::clean_line(line);
        itself.text.insert(line.clone(), line);
    }
    check(&parsed, &plansite::seed::import(src, &seed, &itself, &ids));
});

fn check(parsed: &Parsed, out: &Emitted) {
    for (rel, text) in &out.files {
        match rel.as_str() {
            "plan.toml" => reads::<PlanFile>(rel, text),
            "glossary.toml" => reads::<GlossaryFile>(rel, text),
            "units.toml" => reads::<UnitsFile>(rel, text),
            "indicators.toml" => reads::<IndicatorsFile>(rel, text),
            "projects.toml" => reads::<ProjectsFile>(rel, text),
            "tasks.toml" => reads::<TasksFile>(rel, text),
            "commitments.toml" => reads::<CommitmentsFile>(rel, text),
            r if r.starts_with("chapters/") && r.ends_with(".md") => chapter_reads(rel, text),
            other => panic!("unexpected emitted file {other}"),
        }
    }
    // Chapters with distinct numbers each get their own file; compare the
    // paragraph count of each against the parse.
    for ch in &parsed.chapters {
        let same_number = parsed.chapters.iter().filter(|c| c.number == ch.number).count();
        if same_number > 1 {
            continue;
        }
        let rel = format!("chapters/{:02}.zh.md", ch.number);
        let Some(text) = out.files.get(&rel) else { panic!("{rel} not emitted") };
        let want = ch
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter(|b| matches!(b, PBlock::Para { .. }))
            .count();
        let md = split(text).unwrap_or_else(|| panic!("{rel}: no front matter"));
        let got = md.blocks.iter().filter(|b| matches!(b, MdBlock::Para { .. })).count();
        assert_eq!(got, want, "{rel}: paragraph count changed\n{text}");
    }
}

fn reads<T: DeserializeOwned>(rel: &str, text: &str) {
    let src = Source { rel: rel.to_string(), text: text.to_string() };
    let mut d = Diagnostics::default();
    let v = parse_toml::<T>(&src, &mut d);
    assert!(v.is_some() && d.is_empty(), "{rel} does not read back: {:?}\n{text}", d.sorted());
}

fn chapter_reads(rel: &str, text: &str) {
    let md = split(text).unwrap_or_else(|| panic!("{rel}: no front matter\n{text}"));
    if let Err(e) = toml::from_str::<ChapterFront>(&md.front) {
        panic!("{rel}: front matter does not read back: {e}\n{text}");
    }
}
