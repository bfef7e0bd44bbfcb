//! Progress and evaluations: the SAMPLE fixture (every status, charts,
//! downloads, overdue commitments, release and report pages), the shipped
//! site (honestly "not yet reported"), and bad progress data refused with
//! file and line while the output folder stays untouched.

use crate::support::{
    canon, fixture, html_text, main_html, read_tree, readme_release, repo, stderr,
    write_final_report, TempSite,
};
use plansite::pipeline::{self, Options};
use quick_xml::events::Event;
use std::collections::BTreeSet;

const STATUSES: [&str; 6] = [
    "achieved_early",
    "ahead",
    "on_track",
    "behind",
    "qualitative",
    "not_reported",
];

fn sample() -> TempSite {
    TempSite::copy(&fixture("sample-progress"))
}

fn built(site: &TempSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = site.build();
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    read_tree(&site.path("public"))
}

/// A built file's text; a page in canonical markup ([`canon`]).
fn text(tree: &std::collections::BTreeMap<String, Vec<u8>>, rel: &str) -> String {
    let s = String::from_utf8(
        tree.get(rel)
            .unwrap_or_else(|| panic!("{rel} missing"))
            .clone(),
    )
    .expect("utf-8");
    if rel.ends_with(".html") {
        canon(&s)
    } else {
        s
    }
}

#[test]
fn sample_builds_pages_for_every_status_with_the_banner() {
    let site = sample();
    let tree = built(&site);
    let mut seen = BTreeSet::new();
    for n in 1..=21 {
        for prefix in ["", "en/"] {
            let html = text(&tree, &format!("{prefix}indicators/{n:02}/index.html"));
            let code = STATUSES
                .iter()
                .find(|s| html.contains(&format!("status-panel status-{s}")))
                .unwrap_or_else(|| panic!("indicator {n} has no status"));
            seen.insert(*code);
        }
    }
    assert_eq!(seen.len(), STATUSES.len(), "statuses seen: {seen:?}");
    for page in [
        "progress/index.html",
        "progress/2022/index.html",
        "progress/2024/index.html",
        "progress/reports/mid-term/index.html",
    ] {
        assert!(
            tree.contains_key(page) && tree.contains_key(&format!("en/{page}")),
            "{page} missing in a language"
        );
    }
    let pages: Vec<&String> = tree.keys().filter(|k| k.ends_with(".html")).collect();
    assert!(pages.len() > 100);
    for p in pages {
        assert!(
            text(&tree, p).contains("sample-banner"),
            "{p} lacks the SAMPLE banner"
        );
    }
    let home = text(&tree, "index.html");
    assert!(
        home.contains("progress/reports/mid-term/index.html"),
        "home links the mid-term report"
    );
    assert!(
        text(&tree, "progress/index.html").contains("reports/mid-term/index.html"),
        "overview links the report"
    );
    assert!(
        text(&tree, "indicators/index.html").contains("01/index.html"),
        "table rows link the indicator pages"
    );
}

