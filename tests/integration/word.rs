//! The Word import end to end, on what only a Word file carries: an
//! indicator table with vertically merged category cells, 专栏 boxes drawn
//! as a one-cell table and as bordered paragraphs, note markers in box
//! items (tests/fixtures/docx/plan-qinghe.frames.python-docx.docx, from
//! make_docx.py python-docx-frames), and the images a re-import drops.

use crate::support::{fixture, repo, stderr, stdout, TempSite};
use std::io::Write;

/// A site with only site.toml, and `file` copied into its seeds/.
fn site_with(name: &str, bytes: &[u8]) -> TempSite {
    let site = TempSite::copy(&fixture("plan-yunxi"));
    std::fs::remove_dir_all(site.path("seeds")).expect("rm seeds");
    std::fs::create_dir_all(site.path("seeds")).expect("seeds");
    std::fs::write(site.path("seeds").join(name), bytes).expect("write");
    site
}

const FRAMES: &str = "plan-qinghe.frames.python-docx.docx";

/// The SAMPLE Word file imported into a fresh site: one `import`.
fn imported() -> TempSite {
    let bytes = std::fs::read(repo().join("tests/fixtures/docx").join(FRAMES)).expect("fixture");
    let site = site_with(FRAMES, &bytes);
    let out = site.run(&["import", &format!("seeds/{FRAMES}")]);
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

fn toml_of(site: &TempSite, rel: &str) -> toml::Value {
    toml::from_str(&site.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn str_of<'a>(v: &'a toml::Value, key: &str) -> &'a str {
    v.get(key).and_then(toml::Value::as_str).unwrap_or_default()
}

/// Each category cell spans its rows with `w:vMerge`, so the rows below
/// the first have no category text of their own; every indicator is still
/// read whole (the names carry no number to realign them by) and filed
/// under its category.
#[test]
fn an_indicator_table_with_vertically_merged_categories_imports_by_group() {
    let site = imported();
    let file = toml_of(&site, "content/indicators.toml");
    let groups: Vec<(&str, &str)> = file["group"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| (str_of(g, "id"), str_of(g, "name")))
        .collect();
    assert_eq!(groups, [("group-1", "水环境"), ("group-2", "水生态")]);
    let rows: Vec<(&str, &str, String, String)> = file["indicator"]
        .as_array()
        .expect("indicators")
        .iter()
        .map(|i| {
            (
                str_of(i, "group"),
                str_of(i, "name"),
                i["baseline"].to_string(),
                i["target"].to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "group-1",
                "地表水国控断面达到或好于Ⅲ类水体比例",
                "80.0".into(),
                "85.0".into()
            ),
            (
                "group-1",
                "县级集中式饮用水水源水质达标率①",
                "100.0".into(),
                "100.0".into()
            ),
            (
                "group-2",
                "新增恢复湿地面积",
                "120.0".into(),
                "150.0".into()
            ),
            (
                "group-2",
                "重点河湖生态流量保障目标满足程度",
                "90.0".into(),
                "\"＞95\"".into()
            ),
        ]
    );
    let report = site.read("content/import-report.md");
    assert!(!report.contains("table row"), "{report}");
}

/// A box's items: (printed number, Chinese text).
type Items<'a> = Vec<(Option<i64>, &'a str)>;

