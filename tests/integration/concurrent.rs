//! Builds at the same time, and builds killed while they swap the new site
//! in: `public/` is never left missing, partial or refused.

use crate::support::{read_tree, repo, stderr, TempSite};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `plansite build --no-search --root ROOT`, started and not waited for.
fn spawn_build(root: &Path, hook: Option<&str>) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plansite"));
    cmd.args(["build", "--no-search", "--lang", "en", "--root"])
        .arg(root)
        .env("LANG", "C")
        .env_remove("PLANSITE_TEST_SWAP")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(h) = hook {
        cmd.env("PLANSITE_TEST_SWAP", h);
    }
    cmd.spawn().expect("start plansite")
}

/// The shipped site's files as a build of `site` makes them, in a copy of
/// its own.
fn fresh_build(site: &TempSite) -> BTreeMap<String, Vec<u8>> {
    let copy = TempSite::copy(site.root());
    let out = copy.build();
    assert!(out.status.success(), "{}", stderr(&out));
    read_tree(&copy.path("public"))
}

/// Leftovers of a swap beside the output.
fn stranded(site: &TempSite) -> bool {
    site.path(".public.swap").exists()
}

#[test]
fn simultaneous_builds_never_wreck_the_site() {
    let site = TempSite::copy(&repo());
    let expected = fresh_build(&site);
    for round in 0..30 {
        // Every third round swaps with two renames, as on a system or file
        // system without an atomic exchange.
        let hook = (round % 3 == 2).then_some("rename");
        let a = spawn_build(site.root(), hook);
        let b = spawn_build(site.root(), hook);
        let outs = [a, b].map(|c| c.wait_with_output().expect("wait"));
        let ok = outs.iter().filter(|o| o.status.success()).count();
        assert!(ok >= 1, "round {round}: neither build ran: {:?}", outs);
        for o in outs.iter().filter(|o| !o.status.success()) {
            assert!(
                stderr(o).contains("another build is running"),
                "round {round}: a build failed for another reason: {}",
                stderr(o)
            );
        }
        assert!(!stranded(&site), "round {round}: .public.swap remains");
        assert!(
            read_tree(&site.path("public")) == expected,
            "round {round}: public/ is not a fresh build"
        );
    }
}

#[test]
fn a_build_waits_for_no_one_and_refuses_while_the_lock_is_held() {
    let site = TempSite::copy(&crate::support::fixture("mini"));
    assert!(site.build().status.success());
    let before = read_tree(&site.path("public"));
    // Another process holds the OS lock (here: this test).
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(site.path(".public.lock"))
        .expect("the lock file stays beside the output");
    lock.try_lock().expect("no build holds the lock now");
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("another build is running"), "{err}");
    assert!(err.contains("另一个构建正在"), "in Chinese too: {err}");
    assert_eq!(read_tree(&site.path("public")), before);
    // Released (as the OS does when a process dies): the next build runs,
    // whatever process id the file still names.
    drop(lock);
    std::fs::write(site.path(".public.lock"), "1").expect("write");
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Starts a build that stops at `hook` during its swap, waits until it is
/// there and kills it with SIGKILL.
fn kill_during_swap(site: &TempSite, hook: &str) {
    let paused = site.path(".public.paused");
    let _ = std::fs::remove_file(&paused);
    let mut child = spawn_build(site.root(), Some(hook));
    let start = Instant::now();
    while !paused.exists() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the build ended before {hook}: {status}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the build never reached {hook}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    std::fs::remove_file(&paused).expect("remove the marker");
}

#[test]
fn a_build_killed_between_the_renames_is_recovered_by_the_next() {
    let site = TempSite::copy(&crate::support::fixture("mini"));
    assert!(site.build().status.success());
    let first = read_tree(&site.path("public"));
    site.patch("content/plan.toml", "zh = \"示例区", "zh = \"新示例区");
    let second = fresh_build(&site);
    assert_ne!(first, second);

    // Killed after moving the live site aside, before moving the new one
    // in: public/ is gone, the last complete site is at .public.swap.
    kill_during_swap(&site, "pause-aside");
    assert!(!site.path("public").exists(), "killed with no public/");
    assert!(stranded(&site));
    // The next build fails on bad input, yet the old site is back, whole.
    let good = site.read("content/plan.toml");
    site.write("content/plan.toml", "title = [");
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("the last complete site is back"), "{err}");
    assert!(err.contains("已把上一个完整的网站恢复"), "{err}");
    assert_eq!(read_tree(&site.path("public")), first);
    assert!(!stranded(&site));
    // Fixed, it builds the new site.
    site.write("content/plan.toml", &good);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(read_tree(&site.path("public")), second);

    // Killed after moving the new site in, before putting the old one
    // away: public/ is complete; the next build tidies up and builds.
    site.patch("content/plan.toml", "zh = \"新示例区", "zh = \"示例区");
    kill_during_swap(&site, "pause-moved");
    assert_eq!(read_tree(&site.path("public")), first);
    assert!(stranded(&site));
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("the old one is put away"));
    assert_eq!(read_tree(&site.path("public")), first);
    assert!(!stranded(&site));
    // And the one after that stages into the kept folder as usual.
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("stopped"), "{}", stderr(&out));
    assert_eq!(read_tree(&site.path("public")), first);
}

#[test]
fn a_half_filled_site_left_by_older_versions_is_repaired() {
    // What two racing builds of an older plansite could leave: part of a
    // site (no index.html) in public/, the complete one at .public.swap.
    // Every build refused the folder from then on.
    let site = TempSite::copy(&crate::support::fixture("mini"));
    assert!(site.build().status.success());
    let complete = read_tree(&site.path("public"));
    std::fs::rename(site.path("public"), site.path(".public.swap")).expect("aside");
    std::fs::create_dir_all(site.path("public/chapters")).expect("mkdir");
    std::fs::write(site.path("public/chapters/x.html"), "part").expect("part");
    site.write("content/plan.toml", "title = [");
    let out = site.build();
    assert!(!out.status.success(), "bad input still fails");
    assert_eq!(read_tree(&site.path("public")), complete);
    let _ = std::fs::remove_dir_all(site.path("content"));
    crate::support::copy_tree(
        &crate::support::fixture("mini").join("content"),
        &site.path("content"),
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(read_tree(&site.path("public")), complete);
}

#[test]
fn a_build_that_fills_the_disk_removes_what_it_staged() {
    let site = TempSite::copy(&crate::support::fixture("mini"));
    assert!(site.build().status.success());
    assert!(
        site.build().status.success(),
        "a rebuild stages into the kept site"
    );
    let before = read_tree(&site.path("public"));
    site.patch("content/plan.toml", "zh = \"示例区", "zh = \"新示例区");
    // Debug builds only: every write after the first five fails as on a
    // full disk.
    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(["build", "--no-search", "--lang", "both", "--root"])
        .arg(site.root())
        .env("PLANSITE_TEST_DISK_FULL", "5")
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("the disk is full") && err.contains("磁盘已满"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        read_tree(&site.path("public")),
        before,
        "the site is untouched"
    );
    for left in [".public.staging", ".public.old", ".public.swap"] {
        assert!(
            !site.path(left).exists(),
            "{left} was left on the full disk"
        );
    }
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_ne!(read_tree(&site.path("public")), before);
}
