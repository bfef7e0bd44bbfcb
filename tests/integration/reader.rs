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
