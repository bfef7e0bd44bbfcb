//! A site of several plans (issue 35): the portal's cards show each
//! plan's headline status, `data/plans.json` lists the plans, and the
//! site-level department pages list a unit's work in every plan. The
//! fixture is the SAMPLE three-plan site of `plans.rs`.

use crate::plans::{card, three_plans, PLANS};
use crate::support::{read_tree, stderr};
use std::collections::BTreeMap;

/// A SAMPLE release of the 14th plan (its figures are invented): indicator
/// 1 (81.3 → 85.0 %) passes its target before the target year, indicator
/// 2 (66.7 → 83.3 %) falls below its baseline, 3 (a city-assigned target
/// without the city's figure) and 4 (qualitative, no judgement) stay
/// unreported.
const RELEASE: &str = r#"# SAMPLE: invented figures for a test.
as_of = "2024-03-31"
title = { zh = "2023年度进展（样例）", en = "Progress in 2023 (sample)" }

[[value]]
indicator = 1
year = 2023
value = 90.0
unit = "%"
date = "2024-01-20"
source = { zh = "样例公报", en = "Sample bulletin" }

[[value]]
indicator = 2
year = 2023
value = 60.0
unit = "%"
date = "2024-01-20"
source = { zh = "样例公报", en = "Sample bulletin" }
"#;

fn plans_json(site: &crate::support::TempSite) -> serde_json::Value {
    serde_json::from_str(&site.read("public/data/plans.json")).expect("plans.json")
}

/// The JSON entry of plan `id`.
fn entry<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["plans"]
        .as_array()
        .expect("plans")
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {json}"))
}

#[test]
fn the_headline_status_follows_a_plans_latest_release() {
    let site = three_plans();
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    let zh = site.read("public/index.html");
    for (id, _) in PLANS {
        let c = card(&zh, id);
        assert!(c.contains("badge not_reported\">未报送<"), "{id}: {c}");
    }
    assert!(plans_json(&site)["plans"][0]["headline"].is_null());
    // A release is added to the 14th plan only.
    site.write("content/plans/14th/progress/2023.toml", RELEASE);
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    let zh = site.read("public/index.html");
    let fourteen = card(&zh, "14th");
    assert!(fourteen.contains("2024-03-31"), "{fourteen}");
    assert!(fourteen.contains("提前实现 1"), "{fourteen}");
    assert!(fourteen.contains("滞后 1"), "{fourteen}");
    assert!(fourteen.contains("未报送 2"), "{fourteen}");
    assert!(!fourteen.contains("基本符合预期"), "{fourteen}");
    for id in ["15th", "quanyang-14th"] {
        assert!(card(&zh, id).contains(">未报送<"), "{id} is unchanged");
    }
    let en = site.read("public/en/index.html");
    assert!(card(&en, "14th").contains("Achieved early 1"), "{en}");
    let json = plans_json(&site);
    let h = &entry(&json, "14th")["headline"];
    assert_eq!(h["as_of"], "2024-03-31");
    let counts: BTreeMap<String, u64> =
        serde_json::from_value(h["counts"].clone()).expect("counts");
    assert_eq!(counts["achieved_early"], 1);
    assert_eq!(counts["behind"], 1);
    assert_eq!(counts["not_reported"], 2);
    assert_eq!(counts.values().sum::<u64>(), 4, "every indicator once");
    assert!(entry(&json, "15th")["headline"].is_null());
}

