//! Progress downloads: `data/indicators/NN.csv` and `NN.json` (one
//! indicator's baseline, targets, reported values and status) and
//! `data/progress.json` (every release, report and status). All texts are
//! `{zh, en}`; CSV files are UTF-8 with a BOM for spreadsheet programs.

use crate::model::{Indicator, Localized, Site, Value};
use crate::progress::model::{Release, Report};
use crate::progress::state::{self, Change, State};
use crate::progress::status::{self, Outcome};
use crate::render::links::number;
use crate::render::OutputFile;
use serde::Serialize;

#[derive(Serialize)]
struct Point<'a> {
    year: u16,
    value: f64,
    date: String,
    source: &'a Localized<String>,
    note: &'a Localized<String>,
    release: &'a str,
}

#[derive(Serialize)]
struct CityTargetJson<'a> {
    value: f64,
    cumulative: bool,
    date: String,
    source: &'a Localized<String>,
    note: &'a Localized<String>,
    release: &'a str,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    number: u32,
    name: &'a Localized<String>,
    unit: &'a Localized<String>,
    group: &'a str,
    attribute: crate::model::Attribute,
    direction: crate::model::Direction,
    definition_changed: bool,
    baseline: &'a Value,
    target: &'a Value,
    baseline_kind: crate::model::ValueKind,
    target_kind: crate::model::ValueKind,
    city_target: Option<CityTargetJson<'a>>,
    values: Vec<Point<'a>>,
    judgement: Option<&'a crate::progress::model::Assessment>,
    as_of: Option<String>,
    status: Outcome,
}

fn indicator_json<'a>(site: &'a Site, st: &State<'a>, i: &'a Indicator) -> IndicatorJson<'a> {
    IndicatorJson {
        number: i.number,
        name: &i.name,
        unit: &i.unit,
        group: &i.group,
        attribute: i.attribute,
        direction: i.direction,
        definition_changed: i.definition_changed,
        baseline: &i.baseline,
        target: &i.target,
        baseline_kind: i.baseline_kind,
        target_kind: i.target_kind,
        city_target: st.city_targets.get(&i.number).map(|(c, r)| CityTargetJson {
            value: c.value,
            cumulative: c.cumulative,
            date: c.date.to_string(),
            source: &c.source,
            note: &c.note,
            release: r,
        }),
        values: st
            .series(i.number)
            .into_iter()
            .map(|(v, r)| Point {
                year: v.year,
                value: v.value,
                date: v.date.to_string(),
                source: &v.source,
                note: &v.note,
                release: r,
            })
            .collect(),
        judgement: st.assessments.get(&i.number).map(|(a, _)| *a),
        as_of: st.release.map(|r| r.as_of.to_string()),
        status: st.assess(site, i),
    }
}

fn json_bytes<T: Serialize>(v: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The columns of `data/indicators/NN.csv`.
pub const CSV_HEADER: &str = "indicator,year,kind,value,value_text_zh,value_text_en,unit_zh,unit_en,date,source_zh,source_en,note_zh,note_en,release";

fn csv_row(s: &mut String, cells: [&str; 14]) {
    let row: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
    s.push_str(&row.join(","));
    s.push('\n');
}

/// A reported row: a value with its date, source, note and release.
struct Reported<'a> {
    kind: &'a str,
    year: u16,
    value: f64,
    date: String,
    source: &'a crate::model::Localized<String>,
    note: &'a crate::model::Localized<String>,
    release: &'a str,
}

fn reported_row(s: &mut String, i: &Indicator, r: Reported<'_>) {
    let (n, year, value) = (i.number.to_string(), r.year.to_string(), number(r.value));
    let (uz, ue) = (i.unit.zh.as_str(), i.unit.en.as_str());
    let (source, note) = (r.source, r.note);
    csv_row(
        s,
        [
            &n, &year, r.kind, &value, "", "", uz, ue, &r.date, &source.zh, &source.en, &note.zh,
            &note.en, r.release,
        ],
    );
}

/// A row of the plan's own: its baseline or its target.
fn plan_row(s: &mut String, i: &Indicator, year: u16, kind: &str, v: &Value) {
    let (num, tz, te) = match v {
        Value::Number(x) => (number(*x), String::new(), String::new()),
        Value::Text(t) => (String::new(), t.zh.clone(), t.en.clone()),
    };
    let (n, year) = (i.number.to_string(), year.to_string());
    let (uz, ue) = (i.unit.zh.as_str(), i.unit.en.as_str());
    csv_row(
        s,
        [
            &n, &year, kind, &num, &tz, &te, uz, ue, "", "", "", "", "", "",
        ],
    );
}

