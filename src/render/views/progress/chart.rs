//! An indicator's series from the baseline year to the target year as an
//! inline SVG line chart that needs no JavaScript. It has `role="img"`, a
//! `<title>` and a `<desc>` as its text alternative, a y-axis with ticks
//! and the unit, the reported values (a gap where a year is missing), the
//! required path from the baseline to the target (序时进度) as a dashed
//! line, and the target as a labelled line. Printed numbers are the data's
//! (points and target) and the axis ticks; the path carries no labels.
//!
//! The y-axis starts at 0 for shares and counts, and for any series of
//! non-negative values not crowded far from zero; a share's axis stops at
//! 100 when no value exceeds it.

use crate::render::html::para::esc;
use crate::render::links::number;

/// What the axis measures, deciding where it may start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// A percentage share: 0 to at most 100.
    Share,
    /// A count of things: from 0.
    Count,
    /// Anything else (a concentration, a tonnage).
    Other,
}

impl Scale {
    /// The scale a unit as printed implies: `%` is a share, a Chinese
    /// measure word of things (个, 家, 座…) or no unit a count.
    pub fn of_unit(unit: &str) -> Scale {
        const COUNTERS: [&str; 14] = [
            "个", "家", "座", "处", "条", "项", "次", "户", "所", "台", "辆", "人", "只", "件",
        ];
        let u = unit.trim();
        if u == "%" || u == "％" {
            Scale::Share
        } else if u.is_empty() || COUNTERS.contains(&u) {
            Scale::Count
        } else {
            Scale::Other
        }
    }
}

/// What to draw.
pub struct Chart<'a> {
    /// Unique on the page; prefixes the ids of `<title>` and `<desc>`.
    pub id: &'a str,
    pub title: String,
    pub desc: String,
    /// (year, value, is the baseline).
    pub points: Vec<(u16, f64, bool)>,
    pub target: Option<f64>,
    /// Label of the target line, e.g. `目标 41`.
    pub target_label: String,
    /// The required path (序时进度), one (year, value) a year.
    pub path: Vec<(u16, f64)>,
    /// The unit over the y-axis, as printed (`μg/m³`), or empty.
    pub unit: String,
    pub scale: Scale,
    pub years: (u16, u16),
}

/// The y-axis: its range and the step between ticks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
}

impl Axis {
    /// An axis holding every value, with 3 to 7 ticks at 1, 2 or 5 × 10ⁿ.
    pub fn fit(values: &[f64], scale: Scale) -> Axis {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (min, max) = if min.is_finite() {
            (min, max)
        } else {
            (0.0, 0.0)
        };
        let from_zero = min >= 0.0 && (scale != Scale::Other || min <= 2.0 * (max - min).max(1e-9));
        let (mut lo, mut hi) = if from_zero { (0.0, max) } else { (min, max) };
        if hi - lo < 1e-9 {
            let half = match scale {
                Scale::Share if from_zero => 5.0,
                _ => (hi.abs() * 0.1).max(0.5),
            };
            if from_zero {
                hi = lo + 2.0 * half;
            } else {
                lo -= half;
                hi += half;
            }
        } else if !from_zero {
            lo -= (hi - lo) * 0.1;
        }
        let step = nice((hi - lo) / 4.0);
        let lo = if from_zero {
            0.0
        } else {
            (lo / step).floor() * step
        };
        let mut hi = (hi / step - 1e-9).ceil() * step;
        if scale == Scale::Share && max <= 100.0 && hi > 100.0 {
            hi = 100.0;
        }
        Axis { lo, hi, step }
    }

    /// The tick values, lowest first.
    pub fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step + 1e-6).floor() as usize;
        (0..=n)
            .map(|k| self.lo + self.step * k as f64)
            .filter(|v| *v <= self.hi + 1e-9)
            .collect()
    }

    /// A tick's label, with as many decimals as the step needs.
    pub fn label(&self, v: f64) -> String {
        let decimals = if self.step >= 1.0 {
            0
        } else {
            (-self.step.log10().floor()) as usize
        };
        let s = format!("{v:.decimals$}");
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.')
        } else {
            &s
        };
        if s == "-0" {
            "0".to_string()
        } else {
            s.to_string()
        }
    }
}

/// 1, 2 or 5 × 10ⁿ at or above `raw`'s leading digit.
fn nice(raw: f64) -> f64 {
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let f = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    f * mag
}

const W: f64 = 400.0;
const H: f64 = 250.0;
const LEFT: f64 = 50.0;
const RIGHT: f64 = 384.0;
const TOP: f64 = 36.0;
const BOTTOM: f64 = 210.0;

struct Frame {
    axis: Axis,
    years: (u16, u16),
}

impl Frame {
    fn y(&self, v: f64) -> f64 {
        BOTTOM - (v - self.axis.lo) / (self.axis.hi - self.axis.lo) * (BOTTOM - TOP)
    }

    fn x(&self, year: u16) -> f64 {
        let span = f64::from(self.years.1.saturating_sub(self.years.0).max(1));
        LEFT + 16.0 + f64::from(year.saturating_sub(self.years.0)) / span * (RIGHT - LEFT - 32.0)
    }
}

