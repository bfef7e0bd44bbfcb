//! The Word import: .docx files written by two independent programs
//! (tests/fixtures/docx/make_docx.py) read back to the plan's text.

use crate::support::repo;

fn seed_text() -> String {
    let seed = repo().join("seeds/yanzhou-14th-fyp-eco-plan.zh.txt");
    let text = std::fs::read_to_string(seed).expect("seed");
    let bookmark = regex::Regex::new(r"\[bookmark: [^\]]*\]").expect("regex");
    bookmark.replace_all(&text, "").into_owned()
}

fn read_fixture(name: &str) -> plansite::docx::Document {
    let path = repo().join("tests/fixtures/docx").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    plansite::docx::read(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The first line where two texts differ, for a readable failure.
fn first_difference(a: &str, b: &str) -> Option<(usize, String, String)> {
    let (mut la, mut lb) = (a.lines(), b.lines());
    for n in 1.. {
        match (la.next(), lb.next()) {
            (None, None) => return None,
            (x, y) if x != y => {
                return Some((n, x.unwrap_or("<end>").into(), y.unwrap_or("<end>").into()))
            }
            _ => {}
        }
    }
    None
}

#[test]
fn a_python_docx_file_of_the_shipped_plan_reads_as_its_text_export() {
    let doc = read_fixture("shipped-plan.python-docx.docx");
    let text = doc.to_text();
    assert_eq!(first_difference(&text, &seed_text()), None);
    // The writer styled the chapter and section lines as Heading 1 and 2.
    let heading_lines = |level: u8| -> Vec<String> {
        doc.paras()
            .filter(|p| p.heading == Some(level))
            .map(|p| p.text())
            .collect()
    };
    let seed = seed_text();
    let typed = |re: &str| -> Vec<String> {
        let re = regex::Regex::new(re).expect("regex");
        seed.lines()
            .filter(|l| re.is_match(l))
            .map(String::from)
            .collect()
    };
    assert_eq!(heading_lines(1), typed(r"^第[一二三四五六七八九十]+章\s"));
    assert_eq!(heading_lines(2), typed(r"^第[一二三四五六七八九十]+节\s"));
    assert_eq!(heading_lines(1).len(), 12);
}

#[test]
fn a_libreoffice_file_numbered_by_word_lists_reads_as_the_text_export() {
    // Its headings carry no typed number: 第一章 and 第一节 come from the
    // outline list of the heading styles (w:numPr), rebuilt by level.
    let doc = read_fixture("shipped-plan.libreoffice.docx");
    let typed_numbers = doc
        .paras()
        .filter(|p| p.heading.is_some())
        .filter(|p| p.runs.iter().any(|r| r.text.starts_with('第')))
        .count();
    assert_eq!(typed_numbers, 0, "the numbers are Word's, not typed");
    assert_eq!(first_difference(&doc.to_text(), &seed_text()), None);
}

/// `plansite import FILE` into a copy of the shipped site without its
/// content, with FILE copied into its seeds/ (beside the English).
fn import(file: &std::path::Path) -> (crate::support::TempSite, std::process::Output) {
    let site = crate::support::TempSite::copy(&repo());
    std::fs::remove_dir_all(site.path("content")).expect("rm content");
    let name = file
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    std::fs::copy(file, site.path("seeds").join(&name)).expect("copy");
    let out = site.run(&["import", &format!("seeds/{name}")]);
    (site, out)
}

#[test]
fn importing_the_word_file_gives_the_text_import_s_content() {
    let text = repo().join("seeds/yanzhou-14th-fyp-eco-plan.zh.txt");
    let (from_text, out) = import(&text);
    assert!(out.status.success(), "{}", crate::support::stderr(&out));
    let expected = crate::support::read_tree(&from_text.path("content"));
    for writer in ["python-docx", "libreoffice"] {
        let file = repo().join(format!("tests/fixtures/docx/shipped-plan.{writer}.docx"));
        let (site, out) = import(&file);
        assert!(
            out.status.success(),
            "{writer}: {}",
            crate::support::stderr(&out)
        );
        let got = crate::support::read_tree(&site.path("content"));
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>()
        );
        for (k, v) in &got {
            if k == "plan.toml" {
                // Only the source differs: the Word file and its checksum.
                let strip = |b: &[u8]| -> String {
                    let t = String::from_utf8_lossy(b);
                    t.lines()
                        .filter(|l| !l.starts_with("file = ") && !l.starts_with("sha256 = "))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                assert_eq!(strip(v), strip(&expected[k]), "{writer}: plan.toml");
                assert!(String::from_utf8_lossy(v).contains(&format!("shipped-plan.{writer}.docx")));
            } else {
                assert!(
                    v == &expected[k],
                    "{writer}: content/{k} differs from the text import"
                );
            }
        }
        // Every sentence of the chapters is the text import's, so the
        // built site carries them verbatim; and it builds.
        let out = site.build();
        assert!(
            out.status.success(),
            "{writer}: {}",
            crate::support::stderr(&out)
        );
    }
}

#[test]
fn bad_word_files_are_refused_with_the_file_named_and_nothing_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 64]);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("old.doc", ole, "save it as .docx"),
        ("locked.docx", encrypted, "protected by a password"),
        (
            "cut.docx",
            b"PK\x03\x04 cut short".to_vec(),
            "not a valid .docx file",
        ),
        (
            "latin1.txt",
            b"\xb5\xda\xd2\xbb\xd5\xc2".to_vec(),
            "neither UTF-8 text nor a .docx",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let (site, out) = import(&path);
        assert!(!out.status.success(), "{name} is refused");
        let err = crate::support::stderr(&out);
        assert!(err.contains(message) && err.contains(name), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(!site.path("content").exists(), "{name}: nothing written");
    }
}