fn indicator_csv(site: &Site, st: &State<'_>, i: &Indicator) -> Vec<u8> {
    let (base_year, target_year) = state::years(site);
    let mut s = format!("\u{feff}{CSV_HEADER}\n");
    let kind = |k: crate::model::ValueKind, level: &'static str, total: &'static str| {
        if k.is_level() {
            level
        } else {
            total
        }
    };
    let baseline = kind(i.baseline_kind, "baseline", "baseline_cumulative");
    plan_row(&mut s, i, base_year, baseline, &i.baseline);
    for (v, release) in st.series(i.number) {
        let r = Reported {
            kind: "reported",
            year: v.year,
            value: v.value,
            date: v.date.to_string(),
            source: &v.source,
            note: &v.note,
            release,
        };
        reported_row(&mut s, i, r);
    }
    let target = kind(i.target_kind, "target", "target_cumulative");
    plan_row(&mut s, i, target_year, target, &i.target);
    if let Some((c, release)) = st.city_targets.get(&i.number) {
        let r = Reported {
            kind: if c.cumulative {
                "city_target_cumulative"
            } else {
                "city_target"
            },
            year: target_year,
            value: c.value,
            date: c.date.to_string(),
            source: &c.source,
            note: &c.note,
            release,
        };
        reported_row(&mut s, i, r);
    }
    s.into_bytes()
}

#[derive(Serialize)]
struct ReleaseJson<'a> {
    #[serde(flatten)]
    release: &'a Release,
    changes: Vec<Change>,
    overdue: Vec<&'a str>,
}

#[derive(Serialize)]
struct Rule {
    base_year: u16,
    target_year: u16,
    ahead: f64,
    on_track: f64,
}

#[derive(Serialize)]
struct TaskJson<'a> {
    id: &'a str,
    status: crate::progress::model::WorkStatus,
}

#[derive(Serialize)]
struct ProgressJson<'a> {
    rule: Rule,
    latest: Option<&'a str>,
    indicators: Vec<IndicatorJson<'a>>,
    tasks: Vec<TaskJson<'a>>,
    releases: Vec<ReleaseJson<'a>>,
    reports: Vec<&'a Report>,
}

pub fn progress_json(site: &Site) -> Vec<u8> {
    let p = &site.progress;
    let st = state::at(p, None);
    let (base_year, target_year) = state::years(site);
    let releases = p
        .releases
        .iter()
        .enumerate()
        .map(|(idx, r)| {
            let cur = state::at(p, Some(idx));
            let prev = idx
                .checked_sub(1)
                .map(|i| state::at(p, Some(i)))
                .unwrap_or_default();
            ReleaseJson {
                release: r,
                changes: state::changes(site, &prev, &cur),
                overdue: cur.overdue(site).iter().map(|c| c.id.as_str()).collect(),
            }
        })
        .collect();
    json_bytes(&ProgressJson {
        rule: Rule {
            base_year,
            target_year,
            ahead: status::AHEAD,
            on_track: status::ON_TRACK,
        },
        latest: st.release.map(|r| r.id.as_str()),
        indicators: site
            .table
            .indicators
            .iter()
            .map(|i| indicator_json(site, &st, i))
            .collect(),
        tasks: site
            .tasks
            .iter()
            .map(|t| TaskJson {
                id: t.id.as_str(),
                status: st.task_status(&t.id),
            })
            .collect(),
        releases,
        reports: p.reports.iter().collect(),
    })
}

/// Every progress download.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let st = state::at(&site.progress, None);
    let mut out = vec![OutputFile {
        rel_path: "data/progress.json".into(),
        bytes: progress_json(site),
    }];
    for i in &site.table.indicators {
        out.push(OutputFile {
            rel_path: format!("data/indicators/{:02}.csv", i.number),
            bytes: indicator_csv(site, &st, i),
        });
        out.push(OutputFile {
            rel_path: format!("data/indicators/{:02}.json", i.number),
            bytes: json_bytes(&indicator_json(site, &st, i)),
        });
    }
    out
}