/// The overview's table by chapter gives each chapter with tasks one row,
/// in chapter order, whose total is the number of that chapter's tasks.
#[test]
fn the_overview_counts_each_chapters_tasks() {
    let site = sample();
    let tree = built(&site);
    let tasks = std::fs::read_to_string(site.path("content/tasks.toml")).expect("tasks.toml");
    let id = regex::Regex::new(r#"(?m)^id = "c(\d\d)-"#).expect("regex");
    let mut want: Vec<(String, usize)> = vec![];
    for c in id.captures_iter(&tasks) {
        match want.iter_mut().find(|(n, _)| *n == c[1]) {
            Some((_, count)) => *count += 1,
            None => want.push((c[1].to_string(), 1)),
        }
    }
    want.sort();
    let html = text(&tree, "progress/index.html");
    let table = html
        .split("<table ")
        .find(|t| t.starts_with("class=\"work stack\""))
        .and_then(|t| t.split_once('>'))
        .map(|(_, t)| t)
        .and_then(|t| t.split("</table>").next())
        .expect("the table by chapter");
    let row = regex::Regex::new(
        r"chapters/(\d\d)/index\.html>[^<]*</a></th>(?:<td class=num data-label=[^>]*>\d+</td>)*<td class=num data-label=[^>]*>(\d+)</td></tr>",
    )
    .expect("regex");
    let got: Vec<(String, usize)> = row
        .captures_iter(table)
        .map(|c| (c[1].to_string(), c[2].parse().expect("a number")))
        .collect();
    assert!(want.len() > 3, "the sample has tasks in several chapters");
    assert_eq!(got, want);
}

/// The inline SVG of every indicator page, parsed as XML before minifying.
#[test]
fn charts_are_valid_svg_with_their_target_line() {
    let site = sample();
    let outcome = pipeline::run(
        site.root(),
        Options {
            minify: false,
            ..Default::default()
        },
    )
    .expect("pipeline");
    let files = outcome
        .files
        .unwrap_or_else(|| panic!("{:?}", outcome.diagnostics));
    let json: serde_json::Value = serde_json::from_slice(
        &files
            .iter()
            .find(|f| f.rel_path == "data/progress.json")
            .expect("progress.json")
            .bytes,
    )
    .expect("json");
    let mut charts = 0;
    for f in files.iter().filter(|f| {
        f.rel_path.contains("indicators/")
            && f.rel_path.ends_with("/index.html")
            && !f.rel_path.ends_with("indicators/index.html")
    }) {
        let html = String::from_utf8(f.bytes.clone()).expect("utf-8");
        let Some(start) = html.find("<svg") else {
            continue;
        };
        let end = html.find("</svg>").expect("closed svg") + 6;
        let (elements, targets) = parse_svg(&html[start..end], &f.rel_path);
        for el in ["title", "desc", "circle"] {
            assert!(
                elements.contains(el),
                "{}: no <{el}> in {elements:?}",
                f.rel_path
            );
        }
        let n: usize = f
            .rel_path
            .trim_start_matches("en/")
            .trim_start_matches("indicators/")[..2]
            .parse()
            .expect("number");
        let ind = &json["indicators"][n - 1];
        let has_target = ind["target"].is_number() || ind["city_target"].is_object();
        assert_eq!(
            targets,
            usize::from(has_target),
            "{}: target lines",
            f.rel_path
        );
        charts += 1;
    }
    assert!(charts >= 20, "only {charts} charts");
}

/// Parses SVG with quick-xml (end tags must match); returns element
/// names and the number of target lines.
fn parse_svg(svg: &str, page: &str) -> (BTreeSet<String>, usize) {
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut names, mut depth, mut targets) = (BTreeSet::new(), 0i32, 0);
    loop {
        let (e, open) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::End(_)) => {
                depth -= 1;
                continue;
            }
            Ok(Event::Eof) => break,
            Err(e) => panic!("{page}: invalid SVG: {e}"),
            _ => continue,
        };
        depth += i32::from(open);
        let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
        let attr = |k: &str| {
            e.try_get_attribute(k)
                .expect("attribute")
                .map(|a| String::from_utf8_lossy(&a.value).to_string())
        };
        if name == "svg" {
            assert_eq!(attr("role").as_deref(), Some("img"), "{page}: role=img");
            assert!(
                attr("aria-labelledby").is_some(),
                "{page}: text alternative"
            );
        }
        targets += usize::from(name == "line" && attr("class").as_deref() == Some("chart-target"));
        names.insert(name);
    }
    assert_eq!(depth, 0, "{page}: unbalanced SVG");
    (names, targets)
}

