//! `serve` rebuilds only the pages whose template data changed, and the
//! renderer runs on every core. Both must give the very bytes of a full,
//! single-threaded build.

use crate::support::{repo, TempSite};
use plansite::load::{self, ParseCache};
use plansite::pipeline::{self, Mode, Options, Session};
use std::collections::BTreeMap;
use std::path::Path;

const OPTS: Options = Options {
    minify: true,
    search: false,
};

type Tree = BTreeMap<String, Vec<u8>>;

fn tree(outcome: pipeline::Outcome) -> Tree {
    let files = outcome
        .files
        .unwrap_or_else(|| panic!("build failed: {:?}", outcome.diagnostics));
    files.into_iter().map(|f| (f.rel_path, f.bytes)).collect()
}

fn full(root: &Path) -> Tree {
    tree(pipeline::run(root, OPTS).expect("pipeline"))
}

/// An incremental build: (files, pages rendered, pages reused).
fn incremental(root: &Path, memo: &mut Session) -> (Tree, usize, usize) {
    let outcome = pipeline::run_in(root, OPTS, Mode::Serve(memo)).expect("pipeline");
    let (rendered, reused) = (outcome.rendered, outcome.reused);
    (tree(outcome), rendered, reused)
}

/// Lists the files whose bytes differ, for a readable failure.
fn differing(a: &Tree, b: &Tree) -> Vec<String> {
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let site = TempSite::copy(&repo());
    let mut memo = Session::default();
    let (first, rendered, reused) = incremental(site.root(), &mut memo);
    assert_eq!(reused, 0, "nothing to reuse on the first build");
    let pages = rendered;
    assert!(pages > 150, "both languages' pages: {pages}");
    assert_eq!(differing(&first, &full(site.root())), Vec::<String>::new());

    // (file, from, to, which pages must be rendered again)
    let edits: [(&str, &str, &str, &str); 4] = [
        (
            "content/chapters/03.zh.md",
            "title = \"推动结构调整",
            "title = \"推动产业结构调整",
            "chapters/03/index.html",
        ),
        (
            "content/chapters/05.en.md",
            "Plan the process of attaining air quality standards scientifically.",
            "Plan, scientifically, how air quality standards are attained.",
            "en/chapters/05/index.html",
        ),
        (
            "content/units.toml",
            "name = \"区自然资源局\"",
            "name = \"区自然资源和规划局\"",
            "departments/natural-resources/index.html",
        ),
        (
            "themes/default/i18n.toml",
            "[nav_home]\nzh = \"首页\"",
            "[nav_home]\nzh = \"首页（新）\"",
            "",
        ),
    ];
    for (file, from, to, page) in edits {
        site.patch(file, from, to);
        let (inc, rendered, reused) = incremental(site.root(), &mut memo);
        let fresh = full(site.root());
        assert_eq!(
            differing(&inc, &fresh),
            Vec::<String>::new(),
            "after {file}"
        );
        assert_eq!(rendered + reused, pages, "after {file}");
        if page.is_empty() {
            // A new Chinese navigation label is on every Chinese page.
            assert_eq!(rendered, pages / 2);
        } else {
            // A unit's name stands on its department page and on every
            // commitments-by-unit page whose commitments it shares (over a
            // fifth of the site for a unit named in many tasks).
            assert!(
                rendered > 0 && reused * 5 > pages * 2,
                "after {file}: {rendered} rendered, {reused} reused"
            );
            assert_ne!(inc.get(page), first.get(page), "{page} shows the edit");
        }
    }
    // No change: nothing is rendered.
    let (same, rendered, _) = incremental(site.root(), &mut memo);
    assert_eq!(rendered, 0);
    assert_eq!(differing(&same, &full(site.root())), Vec::<String>::new());

    // A broken edit fails; fixing it gives the full build again.
    let good = site.read("content/units.toml");
    site.write(
        "content/units.toml",
        &good.replacen("[[unit]]", "[[unit]", 1),
    );
    let broken = pipeline::run_in(site.root(), OPTS, Mode::Serve(&mut memo)).expect("pipeline");
    assert!(broken.files.is_none(), "malformed TOML fails the build");
    site.write("content/units.toml", &good);
    let (fixed, _, _) = incremental(site.root(), &mut memo);
    assert_eq!(differing(&fixed, &full(site.root())), Vec::<String>::new());
}