#[test]
fn plans_json_lists_every_plan_with_its_period_and_data_file() {
    let site = three_plans();
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    let json = plans_json(&site);
    let ids: Vec<&str> = json["plans"]
        .as_array()
        .expect("plans")
        .iter()
        .map(|p| p["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["14th", "15th", "quanyang-14th"]);
    for (id, start, end, district) in [
        ("14th", 2021, 2025, "桐川区"),
        ("15th", 2026, 2030, "桐川区"),
        ("quanyang-14th", 2021, 2025, "泉阳市"),
    ] {
        let e = entry(&json, id);
        assert_eq!(e["period"]["start"], start, "{id}");
        assert_eq!(e["period"]["end"], end, "{id}");
        assert_eq!(e["district"]["zh"], district, "{id}");
        assert!(e["title"]["zh"].as_str().expect("title").contains("规划"));
        let data = e["data"].as_str().expect("data");
        assert_eq!(data, format!("plans/{id}/data/plan.json"));
        let plan: serde_json::Value =
            serde_json::from_str(&site.read(&format!("public/{data}"))).expect("plan.json");
        assert_eq!(plan["plan"]["period_start"], start, "{id}");
    }
    // The portal links it, and a second build writes the same bytes.
    assert!(site
        .read("public/index.html")
        .contains("href=\"data/plans.json\""));
    let before = site.read("public/data/plans.json");
    assert!(site.build().status.success());
    assert_eq!(site.read("public/data/plans.json"), before);
}

/// The `<section>`s of a page, each from its start to its end.
fn sections(page: &str) -> Vec<&str> {
    page.match_indices("<section")
        .map(|(at, _)| {
            let end = page[at..].find("</section>").expect("section end") + at;
            &page[at..end]
        })
        .collect()
}

/// The hrefs in `html`.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().expect("href end"))
        .collect()
}

/// The site path `href` names from the page at `page`, and its fragment.
fn target(page: &str, href: &str) -> (String, String) {
    let (path, frag) = href.split_once('#').unwrap_or((href, ""));
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    (parts.join("/"), frag.to_string())
}

#[test]
fn a_units_site_page_lists_its_work_in_every_plan() {
    let site = three_plans();
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    let tree = read_tree(&site.path("public"));
    let name = "泉阳市生态环境局桐川分局";
    let zh = tree
        .iter()
        .find(|(p, b)| {
            p.starts_with("departments/u-")
                && String::from_utf8_lossy(b).contains(&format!("<h1>{name}</h1>"))
        })
        .map(|(p, _)| p.clone())
        .unwrap_or_else(|| panic!("no departments page of {name}"));
    let page = |prefix: &str| {
        let path = format!("{prefix}{zh}");
        let html = String::from_utf8_lossy(&tree[&path]).into_owned();
        assert!(html.contains(name), "{path}");
        (path, html)
    };
    for prefix in ["", "en/"] {
        let (path, html) = page(prefix);
        let secs = sections(&html);
        assert_eq!(secs.len(), 3, "{path}: one section per plan");
        for ((id, _), sec) in PLANS.iter().zip(&secs) {
            assert!(sec.contains(&format!("id=\"plan-{id}\"")), "{path}: {sec}");
            let links = hrefs(sec);
            let own = format!("plans/{id}/{prefix}departments/");
            assert!(links.len() >= 2, "{path}: {sec}");
            for href in links {
                let (to, frag) = target(&path, href);
                let bytes = tree
                    .get(&to)
                    .unwrap_or_else(|| panic!("{path}: {href} -> {to} does not exist"));
                if !frag.is_empty() {
                    let html = String::from_utf8_lossy(bytes);
                    assert!(html.contains(&format!("id=\"{frag}\"")), "{to}#{frag}");
                }
                assert!(to.starts_with(&format!("plans/{id}/")), "{href}");
            }
            assert!(sec.contains(&own), "{path}: links the plan's own page");
            assert!(sec.contains("负责") || sec.contains("Responsible"), "{sec}");
        }
    }
    // The index lists the unit with its three plans, and the portal links it.
    let index = site.read("public/departments/index.html");
    let row = &index[index.find(name).expect("unit on the index")..];
    let row = &row[..row.find("</li>").expect("row end")];
    assert_eq!(row.matches("href=").count(), 3, "{row}");
    assert!(site
        .read("public/index.html")
        .contains("href=\"departments/index.html\""));
}

#[test]
fn a_broken_link_on_a_site_department_page_fails_the_build() {
    let site = three_plans();
    let theme = std::fs::read_to_string(
        crate::support::repo().join("themes/default/templates/portal_department.html"),
    )
    .expect("template");
    let broken = theme.replace("href=\"{{ all }}\"", "href=\"../nowhere/index.html\"");
    assert_ne!(broken, theme);
    site.write("themes/default/templates/portal_department.html", &broken);
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("broken link on the portal: ../nowhere/index.html"),
        "{err}"
    );
    assert!(err.contains("templates/portal_department.html"), "{err}");
    assert!(!site.path("public/index.html").exists());
}