#[test]
fn downloads_parse_and_match_the_data() {
    let site = sample();
    let tree = built(&site);
    let progress: serde_json::Value =
        serde_json::from_str(&text(&tree, "data/progress.json")).expect("progress.json");
    assert_eq!(progress["latest"], "2024");
    assert_eq!(progress["rule"]["on_track"], 0.95);
    let pm25 = &progress["indicators"][0];
    assert_eq!(pm25["status"]["status"], "ahead");
    let values: Vec<(u64, f64)> = pm25["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| {
            (
                v["year"].as_u64().expect("year"),
                v["value"].as_f64().expect("value"),
            )
        })
        .collect();
    assert_eq!(
        values,
        [(2021, 46.5), (2022, 45.0), (2023, 44.0)],
        "the 2024 release revised 2021"
    );
    assert_eq!(progress["indicators"][9]["city_target"]["value"], 9.0);
    assert_eq!(
        progress["indicators"][16]["status"]["status"],
        "qualitative"
    );
    for n in 1..=21usize {
        let one: serde_json::Value =
            serde_json::from_str(&text(&tree, &format!("data/indicators/{n:02}.json")))
                .expect("indicator json");
        assert_eq!(
            one,
            progress["indicators"][n - 1],
            "indicator {n}: JSON matches progress.json"
        );
        let csv = text(&tree, &format!("data/indicators/{n:02}.csv"));
        let mut lines = csv.trim_start_matches('\u{feff}').lines();
        let header: Vec<&str> = lines.next().expect("header").split(',').collect();
        assert_eq!(header[..4], ["indicator", "year", "kind", "value"]);
        let rows: Vec<Vec<String>> = lines
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect();
        let reported: Vec<(u64, f64)> = rows
            .iter()
            .filter(|r| r[2] == "reported")
            .map(|r| (r[1].parse().expect("year"), r[3].parse().expect("value")))
            .collect();
        let in_json: Vec<(u64, f64)> = one["values"]
            .as_array()
            .expect("values")
            .iter()
            .map(|v| {
                (
                    v["year"].as_u64().expect("year"),
                    v["value"].as_f64().expect("value"),
                )
            })
            .collect();
        assert_eq!(reported, in_json, "indicator {n}: CSV matches JSON");
        assert!(rows.iter().any(|r| r[2] == "baseline") && rows.iter().any(|r| r[2] == "target"));
    }
    assert!(
        text(&tree, "data/index.html").contains("progress.json"),
        "the schema page documents progress.json"
    );
}

#[test]
fn overdue_commitments_follow_the_release_as_of_date() {
    let site = sample();
    let tree = built(&site);
    let progress: serde_json::Value =
        serde_json::from_str(&text(&tree, "data/progress.json")).expect("progress.json");
    let overdue = |i: usize| -> Vec<String> {
        progress["releases"][i]["overdue"]
            .as_array()
            .expect("overdue")
            .iter()
            .map(|v| v.as_str().expect("id").to_string())
            .collect()
    };
    // As of 2022-06-30 no end-of-2022 deadline has passed yet.
    assert_eq!(progress["releases"][0]["as_of"], "2022-06-30");
    assert!(overdue(0).is_empty(), "{:?}", overdue(0));
    // As of 2024-03-31 the 2022 and 2023 deadlines have passed.
    let late = overdue(1);
    for id in ["c03-s3-p1-d1", "c06-s2-p1-d1", "box4-i4-d2"] {
        assert!(
            late.contains(&id.to_string()),
            "{id} should be overdue: {late:?}"
        );
    }
    assert!(
        !late.contains(&"c03-s2-p1-d1".to_string()),
        "its task was completed"
    );
    assert!(
        !late.contains(&"c03-s4-p2-d1".to_string()),
        "the commitment was completed"
    );
    assert!(
        late.iter().all(|id| !id.starts_with("c03-s2-p5")),
        "2025 deadlines are not overdue"
    );
    let first = html_text(main_html(&text(&tree, "progress/2022/index.html")), None);
    assert!(
        first.contains("没有逾期未完成的承诺"),
        "release 2022 says nothing is overdue"
    );
    let second = html_text(main_html(&text(&tree, "progress/2024/index.html")), None);
    assert!(
        second.contains("逾期承诺")
            && second.contains("2023年年底前，完成44个入河排污（水）口整治任务"),
        "release 2024 lists the overdue commitment"
    );
    assert!(
        second.contains("46.5") && second.contains("修订"),
        "what changed shows the revised 2021 value"
    );
}

