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

/// `plansite import FILE` of a copy of the SAMPLE plan-yunxi site, with
/// FILE copied into its seeds/.
fn import_yunxi(file: &std::path::Path) -> (crate::support::TempSite, std::process::Output) {
    let site = crate::support::TempSite::copy(&crate::support::fixture("plan-yunxi"));
    let name = file
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    std::fs::copy(file, site.path("seeds").join(&name)).expect("copy");
    let out = site.run(&["import", &format!("seeds/{name}")]);
    (site, out)
}

/// A Word file with bold lead runs, a footnote and a picture
/// (python-docx-marked in make_docx.py): the bold lead is the paragraph's
/// lead even where the text's shape would not say so, the footnote stays
/// with its marker and is shown on the chapter page, the picture is copied
/// and shown; everything else is the text import's.
#[test]
fn a_word_file_s_bold_leads_footnotes_and_images_reach_content_and_the_page() {
    use crate::support::{html_text, main_html, read_tree, stderr};
    let (text_site, out) = import_yunxi(&crate::support::fixture(
        "plan-yunxi/seeds/yunxi-15th-eco-plan.zh.txt",
    ));
    assert!(out.status.success(), "{}", stderr(&out));
    let file = repo().join("tests/fixtures/docx/plan-yunxi.marked.python-docx.docx");
    let (site, out) = import_yunxi(&file);
    assert!(out.status.success(), "{}", stderr(&out));
    let lead = "为深入推进美丽云溪建设，依据有关法律法规和上级规划，编制本规划。";
    let noted = "生态环境监测能力与新形势要求还有差距。";
    let note = "SAMPLE：监测能力差距见县生态环境局2025年评估（虚构）。";
    let want = read_tree(&text_site.path("content"));
    let got = read_tree(&site.path("content"));
    let only_word: Vec<_> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    assert_eq!(only_word, ["images/image1.png"], "the Word file's picture");
    assert!(want.keys().all(|k| got.contains_key(k)));
    let mut differ = vec![];
    for (k, v) in got.iter().filter(|(k, _)| want.contains_key(*k)) {
        let (v, w) = (
            String::from_utf8_lossy(v),
            String::from_utf8_lossy(&want[k]),
        );
        if v == w {
            continue;
        }
        differ.push(k.as_str());
        // Only what the Word file carries differs, and no sentence.
        let plain = |s: &str| {
            s.lines()
                .filter(|l| {
                    !l.starts_with("[^")
                        && !l.starts_with("::: image ")
                        && !l.starts_with("file = ")
                        && !l.starts_with("sha256 = ")
                        // plan.toml lists the images the import wrote.
                        && !l.starts_with("[source.images]")
                        && !l.starts_with("\"image1.png\" = ")
                })
                .map(|l| l.replace("**", "").replace("[^1]", ""))
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        };
        assert_eq!(plain(&v), plain(&w), "{k}: the same text");
    }
    assert_eq!(
        differ,
        [
            "chapters/00.zh.md",
            "chapters/01.zh.md",
            "chapters/02.zh.md",
            "plan.toml"
        ]
    );
    let preamble = site.read("content/chapters/00.zh.md");
    assert!(
        preamble.contains(&format!("**{lead}**规划期")),
        "{preamble}"
    );
    assert!(
        !text_site
            .read("content/chapters/00.zh.md")
            .contains(&format!("**{lead}**")),
        "the text import does not find this lead by its shape"
    );
    let ch1 = site.read("content/chapters/01.zh.md");
    assert!(ch1.contains(&format!("{noted}[^1]\n")), "{ch1}");
    assert!(ch1.contains(&format!("\n[^1]: {note}\n")), "{ch1}");
    let out = site.run(&["build", "--no-search", "--lang", "both"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = |rel: &str| std::fs::read_to_string(site.path(rel)).expect(rel);
    let zh0 = page("public/chapters/00/index.html");
    assert!(
        html_text(main_html(&zh0), None).contains(&format!("{lead}规划期为")),
        "verbatim"
    );
    let strong = regex::Regex::new(r#"<strong class="?lead"?>([^<]*)</strong>"#).expect("re");
    assert!(
        strong.captures_iter(&zh0).any(|c| &c[1] == lead),
        "the lead in bold"
    );
    let reference = regex::Regex::new(r#"<sup class="?note-ref"?><a href="?#note-1"?>1</a></sup>"#)
        .expect("re");
    let target = regex::Regex::new(r#"<li id="?note-1"?>"#).expect("re");
    for rel in [
        "public/chapters/01/index.html",
        "public/en/chapters/01/index.html",
    ] {
        let html = page(rel);
        assert!(
            reference.is_match(&html),
            "{rel}: the marker links to its note"
        );
        assert!(target.is_match(&html), "{rel}: the note is on the page");
        assert!(html_text(main_html(&html), None).contains(note), "{rel}");
    }
    // The picture: copied to content/images/, placed after its paragraph,
    // published and shown on the chapter page.
    let png = &got["images/image1.png"];
    assert!(png.starts_with(b"\x89PNG"), "the Word file's PNG");
    assert!(
        site.read("content/chapters/02.zh.md").contains(
            "统筹推进污染治理、生态保护和应对气候变化。\n\n::: image images/image1.png\n"
        ),
        "the image follows its paragraph"
    );
    assert_eq!(
        &std::fs::read(site.path("public/images/image1.png")).expect("published"),
        png
    );
    let img = regex::Regex::new(r#"<img [^>]*src="?\.\./\.\./images/image1\.png"?"#).expect("re");
    assert!(
        img.is_match(&page("public/chapters/02/index.html")),
        "shown"
    );
    // Away from its chapter the marker links to the chapter's note.
    assert!(page("public/fulltext/index.html").contains("../chapters/01/index.html#note-1"));
    // Links resolve (the plan has no English, so not --strict).
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// A Word file's footnote is an entry of `translate export`, and its
/// English, merged back, is the English page's note, with no notice.
#[test]
fn a_word_file_s_footnote_is_translated_through_the_catalogue() {
    let file = repo().join("tests/fixtures/docx/plan-yunxi.marked.python-docx.docx");
    let (site, out) = import_yunxi(&file);
    assert!(out.status.success(), "{}", crate::support::stderr(&out));
    let out = site.run(&["translate", "export", "--format", "xliff", "todo.xlf"]);
    assert!(out.status.success(), "{}", crate::support::stderr(&out));
    let xlf = site.read("todo.xlf");
    assert!(xlf.contains("id=\"c01-note-1\""), "the note is an entry");
    // A translator fills the one entry; its English is written back.
    let at = xlf.find("id=\"c01-note-1\"").expect("unit");
    let end = at + xlf[at..].find("</source>").expect("source") + "</source>".len();
    let one = format!(
        "{}<target>SAMPLE: see the 2025 review (fictitious).</target>{}",
        &xlf[..end],
        &xlf[end..]
    );
    site.write("one.xlf", &one);
    let out = site.run(&["translate", "import", "one.xlf"]);
    assert!(
        out.status.success(),
        "{}\n{one}",
        crate::support::stderr(&out)
    );
    assert!(site
        .read("content/chapters/01.en.md")
        .contains("[^1]: SAMPLE: see the 2025 review (fictitious)."));
    let out = site.build();
    assert!(out.status.success(), "{}", crate::support::stderr(&out));
    let page = site.read("public/en/chapters/01/index.html");
    let note = page.split("id=\"note-1\"").nth(1).expect("the note");
    let note = &note[..note.find("</li>").expect("closed")];
    assert!(
        note.contains("see the 2025 review") && !note.contains("notice"),
        "{note}"
    );
}
