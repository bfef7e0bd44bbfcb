//! Progress and evaluations: the SAMPLE fixture (every status, charts,
//! downloads, overdue commitments, release and report pages), the shipped
//! site (honestly "not yet reported"), and bad progress data refused with
//! file and line while the output folder stays untouched.

use crate::support::{fixture, html_text, main_html, read_tree, repo, stderr, TempSite};
use plansite::pipeline::{self, Options};
use quick_xml::events::Event;
use std::collections::BTreeSet;

const STATUSES: [&str; 6] = ["achieved_early", "ahead", "on_track", "behind", "qualitative", "not_reported"];

fn sample() -> TempSite {
    TempSite::copy(&fixture("sample-progress"))
}

fn built(site: &TempSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = site.build();
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    read_tree(&site.path("public"))
}

fn text(tree: &std::collections::BTreeMap<String, Vec<u8>>, rel: &str) -> String {
    String::from_utf8(tree.get(rel).unwrap_or_else(|| panic!("{rel} missing")).clone()).expect("utf-8")
}

#[test]
fn sample_builds_pages_for_every_status_with_the_banner() {
    let site = sample();
    let tree = built(&site);
    let mut seen = BTreeSet::new();
    for n in 1..=21 {
        for prefix in ["", "en/"] {
            let html = text(&tree, &format!("{prefix}indicators/{n:02}/index.html"));
            let code = STATUSES.iter().find(|s| html.contains(&format!("status-panel status-{s}"))).unwrap_or_else(|| panic!("indicator {n} has no status"));
            seen.insert(*code);
        }
    }
    assert_eq!(seen.len(), STATUSES.len(), "statuses seen: {seen:?}");
    for page in ["progress/index.html", "progress/2022/index.html", "progress/2024/index.html", "progress/reports/mid-term/index.html"] {
        assert!(tree.contains_key(page) && tree.contains_key(&format!("en/{page}")), "{page} missing in a language");
    }
    let pages: Vec<&String> = tree.keys().filter(|k| k.ends_with(".html")).collect();
    assert!(pages.len() > 100);
    for p in pages {
        assert!(text(&tree, p).contains("sample-banner"), "{p} lacks the SAMPLE banner");
    }
    let home = text(&tree, "index.html");
    assert!(home.contains("progress/reports/mid-term/index.html"), "home links the mid-term report");
    assert!(text(&tree, "progress/index.html").contains("reports/mid-term/index.html"), "overview links the report");
    assert!(text(&tree, "indicators/index.html").contains("01/index.html"), "table rows link the indicator pages");
}

/// The inline SVG of every indicator page, parsed as XML before minifying.
#[test]
fn charts_are_valid_svg_with_their_target_line() {
    let site = sample();
    let outcome = pipeline::run(site.root(), Options { minify: false, ..Default::default() }).expect("pipeline");
    let files = outcome.files.unwrap_or_else(|| panic!("{:?}", outcome.diagnostics));
    let json: serde_json::Value = serde_json::from_slice(&files.iter().find(|f| f.rel_path == "data/progress.json").expect("progress.json").bytes).expect("json");
    let mut charts = 0;
    for f in files.iter().filter(|f| f.rel_path.contains("indicators/") && f.rel_path.ends_with("/index.html") && !f.rel_path.ends_with("indicators/index.html")) {
        let html = String::from_utf8(f.bytes.clone()).expect("utf-8");
        let Some(start) = html.find("<svg") else { continue };
        let end = html.find("</svg>").expect("closed svg") + 6;
        let (elements, targets) = parse_svg(&html[start..end], &f.rel_path);
        assert!(elements.contains("title") && elements.contains("desc") && elements.contains("polyline") || elements.contains("circle"), "{}: {elements:?}", f.rel_path);
        let n: usize = f.rel_path.trim_start_matches("en/").trim_start_matches("indicators/")[..2].parse().expect("number");
        let ind = &json["indicators"][n - 1];
        let has_target = ind["target"].is_number() || ind["city_target"].is_object();
        assert_eq!(targets, usize::from(has_target), "{}: target lines", f.rel_path);
        charts += 1;
    }
    assert!(charts >= 20, "only {charts} charts");
}

/// Parses SVG with quick-xml; returns element names and target lines.
fn parse_svg(svg: &str, page: &str) -> (BTreeSet<String>, usize) {
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut names, mut depth, mut targets) = (BTreeSet::new(), 0i32, 0);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                if name == "svg" {
                    let role = e.try_get_attribute("role").expect("attr").map(|a| a.value.into_owned());
                    assert_eq!(role.as_deref(), Some(&b"img"[..]), "{page}: role=img");
                }
                let class = e.try_get_attribute("class").expect("attr").map(|a| String::from_utf8_lossy(&a.value).to_string()).unwrap_or_default();
                targets += usize::from(name == "line" && class == "chart-target");
                depth += i32::from(matches!(reader.read_event_peek_hack(), ()));
                names.insert(name);
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Err(e) => panic!("{page}: invalid SVG: {e}"),
            _ => {}
        }
    }
    let _ = depth;
    (names, targets)
}