#[test]
fn a_rebuild_resolves_only_the_chapters_whose_files_changed() {
    let site = TempSite::copy(&repo());
    let mut memo = Session::default();
    let (first, _, _) = incremental(site.root(), &mut memo);
    assert_eq!(memo.chapters.reused(), 0);
    let chapters = std::fs::read_dir(site.path("content/chapters"))
        .expect("chapters")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".zh.md"))
        })
        .count();
    assert!(chapters > 10, "{chapters}");
    incremental(site.root(), &mut memo);
    assert_eq!(memo.chapters.reused(), chapters, "all taken again");
    // Either file of a chapter makes it new.
    site.patch(
        "content/chapters/05.en.md",
        "Plan the process of attaining air quality standards scientifically.",
        "Plan, scientifically, how air quality standards are attained.",
    );
    let (edited, _, _) = incremental(site.root(), &mut memo);
    assert_eq!(memo.chapters.reused(), 2 * chapters - 1);
    assert_ne!(
        edited.get("en/chapters/05/index.html"),
        first.get("en/chapters/05/index.html")
    );
    assert_eq!(differing(&edited, &full(site.root())), Vec::<String>::new());
}

#[test]
fn a_rebuild_parses_only_the_data_files_whose_text_changed() {
    let site = TempSite::copy(&repo());
    let cache = ParseCache::default();
    let load = || load::load_with(site.root(), |_| {}, Some(&cache)).expect("load");
    let parsed = || load().0.expect("the site parses");
    let (a, b) = (parsed(), parsed());
    assert!(
        std::sync::Arc::ptr_eq(&a.units, &b.units),
        "units.toml reused"
    );
    assert!(
        std::sync::Arc::ptr_eq(&a.tasks, &b.tasks),
        "tasks.toml reused"
    );
    let renamed = |raw: &load::Raw| {
        raw.units
            .1
            .unit
            .iter()
            .any(|u| u.name == "区自然资源和规划局")
    };
    assert!(!renamed(&b));
    site.patch(
        "content/units.toml",
        "name = \"区自然资源局\"",
        "name = \"区自然资源和规划局\"",
    );
    let c = parsed();
    assert!(
        !std::sync::Arc::ptr_eq(&b.units, &c.units),
        "units.toml parsed again"
    );
    assert!(renamed(&c), "and its new text is what is used");
    assert!(
        std::sync::Arc::ptr_eq(&b.tasks, &c.tasks),
        "tasks.toml still reused"
    );
    // A file that no longer parses is reported as a fresh load reports it,
    // not taken from the cache.
    let good = site.read("content/units.toml");
    site.write(
        "content/units.toml",
        &good.replacen("[[unit]]", "[[unit]", 1),
    );
    let (raw, d) = load();
    let (fresh_raw, fresh_d) = load::load(site.root()).expect("load");
    assert!(raw.is_none() && fresh_raw.is_none() && d.has_errors());
    assert_eq!(
        format!("{:?}", d.sorted()),
        format!("{:?}", fresh_d.sorted())
    );
    // Its text as it was before the error: the last good parse is taken.
    site.write("content/units.toml", &good);
    let e = parsed();
    assert!(std::sync::Arc::ptr_eq(&c.units, &e.units) && renamed(&e));
}

/// `serve` and `check` make every file in memory, and a build streams
/// the largest into its folder: the bytes are the same.
#[test]
fn files_made_in_memory_equal_the_files_a_build_writes() {
    let site = TempSite::copy(&repo());
    let out = site.path("built/public");
    let o = site.run(&["build", "--output", out.to_str().expect("utf-8 path")]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    let opts = Options {
        minify: false,
        search: true,
    };
    let memory = tree(pipeline::run(site.root(), opts).expect("pipeline"));
    assert!(memory.contains_key("data/plan.json"));
    let built = crate::support::read_tree(&out);
    assert_eq!(differing(&memory, &built), Vec::<String>::new());
}

#[test]
fn parallel_output_equals_a_single_threaded_build() {
    let site = TempSite::copy(&repo());
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let four = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .expect("pool");
    let opts = Options {
        minify: true,
        search: true,
    };
    let serial = one.install(|| tree(pipeline::run(site.root(), opts).expect("pipeline")));
    let parallel = four.install(|| tree(pipeline::run(site.root(), opts).expect("pipeline")));
    assert!(serial.keys().any(|k| k.starts_with("pagefind/")));
    assert_eq!(differing(&serial, &parallel), Vec::<String>::new());
}

/// `(rendered, reused)` from `build --timings`.
fn counts(o: &std::process::Output) -> (usize, usize) {
    let err = crate::support::stderr(o);
    assert!(o.status.success(), "build failed: {err}");
    let line = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("· pages: "))
        .unwrap_or_else(|| panic!("no page counts in: {err}"));
    let num = |s: &str| -> usize {
        s.split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("bad count {line}"))
    };
    let (rendered, reused) = line.split_once(", ").expect("two counts");
    (num(rendered), num(reused))
}