/// Text of `html` with tags as spaces, the rule's methodology left out
/// (its thresholds are the theme's, not data).
fn visible_text(html: &str) -> String {
    let html = match (html.find("<section class=rule"), html.rfind("</section>")) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &html[..a], &html[b..]),
        _ => html.to_string(),
    };
    regex::Regex::new(r"<[^>]*>")
        .expect("regex")
        .replace_all(&html, " ")
        .into_owned()
}

/// Numbers in `text` that are neither in content/ nor a year of the plan.
fn foreign_numbers(text: &str, content: &str) -> Vec<String> {
    let re = regex::Regex::new(r"\d+(?:\.\d+)?").expect("regex");
    re.find_iter(text)
        .map(|m| m.as_str().to_string())
        .filter(|n| {
            !(n.parse::<u32>().is_ok_and(|y| (2020..=2025).contains(&y))
                || content.contains(n.as_str())
                || content.contains(n.trim_start_matches('0')))
        })
        .collect()
}

#[test]
fn the_shipped_site_says_not_yet_reported_and_invents_no_number() {
    let site = TempSite::copy(&repo());
    assert!(
        !site.path("content/progress").exists(),
        "the shipped content holds no progress data"
    );
    let tree = built(&site);
    let mut content = String::new();
    for (_, bytes) in read_tree(&site.path("content")) {
        content.push_str(&String::from_utf8_lossy(&bytes));
    }
    assert!(
        !tree
            .keys()
            .any(|k| k.starts_with("progress/") && k != "progress/index.html"),
        "no release pages"
    );
    let overview = text(&tree, "progress/index.html");
    assert!(
        overview.contains("尚未报送")
            && text(&tree, "en/progress/index.html").contains("Not yet reported")
    );
    assert!(!overview.contains("sample-banner"));
    // Without a release, the lists of the plan show no status at all.
    for page in [
        "commitments/index.html",
        "en/commitments/index.html",
        "departments/ecology/index.html",
        "en/departments/ecology/index.html",
        "projects/index.html",
        "en/projects/index.html",
    ] {
        let html = text(&tree, page);
        assert!(!html.contains("status-from"), "{page}");
        // The one badge before a release: a commitment's deadline has
        // passed and no report says what became of it.
        let passed = [
            "截止日期已过，完成情况尚未公布",
            "Deadline passed, no report published",
        ];
        for badge in html.split("class=\"badge").skip(1) {
            assert!(
                passed
                    .iter()
                    .any(|p| badge.starts_with(&format!(" overdue\">{p}<"))),
                "{page}: {}",
                &badge[..badge.len().min(80)]
            );
        }
    }
    let mut pages = vec![
        "progress/index.html".to_string(),
        "en/progress/index.html".to_string(),
    ];
    pages.extend((1..=21).flat_map(|n| {
        [
            format!("indicators/{n:02}/index.html"),
            format!("en/indicators/{n:02}/index.html"),
        ]
    }));
    for p in &pages {
        let html = text(&tree, p);
        if p.contains("indicators/") {
            assert!(html.contains("status-panel status-not_reported"), "{p}");
        }
        let visible = visible_text(main_html(&html));
        let foreign = foreign_numbers(&visible, &content);
        assert!(
            foreign.is_empty(),
            "{p} shows numbers not in content/: {foreign:?}"
        );
    }
    let progress: serde_json::Value =
        serde_json::from_str(&text(&tree, "data/progress.json")).expect("json");
    assert!(progress["latest"].is_null());
    assert!(progress["indicators"]
        .as_array()
        .expect("array")
        .iter()
        .all(|i| i["status"]["status"] == "not_reported"));
}