fn y_axis(s: &mut String, f: &Frame, unit: &str) {
    for v in f.axis.ticks() {
        let y = f.y(v);
        s.push_str(&format!(
            "<line class=\"chart-grid\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{RIGHT}\" y2=\"{y:.1}\"/><text class=\"chart-tick\" data-tick=\"{}\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            f.axis.label(v),
            LEFT - 6.0,
            y + 5.0,
            f.axis.label(v)
        ));
    }
    s.push_str(&format!(
        "<line class=\"chart-axis\" x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{BOTTOM}\"/><line class=\"chart-axis\" x1=\"{LEFT}\" y1=\"{BOTTOM}\" x2=\"{RIGHT}\" y2=\"{BOTTOM}\"/>"
    ));
    if !unit.is_empty() {
        s.push_str(&format!(
            "<text class=\"chart-unit\" x=\"4\" y=\"16\">{}</text>",
            esc(unit)
        ));
    }
    for year in f.years.0..=f.years.1 {
        s.push_str(&format!(
            "<text class=\"chart-year\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{year}</text>",
            f.x(year),
            BOTTOM + 22.0
        ));
    }
}

/// The reported values as lines between adjacent years, a dotted gap line
/// across missing years, then the points and their values.
fn series(s: &mut String, f: &Frame, points: &[(u16, f64, bool)]) {
    let mut sorted: Vec<&(u16, f64, bool)> = points.iter().collect();
    sorted.sort_by_key(|p| p.0);
    let mut run: Vec<String> = Vec::new();
    let flush = |s: &mut String, run: &mut Vec<String>| {
        if run.len() > 1 {
            s.push_str(&format!(
                "<polyline class=\"chart-line\" points=\"{}\"/>",
                run.join(" ")
            ));
        }
        run.clear();
    };
    for (k, (yr, v, _)) in sorted.iter().enumerate() {
        if let Some((py, pv, _)) = k.checked_sub(1).map(|j| sorted[j]) {
            if yr - py > 1 {
                flush(s, &mut run);
                s.push_str(&format!(
                    "<line class=\"chart-gap\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke-dasharray=\"2 4\"/>",
                    f.x(*py),
                    f.y(*pv),
                    f.x(*yr),
                    f.y(*v)
                ));
            }
        }
        run.push(format!("{:.1},{:.1}", f.x(*yr), f.y(*v)));
    }
    flush(s, &mut run);
    for (yr, v, base) in sorted {
        let (px, py) = (f.x(*yr), f.y(*v));
        let class = if *base {
            "chart-point baseline"
        } else {
            "chart-point"
        };
        s.push_str(&format!(
            "<circle class=\"{class}\" data-year=\"{yr}\" cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"4.5\"/>"
        ));
        let ly = if py - 10.0 < TOP - 14.0 {
            py + 20.0
        } else {
            py - 10.0
        };
        s.push_str(&format!("<text class=\"chart-value\" x=\"{px:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\">{}</text>", number(*v)));
    }
}

/// The chart as SVG markup.
pub fn svg(c: &Chart<'_>) -> String {
    let values: Vec<f64> = c
        .points
        .iter()
        .map(|p| p.1)
        .chain(c.target)
        .chain(c.path.iter().map(|p| p.1))
        .collect();
    let f = Frame {
        axis: Axis::fit(&values, c.scale),
        years: c.years,
    };
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(&c.title),
        esc(&c.desc),
        id = c.id
    );
    y_axis(&mut s, &f, &c.unit);
    if let Some(t) = c.target {
        let ty = f.y(t);
        s.push_str(&format!("<line class=\"chart-target\" data-target=\"{}\" x1=\"{LEFT}\" y1=\"{ty:.1}\" x2=\"{RIGHT}\" y2=\"{ty:.1}\" stroke-dasharray=\"1 5\"/>", number(t)));
        // At the left, clear of the path's end on the target; at the
        // right when the baseline point sits on the target line.
        let base_y = c.points.iter().find(|p| p.2).map(|p| f.y(p.1));
        let (x, anchor) = if base_y.is_some_and(|b| (b - ty).abs() < 24.0) {
            (RIGHT, "end")
        } else {
            (LEFT + 4.0, "start")
        };
        let y = if ty - TOP > 4.0 { ty - 6.0 } else { ty + 18.0 };
        s.push_str(&format!("<text class=\"chart-target-label\" x=\"{x}\" y=\"{y:.1}\" text-anchor=\"{anchor}\">{}</text>", esc(&c.target_label)));
    }
    if c.path.len() > 1 {
        let coords: Vec<String> = c
            .path
            .iter()
            .map(|(yr, v)| format!("{:.1},{:.1}", f.x(*yr), f.y(*v)))
            .collect();
        s.push_str(&format!(
            "<polyline class=\"chart-path\" points=\"{}\" stroke-dasharray=\"7 5\"/>",
            coords.join(" ")
        ));
    }
    series(&mut s, &f, &c.points);
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests;
