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
