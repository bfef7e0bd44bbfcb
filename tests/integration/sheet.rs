//! The spreadsheet route (`progress template|import`) on the shipped plan:
//! the template filled by a script (tests/sheet/fill.py, with openpyxl) as
//! Excel and WPS store cells, then imported, gives the README's example
//! release; a bad cell is named by sheet and cell, and nothing is written.

use crate::support::{readme_release, repo, stderr, stdout, write_final_report, TempSite};
use std::path::Path;
use std::process::Command;

/// The shipped plan with the report the README's example lists, and the
/// example release written out for the filler, with an empty template.
fn site() -> TempSite {
    let site = TempSite::copy(&repo());
    write_final_report(&site);
    site.write("example.toml", &readme_release());
    let out = site.run(&["progress", "template", "template.xlsx"]);
    assert!(out.status.success(), "template: {}", stderr(&out));
    site
}

/// Runs fill.py; fails the test (never skips) without python3 or openpyxl.
fn fill(site: &TempSite, out: &str, mode: &str, spoil: Option<&str>) -> String {
    let mut cmd = Command::new("python3");
    cmd.arg(repo().join("tests/sheet/fill.py"))
        .arg(site.path("template.xlsx"))
        .arg(site.path(out))
        .arg(site.path("example.toml"))
        .arg(repo().join("themes/default/i18n.toml"))
        .arg(mode)
        .args(spoil);
    let done = cmd.output().unwrap_or_else(|e| {
        panic!("python3 is needed for this test (scripts/install-test-deps.sh): {e}")
    });
    assert!(
        done.status.success(),
        "fill.py {mode} failed (openpyxl missing? run scripts/install-test-deps.sh): {}",
        stderr(&done)
    );
    stdout(&done).trim().to_string()
}

fn toml_value(text: &str) -> toml::Value {
    toml::from_str(text).unwrap_or_else(|e| panic!("not TOML: {e}\n{text}"))
}

#[test]
fn a_filled_workbook_imports_as_the_readme_s_release_however_it_was_saved() {
    let site = site();
    let want = toml_value(&readme_release());
    for (mode, file) in [
        ("typed", "typed.xlsx"),
        ("text", "text.xlsx"),
        ("csv", "excel.csv"),
        ("gbk", "wps.csv"),
    ] {
        fill(&site, file, mode, None);
        let out = site.run(&["progress", "import", file, "--release", "2025", "--force"]);
        assert!(out.status.success(), "{mode}: {}", stderr(&out));
        let got = site.read("content/progress/2025.toml");
        assert_eq!(toml_value(&got), want, "{mode}:\n{got}");
    }
    let check = site.run(&["check", "--strict", "--lang", "en"]);
    assert!(check.status.success(), "{}", stderr(&check));
    // An import never replaces a release unless asked.
    let again = site.run(&["progress", "import", "typed.xlsx", "--release", "2025"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("add --force"), "{}", stderr(&again));
}

#[test]
fn the_template_is_the_same_for_the_same_content_and_prefills_no_data() {
    let site = site();
    let out = site.run(&["progress", "template", "again.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (a, b) = (site.path("template.xlsx"), site.path("again.xlsx"));
    assert_eq!(std::fs::read(&a).ok(), std::fs::read(&b).ok());
    // Unfilled, the template states nothing but needs its as-of date.
    let out = site.run(&[
        "progress",
        "import",
        "template.xlsx",
        "--release",
        "2025",
        "--lang",
        "en",
    ]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("进展!L3: “Date” is empty"), "{err}");
    // Any data the template held would be an entry or an error here.
    assert!(err.contains("1 error(s), 0 warning(s)"), "{err}");
    assert!(!site.path("content/progress/2025.toml").exists());
}

/// Imports a workbook with `spoil` planted; its error names the cell.
fn refused(spoil: &str, mode: &str, message: &str) {
    let site = site();
    let file = if mode == "typed" {
        "bad.xlsx"
    } else {
        "bad.csv"
    };
    let cell = fill(&site, file, mode, Some(spoil));
    let cell = if mode == "typed" {
        cell
    } else {
        cell.replace("进展!", "")
    };
    let out = site.run(&[
        "progress",
        "import",
        file,
        "--release",
        "2025",
        "--lang",
        "both",
    ]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{spoil}: {err}");
    for lang in [format!("{cell}："), format!("{cell}: {message}")] {
        assert!(err.contains(&lang), "{spoil}: no {lang:?} in\n{err}");
    }
    assert!(err.contains(file), "{spoil}: names the file\n{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!site.path("content/progress/2025.toml").exists(), "{spoil}");
    assert!(
        !Path::new(&site.path("content/progress"))
            .join(".2025.toml.tmp")
            .exists(),
        "no temporary file is left"
    );
}

#[test]
fn a_text_in_a_number_column_is_named_by_its_cell() {
    refused("text-number", "typed", "“约40.5” is not a number");
}

#[test]
fn an_unknown_indicator_is_named_by_its_cell() {
    refused("unknown-id", "typed", "unknown indicator number 999");
}

#[test]
fn a_date_after_the_as_of_date_is_named_by_its_cell() {
    refused(
        "late-date",
        "typed",
        "date 2026-04-01 is after this release's as-of date 2026-03-31",
    );
    refused(
        "late-date",
        "csv",
        "date 2026-04-01 is after this release's as-of date 2026-03-31",
    );
}

#[test]
fn on_a_site_of_several_plans_the_workbook_is_one_plan_s() {
    let site = TempSite::copy(&crate::support::fixture("plans-tongchuan"));
    for (id, seed) in [
        ("14th", "seeds/tongchuan-14th-eco-plan.zh.txt"),
        ("15th", "seeds/tongchuan-15th-eco-plan.zh.txt"),
    ] {
        let out = site.run(&["import", seed, "--plan", id]);
        assert!(out.status.success(), "{id}: {}", stderr(&out));
    }
    let out = site.run(&["progress", "template", "template.xlsx"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("--plan (14th, 15th)"),
        "{}",
        stderr(&out)
    );
    let out = site.run(&["progress", "template", "template.xlsx", "--plan", "15th"]);
    assert!(out.status.success(), "{}", stderr(&out));
    site.write(
        "example.toml",
        "as_of = \"2027-03-31\"\ntitle = { zh = \"示例\", en = \"SAMPLE\" }\n",
    );
    fill(&site, "filled.xlsx", "typed", None);
    let args = ["progress", "import", "filled.xlsx", "--release", "2026"];
    let out = site.run(&[&args[..], &["--plan", "15th"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let got = site.read("content/plans/15th/progress/2026.toml");
    assert_eq!(
        toml_value(&got),
        toml_value(&site.read("example.toml")),
        "{got}"
    );
    assert!(!site.path("content/progress").exists());
    let check = site.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}
