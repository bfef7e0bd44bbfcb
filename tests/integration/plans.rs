//! A site of several plans (issue 35, part 1): `import --plan ID` writes
//! `content/plans/ID/`, each plan's pages are built under `plans/ID/`, and
//! the portal at the top lists every plan with its period and its state.
//! The fixture is a SAMPLE district's 14th and 15th plans and its city's
//! 14th.

use crate::support::{fixture, read_tree, stderr, stdout, TempSite};
use std::collections::BTreeMap;

pub const PLANS: [(&str, &str); 3] = [
    ("14th", "seeds/tongchuan-14th-eco-plan.zh.txt"),
    ("15th", "seeds/tongchuan-15th-eco-plan.zh.txt"),
    ("quanyang-14th", "seeds/quanyang-14th-eco-plan.zh.txt"),
];

/// The fixture with its three plans imported, each into its own folder
/// (with `--force`: the fixture may ship hand-written files there).
pub fn three_plans() -> TempSite {
    let site = TempSite::copy(&fixture("plans-tongchuan"));
    for (id, seed) in PLANS {
        let out = site.run(&["import", seed, "--plan", id, "--force"]);
        assert!(out.status.success(), "{id}: {}", stderr(&out));
        assert!(
            stdout(&out).contains(&format!("(content/plans/{id}/import-report.md)")),
            "{}",
            stdout(&out)
        );
    }
    site
}

/// The `<li>` of plan `id` on a portal page.
pub fn card<'a>(portal: &'a str, id: &str) -> &'a str {
    let start = portal
        .find(&format!("id=\"plan-{id}\""))
        .unwrap_or_else(|| panic!("no card for {id}: {portal}"));
    let end = portal[start..].find("</li>").expect("card end") + start;
    &portal[start..end]
}