#[test]
fn builds_over_the_last_build_take_its_unchanged_pages_and_equal_cold_builds() {
    use crate::support::read_tree;
    let site = TempSite::copy(&repo());
    let build = || site.run(&["build", "--timings", "--lang", "en"]);
    // A cold build of the site as it is now, into a folder with no cache.
    let cold = |n: usize| {
        let out = site.path(&format!("cold-{n}/public"));
        let o = site.run(&[
            "build",
            "--output",
            out.to_str().expect("utf-8 path"),
            "--lang",
            "en",
        ]);
        assert!(o.status.success(), "{}", crate::support::stderr(&o));
        read_tree(&out)
    };
    let public = site.path("public");
    // The output equals a cold build of the site as it is now.
    let same_as_cold = |n: usize| {
        let diff = differing(&read_tree(&public), &cold(n));
        assert_eq!(diff, Vec::<String>::new(), "check {n}");
    };
    let (rendered, reused) = counts(&build());
    assert_eq!(reused, 0, "nothing to take on the first build");
    let pages = rendered;
    assert!(pages > 150, "{pages}");
    assert!(site.path(".public.render-cache").is_file());

    let (rendered, reused) = counts(&build());
    assert_eq!((rendered, reused), (0, pages), "nothing changed");
    same_as_cold(1);

    // A content edit: the pages showing it are rendered, the rest taken.
    site.patch(
        "content/chapters/03.zh.md",
        "title = \"推动结构调整",
        "title = \"推动产业结构调整",
    );
    let (rendered, reused) = counts(&build());
    assert!(
        rendered > 0 && reused > pages / 2,
        "{rendered} rendered, {reused} reused"
    );
    let now = read_tree(&public);
    assert!(String::from_utf8_lossy(&now["chapters/03/index.html"]).contains("推动产业结构调整"));
    same_as_cold(2);

    // A page changed by hand, in the live site and in the staging folder:
    // its digest no longer matches, so it is rendered again.
    for dir in ["public", ".public.old"] {
        site.write(&format!("{dir}/chapters/05/index.html"), "edited by hand");
    }
    let (rendered, _) = counts(&build());
    assert_eq!(rendered, 1);
    same_as_cold(3);

    // A template edit changes the cache's key: every page is rendered.
    site.patch(
        "themes/default/templates/base.html",
        "<body",
        "<body data-edited",
    );
    assert_eq!(counts(&build()), (pages, 0));
    // The site's own template is used (compiled as soon as its theme is
    // read), not the embedded default.
    let home = std::fs::read_to_string(site.path("public/index.html")).expect("home");
    assert!(
        home.contains("data-edited"),
        "the overriding template is used"
    );
    same_as_cold(4);

    // A damaged cache file is ignored.
    std::fs::write(site.path(".public.render-cache"), "junk").expect("write");
    assert_eq!(counts(&build()), (pages, 0));
    assert_eq!(counts(&build()), (0, pages));
    same_as_cold(5);
}

#[test]
fn a_progress_edit_rebuilds_the_status_pages_as_a_full_build_does() {
    // The SAMPLE site: its release statuses show on the department,
    // commitment and key-project pages as well as the progress pages.
    let site = TempSite::copy(&crate::support::fixture("sample-progress"));
    let mut memo = Session::default();
    let (first, pages, _) = incremental(site.root(), &mut memo);
    let rel = "content/progress/2024.toml";
    let edits: [(&str, &str, &str); 3] = [
        // Task c03-s2-p1: completed → delayed.
        (
            "id = \"c03-s2-p1\"\nstatus = \"completed\"",
            "id = \"c03-s2-p1\"\nstatus = \"delayed\"",
            "en/departments/development-reform/index.html",
        ),
        // Commitment c03-s4-p2-d1: completed → not started.
        (
            "id = \"c03-s4-p2-d1\"\nstatus = \"completed\"",
            "id = \"c03-s4-p2-d1\"\nstatus = \"not_started\"",
            "commitments/index.html",
        ),
        // Box 1 item 1: completed → in progress.
        (
            "box = 1\nitem = 1\nstatus = \"completed\"",
            "box = 1\nitem = 1\nstatus = \"in_progress\"",
            "projects/index.html",
        ),
    ];
    for (from, to, page) in edits {
        site.patch(rel, from, to);
        let (inc, rendered, reused) = incremental(site.root(), &mut memo);
        assert_eq!(
            differing(&inc, &full(site.root())),
            Vec::<String>::new(),
            "after {to:?}"
        );
        assert_eq!(rendered + reused, pages);
        assert!(reused > pages / 2, "{rendered} rendered, {reused} reused");
        assert_ne!(inc.get(page), first.get(page), "{page} shows {to:?}");
    }
}
