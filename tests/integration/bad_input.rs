//! Bad input: one fixture per kind under tests/fixtures/bad/<name>/ with a
//! `case.toml` (the edit to make to a copy of the mini site, and the
//! command) and `expected.txt` (the snapshot of the bilingual message).
//! Each case must exit non-zero, name the file and line, and leave public/
//! byte-for-byte unchanged. `UPDATE_SNAPSHOTS=1` rewrites the snapshots.

use crate::support::*;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    args: Vec<String>,
    #[serde(default)]
    file: String,
    #[serde(default)]
    find: String,
    #[serde(default)]
    replace: String,
    #[serde(default)]
    special: String,
}

/// Makes the case's edit; what it made outside the site, if anything,
/// lives as long as the value returned.
fn apply(site: &TempSite, case: &Case) -> Option<tempfile::TempDir> {
    match case.special.as_str() {
        "gbk" => {
            // 生态 in GBK: C9 FA CC AC — not valid UTF-8.
            let mut bytes = std::fs::read(site.path(&case.file)).expect("read");
            bytes.extend_from_slice(&[0xC9, 0xFA, 0xCC, 0xAC, b'\n']);
            std::fs::write(site.path(&case.file), bytes).expect("write");
        }
        "symlink" => {
            let outside = site
                .root()
                .parent()
                .expect("parent")
                .join(format!("outside-{}.md", std::process::id()));
            std::fs::write(&outside, "+++\nnumber = 1\ntitle = \"x\"\n+++\n").expect("write");
            std::fs::remove_file(site.path(&case.file)).expect("rm");
            #[cfg(unix)]
            std::os::unix::fs::symlink(&outside, site.path(&case.file)).expect("symlink");
        }
        "symlink-folder" => {
            // The folder moved outside the site, a link left in its place.
            let outside = tempfile::tempdir().expect("tempdir");
            let moved = outside.path().join("moved");
            copy_tree(&site.path(&case.file), &moved);
            std::fs::remove_dir_all(site.path(&case.file)).expect("rm");
            #[cfg(unix)]
            std::os::unix::fs::symlink(&moved, site.path(&case.file)).expect("symlink");
            return Some(outside);
        }
        "none" => {}
        _ if case.find == "*" => site.write(&case.file, &case.replace),
        _ => site.patch(&case.file, &case.find, &case.replace),
    }
    None
}

fn run_case(dir: &Path) -> Result<(), String> {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("?")
        .to_string();
    let case: Case =
        toml::from_str(&std::fs::read_to_string(dir.join("case.toml")).map_err(|e| e.to_string())?)
            .map_err(|e| format!("{name}: {e}"))?;
    let site = TempSite::copy(&fixture("mini"));
    let first = site.build();
    if !first.status.success() {
        return Err(format!(
            "{name}: the clean fixture does not build: {}",
            stderr(&first)
        ));
    }
    let before = read_tree(&site.path("public"));
    let _outside = apply(&site, &case);
    let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
    let mut full = args.clone();
    full.extend(["--lang", "both"]);
    let out = site.run(&full);
    let err = stderr(&out);
    if out.status.success() {
        return Err(format!("{name}: exit status 0, expected failure\n{err}"));
    }
    if !case.file.is_empty() && !err.contains(&case.file) {
        return Err(format!(
            "{name}: message does not name {}:\n{err}",
            case.file
        ));
    }
    if !case.special.starts_with("symlink")
        && case.special != "none"
        && case.find != "*"
        && !err.contains(&format!("{}:", case.file))
    {
        return Err(format!("{name}: message has no line number:\n{err}"));
    }
    if !err.contains(" / ") {
        return Err(format!("{name}: message is not bilingual:\n{err}"));
    }
    if read_tree(&site.path("public")) != before {
        return Err(format!("{name}: public/ changed"));
    }
    let normalized = err.replace(&site.root().display().to_string(), "<root>");
    let snap = dir.join("expected.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snap, &normalized).map_err(|e| e.to_string())?;
    }
    let expected = std::fs::read_to_string(&snap)
        .map_err(|_| format!("{name}: no expected.txt (UPDATE_SNAPSHOTS=1 to create)"))?;
    if expected != normalized {
        return Err(format!("{name}: message differs from expected.txt (UPDATE_SNAPSHOTS=1 to accept):\n--- expected\n{expected}\n--- got\n{normalized}"));
    }
    Ok(())
}

#[test]
fn every_bad_input_fixture_fails_cleanly() {
    let root = fixture("bad");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("bad fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 16,
        "expected the full set of bad-input fixtures"
    );
    let failures: Vec<String> = dirs.iter().filter_map(|d| run_case(d).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn all_problems_are_reported_together() {
    let site = TempSite::copy(&fixture("mini"));
    site.patch(
        "content/tasks.toml",
        r#"responsible = ["emergency"]"#,
        r#"responsible = ["nobody"]"#,
    );
    site.patch(
        "content/chapters/02.zh.md",
        "开展噪声扰民排查。",
        "开展噪声扰民排查。<b>x</b>",
    );
    let err = stderr(&site.build());
    assert!(
        err.contains("content/tasks.toml:") && err.contains("content/chapters/02.zh.md:"),
        "{err}"
    );
}
