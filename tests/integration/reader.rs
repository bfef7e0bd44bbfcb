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

/// The size the data page prints for `file`, e.g. `4.0 KB`.
fn listed_size(data_page: &str, file: &str) -> String {
    let at = data_page
        .find(&format!(">{file}</a> <span class=meta>("))
        .unwrap_or_else(|| panic!("{file} not listed: {data_page}"));
    let rest = &data_page[at + file.len() + ">".len() + "</a> <span class=meta>(".len()..];
    rest[..rest.find(')').expect("size")].to_string()
}

#[test]
fn provenance_shows_only_what_the_content_sets_and_the_data_lists_sizes() {
    // Unset: no source link, no licence, and no empty label for either.
    let bare = built("mini");
    for rel in ["public/about/index.html", "public/chapters/01/index.html"] {
        let html = page(&bare, rel);
        assert!(!html.contains("官方原文"), "{rel}");
    }
    assert!(!page(&bare, "public/data/index.html").contains("数据使用许可"));

    let site = TempSite::copy(&fixture("mini"));
    site.patch(
        "content/plan.toml",
        "[title]",
        "source_url = \"https://www.example.gov.cn/zfxxgk/plan.html\"\n\n[title]",
    );
    let disclosure = site.path("content/disclosure.toml");
    let old = std::fs::read_to_string(&disclosure).unwrap_or_default();
    site.write(
        "content/disclosure.toml",
        &format!("data_licence = {{ zh = \"示例许可\", en = \"SAMPLE licence\" }}\n{old}"),
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let link = "<a href=https://www.example.gov.cn/zfxxgk/plan.html>";
    for rel in [
        "public/about/index.html",
        "public/chapters/01/index.html",
        "public/chapters/02/index.html",
        "public/fulltext/index.html",
        "public/en/chapters/02/index.html",
    ] {
        assert!(page(&site, rel).contains(link), "{rel}");
    }
    let data = page(&site, "public/data/index.html");
    assert!(data.contains("数据使用许可：示例许可"), "{data}");
    assert!(page(&site, "public/en/data/index.html").contains("SAMPLE licence"));
    // Every listed size is the file's.
    for file in [
        "plan.json",
        "indicators.csv",
        "tasks.csv",
        "commitments.csv",
    ] {
        let n = std::fs::metadata(site.path(&format!("public/data/{file}")))
            .expect("data file")
            .len();
        let want = if n < 1000 {
            format!("{n} B")
        } else {
            format!("{:.1} KB", n as f64 / 1000.0)
        };
        assert_eq!(listed_size(&data, file), want, "{file}");
    }
    // Tasks and commitments have CSVs of their own, a row each.
    let tasks = site.read("public/data/tasks.csv");
    assert_eq!(tasks.lines().count(), 1 + 3, "{tasks}");
    assert!(
        tasks.contains("c02-s1-p1,2,c02-s1-p1,lead,ecology,生态环境分局,"),
        "{tasks}"
    );
    let commitments = site.read("public/data/commitments.csv");
    assert!(
        commitments.contains("c02-s1-p1-d1,commitment,2,c02-s1-p1,c02-s1-p1,2023,2023年年底前,"),
        "{commitments}"
    );
    assert!(commitments.contains(",ecology,生态环境分局,housing-construction;public-security,区住房城乡建设局;区公安分局"), "{commitments}");
}

#[test]
fn a_declared_contradiction_is_shown_with_both_passages_and_a_wrong_id_is_refused() {
    let site = TempSite::copy(&fixture("mini"));
    site.patch(
        "content/indicators.toml",
        "direction = \"lower\"",
        "direction = \"lower\"\ncontradicts = [\"c02-s1-p1\"]",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let ind = page(&site, "public/indicators/01/index.html");
    assert!(
        ind.contains("<h2 id=contra-h>规划前后表述不一致</h2>"),
        "{ind}"
    );
    assert!(
        ind.contains("<a href=../../indicators/index.html#indicator-1>主要指标表中的目标</a>"),
        "{ind}"
    );
    assert!(
        ind.contains("<a href=../../chapters/02/index.html#c02-s1-p1>第二章 "),
        "{ind}"
    );
    let en = page(&site, "public/en/indicators/01/index.html");
    assert!(en.contains("The plan contradicts itself"), "{en}");
    // Only where declared.
    assert!(!page(&site, "public/indicators/02/index.html").contains("contra-h"));

    site.patch(
        "content/indicators.toml",
        "[\"c02-s1-p1\"]",
        "[\"c02-s9-p9\"]",
    );
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("content/indicators.toml") && err.contains("c02-s9-p9"),
        "{err}"
    );
    assert!(
        err.contains("contradicts 中的段落 c02-s9-p9 不存在"),
        "{err}"
    );
}

/// The text between `from` and the next `to` in `hay` (empty when absent).
fn between<'a>(hay: &'a str, from: &str, to: &str) -> &'a str {
    let Some(at) = hay.find(from) else { return "" };
    let rest = &hay[at..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

#[test]
fn commitments_show_units_and_status_and_filter_by_unit_without_javascript() {
    let site = TempSite::copy(&fixture("mini"));
    // The site's content date: the 2023 deadline has passed, 2025 not yet.
    site.patch("content/changelog.toml", "2026-11-28", "2024-06-30");
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let all = page(&site, "public/commitments/index.html");
    let main = &all[all.find("<main").expect("main")..];
    let due_2023 = between(main, "<li><p class=deadline>2023年年底前", "</li>");
    assert!(
        due_2023.contains("截止日期已过，完成情况尚未公布"),
        "{due_2023}"
    );
    assert!(
        due_2023.contains("责任单位：<a href=../departments/ecology/index.html>生态环境分局</a>")
            && due_2023.contains("配合单位：")
            && due_2023.contains("区公安分局"),
        "{due_2023}"
    );
    // A commitment without a task says so, and is not yet due: not reported.
    let due_2025 = between(main, "<li><p class=deadline>到2025年", "</li>");
    assert!(
        due_2025.contains("<span class=badge not_reported>尚未报送</span>"),
        "{due_2025}"
    );
    assert!(due_2025.contains("责任单位：未列明"), "{due_2025}");
    // The unit filter: every unit the commitment's task names, in any role.
    let filter = between(main, "<details class=unit-filter>", "</details>");
    for unit in ["ecology", "housing-construction", "public-security"] {
        assert!(
            filter.contains(&format!("<a href=../commitments/unit/{unit}/index.html>")),
            "{unit}: {filter}"
        );
    }
    assert!(!filter.contains("agriculture"), "no commitment: {filter}");
    assert!(main.contains("<a href=#c-2023>2023</a>") && main.contains("<h3 id=c-2023>"));
    // A unit's page lists only its commitments, and says so.
    let ecology = page(&site, "public/commitments/unit/ecology/index.html");
    let main = &ecology[ecology.find("<main").expect("main")..];
    assert!(
        main.contains("只列出任务分工中有生态环境分局（牵头、负责或配合）的1项承诺。"),
        "{main}"
    );
    assert!(
        main.contains("完成全部工地扬尘在线监测安装") && !main.contains("建成扬尘监测网络"),
        "{main}"
    );
    assert!(
        !main.contains("unit-filter"),
        "the unit list is on the main page only"
    );
    assert!(
        main.contains("<a href=../../../commitments/index.html>查看全部承诺</a>"),
        "{main}"
    );
    assert!(
        !main.contains("id=achieved-h"),
        "the unit has no achievement: {main}"
    );
    assert!(!site
        .path("public/commitments/unit/agriculture/index.html")
        .exists());
    let en = page(
        &site,
        "public/en/commitments/unit/public-security/index.html",
    );
    assert!(
        en.contains("Only the 1 commitments whose task names the"),
        "{en}"
    );
    assert!(en.contains("Deadline passed, no report published"), "{en}");
}