#[test]
fn import_with_plan_writes_the_plans_folder_only() {
    let site = TempSite::copy(&fixture("plans-tongchuan"));
    let (id, seed) = PLANS[0];
    let out = site.run(&["import", seed, "--plan", id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let plan = site.read("content/plans/14th/plan.toml");
    assert!(plan.contains("period_start = 2021"), "{plan}");
    assert!(site.path("content/plans/14th/chapters").is_dir());
    assert!(site.path("content/plans/14th/indicators.toml").is_file());
    // Nothing at the top of content/, and no staging folder left.
    assert!(!site.path("content/plan.toml").exists());
    let left: Vec<String> = std::fs::read_dir(site.path("content/plans"))
        .expect("plans")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["14th"]);
    // Importing the same plan again needs --force; a bad id is refused.
    let again = site.run(&["import", seed, "--plan", id]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    let bad = site.run(&["import", seed, "--plan", "Plan/14"]);
    assert!(!bad.status.success());
    assert!(!site.path("content/plans/Plan").exists());
}

#[test]
fn a_site_of_two_plans_builds_each_under_its_folder_with_a_portal() {
    let site = three_plans();
    // The 15th plan's issue date is the latest date of the site's content:
    // on it the 14th has ended and the 15th is in force.
    site.patch(
        "content/plans/15th/plan.toml",
        "issue_date = \"\"",
        "issue_date = \"2026-03-15\"",
    );
    let check = site.run(&["check", "--lang", "both"]);
    assert!(check.status.success(), "check: {}", stderr(&check));
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    let tree = read_tree(&site.path("public"));
    for id in ["14th", "15th"] {
        for page in ["index.html", "en/index.html", "indicators/index.html"] {
            let path = format!("plans/{id}/{page}");
            assert!(tree.contains_key(&path), "missing {path}");
        }
    }
    // No plan page at the top: only the portal and its style sheet.
    assert!(!tree.contains_key("indicators/index.html"));
    assert!(tree.contains_key("assets/style.css"));
    let zh = site.read("public/index.html");
    let fourteen = card(&zh, "14th");
    assert!(fourteen.contains("十四五"), "{fourteen}");
    assert!(fourteen.contains("桐川区 · "), "{fourteen}");
    assert!(fourteen.contains("2021–2025"), "{fourteen}");
    assert!(fourteen.contains("已到期"), "{fourteen}");
    assert!(
        fourteen.contains("href=\"plans/14th/index.html\""),
        "{fourteen}"
    );
    let fifteen = card(&zh, "15th");
    assert!(fifteen.contains("2026–2030"), "{fifteen}");
    assert!(fifteen.contains("实施中"), "{fifteen}");
    assert!(zh.contains("2026-03-15"), "the portal names its date");
    let en = site.read("public/en/index.html");
    assert!(card(&en, "14th").contains("Ended"), "{en}");
    assert!(card(&en, "15th").contains("In force"), "{en}");
    assert!(card(&en, "15th").contains("href=\"../plans/15th/en/index.html\""));
    // A plan's own pages are those of a site of that plan alone.
    for (id, period) in [("14th", "2021"), ("15th", "2026")] {
        let home = site.read(&format!("public/plans/{id}/index.html"));
        let h1 = &home[home.find("<h1>").expect("h1")..home.find("</h1>").expect("h1")];
        let other = if id == "14th" {
            "十五五"
        } else {
            "十四五"
        };
        assert!(!h1.contains(other), "{id}: {h1}");
        let kicker = &home[home.find("class=\"kicker\"").expect("kicker")..];
        let kicker = &kicker[..kicker.find("</p>").expect("kicker end")];
        assert!(kicker.contains(period), "{id}: {kicker}");
    }
}

#[test]
fn the_portal_shows_a_declared_draft_and_no_state_without_a_date() {
    let site = three_plans();
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    // No date anywhere in the content: the state is not guessed.
    let zh = site.read("public/index.html");
    assert!(card(&zh, "14th").contains("状态未知"), "{zh}");
    site.patch(
        "content/plans/15th/plan.toml",
        "issue_date = \"\"",
        "issue_date = \"2025-11-20\"\ndraft = true",
    );
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    let zh = site.read("public/index.html");
    assert!(card(&zh, "15th").contains("草案"), "{zh}");
    // On 2025-11-20 the 14th plan is still in force.
    assert!(card(&zh, "14th").contains("实施中"), "{zh}");
}

#[test]
fn a_plan_beside_plans_is_refused_and_public_is_kept() {
    let site = three_plans();
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    let before = read_tree(&site.path("public"));
    let (_, seed) = PLANS[0];
    // An import without --plan is refused, naming the way to do it.
    let single = site.run(&["import", seed, "--force"]);
    assert!(!single.status.success());
    assert!(
        stderr(&single).contains("--plan <id>"),
        "{}",
        stderr(&single)
    );
    assert!(!site.path("content/plan.toml").exists());
    // A plan put beside the plans by hand fails the build.
    let plan = site.read("content/plans/14th/plan.toml");
    std::fs::write(site.path("content/plan.toml"), plan).expect("write");
    let out = site.build();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("content/plans/<id>/"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read_tree(&site.path("public")), before);
}

#[test]
fn a_broken_link_on_the_portal_fails_the_build() {
    let site = three_plans();
    let theme = std::fs::read_to_string(
        crate::support::repo().join("themes/default/templates/portal.html"),
    )
    .expect("portal template");
    let broken = theme.replace(
        "<h2 id=\"plans-h\">",
        "<a href=\"plans/16th/index.html\">x</a><h2 id=\"plans-h\">",
    );
    assert_ne!(broken, theme);
    site.write("themes/default/templates/portal.html", &broken);
    let out = site.build();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("broken link on the portal: plans/16th/index.html"),
        "{}",
        stderr(&out)
    );
    assert!(!site.path("public/index.html").exists());
}

/// The id of the unit named `name` in the site's shared registry.
fn unit_id(registry: &str, name: &str) -> String {
    let at = registry
        .find(&format!("name = \"{name}\""))
        .unwrap_or_else(|| panic!("{name} not in {registry}"));
    let id = registry[..at].rfind("id = \"").expect("id") + 6;
    registry[id..]
        .split('"')
        .next()
        .expect("id end")
        .to_string()
}

#[test]
fn the_plans_share_one_unit_registry_and_a_rename_is_made_once() {
    let site = three_plans();
    let registry = site.read("content/units.toml");
    // Both plans name 区生态环境分局: one entry, under one id.
    assert_eq!(registry.matches("name = \"区生态环境分局\"").count(), 1);
    let id = unit_id(&registry, "区生态环境分局");
    for plan in ["14th", "15th"] {
        let own = site.read(&format!("content/plans/{plan}/units.toml"));
        assert!(own.contains("unit = []"), "{plan}: {own}");
    }
    // Renamed once, in the registry, with the old name kept as an alias.
    site.patch(
        "content/units.toml",
        "name = \"区生态环境分局\"\naliases = []",
        "name = \"区生态环境局\"\naliases = [\"区生态环境分局\"]",
    );
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    for plan in ["14th", "15th"] {
        let page = site.read(&format!("public/plans/{plan}/departments/{id}/index.html"));
        assert!(page.contains("区生态环境局"), "{plan}: the new name");
    }
    // Importing a plan again finds the unit by its old name, by its id.
    let (plan, seed) = PLANS[0];
    let again = site.run(&["import", seed, "--plan", plan, "--force"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(!stdout(&again).contains(&id), "{}", stdout(&again));
    let after = site.read("content/units.toml");
    assert_eq!(unit_id(&after, "区生态环境局"), id);
    assert_eq!(
        after.matches("[[unit]]").count(),
        registry.matches("[[unit]]").count()
    );
    assert!(site.build().status.success());
}

#[test]
fn a_rebuild_of_several_plans_equals_a_fresh_build_and_drops_what_is_no_longer_built() {
    let site = three_plans();
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let first = read_tree(&site.path("public"));
    assert!(
        first.keys().any(|p| p.starts_with("plans/")),
        "plans are built"
    );
    // A file the build does not make, in a plan's folder of the last output
    // (which the next build stages into).
    site.write("public/plans/stray.html", "<p>old</p>");
    let again = site.build();
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(differing(&read_tree(&site.path("public")), &first), [""; 0]);
    // And into a folder of its own, from nothing.
    let fresh = site.run(&[
        "build",
        "--no-search",
        "--lang",
        "both",
        "--output",
        "fresh",
    ]);
    assert!(fresh.status.success(), "{}", stderr(&fresh));
    assert_eq!(differing(&read_tree(&site.path("fresh")), &first), [""; 0]);
}

/// The paths whose bytes differ between two trees, or that one lacks.
fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut all: Vec<&String> = a.keys().chain(b.keys()).collect();
    all.sort();
    all.dedup();
    all.into_iter()
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect()
}
