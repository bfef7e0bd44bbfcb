use super::*;

fn input(better: Better, baseline: Option<f64>, goal: Goal, latest: Option<(u16, f64)>) -> Input {
    Input {
        better,
        baseline,
        goal,
        latest,
        judged: false,
        base_year: 2020,
        target_year: 2025,
    }
}

fn status(i: Input) -> Status {
    assess(&i).status
}

#[test]
fn lower_is_better_pm25() {
    // 51 → 41 needs −4.27%/yr; 44 by 2023 is −4.80%/yr: ratio 1.13.
    let fast = assess(&input(
        Better::Lower,
        Some(51.0),
        Goal::Number(41.0),
        Some((2023, 44.0)),
    ));
    assert_eq!(fast.status, Status::Ahead);
    let Reason::Pace {
        ratio,
        method,
        expected,
        ..
    } = fast.reason
    else {
        panic!("pace expected")
    };
    assert_eq!(method, Method::Growth);
    assert!((ratio - 1.1243).abs() < 1e-3, "{ratio}");
    assert!((expected - 44.74).abs() < 0.01, "{expected}");
    assert_eq!(
        status(input(
            Better::Lower,
            Some(51.0),
            Goal::Number(41.0),
            Some((2023, 45.0))
        )),
        Status::OnTrack
    );
    assert_eq!(
        status(input(
            Better::Lower,
            Some(51.0),
            Goal::Number(41.0),
            Some((2023, 48.0))
        )),
        Status::Behind
    );
    // Getting worse is behind, never ahead.
    assert_eq!(
        status(input(
            Better::Lower,
            Some(51.0),
            Goal::Number(41.0),
            Some((2021, 60.0))
        )),
        Status::Behind
    );
}

#[test]
fn higher_is_better() {
    // 45 → 100 needs 17.3%/yr; 72 by 2023 is 17.0%/yr: ratio 0.98.
    assert_eq!(
        status(input(
            Better::Higher,
            Some(45.0),
            Goal::Number(100.0),
            Some((2023, 72.0))
        )),
        Status::OnTrack
    );
    assert_eq!(
        status(input(
            Better::Higher,
            Some(50.0),
            Goal::Number(100.0),
            Some((2023, 60.0))
        )),
        Status::Behind
    );
    assert_eq!(
        status(input(
            Better::Higher,
            Some(50.0),
            Goal::Number(100.0),
            Some((2022, 80.0))
        )),
        Status::Ahead
    );
    assert_eq!(
        status(input(
            Better::Higher,
            Some(50.0),
            Goal::Number(100.0),
            Some((2022, 45.0))
        )),
        Status::Behind
    );
}

#[test]
fn target_reached_early_or_on_time() {
    assert_eq!(
        status(input(
            Better::Higher,
            Some(65.3),
            Goal::Number(66.7),
            Some((2023, 67.1))
        )),
        Status::AchievedEarly
    );
    assert_eq!(
        status(input(
            Better::Lower,
            Some(51.0),
            Goal::Number(41.0),
            Some((2024, 41.0))
        )),
        Status::AchievedEarly
    );
    assert_eq!(
        status(input(
            Better::Lower,
            Some(51.0),
            Goal::Number(41.0),
            Some((2025, 40.0))
        )),
        Status::OnTrack
    );
    assert_eq!(
        status(input(
            Better::Lower,
            Some(51.0),
            Goal::Number(41.0),
            Some((2025, 42.0))
        )),
        Status::Behind
    );
}

#[test]
fn maintaining_a_zero_baseline() {
    let keep = input(
        Better::Lower,
        Some(0.0),
        Goal::Number(0.0),
        Some((2023, 0.0)),
    );
    assert_eq!(assess(&keep).reason, Reason::Maintained);
    assert_eq!(status(keep), Status::OnTrack);
    assert_eq!(
        status(input(
            Better::Lower,
            Some(0.0),
            Goal::Number(0.0),
            Some((2023, 1.5))
        )),
        Status::Behind
    );
}

