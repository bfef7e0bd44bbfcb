//! Property test of the importer: for generated plan-like documents (either
//! numbering, parts, preambles, boxes, an indicator table with its columns
//! in a random order, Word artefacts, stray lines), every line that is not
//! blank or a Word artefact is in the emitted content or named, with its
//! line number, in the import report. A small xorshift generator with a
//! fixed seed keeps the run reproducible.

use super::emit::{Ids, SeedInfo, Translations};
use super::parse::clean_line;
use regex::Regex;
use std::sync::LazyLock;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const WORDS: [&str; 14] = [
    "生态环境",
    "质量",
    "持续改善",
    "推进",
    "污染防治",
    "攻坚",
    "水源地",
    "保护",
    "治理能力",
    "明显提升",
    "农村",
    "人居环境",
    "绿色低碳",
    "转型",
];
const UNITS: [&str; 9] = [
    "县水利局",
    "县应急局",
    "县应急管理局",
    "县林草局",
    "县生态环境分局",
    "县城管局",
    "县水利县",
    "市交通运输局",
    "县畜牧事业发展中心",
];
const JUNK: [&str; 8] = [
    "专栏",
    "注：",
    "第十章",
    "（一）",
    "1.",
    "——",
    "指标",
    "2030年",
];

/// One generated document: its text, and the lines that are the table's
/// header (structure, checked through the table itself).
struct Doc {
    text: Vec<String>,
    header_lines: Vec<usize>,
    table_rows: usize,
}

fn phrase(r: &mut Rng) -> String {
    let n = 2 + r.below(4);
    (0..n).map(|_| r.pick(&WORDS)).collect()
}

fn sentence(r: &mut Rng) -> String {
    let mut s = phrase(r);
    if r.chance(20) {
        s = format!("到20{}年，{s}", 26 + r.below(5));
    }
    s.push_str(if r.chance(80) { "。" } else { "；" });
    s
}

fn paragraph(r: &mut Rng) -> String {
    let mut p = format!("{}。", phrase(r));
    for _ in 0..1 + r.below(3) {
        p.push_str(&sentence(r));
    }
    if r.chance(30) {
        p.push_str(&format!(
            "（牵头单位：{}；配合单位：{}、{}）",
            r.pick(&UNITS),
            r.pick(&UNITS),
            r.pick(&UNITS)
        ));
    }
    if r.chance(10) {
        p = format!("[bookmark: _Toc{}]{p}", r.below(9999));
    }
    p
}

fn table(r: &mut Rng, d: &mut Doc) {
    d.text.push(format!("{}主要指标", phrase(r)));
    let mut cols = vec!["指标", "2025年", "2030年", "属性"];
    if r.chance(50) {
        cols.push("序号");
    }
    if r.chance(50) {
        cols.push("单位");
    }
    for i in (1..cols.len()).rev() {
        cols.swap(i, r.below(i + 1));
    }
    let tabbed = r.chance(50);
    let put = |d: &mut Doc, cells: Vec<String>, header: bool| {
        let lines = if tabbed {
            vec![cells.join("\t")]
        } else {
            cells.into_iter().map(|c| format!("\t{c}")).collect()
        };
        for l in lines {
            d.text.push(l);
            if header {
                d.header_lines.push(d.text.len());
            }
        }
    };
    put(d, cols.iter().map(|c| c.to_string()).collect(), true);
    let rows = 1 + r.below(5);
    for k in 0..rows {
        if k == 0 || r.chance(20) {
            put(
                d,
                vec![format!("（{}）{}", NUMERALS[k % 10], phrase(r))],
                false,
            );
        }
        let cells = cols
            .iter()
            .map(|c| match *c {
                "指标" => format!("{}率（%）", phrase(r)),
                "序号" => (k + 1).to_string(),
                "单位" => "万吨".into(),
                "属性" => r.pick(&["约束性", "预期性"]).into(),
                _ => r.pick(&["12.5", "—", "稳中向好", "40"]).into(),
            })
            .collect();
        put(d, cells, false);
    }
    d.table_rows = rows;
    if r.chance(70) {
        d.text.push(format!("注：{}。", phrase(r)));
    }
}

fn document(r: &mut Rng) -> Doc {
    let mut d = Doc {
        text: vec![format!(
            "{}县“十五五”{}规划",
            r.pick(&["云", "石", "澄"]),
            phrase(r)
        )],
        header_lines: vec![],
        table_rows: 0,
    };
    let numbered = r.chance(50);
    for _ in 0..r.below(3) {
        d.text.push(paragraph(r));
    }
    let chapters = 1 + r.below(5);
    let table_at = r.chance(70).then(|| r.below(chapters));
    for c in 0..chapters {
        if !numbered && r.chance(15) {
            d.text
                .push(format!("第{}篇  {}", NUMERALS[c % 10], phrase(r)));
            if r.chance(30) {
                d.text.push(paragraph(r));
            }
        }
        d.text.push(match numbered {
            true => format!("{}、{}", NUMERALS[c % 10], phrase(r)),
            false => format!("第{}章  {}", NUMERALS[c % 10], phrase(r)),
        });
        for s in 0..r.below(4) {
            d.text.push(match numbered {
                true => format!("（{}）{}", NUMERALS[s % 10], phrase(r)),
                false => format!("第{}节  {}", NUMERALS[s % 10], phrase(r)),
            });
            for _ in 0..1 + r.below(3) {
                block(r, &mut d);
            }
        }
        if table_at == Some(c) {
            table(r, &mut d);
        }
    }
    d
}

