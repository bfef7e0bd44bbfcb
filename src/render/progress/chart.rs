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

use crate::render::links::number;
use crate::render::para::esc;

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
mod tests {
    use super::*;

    fn chart(points: Vec<(u16, f64, bool)>, target: Option<f64>, scale: Scale) -> Chart<'static> {
        let path = match (points.first(), target) {
            (Some((_, b, true)), Some(t)) => (2020..=2025)
                .map(|y| (y, crate::progress::status::required(*b, t, (2020, 2025), y)))
                .collect(),
            _ => Vec::new(),
        };
        Chart {
            id: "c1",
            title: "SAMPLE <μg/m3>".into(),
            desc: "2020: 51".into(),
            points,
            target,
            target_label: "目标".into(),
            path,
            unit: if scale == Scale::Share {
                "%"
            } else {
                "μg/m³"
            }
            .into(),
            scale,
            years: (2020, 2025),
        }
    }

    /// Every `attr="…"` number of the elements whose tag starts `prefix`.
    fn attrs(s: &str, prefix: &str, attr: &str) -> Vec<f64> {
        s.split(prefix)
            .skip(1)
            .filter_map(|e| {
                let e = &e[..e.find('>').unwrap_or(e.len())];
                let at = e.find(&format!(" {attr}=\""))? + attr.len() + 3;
                e[at..].split('"').next()?.parse().ok()
            })
            .collect()
    }

    fn tick_y(s: &str, label: &str) -> f64 {
        let at = s
            .find(&format!("data-tick=\"{label}\""))
            .unwrap_or_else(|| panic!("no tick {label} in {s}"));
        let y = &s[at..];
        let y = &y[y.find(" y=\"").expect("chart markup") + 4..];
        y.split('"')
            .next()
            .expect("chart markup")
            .parse::<f64>()
            .expect("chart markup")
            - 5.0
    }

    #[test]
    fn text_alternative_axis_unit_and_target() {
        let s = svg(&chart(
            vec![(2020, 51.0, true), (2021, 48.0, false)],
            Some(41.0),
            Scale::Other,
        ));
        assert!(s.starts_with("<svg class=\"chart\""));
        assert!(s.contains("role=\"img\""));
        assert!(s.contains("<title id=\"c1-title\">SAMPLE &lt;μg/m3&gt;</title>"));
        assert!(s.contains("<text class=\"chart-unit\" x=\"4\" y=\"16\">μg/m³</text>"));
        assert!(s.contains("class=\"chart-target\" data-target=\"41\""));
        assert!(s.contains(">目标</text>"));
        assert_eq!(s.matches("class=\"chart-year\"").count(), 6);
        // A concentration far from zero: the axis starts near the data.
        let ticks = attrs(&s, "<text class=\"chart-tick\"", "data-tick");
        assert!(ticks.len() >= 3, "{ticks:?}");
        assert!(ticks[0] > 0.0 && ticks[0] <= 41.0, "{ticks:?}");
        assert!(*ticks.last().expect("chart markup") >= 51.0, "{ticks:?}");
    }

    #[test]
    fn a_zero_is_drawn_on_the_zero_tick_of_a_share() {
        let s = svg(&chart(
            vec![(2020, 0.0, true), (2021, 0.0, false), (2022, 2.0, false)],
            Some(0.0),
            Scale::Share,
        ));
        assert_eq!(attrs(&s, "<text class=\"chart-tick\"", "data-tick")[0], 0.0);
        let zero = tick_y(&s, "0");
        assert_eq!(zero, BOTTOM);
        let cys = attrs(&s, "<circle", "cy");
        assert_eq!(cys.len(), 3);
        assert!((cys[0] - zero).abs() < 0.05 && (cys[1] - zero).abs() < 0.05);
        assert!(cys[2] < zero, "2 is above 0");
    }

    #[test]
    fn a_hundred_percent_tops_a_share_axis_at_100() {
        let s = svg(&chart(
            vec![(2020, 50.0, true), (2022, 100.0, false)],
            Some(100.0),
            Scale::Share,
        ));
        let ticks = attrs(&s, "<text class=\"chart-tick\"", "data-tick");
        assert_eq!(ticks.first(), Some(&0.0));
        assert_eq!(ticks.last(), Some(&100.0), "{ticks:?}");
        let cys = attrs(&s, "<circle", "cy");
        assert!((cys[1] - tick_y(&s, "100")).abs() < 0.05);
        assert!((cys[1] - TOP).abs() < 0.05);
        assert!(!s.contains("NaN"));
    }

    #[test]
    fn the_required_path_runs_from_baseline_to_target() {
        // Reached early: 2022 is already below the 2025 target.
        let c = chart(
            vec![(2020, 51.0, true), (2021, 45.0, false), (2022, 40.0, false)],
            Some(41.0),
            Scale::Other,
        );
        let s = svg(&c);
        let path = s
            .split("<polyline class=\"chart-path\" points=\"")
            .nth(1)
            .and_then(|p| p.split('"').next())
            .expect("chart markup");
        let pts: Vec<(f64, f64)> = path
            .split(' ')
            .map(|p| {
                let (x, y) = p.split_once(',').expect("chart markup");
                (
                    x.parse().expect("chart markup"),
                    y.parse().expect("chart markup"),
                )
            })
            .collect();
        assert_eq!(pts.len(), 6);
        let cys = attrs(&s, "<circle", "cy");
        let ty = attrs(&s, "<line class=\"chart-target\"", "y1")[0];
        // The path starts on the baseline point and ends on the target.
        assert!((pts[0].1 - cys[0]).abs() < 0.05);
        assert!((pts[5].1 - ty).abs() < 0.05);
        // Lower is better: the path falls year by year.
        assert!(pts.windows(2).all(|w| w[1].1 > w[0].1), "{pts:?}");
        // The 2022 value is past the target line (drawn lower on screen).
        assert!(cys[2] > ty, "{cys:?} target {ty}");
    }

    #[test]
    fn a_missing_year_leaves_a_gap_not_a_point() {
        let s = svg(&chart(
            vec![(2020, 10.0, true), (2021, 12.0, false), (2023, 15.0, false)],
            None,
            Scale::Count,
        ));
        assert_eq!(
            attrs(&s, "<circle", "data-year"),
            vec![2020.0, 2021.0, 2023.0]
        );
        assert_eq!(s.matches("<polyline class=\"chart-line\"").count(), 1);
        assert_eq!(s.matches("class=\"chart-gap\"").count(), 1);
        assert!(!s.contains("chart-path"), "no target, no path");
        assert!(!s.contains("chart-target"));
    }

    #[test]
    fn axes_for_each_scale() {
        let a = Axis::fit(&[51.0, 44.0, 41.0], Scale::Other);
        assert!(a.lo > 0.0 && a.lo <= 41.0 && a.hi >= 51.0, "{a:?}");
        assert_eq!(Axis::fit(&[3.0, 5.0], Scale::Count).lo, 0.0);
        assert_eq!(Axis::fit(&[90.0, 96.0], Scale::Share).lo, 0.0);
        // All zero still has a range.
        let z = Axis::fit(&[0.0, 0.0], Scale::Share);
        assert_eq!((z.lo, z.ticks().first().copied()), (0.0, Some(0.0)));
        assert!(z.hi > 0.0);
        // Negative changes cross zero.
        let n = Axis::fit(&[-5.0, 2.0], Scale::Other);
        assert!(
            n.lo <= -5.0 && n.hi >= 2.0 && n.ticks().contains(&0.0),
            "{n:?}"
        );
        let small = Axis::fit(&[0.1, 0.35], Scale::Other);
        assert_eq!(small.label(small.ticks()[1]), "0.1");
        assert_eq!(Scale::of_unit("%"), Scale::Share);
        assert_eq!(Scale::of_unit("个"), Scale::Count);
        assert_eq!(Scale::of_unit("万吨"), Scale::Other);
    }
}
