use super::*;

#[test]
fn clauses_become_placeholders_and_a_final_clause_goes() {
    let cl = vec!["（牵头单位：甲局）".to_string(), "（乙局负责）".to_string()];
    assert_eq!(
        with_placeholders("**做甲。**做。（牵头单位：甲局）再做。（乙局负责）", &cl),
        "**做甲。**做。{clause}再做。"
    );
    assert_eq!(
        with_placeholders("做。（乙局负责）然后。", &cl[1..]),
        "做。{clause}然后。"
    );
    assert_eq!(with_placeholders("没有条款。", &cl), "没有条款。");
}

#[test]
fn chapter_entries_have_ids_status_and_fingerprints() {
    let zh =
        "+++\nnumber = 4\ntitle = \"总则\"\n+++\n\n前言。\n\n## 目标\n\n甲。\n\n乙。（丙局负责）\n";
    let fp = fingerprint::paragraph("甲。");
    let en = format!("+++\nnumber = 4\ntitle = \"General\"\n+++\n\n## Aims\n\n<!-- s1-p1 zh:{fp} -->\nA.\n\n<!-- s1-p2 zh:00000000 -->\nOld B.\n\n");
    let tasks = "[[task]]\nid = \"c04-s1-p2\"\nkind = \"joint\"\nresponsible = [\"x\"]\nclause = \"（丙局负责）\"\n";
    let files = BTreeMap::from([
        ("chapters/04.zh.md".to_string(), zh.to_string()),
        ("chapters/04.en.md".to_string(), en),
        ("tasks.toml".to_string(), tasks.to_string()),
    ]);
    let got = catalog(&files).expect("catalog");
    let row = |e: &Entry| (e.id.clone(), e.status, e.en.clone(), e.source.clone());
    let rows: Vec<_> = got.iter().map(row).collect();
    let r = |id: &str, s, en: &str, src: &str| (id.to_string(), s, en.to_string(), src.to_string());
    assert_eq!(
        rows,
        vec![
            r("c04-title", Status::Current, "General", "总则"),
            r("c04-s0-p1", Status::Missing, "", "前言。"),
            r("c04-s1", Status::Current, "Aims", "目标"),
            r("c04-s1-p1", Status::Current, "A.", "甲。"),
            r("c04-s1-p2", Status::Stale, "Old B.", "乙。"),
        ]
    );
    assert_eq!(
        got[4].fingerprint,
        fingerprint::paragraph("乙。（丙局负责）")
    );
    assert_eq!(
        (got[4].path.as_str(), got[4].line),
        ("chapters/04.zh.md", 12)
    );
}

#[test]
fn plan_and_table_texts_are_entries_and_each_term_is_asked_once() {
    let plan = "period_start = 2026\nperiod_end = 2030\n\n[title]\nzh = \"甲县规划\"\nen = \"\"\n\n[district]\nzh = \"甲县\"\nen = \"\"\n\n[source]\nfile = \"s.txt\"\nsha256 = \"\"\n";
    let row = |n: u32, unit: &str, target: &str| {
        format!("[[indicator]]\nnumber = {n}\ngroup = \"g\"\nname = \"指标{n}\"\nunit = \"{unit}\"\nbaseline = 1.0\ntarget = {target}\nattribute = \"binding\"\ndirection = \"none\"\n\n")
    };
    let indicators = format!(
        "title = \"主要指标\"\n\n[footnote]\nzh = \"注：说明。\"\nen = \"\"\n\n[[group]]\nid = \"g\"\nlabel = \"（一）\"\nname = \"组\"\n\n{}{}{}",
        row(1, "%", "\"—\""),
        row(2, "%", "2.0"),
        row(3, "万吨", "\"—\"")
    );
    let glossary = "[terms]\n\"%\" = \"%\"\n\"甲县\" = \"Jia County\"\n";
    let files = BTreeMap::from([
        ("plan.toml".to_string(), plan.to_string()),
        ("indicators.toml".to_string(), indicators),
        ("glossary.toml".to_string(), glossary.to_string()),
    ]);
    let got = catalog(&files).expect("catalog");
    let rows: Vec<_> = got
        .iter()
        .map(|e| (e.id.as_str(), e.kind, e.status, e.en.as_str(), e.line))
        .collect();
    use Kind::*;
    use Status::*;
    assert_eq!(
        rows,
        vec![
            ("plan-title", Plan, Missing, "", 5),
            ("plan-district", Plan, Current, "Jia County", 9),
            ("table-title", TableTitle, Missing, "", 1),
            ("indicators-footnote", Footnote, Missing, "", 4),
            ("group-g", IndicatorGroup, Missing, "", 10),
            ("indicator-1", Indicator, Missing, "", 15),
            ("indicator-1-unit", IndicatorUnit, Current, "%", 16),
            ("indicator-1-target", IndicatorValue, Missing, "", 18),
            ("indicator-2", Indicator, Missing, "", 25),
            ("indicator-3", Indicator, Missing, "", 35),
            ("indicator-3-unit", IndicatorUnit, Missing, "", 36),
        ]
    );
}
