//! `plansite import` of plans it has never seen: the SAMPLE fixtures in
//! `tests/fixtures/plan-*` (invented places, other periods, 一、/（一）
//! numbering, parts, no indicator table, a 序号/类别 table in another column
//! order, units the code has never seen, no English). Each must import,
//! build, and show every Chinese sentence of its text verbatim.

use crate::support::*;

const FIXTURES: [(&str, &str); 3] = [
    ("plan-yunxi", "seeds/yunxi-15th-eco-plan.zh.txt"),
    ("plan-shimen", "seeds/shimen-eco-plan.zh.txt"),
    ("plan-chengjiang", "seeds/chengjiang-water-plan.zh.txt"),
];

fn imported(name: &str, seed: &str) -> TempSite {
    let site = TempSite::copy(&fixture(name));
    let out = site.run(&["import", seed]);
    assert!(out.status.success(), "{name}: {}", stderr(&out));
    assert!(
        stdout(&out).contains("bytes (content/import-report.md)"),
        "import prints the report's size: {}",
        stdout(&out)
    );
    site
}

fn toml(site: &TempSite, rel: &str) -> toml::Value {
    toml::from_str(&site.read(rel)).expect("toml")
}

/// The visible text of every Chinese page, without whitespace.
fn chinese_text(public: &std::path::Path) -> String {
    let mut all = String::new();
    for (rel, bytes) in read_tree(public) {
        if rel.ends_with(".html") && !rel.starts_with("en/") {
            all.push_str(&html_text(&String::from_utf8_lossy(&bytes), None));
        }
    }
    all.retain(|c| !c.is_whitespace());
    all
}

/// Numbering the site prints itself (第一章, 一、, （一）, 1., 专栏1：).
fn strip_numbering(line: &str) -> &str {
    let re = regex::Regex::new(
        r"^(?:第[一二三四五六七八九十]+[篇章节]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|专栏\s*[0-9一二三四五六七八九十]+[：:]?|\d+[.．、])",
    )
    .expect("pattern");
    re.find(line).map_or(line, |m| &line[m.end()..])
}

/// Whether a piece of the plan is on the Chinese pages: as printed, or
/// (for a table cell) as the indicator name and its unit shown apart.
fn shown(text: &str, piece: &str) -> bool {
    let piece: String = piece.chars().filter(|c| !c.is_whitespace()).collect();
    let piece = piece.trim_end_matches('*');
    if piece.is_empty() || text.contains(piece) {
        return true;
    }
    match piece.rfind('（') {
        Some(i) if piece.ends_with('）') => {
            let unit = &piece[i + '（'.len_utf8()..piece.len() - '）'.len_utf8()];
            text.contains(&piece[..i]) && text.contains(unit)
        }
        _ => false,
    }
}

const HEADER_CELLS: [&str; 12] = [
    "指标",
    "指标名称",
    "指标属性",
    "属性",
    "序号",
    "单位",
    "类别",
    "2025年",
    "2030年",
    "2030年目标值",
    "2025年现状值",
    "指标类别",
];

