//! An indicator's 2020–2025 series as an inline SVG line chart that needs
//! no JavaScript. It has `role="img"`, a `<title>` and a `<desc>` as its
//! text alternative, and the target drawn as a dashed line. Only numbers
//! from the data are printed: the points' values and the target; there
//! are no invented axis ticks.

use crate::render::links::number;
use crate::render::para::esc;

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
    pub years: (u16, u16),
}

const W: f64 = 400.0;
const H: f64 = 240.0;
const LEFT: f64 = 28.0;
const RIGHT: f64 = 372.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 196.0;

fn scale(c: &Chart<'_>) -> impl Fn(f64) -> f64 {
    let vals: Vec<f64> = c.points.iter().map(|p| p.1).chain(c.target).collect();
    let (lo, hi) = vals
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    let (lo, hi) = if (hi - lo).abs() < 1e-9 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let pad = (hi - lo) * 0.12;
    let (lo, hi) = (lo - pad, hi + pad);
    move |v| BOTTOM - (v - lo) / (hi - lo) * (BOTTOM - TOP)
}

fn x_of(c: &Chart<'_>, year: u16) -> f64 {
    let span = f64::from(c.years.1.saturating_sub(c.years.0).max(1));
    LEFT + 16.0 + f64::from(year.saturating_sub(c.years.0)) / span * (RIGHT - LEFT - 32.0)
}

/// The chart as SVG markup.
pub fn svg(c: &Chart<'_>) -> String {
    let y = scale(c);
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(&c.title),
        esc(&c.desc),
        id = c.id
    );
    s.push_str(&format!(
        "<line class=\"chart-axis\" x1=\"{LEFT}\" y1=\"{BOTTOM}\" x2=\"{RIGHT}\" y2=\"{BOTTOM}\"/>"
    ));
    for year in c.years.0..=c.years.1 {
        s.push_str(&format!("<text class=\"chart-year\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{year}</text>", x_of(c, year), BOTTOM + 22.0));
    }
    if let Some(t) = c.target {
        let ty = y(t);
        s.push_str(&format!("<line class=\"chart-target\" data-target=\"{}\" x1=\"{LEFT}\" y1=\"{ty:.1}\" x2=\"{RIGHT}\" y2=\"{ty:.1}\" stroke-dasharray=\"6 4\"/>", number(t)));
        let above = ty - TOP > 18.0;
        s.push_str(&format!("<text class=\"chart-target-label\" x=\"{RIGHT}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>", if above { ty - 6.0 } else { ty + 16.0 }, esc(&c.target_label)));
    }
    let coords: Vec<String> = c
        .points
        .iter()
        .map(|(yr, v, _)| format!("{:.1},{:.1}", x_of(c, *yr), y(*v)))
        .collect();
    if coords.len() > 1 {
        s.push_str(&format!(
            "<polyline class=\"chart-line\" points=\"{}\"/>",
            coords.join(" ")
        ));
    }
    for (yr, v, base) in &c.points {
        let (px, py) = (x_of(c, *yr), y(*v));
        let class = if *base {
            "chart-point baseline"
        } else {
            "chart-point"
        };
        s.push_str(&format!(
            "<circle class=\"{class}\" cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"4.5\"/>"
        ));
        s.push_str(&format!("<text class=\"chart-value\" x=\"{px:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>", py - 10.0, number(*v)));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_line_and_text_alternative() {
        let c = Chart {
            id: "c1",
            title: "PM2.5 <μg/m3>".into(),
            desc: "2020: 51".into(),
            points: vec![(2020, 51.0, true), (2023, 44.0, false)],
            target: Some(41.0),
            target_label: "目标 41".into(),
            years: (2020, 2025),
        };
        let s = svg(&c);
        assert!(s.starts_with("<svg class=\"chart\""));
        assert!(s.contains("role=\"img\""));
        assert!(s.contains("<title id=\"c1-title\">PM2.5 &lt;μg/m3&gt;</title>"));
        assert!(s.contains("class=\"chart-target\" data-target=\"41\""));
        assert!(s.contains("<polyline"));
        assert_eq!(s.matches("<circle").count(), 2);
        assert_eq!(s.matches("class=\"chart-year\"").count(), 6);
    }

    #[test]
    fn a_flat_series_still_scales() {
        let c = Chart {
            id: "c4",
            title: String::new(),
            desc: String::new(),
            points: vec![(2020, 0.0, true)],
            target: Some(0.0),
            target_label: String::new(),
            years: (2020, 2025),
        };
        let s = svg(&c);
        assert!(!s.contains("NaN"), "{s}");
        assert!(!s.contains("<polyline"));
    }
}
