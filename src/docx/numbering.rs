//! Word's list numbering (`word/numbering.xml`): the labels it generates
//! for headings and lists (`第一章`, `（一）`, `1.`), which are in no run of
//! the document and so in no text export.

use super::xml::El;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// What follows the number: a tab (the default), a space, nothing.
    suffix: String,
}

#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// Abstract list id → its levels.
    abstracts: BTreeMap<String, BTreeMap<u8, Level>>,
    /// List id → abstract list id and the levels it restarts.
    nums: BTreeMap<String, (String, BTreeMap<u8, u32>)>,
    /// Counters of each list in use, per level.
    counters: BTreeMap<String, BTreeMap<u8, u32>>,
}

impl Numbering {
    pub(super) fn read(part: Option<&El>) -> Numbering {
        let mut n = Numbering::default();
        let Some(part) = part else {
            return n;
        };
        for a in part.children_named(&["abstractNum"]) {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = BTreeMap::new();
            for l in a.children_named(&["lvl"]) {
                let Some(ilvl) = l.attr("ilvl").and_then(|v| v.parse().ok()) else {
                    continue;
                };
                let val = |name: &str| l.child(name).and_then(|c| c.attr("val")).map(String::from);
                levels.insert(
                    ilvl,
                    Level {
                        start: val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                        format: val("numFmt").unwrap_or_else(|| "decimal".into()),
                        text: val("lvlText").unwrap_or_default(),
                        suffix: val("suff").unwrap_or_else(|| "tab".into()),
                    },
                );
            }
            n.abstracts.insert(id.to_string(), levels);
        }
        for num in part.children_named(&["num"]) {
            let (Some(id), Some(abs)) = (
                num.attr("numId"),
                num.child("abstractNumId").and_then(|a| a.attr("val")),
            ) else {
                continue;
            };
            let restarts = num
                .children_named(&["lvlOverride"])
                .filter_map(|o| {
                    let level = o.attr("ilvl")?.parse().ok()?;
                    let start = o.child("startOverride")?.attr("val")?.parse().ok()?;
                    Some((level, start))
                })
                .collect();
            n.nums.insert(id.to_string(), (abs.to_string(), restarts));
        }
        n
    }

    /// Counts one more paragraph of list `num` at `level` and returns its
    /// label with what follows it; `None` for bullets, `none` formats and
    /// lists that are not defined (numId 0 switches numbering off).
    pub(super) fn next(&mut self, num: &str, level: u8) -> Option<String> {
        let (abs, restarts) = self.nums.get(num)?.clone();
        let levels = self.abstracts.get(&abs)?;
        let this = levels.get(&level)?;
        // Lists that restart a level count on their own; the others share
        // their abstract list's counters, as Word does.
        let key = if restarts.is_empty() {
            abs.clone()
        } else {
            format!("num:{num}")
        };
        let counters = self.counters.entry(key).or_default();
        let start = |l: u8| {
            restarts
                .get(&l)
                .copied()
                .or_else(|| levels.get(&l).map(|v| v.start))
                .unwrap_or(1)
        };
        let n = counters.get(&level).map_or(start(level), |c| c + 1);
        counters.insert(level, n);
        counters.retain(|l, _| *l <= level);
        if matches!(this.format.as_str(), "bullet" | "none") || this.text.is_empty() {
            return None;
        }
        let mut label = this.text.clone();
        for k in (1..=9u8).rev() {
            let placeholder = format!("%{k}");
            if label.contains(&placeholder) {
                let l = k - 1;
                let value = counters.get(&l).copied().unwrap_or_else(|| start(l));
                let format = levels.get(&l).map_or("decimal", |v| v.format.as_str());
                label = label.replace(&placeholder, &format_number(value, format));
            }
        }
        label.push_str(match this.suffix.as_str() {
            "space" => " ",
            "nothing" => "",
            // A tab, as the plans' own text writes it: two spaces.
            _ => "  ",
        });
        Some(label)
    }
}

/// A counter in one of Word's number formats.
pub(super) fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => chinese(n),
        "ideographTraditional" => {
            let stems = "甲乙丙丁戊己庚辛壬癸";
            stems
                .chars()
                .nth((n as usize).saturating_sub(1) % 10)
                .map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let i = (n.max(1) - 1) % 26;
            let times = (n.max(1) - 1) / 26 + 1;
            String::from(char::from(base + i as u8)).repeat(times as usize)
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(n);
            if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
fn chinese(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n >= 1000 {
        return n.to_string();
    }
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push_str(DIGITS[h as usize]);
        s.push('百');
    }
    if t > 0 {
        if !(h == 0 && t == 1) {
            s.push_str(DIGITS[t as usize]);
        }
        s.push('十');
    } else if h > 0 && u > 0 {
        s.push('零');
    }
    if u > 0 || n == 0 {
        s.push_str(DIGITS[u as usize]);
    }
    s
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}