#[test]
fn each_fixture_imports_builds_and_shows_every_sentence_verbatim() {
    for (name, seed) in FIXTURES {
        let site = imported(name, seed);
        let out = site.build();
        assert!(out.status.success(), "{name} builds: {}", stderr(&out));
        let en = site.read("public/en/chapters/01/index.html");
        assert!(
            en.contains("Not yet translated"),
            "{name}: English pages show the Chinese with the notice"
        );
        let text = chinese_text(&site.path("public"));
        let report = site.read("content/import-report.md");
        let src = site.read(seed);
        let mut checked = 0;
        for (i, raw) in src.lines().enumerate() {
            let line = plansite::seed::parse::clean_line(raw);
            if line.is_empty() {
                continue;
            }
            if i == 0 || report.contains(&format!("line {}: ", i + 1)) {
                continue; // the title is checked below; reported lines are named
            }
            for cell in line.split('\t') {
                let compact: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
                if HEADER_CELLS.contains(&compact.as_str()) {
                    continue; // the table's own header
                }
                for sentence in strip_numbering(cell.trim()).split_inclusive(['。', '；']) {
                    assert!(
                        shown(&text, sentence),
                        "{name}:{}: not on the Chinese pages: {sentence}",
                        i + 1
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 20, "{name}: {checked} pieces checked");
        let title = src.lines().next().expect("title");
        assert!(text.contains(title), "{name}: title shown");
    }
}

#[test]
fn a_fifteenth_plan_with_gbt_numbering_gets_its_period_table_and_units() {
    let site = imported(FIXTURES[0].0, FIXTURES[0].1);
    let plan = toml(&site, "content/plan.toml");
    assert_eq!(plan["period_start"].as_integer(), Some(2026));
    assert_eq!(plan["period_end"].as_integer(), Some(2030));
    assert_eq!(plan["district"]["zh"].as_str(), Some("云溪县"));
    let chapters: Vec<String> = read_tree(&site.path("content/chapters"))
        .into_keys()
        .collect();
    assert_eq!(
        chapters,
        ["00.zh.md", "01.zh.md", "02.zh.md", "03.zh.md", "04.zh.md"],
        "preamble and four 一、 chapters; no English files without English"
    );
    assert!(site
        .read("content/chapters/02.zh.md")
        .contains("## 指导思想"));
    let ind = toml(&site, "content/indicators.toml");
    let rows = ind["indicator"].as_array().expect("rows");
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["name"].as_str(), Some("细颗粒物（PM2.5）年均浓度"));
    assert_eq!(rows[0]["unit"].as_str(), Some("微克/立方米"));
    assert_eq!(rows[0]["baseline"].as_float(), Some(32.0));
    assert_eq!(rows[0]["target"].as_float(), Some(30.0));
    assert_eq!(rows[3]["target"].as_str(), Some("稳中有升"));
    assert_eq!(ind["group"].as_array().map(Vec::len), Some(2));
    let units = site.read("content/units.toml");
    assert!(
        units.contains("name = \"县应急管理局\"\naliases = [\"县应急局\"]"),
        "{units}"
    );
    let com = toml(&site, "content/commitments.toml");
    let kinds: Vec<(i64, &str)> = com["commitment"]
        .as_array()
        .expect("commitments")
        .iter()
        .map(|c| {
            (
                c["deadline_year"].as_integer().unwrap_or(0),
                c["kind"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(kinds.contains(&(2025, "achievement")), "{kinds:?}");
    assert!(kinds.contains(&(2027, "commitment")), "{kinds:?}");
    assert!(kinds
        .iter()
        .all(|(y, k)| (*y < 2026) == (*k == "achievement")));
}

#[test]
fn parts_a_printed_range_and_no_table() {
    let site = imported(FIXTURES[1].0, FIXTURES[1].1);
    let plan = toml(&site, "content/plan.toml");
    assert_eq!(plan["period_start"].as_integer(), Some(2026));
    assert_eq!(plan["district"]["zh"].as_str(), Some("石门县"));
    let ind = toml(&site, "content/indicators.toml");
    assert_eq!(ind["indicator"].as_array().map(Vec::len), Some(0));
    let report = site.read("content/import-report.md");
    for want in [
        "line 4: part heading 第一篇  总体要求",
        "line 13: part heading 第二篇  重点任务",
        "line 14: chapter 一 is chapter 3 on the site",
        "no indicator table found",
    ] {
        assert!(report.contains(want), "missing {want:?} in\n{report}");
    }
    assert!(site
        .read("content/chapters/01.zh.md")
        .contains("part = \"第一篇  总体要求\""));
    assert!(site
        .read("content/chapters/03.zh.md")
        .contains("part = \"第二篇  重点任务\""));
    let projects = toml(&site, "content/projects.toml");
    let b = &projects["box"][0];
    assert_eq!(b["number"].as_integer(), Some(1), "专栏一");
    assert_eq!(b["chapter"].as_integer(), Some(3));
    let units = site.read("content/units.toml");
    assert!(units.contains("name = \"县林业事务服务中心\"\naliases = [\"县林业事务中心\"]"));
}

/// A 第X篇 part is shown above the chapter it opens, before it in the
/// home page's list of chapters and in the full text; on English pages in
/// Chinese with the notice until its English is in the English file.
#[test]
fn parts_are_shown_where_their_chapters_are() {
    let site = imported(FIXTURES[1].0, FIXTURES[1].1);
    let built = site.build();
    assert!(built.status.success(), "{}", stderr(&built));
    let flat = |rel: &str| -> String {
        let mut t = html_text(main_html(&site.read(rel)), None);
        t.retain(|c| !c.is_whitespace());
        t
    };
    let home = flat("public/index.html");
    let (one, two) = (
        home.find("第一篇总体要求")
            .expect("part one on the home page"),
        home.find("第二篇重点任务")
            .expect("part two on the home page"),
    );
    assert!(one < two, "in order");
    assert!(flat("public/chapters/01/index.html").starts_with("第一篇总体要求"));
    assert!(flat("public/chapters/03/index.html").starts_with("第二篇重点任务"));
    assert!(!flat("public/chapters/02/index.html").contains("第一篇"));
    let full = flat("public/fulltext/index.html");
    assert_eq!(
        full.matches("第二篇重点任务").count(),
        1,
        "once in the full text"
    );
    let en = site.read("public/en/chapters/03/index.html");
    let part = en
        .split("class=\"part\"")
        .nth(1)
        .expect("a part on the English page");
    let part = &part[..part.find("</p>").expect("closed")];
    assert!(
        part.contains("lang=\"zh-CN\"") && part.contains("第二篇"),
        "{part}"
    );
    assert!(part.contains("class=\"notice\""), "{part}");

    // With its English in the English file, the English is shown.
    let rel = "content/chapters/03.en.md";
    site.write(
        rel,
        "+++\nnumber = 3\ntitle = \"Strengthening Protection\"\npart = \"Part Two  Key Tasks\"\n+++\n",
    );
    let built = site.build();
    assert!(built.status.success(), "{}", stderr(&built));
    let en = site.read("public/en/chapters/03/index.html");
    let part = en.split("class=\"part\"").nth(1).expect("a part");
    let part = &part[..part.find("</p>").expect("closed")];
    assert!(
        part.contains("Part Two  Key Tasks") && !part.contains("notice"),
        "{part}"
    );
}

#[test]
fn a_table_with_number_and_category_columns_in_another_order() {
    let site = imported(FIXTURES[2].0, FIXTURES[2].1);
    let ind = toml(&site, "content/indicators.toml");
    assert_eq!(
        ind["title"].as_str(),
        Some("表1  澄江市“十五五”水生态环境保护指标表")
    );
    let rows = ind["indicator"].as_array().expect("rows");
    let got: Vec<(i64, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["number"].as_integer().unwrap_or(0),
                r["group"].as_str().unwrap_or(""),
                r["unit"].as_str().unwrap_or(""),
                r["attribute"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (1, "group-1", "%", "binding"),
            (2, "group-1", "%", "binding"),
            (3, "group-2", "‰", "expected"),
            (4, "group-2", "%", "expected"),
            (5, "group-3", "公里", "expected"),
            (6, "group-3", "‰", "expected"),
        ]
    );
    assert_eq!(rows[0]["baseline"].as_float(), Some(91.7), "2025年 column");
    assert_eq!(rows[0]["target"].as_float(), Some(95.0), "2030年 column");
    assert_eq!(rows[0]["definition_changed"].as_bool(), Some(true));
    // Printed in [ ]: a cumulative value, typed so without the brackets.
    assert_eq!(rows[2]["target"].as_float(), Some(15.0));
    assert_eq!(rows[2]["target_kind"].as_str(), Some("cumulative"));
    let units = toml(&site, "content/units.toml");
    let water = units["unit"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["name"].as_str() == Some("市水务局"))
        .expect("water");
    assert_eq!(water["suspect"][0]["name"].as_str(), Some("市水务区"));
    assert_eq!(
        water["suspect"][0]["note"]["zh"].as_str(),
        Some("原文如此，疑为“市水务局”之误。")
    );
    assert!(site
        .read("content/import-report.md")
        .contains("suspect unit name 市水务区 read as u-"));
}

#[test]
fn the_shipped_registry_comes_from_the_rules_alone() {
    let site = TempSite::copy(&repo());
    std::fs::remove_dir_all(site.path("content")).expect("rm content");
    std::fs::remove_file(site.path("seeds/ids.toml")).expect("rm ids");
    let out = site.run(&["import", "seeds/yanzhou-14th-fyp-eco-plan.zh.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let spellings = |v: &toml::Value| {
        let mut s: Vec<String> = v["unit"]
            .as_array()
            .expect("units")
            .iter()
            .map(|u| {
                format!(
                    "{} {} {}",
                    u["name"],
                    u["aliases"],
                    u["suspect"]
                        .as_array()
                        .map(|a| a
                            .iter()
                            .map(|s| s["name"].to_string())
                            .collect::<Vec<_>>()
                            .join(","))
                        .unwrap_or_default()
                )
            })
            .collect();
        s.sort();
        s
    };
    let shipped: toml::Value =
        toml::from_str(&std::fs::read_to_string(repo().join("content/units.toml")).expect("read"))
            .expect("toml");
    let fresh = toml(&site, "content/units.toml");
    assert_eq!(spellings(&fresh), spellings(&shipped));
    assert!(fresh["unit"][0]["id"]
        .as_str()
        .is_some_and(|id| id.starts_with("u-")));
}

#[test]
fn no_english_is_a_coverage_warning_and_strict_refuses() {
    let site = imported(FIXTURES[0].0, FIXTURES[0].1);
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("0.0%  (0/14)"), "{all}");
    let out = site.run(&["check", "--strict"]);
    assert!(
        !out.status.success(),
        "--strict refuses a plan without English"
    );
}

#[test]
fn a_plan_without_a_period_is_refused_and_nothing_written() {
    let site = TempSite::copy(&fixture("plan-yunxi"));
    site.write(
        "seeds/x.zh.txt",
        "某县生态环境保护规划\n第一章  总则\n加强保护。\n",
    );
    let out = site.run(&["import", "seeds/x.zh.txt"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("plan period"), "{}", stderr(&out));
    assert!(!site.path("content").exists());
}

#[test]
fn reimporting_keeps_the_sites_english_where_the_chinese_is_unchanged() {
    // The only English is the site's own: the seed's en/ is gone.
    let site = TempSite::copy(&repo());
    std::fs::remove_dir_all(site.path("seeds/en")).expect("rm en");
    let seed = "seeds/yanzhou-14th-fyp-eco-plan.zh.txt";
    let old = "繁荣生态文化。加强生态文化基础理论研究";
    site.patch(seed, old, "繁荣生态文化。加强生态文化理论研究");
    let edited = site.read("content/chapters/11.en.md").replacen(
        "**Strengthen education on ecological civilization.**",
        "**Teach ecological civilization.**",
        1,
    );
    site.write("content/chapters/11.en.md", &edited);
    let out = site.run(&["import", "--force", seed]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shipped = read_tree(&repo().join("content"));
    let fresh = read_tree(&site.path("content"));
    for (k, v) in &fresh {
        // The changed chapter, the report, and plan.toml's seed hash differ.
        let differ = [
            "chapters/11.zh.md",
            "chapters/11.en.md",
            "import-report.md",
            "plan.toml",
        ];
        if !differ.contains(&k.as_str()) {
            assert!(shipped.get(k) == Some(v), "content/{k} changed");
        }
    }
    let en = site.read("content/chapters/11.en.md");
    assert!(
        en.contains("**Teach ecological civilization.**"),
        "a staff edit is kept"
    );
    assert!(
        !en.contains("Promote a flourishing ecological culture"),
        "stale English dropped"
    );
    assert_eq!(
        en.matches("<!-- ").count() + 1,
        String::from_utf8_lossy(&shipped["chapters/11.en.md"])
            .matches("<!-- ")
            .count(),
        "only the changed paragraph lost its (now stale) English"
    );
    assert!(site
        .read("content/import-report.md")
        .contains("1 paragraphs have no English yet"));
}

#[test]
fn the_theme_speaks_of_the_plan_it_shows_not_of_the_shipped_one() {
    // A 十五五 county plan (2026–2030): every page names its own place,
    // years and period; nothing of the shipped plan's district or period.
    let site = imported(FIXTURES[0].0, FIXTURES[0].1);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let tree = read_tree(&site.path("public"));
    let plan = site.read("content/plan.toml");
    for (rel, bytes) in &tree {
        if !(rel.ends_with(".html") || rel.ends_with(".csv") || rel.ends_with(".json")) {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        for foreign in ["兖州", "Yanzhou", "2021–2025", "2020年"] {
            assert!(!text.contains(foreign), "{rel} names {foreign}");
        }
    }
    assert!(
        plan.contains("十五五") && plan.contains("period_start = 2026"),
        "{plan}"
    );
    let page = |rel: &str| String::from_utf8_lossy(&tree[rel]).into_owned();
    let indicators = page("indicators/index.html");
    assert!(
        indicators.contains("所列“十五五”生态环境保护主要指标"),
        "the period"
    );
    assert!(
        indicators.contains(">2025年<") && indicators.contains(">2030年<"),
        "the years"
    );
    let en = page("en/indicators/index.html");
    assert!(
        en.contains("for the 15th Five-Year Plan period"),
        "the period in English"
    );
    let home = page("index.html");
    assert!(
        home.contains("云溪县“十五五”生态环境保护规划"),
        "the brand is the plan's title"
    );
    let count = regex::Regex::new(r"查看全部(\d+)项指标").expect("regex");
    let shown = count.captures(&home).map(|c| c[1].to_string());
    let indicators_in_content = site
        .read("content/indicators.toml")
        .matches("[[indicator]]")
        .count();
    assert_eq!(shown, Some(indicators_in_content.to_string()));
    let csv = page("data/indicators.csv");
    assert!(
        csv.contains("baseline_2025,") && csv.contains("target_2030,"),
        "CSV columns by year"
    );
    // The text before the first chapter is the preamble, with no number.
    assert!(
        tree.contains_key("chapters/00/index.html"),
        "the fixture has a preamble"
    );
    assert!(page("chapters/00/index.html").contains("<h1>前言</h1>"));
    assert!(page("en/chapters/00/index.html").contains("<h1>Preamble</h1>"));
    assert!(page("chapters/00/index.html").contains("<title>前言 · "));
    for (rel, bytes) in &tree {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("第〇章") && !text.contains("Chapter 0"),
            "{rel}"
        );
    }
    // Untranslated headings show the Chinese with the notice, as
    // paragraphs do.
    let notice = "[Not yet translated: the official Chinese text is shown]</span></h";
    let chapter = page("en/chapters/01/index.html");
    assert!(
        chapter.contains(&format!("{notice}1>")),
        "the chapter title"
    );
    assert!(
        chapter.contains(&format!("{notice}2>")),
        "a section heading"
    );
    assert!(page("en/fulltext/index.html").contains(&format!("{notice}3>")));
}