fn block(r: &mut Rng, d: &mut Doc) {
    match r.below(10) {
        0 => d.text.push(String::new()),
        1 => d.text.push("[bookmark: _Hlk1][bookmark: _Toc2]".into()),
        2 => {
            d.text
                .push(format!("\t专栏{}：{}", 1 + r.below(9), phrase(r)));
            for i in 0..1 + r.below(3) {
                d.text.push(format!("{}.{}", i + 1, paragraph(r)));
            }
            d.text.push(String::new());
        }
        3 => d.text.push(r.pick(&JUNK).to_string()),
        4 => d.text.push(format!("{}.{}", 1 + r.below(5), paragraph(r))),
        _ => d.text.push(paragraph(r)),
    }
}

/// All text the emitted files hold, Markdown and TOML escapes undone.
fn emitted_text(files: &std::collections::BTreeMap<String, String>) -> String {
    let mut all = String::new();
    for (rel, text) in files {
        if rel.ends_with(".toml") {
            let v: toml::Value = toml::from_str(text).unwrap_or_else(|e| panic!("{rel}: {e}"));
            strings(&v, &mut all);
        } else {
            all.push_str(text);
        }
        all.push('\n');
    }
    let mut out = String::with_capacity(all.len());
    let mut chars = all
        .replace("**", "")
        .chars()
        .collect::<Vec<_>>()
        .into_iter();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

fn strings(v: &toml::Value, out: &mut String) {
    match v {
        toml::Value::String(s) => out.push_str(s),
        toml::Value::Float(f) if f.fract() == 0.0 => out.push_str(&format!("{f:.0}")),
        toml::Value::Float(f) => out.push_str(&f.to_string()),
        toml::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        toml::Value::Table(t) => t.values().for_each(|x| strings(x, out)),
        other => out.push_str(&other.to_string()),
    }
    out.push('\n');
}

/// The part of a line the content holds: without the numbering the site
/// prints itself, and a trailing `*` mark.
fn body(cell: &str) -> &str {
    static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
        super::heading::re(
            r"^(?:第[一二三四五六七八九十]+[篇章节]\s*|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|专栏\s*\d+[：:]?|\d+[.．、])",
        )
    });
    let rest = NUMBERING.find(cell).map_or(cell, |m| &cell[m.end()..]);
    rest.trim().trim_end_matches('*')
}

fn held(all: &str, piece: &str) -> bool {
    // The attribute column is stored as its meaning.
    let piece = match piece {
        "约束性" => "binding",
        "预期性" => "expected",
        p => p,
    };
    if all.contains(piece) {
        return true;
    }
    // An indicator name and its unit are stored apart.
    match piece.rfind('（') {
        Some(i) if piece.ends_with('）') => {
            all.contains(&piece[..i])
                && all.contains(&piece[i + '（'.len_utf8()..piece.len() - '）'.len_utf8()])
        }
        _ => false,
    }
}

#[test]
fn every_line_is_in_content_or_in_the_report() {
    let mut r = Rng(0x5eed_2026_0031);
    let seed = SeedInfo {
        rel_path: "seeds/generated.zh.txt",
        sha256: "0",
    };
    for case in 0..300 {
        let d = document(&mut r);
        let src = d.text.join("\n");
        let out = super::import(&src, &seed, &Translations::default(), &Ids::default());
        let all = emitted_text(&out.files);
        let report = out.report.join("\n");
        for (i, raw) in d.text.iter().enumerate() {
            let n = i + 1;
            let line = clean_line(raw);
            if line.is_empty()
                || d.header_lines.contains(&n)
                || report.contains(&format!("line {n}: "))
            {
                continue;
            }
            for cell in line.split('\t').map(str::trim).filter(|c| !c.is_empty()) {
                let piece = body(cell);
                assert!(
                    piece.is_empty() || held(&all, piece),
                    "case {case}, line {n}: {cell:?} is neither in content nor in the report\n---\n{src}\n---\n{report}"
                );
            }
        }
        if !d.header_lines.is_empty() {
            assert_eq!(
                out.counts.get("indicators"),
                Some(&d.table_rows),
                "case {case}: the table's rows\n{src}"
            );
        }
    }
}