/// One kind of bad progress data: the file to patch, the text to replace
/// and its replacement (whose line the message must name).
const BAD: [(&str, &str, &str, &str); 8] = [
    (
        "unknown-indicator",
        "content/progress/2024.toml",
        "indicator = 5\n",
        "indicator = 99\n",
    ),
    (
        "unknown-task",
        "content/progress/2024.toml",
        "id = \"c07-s4-p3\"",
        "id = \"c99-s9-p9\"",
    ),
    (
        "unknown-project",
        "content/progress/2024.toml",
        "box = 5\n",
        "box = 55\n",
    ),
    (
        "wrong-type",
        "content/progress/2024.toml",
        "value = 3.0\n",
        "value = \"3.0\"\n",
    ),
    (
        "wrong-unit",
        "content/progress/2024.toml",
        "value = 44.0\nunit = \"μg/m3\"",
        "value = 44.0\nunit = \"mg/m3\"",
    ),
    (
        "report-after-as-of",
        "content/progress/reports/mid-term.zh.md",
        "date = \"2024-01-15\"",
        "date = \"2024-05-01\"",
    ),
    (
        "year-outside-period",
        "content/progress/2024.toml",
        "year = 2023\nvalue = 93.2",
        "year = 2026\nvalue = 93.2",
    ),
    (
        "same-as-of-date",
        "content/progress/2022.toml",
        "as_of = \"2022-06-30\"",
        "as_of = \"2024-03-31\"",
    ),
];

/// 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"));
    text[..at].matches('\n').count() + 1
}

#[test]
fn each_kind_of_bad_progress_data_is_refused_with_file_and_line() {
    for (kind, file, from, to) in BAD {
        let site = sample();
        site.patch(file, from, to);
        site.write(
            "public/index.html",
            "<!DOCTYPE html><title>previous site</title>",
        );
        site.write("public/old.txt", "the previous site");
        let out = site.build();
        let err = stderr(&out);
        assert!(!out.status.success(), "{kind}: the build must fail");
        let (where_file, line) = match kind {
            // The report's date is checked where the release lists it.
            "report-after-as-of" => (
                "content/progress/2024.toml",
                line_of(&site.read("content/progress/2024.toml"), "reports = ["),
            ),
            "same-as-of-date" => ("content/progress/2024.toml", 2),
            _ => {
                let changed = to
                    .lines()
                    .zip(from.lines())
                    .find(|(a, b)| a != b)
                    .map(|(a, _)| a)
                    .expect("a changed line");
                (file, line_of(&site.read(file), changed))
            }
        };
        // With the column: the caret points at the value.
        assert!(
            err.contains(&format!("{where_file}:{line}:")),
            "{kind}: expected {where_file}:{line}:COLUMN in\n{err}"
        );
        let public: Vec<String> = read_tree(&site.path("public")).into_keys().collect();
        assert_eq!(
            public,
            ["index.html", "old.txt"],
            "{kind}: the output folder was touched"
        );
        assert_eq!(
            site.read("public/index.html"),
            "<!DOCTYPE html><title>previous site</title>"
        );
    }
}

#[test]
fn two_builds_of_the_sample_are_byte_identical() {
    let site = sample();
    let a = built(&site);
    let b = built(&site);
    assert!(a == b, "the second build differs");
}

