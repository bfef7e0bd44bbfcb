//! Plans linked by data (issue 35, part 3): a later plan's indicators
//! follow an earlier plan's, and a district's 完成市分解任务 target names the
//! city plan's indicator, by the mapping in the plan's `links.toml`. The
//! fixture: a SAMPLE district's 14th and 15th plans and its city's 14th,
//! with the hand-written files of extra/ (links and a 2025 release).

use crate::support::{copy_tree, fixture, stderr, TempSite};

const PLANS: [(&str, &str); 3] = [
    ("14th", "seeds/tongchuan-14th-eco-plan.zh.txt"),
    ("15th", "seeds/tongchuan-15th-eco-plan.zh.txt"),
    ("quanyang-14th", "seeds/quanyang-14th-eco-plan.zh.txt"),
];

/// The fixture with its three plans imported and the hand-written files.
pub fn linked_site() -> TempSite {
    let site = TempSite::copy(&fixture("plans-tongchuan"));
    for (id, seed) in PLANS {
        let out = site.run(&["import", seed, "--plan", id]);
        assert!(out.status.success(), "{id}: {}", stderr(&out));
    }
    copy_tree(&fixture("plans-tongchuan").join("extra"), site.root());
    site
}

/// The text of the section `id` of a page.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("aria-labelledby=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}"));
    let end = html[start..].find("</section>").expect("section end") + start;
    &html[start..end]
}

/// `href` followed from the page at `page` (a path under public/).
pub fn follow(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Every href of `html` that leaves the plan's folder, followed from `page`.
fn cross_links(page: &str, html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with("../../../"))
        .map(|h| follow(page, h))
        .collect()
}

#[test]
fn a_later_plan_shows_the_earlier_plans_final_value_and_the_series_across_both() {
    let site = linked_site();
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    let page = "plans/15th/indicators/03/index.html";
    let html = site.read(&format!("public/{page}"));
    let linked = section(&html, "linked-h");
    // The earlier plan's indicator, linked, with its 2025 value as reported.
    assert!(linked.contains("“十四五”"), "{linked}");
    assert!(linked.contains("（2025）"), "{linked}");
    assert!(linked.contains("41微克/立方米"), "{linked}");
    assert!(
        linked.contains("桐川区2025年生态环境状况公报（样例）"),
        "{linked}"
    );
    // The series: the 14th's baseline, its 2025 report and target, then
    // the 15th's baseline and target, in that order.
    let rows: Vec<&str> = linked.split("<tr><th scope=\"row\">").skip(1).collect();
    let years: Vec<&str> = rows.iter().map(|r| &r[..4]).collect();
    assert_eq!(years, ["2020", "2025", "2025", "2025", "2030"], "{linked}");
    assert!(
        rows[1].contains(">41<") && rows[1].contains("报告值"),
        "{}",
        rows[1]
    );
    assert!(
        rows[3].contains(">42<") && rows[3].contains("“十五五”"),
        "{}",
        rows[3]
    );
    // Every link to another plan lands on a page of the site.
    let links = cross_links(page, &html);
    assert!(links.contains(&"plans/14th/indicators/03/index.html".to_string()));
    for target in links {
        assert!(site.path(&format!("public/{target}")).is_file(), "{target}");
    }
    // An indicator the earlier plan has not reported says so.
    let two = site.read("public/plans/15th/indicators/02/index.html");
    assert!(section(&two, "linked-h").contains("尚未报送"));
    // English pages link to the English pages of the other plan.
    let en = "plans/15th/en/indicators/03/index.html";
    let html = site.read(&format!("public/{en}"));
    assert!(cross_links(en, &html).contains(&"plans/14th/en/indicators/03/index.html".into()));
}

#[test]
fn a_district_target_left_to_the_city_shows_the_city_plans_figure_and_source() {
    let site = linked_site();
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    let page = "plans/14th/indicators/03/index.html";
    let html = site.read(&format!("public/{page}"));
    let facts = section(&html, "facts-h");
    assert!(facts.contains("完成市分解任务"), "{facts}");
    assert!(
        facts.contains("40微克/立方米"),
        "the city's figure: {facts}"
    );
    assert!(facts.contains("泉阳市"), "its source: {facts}");
    assert!(
        cross_links(page, facts).contains(&"plans/quanyang-14th/indicators/01/index.html".into())
    );
    // The city plan is unchanged by being linked to.
    let city = site.read("public/plans/quanyang-14th/indicators/01/index.html");
    assert!(!city.contains("linked-h"));
}

