//! The plan's period and place, read from its own text: the five-year plan
//! ordinal in the title (十四五 → 2021–2025, 十五五 → 2026–2030), a printed
//! range such as （2026—2030年）, or the indicator table's year columns.

use super::heading::{chinese_number, re};
use regex::Regex;
use std::sync::LazyLock;

static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| re(r"“?([一二三四五六七八九十]+)五”?(?:时期|规划|期间)"));
static ORDINAL_QUOTED: LazyLock<Regex> = LazyLock::new(|| re(r"“([一二三四五六七八九十]+)五”"));
static RANGE: LazyLock<Regex> = LazyLock::new(|| re(r"(20\d\d)\s*[—–\-－~～至]+\s*(20\d\d)\s*年"));

/// First and last year of a plan period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Period {
    pub start: u16,
    pub end: u16,
}

/// The period of the Nth five-year plan (from the 3rd, 1966–1970, they
/// follow each other without a gap).
fn five_year_plan(n: u32) -> Option<Period> {
    let start = 1966 + 5 * n.checked_sub(3)?;
    let start = u16::try_from(start).ok()?;
    Some(Period {
        start,
        end: start + 4,
    })
}

/// The period the title names: 十X五, or a printed year range.
pub fn from_title(title: &str) -> Option<Period> {
    let ordinal = ORDINAL_QUOTED
        .captures(title)
        .or_else(|| ORDINAL.captures(title))
        .and_then(|c| {
            let n = c[1].strip_prefix('十')?;
            chinese_number(&format!("十{n}"))
        })
        .and_then(five_year_plan);
    ordinal.or_else(|| from_range(title))
}

/// A printed range such as （2026—2030年）.
pub fn from_range(text: &str) -> Option<Period> {
    let c = RANGE.captures(text)?;
    let (start, end) = (c[1].parse().ok()?, c[2].parse().ok()?);
    (start < end).then_some(Period { start, end })
}

/// The place the plan is for: the title up to its last administrative
/// suffix (省, 市, 区, 县, 旗) before the period or the subject.
pub fn district(title: &str) -> String {
    let cut = ["“", "\"", "十"]
        .iter()
        .filter_map(|m| title.find(m))
        .chain(title.find(|c: char| c.is_ascii_digit()))
        .min()
        .unwrap_or(title.len());
    let head = &title[..cut];
    match head.rfind(['省', '市', '区', '县', '旗']) {
        Some(i) => head[..i + '区'.len_utf8()].to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_give_periods() {
        let p = |s| from_title(s).map(|p| (p.start, p.end));
        assert_eq!(
            p("临江市云溪区“十四五”生态环境保护规划"),
            Some((2021, 2025))
        );
        assert_eq!(p("某县“十五五”生态环境保护规划"), Some((2026, 2030)));
        assert_eq!(p("某县十三五规划"), Some((2016, 2020)));
        assert_eq!(p("某县生态环境保护规划（2026—2030年）"), Some((2026, 2030)));
        assert_eq!(p("某县生态环境保护规划"), None);
    }

    #[test]
    fn districts() {
        assert_eq!(
            district("临江市云溪区“十四五”生态环境保护规划"),
            "临江市云溪区"
        );
        assert_eq!(district("青川县生态环境保护“十五五”规划"), "青川县");
        assert_eq!(district("生态环境保护规划（2026—2030年）"), "");
    }
}