#[test]
fn release_texts_without_english_are_warned_of_and_marked_on_english_pages() {
    let site = sample();
    let rel = "content/progress/2024.toml";
    let before = site.read(rel);
    // Every bilingual text of the release loses its English: the title,
    // sources, notes and the judgement. Each is an inline table, and the
    // warning points at its `{`.
    let english = regex::Regex::new(r#", en = "[^"]*" \}"#).expect("regex");
    let mut expected = vec![];
    for (i, line) in before.lines().enumerate() {
        if english.is_match(line) {
            let col = line.find("{ zh").expect("an inline table") + 1;
            expected.push(format!("{rel}:{}:{col}", i + 1));
        }
    }
    assert!(expected.len() >= 10, "{expected:?}");
    site.write(rel, &english.replace_all(&before, " }"));
    // And the evaluation report's title, in its front matter.
    let report = "content/progress/reports/mid-term.zh.md";
    let text_of_report = site.read(report);
    let title = line_of(&text_of_report, "title = { zh");
    expected.push(format!("{report}:{title}:9"));
    site.write(report, &english.replace_all(&text_of_report, " }"));

    let check = site.run(&["check", "--lang", "en"]);
    let err = stderr(&check);
    assert!(check.status.success(), "warnings only:\n{err}");
    for at in &expected {
        assert!(err.contains(at.as_str()), "no warning at {at} in\n{err}");
    }
    assert_eq!(
        err.matches("no English translation").count(),
        expected.len(),
        "{err}"
    );
    let strict = site.run(&["check", "--strict", "--lang", "en"]);
    assert!(!strict.status.success(), "--strict refuses them");

    let tree = built(&site);
    let notice = "<span class=notice data-pagefind-ignore>[not yet translated]</span>";
    let source = "<span lang=zh-CN>示例：虚构的2021年数据修订</span>";
    let indicator = text(&tree, "en/indicators/01/index.html");
    assert!(
        indicator.contains(&format!("{source} {notice}")),
        "{indicator}"
    );
    let release = text(&tree, "en/progress/2024/index.html");
    assert!(release.contains(&format!("{source} {notice}")), "{release}");
    // The heading is the English label, not Chinese under an English page.
    assert!(
        release.contains("<h1>Progress as of 2024-03-31</h1>"),
        "{release}"
    );
    let report = text(&tree, "en/progress/reports/mid-term/index.html");
    assert!(
        report.contains(&format!(
            "<h1><span lang=zh-CN>示例：规划实施中期评估报告（虚构）</span> {notice}</h1>"
        )),
        "{report}"
    );
    // The Chinese pages show the same texts, without a notice.
    for (page, shown) in [
        ("indicators/01/index.html", "示例：虚构的2021年数据修订"),
        ("progress/2024/index.html", "示例：虚构的2021年数据修订"),
        (
            "progress/reports/mid-term/index.html",
            "示例：规划实施中期评估报告（虚构）",
        ),
    ] {
        let zh = text(&tree, page);
        assert!(!zh.contains("class=notice"), "{page}: {zh}");
        assert!(zh.contains(shown), "{page}");
    }
}

#[test]
fn a_value_dated_before_its_year_ended_is_warned_of_at_its_date() {
    let site = sample();
    let rel = "content/progress/2024.toml";
    // The 2022 value of indicator 1, published in January 2022.
    let from = "year = 2022\nvalue = 45.0\nunit = \"μg/m3\"\ndate = \"2023-01-20\"";
    site.patch(rel, from, &from.replace("2023-01-20", "2022-01-20"));
    let line = line_of(&site.read(rel), "date = \"2022-01-20\"");
    let check = site.run(&["check", "--lang", "en"]);
    let err = stderr(&check);
    assert!(check.status.success(), "a warning only:\n{err}");
    assert!(
        err.contains(&format!("{rel}:{line}:8"))
            && err.contains("indicator 1's 2022 value is dated 2022-01-20, before that year ended"),
        "{err}"
    );
    let strict = site.run(&["check", "--strict", "--lang", "en"]);
    assert!(!strict.status.success(), "--strict refuses it");
    // Published after the year, the same value passes.
    site.patch(rel, "date = \"2022-01-20\"", "date = \"2023-01-01\"");
    let strict = site.run(&["check", "--strict", "--lang", "en"]);
    assert!(strict.status.success(), "{}", stderr(&strict));
}

#[test]
fn the_readme_s_release_example_passes_check_strict_on_the_shipped_plan() {
    let example = readme_release();
    let site = TempSite::copy(&repo());
    site.write("content/progress/2025.toml", &example);
    write_final_report(&site);
    let out = site.run(&["check", "--strict", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tree = built(&site);
    let release = text(&tree, "en/progress/2025/index.html");
    assert!(release.contains("<h1>Progress in 2025</h1>"), "{release}");
}

/// The `<li>` items of `html` (without nested lists).
fn list_items(html: &str) -> Vec<&str> {
    html.split("<li>")
        .skip(1)
        .map(|s| s.split("</li>").next().unwrap_or(s))
        .collect()
}

#[test]
fn department_commitment_and_project_pages_show_the_latest_status() {
    let site = sample();
    // The release's note on a commitment shows under it.
    site.patch(
        "content/progress/2024.toml",
        "id = \"c03-s4-p2-d1\"\nstatus = \"completed\"",
        "id = \"c03-s4-p2-d1\"\nstatus = \"completed\"\nnote = { zh = \"示例：名单已公布\", en = \"SAMPLE: the list was published\" }",
    );
    let tree = built(&site);
    let work = [
        "not_started",
        "in_progress",
        "completed",
        "delayed",
        "not_reported",
    ];
    let badges = |item: &str| -> Vec<String> {
        work.iter()
            .filter(|w| item.contains(&format!("class=\"badge {w}\"")))
            .map(|w| w.to_string())
            .collect()
    };
    for prefix in ["", "en/"] {
        // c03-s2-p1 is reported completed in the 2024 release; every
        // department that has it shows so, and every other task of theirs
        // has a status too.
        let mut seen = 0;
        for (path, bytes) in &tree {
            let Some(rest) = path.strip_prefix(&format!("{prefix}departments/")) else {
                continue;
            };
            if rest == "index.html" {
                continue;
            }
            let html = canon(&String::from_utf8_lossy(bytes));
            let main = main_html(&html);
            assert!(
                main.contains("href=../../progress/2024/index.html>")
                    || main.contains("href=../../../en/progress/2024/index.html>"),
                "{path}: the status names its release"
            );
            // An item is a paragraph; where the unit has several
            // assignments there, each carries its own status.
            let assignments = list_items(main).into_iter().flat_map(|item| {
                if item.contains("<span class=part>") {
                    item.split("<span class=part>").skip(1).collect()
                } else {
                    vec![item]
                }
            });
            for item in assignments {
                assert_eq!(badges(item).len(), 1, "{path}: {item}");
                if item.contains("#c03-s2-p1>") {
                    assert_eq!(badges(item), ["completed"], "{path}: {item}");
                    seen += 1;
                }
                // Delayed, with the release's note.
                if item.contains("#c06-s2-p1>") {
                    assert_eq!(badges(item), ["delayed"], "{path}: {item}");
                    let note = if prefix.is_empty() {
                        "示例：部分排污口整治延期"
                    } else {
                        "SAMPLE: some outfalls delayed"
                    };
                    assert!(
                        item.contains(&format!("<span class=meta>{note}</span>")),
                        "{path}: {item}"
                    );
                }
            }
        }
        assert!(seen >= 1, "{prefix}: no department lists c03-s2-p1");

        let page = text(&tree, &format!("{prefix}commitments/index.html"));
        let (promised, achieved) = main_html(&page)
            .split_once("id=achieved-h")
            .expect("two sections");
        // After the index of years.
        let promised = promised.rsplit("</nav>").next().unwrap_or(promised);
        let items = list_items(promised);
        assert!(items.len() > 20, "{}", items.len());
        for item in &items {
            assert_eq!(badges(item).len(), 1, "{item}");
        }
        assert!(items.iter().any(|i| badges(i) == ["completed"]));
        let note = if prefix.is_empty() {
            "示例：名单已公布"
        } else {
            "SAMPLE: the list was published"
        };
        let noted: Vec<&&str> = items
            .iter()
            .filter(|i| i.contains(&format!("<p class=meta>{note}</p>")))
            .collect();
        assert_eq!(noted.len(), 1, "one commitment has the note");
        assert_eq!(badges(noted[0]), ["completed"]);
        // Overdue as on the progress overview, and achievements carry none.
        let overview = text(&tree, &format!("{prefix}progress/index.html"));
        let overdue = overview
            .split_once("<ul class=\"timeline overdue\">")
            .and_then(|(_, rest)| rest.split_once("</ul>"))
            .map_or(0, |(list, _)| list_items(list).len());
        assert!(overdue > 0);
        assert_eq!(promised.matches("class=\"badge overdue\"").count(), overdue);
        assert!(!achieved.contains("class=\"badge"), "{achieved}");

        // Every item of every key-project box, box 1 item 1 completed.
        let projects = text(&tree, &format!("{prefix}projects/index.html"));
        let items = projects.matches("<p id=box").count();
        assert!(items > 10, "{items}");
        assert_eq!(projects.matches("<p class=item-status>").count(), items);
        let first = projects
            .split_once("<p id=box1-i1>")
            .and_then(|(_, rest)| rest.split_once("<p class=item-status>"))
            .map(|(_, rest)| rest)
            .expect("box 1 item 1 and its status");
        assert!(
            first.starts_with("<span class=\"badge completed\">"),
            "{first}"
        );
    }
}

#[test]
fn commitments_name_who_is_responsible_and_which_deadlines_have_passed() {
    // The shipped site has no release: a deadline before the content date
    // (the newest changelog entry, never the clock) has passed unreported.
    let site = TempSite::copy(&crate::support::repo());
    let with_year = |site: &TempSite, date: &str| {
        let log = site.read("content/changelog.toml");
        let re = regex::Regex::new(r#"date = "\d{4}-\d\d-\d\d""#).expect("regex");
        site.write(
            "content/changelog.toml",
            &re.replace_all(&log, format!("date = \"{date}\"")),
        );
        built(site)
    };
    let commitments = site.read("content/commitments.toml");
    let years: Vec<u16> = commitments
        .split("[[commitment]]")
        .filter(|c| c.contains("kind = \"commitment\""))
        .filter_map(|c| {
            let y = c.split("deadline_year = ").nth(1)?;
            y.lines().next()?.trim().parse().ok()
        })
        .collect();
    assert!(!years.is_empty());
    for (date, year) in [("2026-11-28", 2026), ("2023-06-30", 2023)] {
        let tree = with_year(&site, date);
        let page = text(&tree, "commitments/index.html");
        let passed = page.matches("截止日期已过，完成情况尚未公布").count();
        let want = years.iter().filter(|y| **y < year).count();
        assert_eq!(passed, want, "as of {date}");
        assert!(page.contains(date), "the page says as of when");
        let en = text(&tree, "en/commitments/index.html");
        assert_eq!(
            en.matches("Deadline passed, no report published").count(),
            want
        );
    }
    // Who: each commitment with a task names its task's units, linked to
    // their department pages, one without says none is listed; the years
    // are an index of anchors (the filter by year).
    let tree = built(&site);
    let page = text(&tree, "commitments/index.html");
    assert!(
        page.contains("责任单位：<a href=../departments/"),
        "linked units"
    );
    let who = page.matches("class=who>").count();
    let rows = commitments.matches("[[commitment]]").count();
    assert_eq!(who, rows, "every row says who");
    let without_task = commitments
        .split("[[commitment]]")
        .skip(1)
        .filter(|c| !c.contains("\ntask = "))
        .count();
    assert_eq!(page.matches("责任单位：未列明").count(), without_task);
    for y in years.iter().collect::<BTreeSet<_>>() {
        assert!(
            page.contains(&format!("href=#c-{y}>")),
            "year {y} in the index"
        );
    }
    // Once a release exists, its statuses and the overdue rule speak
    // instead, and nothing claims a report is missing.
    let tree = built(&sample());
    let page = text(&tree, "commitments/index.html");
    assert!(!page.contains("截止日期已过，完成情况尚未公布"));
}
