use super::*;

#[cfg(target_os = "linux")]
#[test]
fn exchange_swaps_two_folders_in_one_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(a.join("x")).expect("mkdir");
    std::fs::create_dir_all(&b).expect("mkdir");
    std::fs::write(b.join("index.html"), "b").expect("write");
    // ext4, tmpfs, btrfs and xfs have it (a file system without it
    // answers false, and publishing falls back to two renames).
    assert!(
        exchange(&a, &b).expect("exchange"),
        "no RENAME_EXCHANGE here"
    );
    assert!(a.join("index.html").is_file() && b.join("x").is_dir());
    assert!(exchange(&a, &dir.path().join("missing")).is_err());
}

#[test]
fn dangerous_outputs_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("content")).expect("mkdir");
    assert!(check_output_dir(&root, &root).is_err());
    assert!(check_output_dir(&root, dir.path()).is_err());
    assert!(check_output_dir(&root, &root.join("content")).is_err());
    assert!(check_output_dir(&root, &root.join("content/x")).is_err());
    assert!(check_output_dir(&root, &root.join("public")).is_ok());
    assert!(check_output_dir(&root, &root.join("public/../content")).is_err());
}

#[test]
fn a_streamed_file_ends_as_its_bytes_and_is_untouched_when_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let stage = Staging::open(&dir.path().join("public")).expect("open");
    stage.settle();
    let long: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let mut changed = long.clone();
    changed[150_000] ^= 1;
    let cases: [(&[u8], &[u8]); 8] = [
        (b"", b"{\"a\": 1}\n"),
        (b"{\"a\": 1}\n", b"{\"a\": 1}\n"),
        (b"{\"a\": 1}\nmore that goes", b"{\"a\": 1}\n"),
        (b"{\"a\"", b"{\"a\": 1}\n"),
        (b"{\"b\": 2}\n", b"{\"a\": 1}\n"),
        (b"old", b""),
        (&long, &changed),
        (&changed[..100_000], &long),
    ];
    let old_time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    for (i, (old, new)) in cases.iter().enumerate() {
        let rel = format!("data/{i}.json");
        let path = stage.dir.join(&rel);
        if i > 0 {
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, old).expect("old");
            let f = std::fs::File::options()
                .write(true)
                .open(&path)
                .expect("open");
            f.set_modified(old_time).expect("mtime");
        }
        // In odd pieces, as a serializer writes.
        stage
            .write_with(&rel, |w| new.chunks(7).try_for_each(|c| w.write_all(c)))
            .expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), *new, "case {i}");
        let mtime = std::fs::metadata(&path).and_then(|m| m.modified());
        let untouched = mtime.expect("mtime") == old_time;
        assert_eq!(
            untouched,
            i > 0 && old == new,
            "case {i}: written only if it changed"
        );
    }
    let e = stage.write_with("data/fail.json", |w| {
        w.write_all(b"part")?;
        Err(std::io::Error::other("the serializer failed"))
    });
    assert!(e.is_err(), "a failing writer fails the write");
}

#[test]
fn write_all_writes_every_file_of_every_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    // Folders interleaved in the list, a file at the top, one folder
    // inside another: each file ends with its own bytes.
    let files: Vec<OutputFile> = (0..60)
        .map(|i| OutputFile {
            rel_path: match i % 4 {
                0 => format!("data/indicators/{i}.csv"),
                1 => format!("pagefind/fragment/{i}.pf"),
                2 => format!("data/{i}.json"),
                _ => format!("top-{i}.txt"),
            },
            bytes: format!("file {i}").into_bytes(),
        })
        .collect();
    let stage = Staging::open(&out).expect("staging");
    stage.write_all(&files).expect("write_all");
    for f in &files {
        let got = std::fs::read(stage.dir.join(&f.rel_path)).expect("written");
        assert_eq!(got, f.bytes, "{}", f.rel_path);
    }
}

#[test]
fn pages_written_while_rendering_are_kept_and_the_rest_pruned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    let f = |p: &str, b: &str| OutputFile {
        rel_path: p.into(),
        bytes: b.as_bytes().to_vec(),
    };
    publish(&[f("old/index.html", "0"), f("x/y.html", "0")], &out).expect("first");
    publish(&[f("keep.html", "1")], &out).expect("second");
    // The third build stages into the first build's folder.
    let stage = Staging::open(&out).expect("staging");
    stage.write("x/y.html", b"2").expect("page");
    assert!(
        out.join("keep.html").exists(),
        "the site is untouched while staging"
    );
    stage
        .finish(&[f("keep.html", "1")], &["x/y.html".to_string()])
        .expect("finish");
    let read = |p: &str| std::fs::read_to_string(out.join(p)).ok();
    assert_eq!(read("x/y.html").as_deref(), Some("2"));
    assert_eq!(read("keep.html").as_deref(), Some("1"));
    assert!(
        !out.join("old").exists(),
        "pages not written this time are gone"
    );
    // A file where a folder is wanted now, in the folder before it is
    // opened (so the listing taken at open holds it as a file).
    std::fs::write(dir.path().join(".public.old/z"), "file").expect("write");
    let stage = Staging::open(&out).expect("staging");
    stage.settle();
    stage
        .write("z/index.html", b"4")
        .expect("replaces the file");
    stage
        .finish(&[], &["z/index.html".to_string()])
        .expect("finish");
    assert_eq!(read("z/index.html").as_deref(), Some("4"));
}

#[test]
fn publish_swaps_and_lock_is_exclusive() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    let f = |p: &str, b: &str| OutputFile {
        rel_path: p.into(),
        bytes: b.as_bytes().to_vec(),
    };
    publish(&[f("a/index.html", "1")], &out).expect("first");
    publish(&[f("b.html", "2")], &out).expect("second");
    assert!(!out.join("a/index.html").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("b.html")).expect("read"),
        "2"
    );
    // The third build reuses the first site's folder as staging.
    publish(&[f("a/index.html", "3"), f("b.html", "2")], &out).expect("third");
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html")).expect("read"),
        "3"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("b.html")).expect("read"),
        "2"
    );
    publish(&[f("c.html", "4")], &out).expect("fourth");
    let names: Vec<String> = walkdir::WalkDir::new(&out)
        .min_depth(1)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["c.html"], "stale files and folders are gone");
    let lock = BuildLock::acquire(&out).expect("lock");
    assert!(BuildLock::acquire(&out).is_err());
    drop(lock);
    assert!(BuildLock::acquire(&out).is_ok());
}
