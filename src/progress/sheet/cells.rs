//! What a cell means in its column: a text, a number, a whole number, a
//! date or a yes/no, whichever way Excel, WPS or a CSV file stored it.
//! Numbers may come as text (`"40.5"`, full-width `４０．５`, `1,234`),
//! years as `2025年`, dates as date cells, serial numbers or text
//! (`2026-01-20`, `2026/1/20`, `2026年1月20日`). Anything else is refused:
//! nothing is guessed.

use super::read::{serial_date, Cell};
use crate::progress::model::Date;

/// Why a cell was refused: (Chinese, English).
pub(super) type Refusal = (String, String);

/// The cell's text as staff typed it, trimmed; `None` when empty.
pub(super) fn text(c: &Cell) -> Option<String> {
    match c {
        Cell::Empty => None,
        Cell::Text(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{n:.0}")),
        Cell::Number(n) => Some(n.to_string()),
        Cell::Date(d) => Some(d.to_string()),
        Cell::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Cell::Invalid(s) => Some(s.clone()),
    }
}

/// Full-width digits and signs as their ASCII forms.
fn half_width(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            '，' => ',',
            c => c,
        })
        .collect()
}

/// A number written as text: digits, one point, a sign, an exponent, and
/// thousands separators in their places (`1,234.5`).
fn parse_number(s: &str) -> Option<f64> {
    let s = half_width(s);
    let plain = if s.contains(',') {
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let groups: Vec<&str> = int.trim_start_matches(['-', '+']).split(',').collect();
        let ok = groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return None;
        }
        let int = int.replace(',', "");
        if frac.is_empty() {
            int
        } else {
            format!("{int}.{frac}")
        }
    } else {
        s
    };
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E');
    if plain.is_empty() || !plain.chars().all(allowed) {
        return None;
    }
    plain.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn not_a_number(c: &Cell) -> Refusal {
    let shown = text(c).unwrap_or_default();
    (
        format!("“{shown}”不是数字"),
        format!("“{shown}” is not a number"),
    )
}

/// A number; `Ok(None)` when the cell is empty.
pub(super) fn number(c: &Cell) -> Result<Option<f64>, Refusal> {
    match c {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.is_finite() => Ok(Some(*n)),
        Cell::Text(s) => parse_number(s).map(Some).ok_or_else(|| not_a_number(c)),
        _ => Err(not_a_number(c)),
    }
}

/// A whole number such as an indicator number or a year (`2025年` too).
pub(super) fn whole(c: &Cell) -> Result<Option<u32>, Refusal> {
    let c = match c {
        Cell::Text(s) => Cell::Text(s.trim().trim_end_matches('年').to_string()),
        other => other.clone(),
    };
    let Some(x) = number(&c)? else {
        return Ok(None);
    };
    if x.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&x) {
        let shown = text(&c).unwrap_or_default();
        return Err((
            format!("“{shown}”不是整数"),
            format!("“{shown}” is not a whole number"),
        ));
    }
    Ok(Some(x as u32))
}

/// A date typed as text: `2026-01-20`, `2026/1/20`, `2026.1.20` or
/// `2026年1月20日`, a time after it ignored (`2026-01-20 00:00:00`).
fn parse_date(s: &str) -> Option<Date> {
    let s = half_width(s);
    let day = s.split([' ', 'T']).next().unwrap_or("");
    let day = day.replace(['年', '月'], "-").replace('日', "");
    let parts: Vec<&str> = day.split(['-', '/', '.']).collect();
    let [y, m, d] = parts[..] else {
        return None;
    };
    let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
    Date::parse(&format!("{y:0>4}-{m:02}-{d:02}")).filter(|_| y.len() == 4)
}

/// A date; `Ok(None)` when the cell is empty.
pub(super) fn date(c: &Cell) -> Result<Option<Date>, Refusal> {
    let found = match c {
        Cell::Empty => return Ok(None),
        Cell::Date(d) => Some(*d),
        Cell::Number(n) => serial_date(*n),
        Cell::Text(s) => parse_date(s),
        Cell::Bool(_) | Cell::Invalid(_) => None,
    };
    found.map(Some).ok_or_else(|| {
        let shown = text(c).unwrap_or_default();
        (
            format!("“{shown}”不是日期"),
            format!("“{shown}” is not a date"),
        )
    })
}

/// Yes or no (`是`/`否`, `yes`/`no`, TRUE/FALSE, 1/0); `false` when empty.
pub(super) fn yes_no(c: &Cell) -> Result<bool, Refusal> {
    if let Cell::Bool(b) = c {
        return Ok(*b);
    }
    let t = text(c).unwrap_or_default().to_lowercase();
    let first = t.split_whitespace().next().unwrap_or("");
    match first {
        "" | "否" | "no" | "false" | "0" => Ok(false),
        "是" | "yes" | "true" | "1" => Ok(true),
        _ => Err((
            format!("“{t}”应为“是”或“否”"),
            format!("“{t}” should be yes or no"),
        )),
    }
}
