//! The words of the plan itself that UI strings may name as `{key}`.

use crate::config::SiteConfig;
use crate::model::{Block, Localized, Site};

/// The words of the plan itself that UI strings may name as `{key}`, so
/// that one theme serves every plan: its years, period, title, indicator
/// count and the chapter that holds its table. `brand` and
/// `site_description` may be set for the site in `site.toml`.
pub fn plan_vars(site: &Site, config: &SiteConfig) -> Vec<(&'static str, Localized<String>)> {
    let plan = &site.plan;
    let same = |s: String| Localized::new(s.clone(), s);
    let len = plan.period_end.saturating_sub(plan.period_start) + 1;
    let mut vars = vec![
        ("start_year", same(plan.period_start.to_string())),
        ("target_year", same(plan.period_end.to_string())),
        (
            "base_year",
            same(plan.period_start.saturating_sub(1).to_string()),
        ),
        ("period", period(plan.period_start, plan.period_end)),
        (
            "prev_period",
            period(
                plan.period_start.saturating_sub(len),
                plan.period_start.saturating_sub(1),
            ),
        ),
        (
            "period_years",
            Localized::new(zh_number(u32::from(len)), len.to_string()),
        ),
        (
            "indicator_count",
            same(site.table.indicators.len().to_string()),
        ),
        ("table_chapter", table_chapter(site)),
        ("plan_title", either(&plan.title)),
    ];
    let pick = |own: &Option<crate::schema::LocText>, default: &Localized<String>| {
        own.as_ref().map_or_else(
            || default.clone(),
            |t| either(&Localized::new(t.zh.clone(), t.en.clone())),
        )
    };
    vars.push(("brand", pick(&config.brand, &either(&plan.title))));
    vars
}

/// The text in both languages; an untranslated text stands in Chinese on
/// English pages.
fn either(t: &Localized<String>) -> Localized<String> {
    let en = if t.en.trim().is_empty() { &t.zh } else { &t.en };
    Localized::new(t.zh.clone(), en.clone())
}

/// A period's name: the national five-year plan's (十四五) when it is one,
/// else its years.
fn period(start: u16, end: u16) -> Localized<String> {
    match five_year_number(start, end) {
        Some(n) => Localized::new(
            format!("{}五", zh_number(n)),
            format!("{} Five-Year Plan", ordinal(n)),
        ),
        None => Localized::new(format!("{start}—{end}年"), format!("{start}–{end}")),
    }
}

/// The chapter that holds the indicator table (第三章, chapter 3); empty
/// when none does.
fn table_chapter(site: &Site) -> Localized<String> {
    site.chapters
        .iter()
        .find(|c| {
            c.sections
                .iter()
                .any(|s| s.blocks.iter().any(|b| matches!(b, Block::Indicators)))
        })
        .map_or_else(Localized::default, |c| {
            Localized::new(
                format!("第{}章", zh_number(c.number)),
                format!("chapter {}", c.number),
            )
        })
}

/// The number of a national five-year plan (十四五 = 14) whose period this
/// is: five years from 1981, 1986, … (the sixth plan on).
pub(super) fn five_year_number(start: u16, end: u16) -> Option<u32> {
    let aligned = start >= 1981 && (start - 1981).is_multiple_of(5) && end == start + 4;
    aligned.then(|| u32::from(start - 1981) / 5 + 6)
}

/// 1 → 一, 14 → 十四, 21 → 二十一 (up to 99).
pub(super) fn zh_number(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n % 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

/// 1 → 1st, 12 → 12th, 22 → 22nd.
pub(super) fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
