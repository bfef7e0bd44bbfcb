use super::*;

fn page(path: &str, html: &str) -> OutputFile {
    OutputFile {
        rel_path: path.into(),
        bytes: html.as_bytes().to_vec(),
    }
}

#[test]
fn links_between_plans_are_checked_on_the_pages_that_have_them_among_all_files() {
    let files = [
        page(
            "plans/b/indicators/01/index.html",
            r#"<a href="../../../a/indicators/01/index.html">a</a><a href="../../../a/indicators/09/index.html">gone</a>"#,
        ),
        page("plans/a/indicators/01/index.html", "<p>a</p>"),
        // Not noted as linking out: not scanned here (its plan checked it).
        page(
            "plans/a/index.html",
            r#"<a href="../../nowhere.html">x</a>"#,
        ),
    ];
    let mut d = Diagnostics::default();
    // Only the pages noted as linking out are given, with every file's path.
    let outside = [&files[0]];
    let exists = files.iter().map(|f| f.rel_path.as_str());
    check_between(&outside, exists, &mut d);
    assert_eq!(d.error_count(), 1);
    let all: Vec<String> = d.sorted().iter().map(|x| x.location()).collect();
    assert_eq!(all, ["plans/b/indicators/01/index.html"]);
}