#[test]
fn a_link_to_a_missing_plan_or_indicator_names_the_line() {
    let site = linked_site();
    site.patch(
        "content/plans/15th/links.toml",
        "follows = \"14th\"",
        "follows = \"13th\"",
    );
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("content/plans/15th/links.toml:4"), "{err}");
    assert!(
        err.contains("13th") && err.contains("14th, 15th, quanyang-14th"),
        "{err}"
    );
    assert!(!site.path("public").exists(), "nothing published");
    site.patch(
        "content/plans/15th/links.toml",
        "follows = \"13th\"",
        "follows = \"14th\"",
    );
    site.patch(
        "content/plans/15th/links.toml",
        "follows = 2\n",
        "follows = 9\n",
    );
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("links.toml:12"), "{err}");
    assert!(err.contains("the plan 14th has no indicator 9"), "{err}");
}

#[test]
fn each_plans_department_page_links_the_units_work_in_every_plan_named_from_the_shared_glossary() {
    let site = linked_site();
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    // The unit with work in all three plans, by its id in the registry.
    let registry = site.read("content/units.toml");
    let at = registry
        .find("name = \"泉阳市生态环境局桐川分局\"")
        .expect("the unit is in the registry");
    let id = registry[..at]
        .rsplit("id = \"")
        .next()
        .and_then(|s| s.split('"').next())
        .expect("its id");
    for plan in ["14th", "15th", "quanyang-14th"] {
        for lang in ["", "en/"] {
            let page = format!("plans/{plan}/{lang}departments/{id}/index.html");
            let html = site.read(&format!("public/{page}"));
            let link = html
                .split("<p class=\"dept-site\"><a href=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_else(|| panic!("{page} has no link to the site page"));
            assert_eq!(
                follow(&page, link),
                format!("{lang}departments/{id}/index.html")
            );
        }
    }
    // The site-level page is named in English from content/glossary.toml,
    // which no plan's own glossary gives.
    let en = site.read(&format!("public/en/departments/{id}/index.html"));
    assert!(
        en.contains("Tongchuan Branch of the Quanyang Municipal Ecology and Environment Bureau"),
        "{en}"
    );
    let own = site.read("content/plans/14th/glossary.toml");
    assert!(!own.contains("泉阳市生态环境局桐川分局"), "{own}");
    // Without the shared glossary the English name is missing again.
    std::fs::remove_file(site.path("content/glossary.toml")).expect("rm");
    let out = site.build();
    let err = stderr(&out);
    assert!(
        err.contains("glossary has no English for: 泉阳市生态环境局桐川分局"),
        "{err}"
    );
}

#[test]
fn the_site_has_a_404_page_of_its_own_in_each_language() {
    let site = linked_site();
    site.patch(
        "site.toml",
        "base_url = \"\"",
        "base_url = \"https://example.org/eco/\"",
    );
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    for (page, base, home) in [
        ("404.html", "/eco/", "找不到该页面"),
        ("en/404.html", "/eco/en/", "Page not found"),
    ] {
        let html = site.read(&format!("public/{page}"));
        assert!(html.contains(&format!("<base href=\"{base}\">")), "{html}");
        assert!(html.contains(home), "{html}");
        // The style sheet is inlined: the page works at any depth.
        assert!(
            html.contains("<style>") && !html.contains("rel=\"stylesheet\""),
            "{html}"
        );
        // The brand link goes to the portal's home in the page's language,
        // resolved against the base.
        let brand = html
            .split("class=\"brand\" href=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("brand link");
        let page_at = format!("{}404.html", &base[1..]);
        assert_eq!(follow(&page_at, brand), format!("{}index.html", &base[1..]));
    }
    // A plan's own 404 page has its folder in its base, for a host that
    // shows it for the plan's folder.
    for (page, base) in [
        ("plans/15th/404.html", "/eco/plans/15th/"),
        ("plans/15th/en/404.html", "/eco/plans/15th/en/"),
    ] {
        let html = site.read(&format!("public/{page}"));
        assert!(html.contains(&format!("<base href=\"{base}\">")), "{page}");
    }
}