#[test]
fn qualitative_targets_need_a_stated_judgement() {
    let mut i = input(Better::Higher, None, Goal::Qualitative, Some((2023, 70.0)));
    assert_eq!(
        assess(&i),
        Outcome {
            status: Status::NotReported,
            reason: Reason::NoJudgement
        }
    );
    i.judged = true;
    assert_eq!(status(i), Status::Qualitative);
    let mut none = input(Better::Neither, None, Goal::Qualitative, None);
    none.judged = true;
    assert_eq!(status(none), Status::Qualitative);
}

#[test]
fn city_assigned_targets() {
    let missing = input(
        Better::Higher,
        Some(14.6),
        Goal::CityAssigned(None),
        Some((2023, 5.0)),
    );
    assert_eq!(
        assess(&missing),
        Outcome {
            status: Status::NotReported,
            reason: Reason::NoCityTarget
        }
    );
    // A cumulative 9% reduction: 5.6 after three years against 5.4 due.
    let cod = assess(&input(
        Better::Higher,
        Some(14.6),
        Goal::CityAssigned(Some((9.0, true))),
        Some((2023, 5.6)),
    ));
    assert_eq!(cod.status, Status::OnTrack);
    let Reason::Pace {
        method,
        ratio,
        expected,
        ..
    } = cod.reason
    else {
        panic!("pace expected")
    };
    assert_eq!(method, Method::Linear);
    assert!((ratio - 1.037).abs() < 1e-3, "{ratio}");
    assert!((expected - 5.4).abs() < 1e-9);
    // A level target set by the city, baseline known.
    assert_eq!(
        status(input(
            Better::Lower,
            Some(2.1548),
            Goal::CityAssigned(Some((2.0, false))),
            Some((2022, 2.05))
        )),
        Status::Ahead
    );
}

#[test]
fn missing_data_and_baselines() {
    assert_eq!(
        assess(&input(Better::Lower, Some(51.0), Goal::Number(41.0), None)).reason,
        Reason::NoData
    );
    // A 2020 value is the baseline, not progress.
    assert_eq!(
        status(input(
            Better::Lower,
            Some(51.0),
            Goal::Number(41.0),
            Some((2020, 40.0))
        )),
        Status::NotReported
    );
    let no_base = input(
        Better::Higher,
        None,
        Goal::CityAssigned(Some((12.0, false))),
        Some((2023, 11.0)),
    );
    assert_eq!(
        assess(&no_base),
        Outcome {
            status: Status::NotReported,
            reason: Reason::NoBaseline
        }
    );
    // Meeting the target needs no baseline.
    assert_eq!(
        status(input(
            Better::Higher,
            None,
            Goal::CityAssigned(Some((12.0, false))),
            Some((2023, 12.5))
        )),
        Status::AchievedEarly
    );
}

#[test]
fn the_required_path_is_the_pace_rule_s_expected_value() {
    // Growth: the path in 2023 is the expected value rule 7 compares with.
    let Reason::Pace { expected, .. } = assess(&input(
        Better::Lower,
        Some(51.0),
        Goal::Number(41.0),
        Some((2023, 44.0)),
    ))
    .reason
    else {
        panic!("pace expected")
    };
    assert!((required(51.0, 41.0, (2020, 2025), 2023) - expected).abs() < 1e-9);
    assert_eq!(required(51.0, 41.0, (2020, 2025), 2020), 51.0);
    assert!((required(51.0, 41.0, (2020, 2025), 2025) - 41.0).abs() < 1e-9);
    // A zero baseline: a straight line, 20 a year from 0 to 100.
    assert!((required(0.0, 100.0, (2020, 2025), 2022) - 40.0).abs() < 1e-9);
    // Never beyond the target year.
    assert!((required(0.0, 100.0, (2020, 2025), 2030) - 100.0).abs() < 1e-9);
}

#[test]
fn thresholds_are_inclusive() {
    // Linear: baseline 0, target 10 by 2025 needs 2/yr.
    let at = |v: f64| {
        status(input(
            Better::Higher,
            Some(0.0),
            Goal::Number(10.0),
            Some((2021, v)),
        ))
    };
    assert_eq!(at(2.0 * ON_TRACK), Status::OnTrack);
    assert_eq!(at(2.0 * ON_TRACK - 0.01), Status::Behind);
    assert_eq!(at(2.0 * AHEAD), Status::Ahead);
}