/// A one-cell table and a run of bordered paragraphs are each one 专栏
/// box, written as the text importer writes a box (projects.toml and a
/// `::: box N` where it stands); the box ends where its frame does, so the
/// unnumbered paragraph right after box 1 stays body text.
#[test]
fn a_one_cell_table_and_a_bordered_frame_are_boxes_to_their_frame_s_end() {
    let site = imported();
    let file = toml_of(&site, "content/projects.toml");
    let boxes: Vec<(i64, &str, Items)> = file["box"]
        .as_array()
        .expect("boxes")
        .iter()
        .map(|b| {
            let items = b["item"]
                .as_array()
                .expect("items")
                .iter()
                .map(|i| {
                    let zh = i["text"]["zh"].as_str().unwrap_or_default();
                    (i.get("number").and_then(toml::Value::as_integer), zh)
                })
                .collect();
            let title = b["title"]["zh"].as_str().unwrap_or_default();
            (b["number"].as_integer().unwrap_or(0), title, items)
        })
        .collect();
    assert_eq!(
        boxes,
        [
            (
                1,
                "水污染治理重点工程",
                vec![
                    (None, "实施城区污水处理厂提标改造，新增处理能力2万吨/日①。"),
                    (
                        None,
                        "完成12个乡镇污水管网建设[^1]，2028年底前全部投入运行。"
                    ),
                ]
            ),
            (
                2,
                "水生态保护修复重点工程",
                vec![
                    (Some(1), "**实施青禾河生态缓冲带修复工程②。**"),
                    (Some(2), "**建设人工湿地3处。**"),
                ]
            ),
        ]
    );
    let ch = site.read("content/chapters/02.zh.md");
    assert!(
        ch.contains("::: box 1\n\n**强化工业园区污水集中处理。**\n\n::: box 2\n"),
        "{ch}"
    );
    // The box item's dated sentence is a commitment of the item.
    let commitments = site.read("content/commitments.toml");
    assert!(
        commitments.contains("paragraph = \"box1-i2\""),
        "{commitments}"
    );
    // The text importer makes the same box of the same lines as text.
    let text = "青禾县“十五五”水生态环境保护规划\n第一章  重点任务\n专栏2：水生态保护修复重点工程\n1.实施青禾河生态缓冲带修复工程②。\n2.建设人工湿地3处。\n";
    let from_text = site_with("plan.txt", text.as_bytes());
    let out = from_text.run(&["import", "seeds/plan.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text_box = &toml_of(&from_text, "content/projects.toml")["box"][0];
    let word_box = &file["box"][1];
    for key in ["number", "title", "item"] {
        assert_eq!(text_box[key], word_box[key], "{key}");
    }
}

/// A footnote reference and the ① ② markers in box items are kept: the
/// note is the chapter's, shown on the chapter page, and the reference
/// links to it from the chapter, the key-projects page and the full text.
#[test]
fn note_markers_in_box_items_are_kept_and_link_to_the_note() {
    let site = imported();
    let ch = site.read("content/chapters/02.zh.md");
    assert!(
        ch.contains("\n[^1]: SAMPLE：管网长度以县住房和城乡建设局统计为准（虚构）。\n"),
        "{ch}"
    );
    let out = site.run(&["build", "--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = |rel: &str| std::fs::read_to_string(site.path(rel)).expect(rel);
    let chapter = page("public/chapters/02/index.html");
    assert!(chapter.contains("<li id=\"note-1\">"), "the note is listed");
    assert!(chapter.contains("<a href=\"#note-1\">1</a>"), "{chapter}");
    for rel in ["public/projects/index.html", "public/fulltext/index.html"] {
        let html = page(rel);
        assert!(
            html.contains("<a href=\"../chapters/02/index.html#note-1\">1</a>"),
            "{rel}: the reference links to the chapter's note"
        );
        assert!(html.contains("新增处理能力2万吨/日①。"), "{rel}: ①");
        assert!(html.contains("生态缓冲带修复工程②。"), "{rel}: ②");
    }
    let out = site.run(&["check"]);
    assert!(out.status.success(), "links resolve: {}", stderr(&out));
}

/// The issue's "done when": one import and one build from the Word file,
/// and the indicator table says which values are five-year cumulative
/// (the `[ ]` of the Word table), in both languages.
#[test]
fn from_the_word_file_one_import_and_one_build_label_the_cumulative_values() {
    let site = imported();
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let row = |rel: &str, name: &str| -> String {
        let html = std::fs::read_to_string(site.path(rel)).expect(rel);
        let at = html.find(name).unwrap_or_else(|| panic!("{rel}: {name}"));
        let end = at + html[at..].find("</tr>").expect("row end");
        html[at..end].to_string()
    };
    let zh = row("public/indicators/index.html", "新增恢复湿地面积");
    assert!(
        zh.contains("[120]<span class=\"kind\">“十四五”五年累计值</span>"),
        "{zh}"
    );
    assert!(
        zh.contains("[150]<span class=\"kind\">“十五五”五年累计值</span>"),
        "{zh}"
    );
    let level = row("public/indicators/index.html", "重点河湖生态流量");
    assert!(!level.contains("累计"), "a level is not labelled: {level}");
    let en = row("public/en/indicators/index.html", "indicators/03/");
    assert!(
        en.contains("cumulative over the 14th Five-Year Plan")
            && en.contains("cumulative over the 15th Five-Year Plan"),
        "{en}"
    );
}

/// A minimal .docx: a title naming the period, a chapter, and a paragraph
/// holding each image of `images` (name → bytes).
fn docx_with_images(images: &[(&str, &[u8])]) -> Vec<u8> {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let p = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
    let mut body = p("石门县“十五五”生态保护规划") + &p("第一章  总体要求") + &p("加强保护。");
    let mut rels = String::new();
    for (i, (name, _)) in images.iter().enumerate() {
        body.push_str(&format!(
            r#"<w:p><w:r><w:drawing><a:blip xmlns:a="a" r:embed="rId{i}"/></w:drawing></w:r></w:p>"#
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/{name}"/>"#));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut put = |name: &str, bytes: &[u8]| {
        zip.start_file(name, opts).expect("start");
        zip.write_all(bytes).expect("write");
    };
    put(
        "word/document.xml",
        format!("<w:document {w}><w:body>{body}</w:body></w:document>").as_bytes(),
    );
    put(
        "word/_rels/document.xml.rels",
        format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).as_bytes(),
    );
    for (name, bytes) in images {
        put(&format!("word/media/{name}"), bytes);
    }
    zip.finish().expect("finish").into_inner()
}

/// A re-import removes the images an earlier import wrote that the Word
/// file no longer has, and keeps a picture staff put in content/images/
/// by hand and an imported one staff changed since.
#[test]
fn a_re_import_removes_the_images_it_wrote_that_the_file_no_longer_has() {
    let first = docx_with_images(&[
        ("image1.png", b"PNG-ONE"),
        ("image2.png", b"PNG-TWO"),
        ("image3.png", b"PNG-THREE"),
    ]);
    let site = site_with("plan.docx", &first);
    let out = site.run(&["import", "seeds/plan.docx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let plan = site.read("content/plan.toml");
    assert!(plan.contains("[source.images]"), "{plan}");
    let images = |site: &TempSite| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(site.path("content/images"))
            .expect("images")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(images(&site), ["image1.png", "image2.png", "image3.png"]);
    // Staff add a map of their own and redraw image3.
    std::fs::write(site.path("content/images/map.png"), b"STAFF-MAP").expect("map");
    std::fs::write(site.path("content/images/image3.png"), b"REDRAWN").expect("redraw");
    let second = docx_with_images(&[("image1.png", b"PNG-ONE-NEW")]);
    std::fs::write(site.path("seeds/plan.docx"), second).expect("write");
    let out = site.run(&["import", "--force", "seeds/plan.docx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(images(&site), ["image1.png", "image3.png", "map.png"]);
    assert!(
        stdout(&out).contains("content/images/image2.png"),
        "said so"
    );
    let read = |name: &str| std::fs::read(site.path("content/images").join(name)).expect(name);
    assert_eq!(read("image1.png"), b"PNG-ONE-NEW");
    assert_eq!(read("image3.png"), b"REDRAWN", "changed by staff: kept");
    assert_eq!(read("map.png"), b"STAFF-MAP", "placed by hand: kept");
    let plan = site.read("content/plan.toml");
    assert!(
        plan.contains("\"image1.png\" = ") && !plan.contains("image2.png"),
        "{plan}"
    );
    // A third import with no pictures at all drops image1 too, and still
    // keeps what staff made.
    let third = docx_with_images(&[]);
    std::fs::write(site.path("seeds/plan.docx"), third).expect("write");
    let out = site.run(&["import", "--force", "seeds/plan.docx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(images(&site), ["image3.png", "map.png"]);
}
