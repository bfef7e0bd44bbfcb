//! What a citizen reads at a glance: typography, department pages,
//! provenance, contradictions and commitment filters, on fixture sites.

use crate::support::*;

/// A page's HTML with attribute quotes dropped, so assertions hold for
/// minified (`class=nw`) and unminified (`class="nw"`) output alike.
fn page(site: &TempSite, rel: &str) -> String {
    site.read(rel).replace('"', "")
}

fn built(fixture_name: &str) -> TempSite {
    let site = TempSite::copy(&fixture(fixture_name));
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

#[test]
fn titles_keep_quoted_terms_whole_and_units_are_typeset_in_html_only() {
    let site = built("mini");
    let home = page(&site, "public/index.html");
    assert!(
        home.contains("<h1>示例区<span class=nw>“十四五”</span>生态环境保护规划</h1>"),
        "{home}"
    );
    let table = page(&site, "public/indicators/index.html");
    assert!(
        table.contains("细颗粒物（PM<sub>2.5</sub>）浓度"),
        "{table}"
    );
    assert!(table.contains("（μg/m<sup>3</sup>）"), "{table}");
    let ind = page(&site, "public/indicators/01/index.html");
    assert!(ind.contains("<dd>μg/m<sup>3</sup></dd>"), "{ind}");
    // The open data keeps the text as written.
    let csv = site.read("public/data/indicators.csv");
    assert!(
        csv.contains(",细颗粒物（PM2.5）浓度,") && csv.contains(",μg/m3,"),
        "{csv}"
    );
    assert!(!csv.contains("<su"), "{csv}");
    // The page <title> is plain text.
    assert!(ind.contains("<title>1. 细颗粒物（PM2.5）浓度 · "), "{ind}");
}

/// How often `needle` occurs in `hay`.
fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn a_department_page_lists_each_paragraph_once_by_chapter_with_deadline_and_partners() {
    let site = TempSite::copy(&fixture("mini"));
    // Ecology gets a second assignment in paragraph c02-s1-p2.
    site.patch(
        "content/tasks.toml",
        "responsible = [\"emergency\"]",
        "responsible = [\"emergency\", \"ecology\"]",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let zh = page(&site, "public/departments/ecology/index.html");
    let main = &zh[zh.find("<main").expect("main")..];
    // Each paragraph once, its two assignments linked under it.
    assert_eq!(count(main, ">推进秸秆禁烧。</a>"), 1, "{main}");
    assert!(
        main.contains("本段含本单位 2 项分工：<span class=part><a href=../../chapters/02/index.html#c02-s1-p2>1</a></span> <span class=part><a href=../../chapters/02/index.html#c02-s1-p2-t2>2</a></span>"),
        "{main}"
    );
    assert_eq!(count(main, "#c02-s1-p1>"), 1, "{main}");
    // Grouped by chapter: one heading for chapter 2.
    assert_eq!(count(main, "<h2 id=ch-2>第二章 "), 1, "{main}");
    // The roles are explained once.
    assert_eq!(count(main, "牵头单位：组织推进该项任务。"), 1, "{main}");
    assert_eq!(
        count(main, "配合单位：协助牵头单位推进该项任务。"),
        1,
        "{main}"
    );
    // The deadline of the paragraph's commitment; partners, not the unit itself.
    let p1 = &main[main.find("#c02-s1-p1>").expect("p1")..main.find("#c02-s1-p2>").expect("p2")];
    assert_eq!(count(p1, "<span class=part>"), 0, "one assignment: {p1}");
    assert!(p1.contains("<dd>2023年年底前</dd>"), "{p1}");
    assert!(
        p1.contains("区住房城乡建设局") && p1.contains("区公安分局"),
        "{p1}"
    );
    assert!(!p1.contains("departments/ecology/"), "{p1}");
    let p2 = &main[main.find("#c02-s1-p2>").expect("p2")..];
    assert!(p2.contains("<dd>规划未写明</dd>"), "{p2}");
    assert!(
        p2.contains("区农业农村局") && p2.contains("区应急管理局"),
        "{p2}"
    );
    let en = page(&site, "public/en/departments/ecology/index.html");
    assert!(en.contains("<dd>2023</dd>"), "{en}");
    assert!(
        en.contains("2 assignments for this unit in this paragraph"),
        "{en}"
    );
}
