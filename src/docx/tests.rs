use super::*;
use std::io::Write;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A .docx package of the given parts, stored without compression.
fn package(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in parts {
        zip.start_file(*name, opts).expect("start");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn styles() -> String {
    format!(
        r#"<w:styles {W}>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
    <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/>
    <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="My heading"/><w:basedOn w:val="2"/></w:style>
</w:styles>"#
    )
}

fn numbering() -> String {
    format!(
        r#"<w:numbering {W}>
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%2节"/><w:suff w:val="space"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="8">
    <w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="9">
    <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="8"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="9"/></w:num>
</w:numbering>"#
    )
}

fn footnotes() -> String {
    format!(
        r#"<w:footnotes {W}>
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:t>为“十四五”累计值。</w:t></w:r></w:p></w:footnote>
</w:footnotes>"#
    )
}

fn listed(num: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn cell(attrs: &str, text: &str) -> String {
    format!(r#"<w:tc><w:tcPr>{attrs}</w:tcPr>{}</w:tc>"#, p(text))
}

fn plan_docx() -> Vec<u8> {
    let body = [
        p("示例县“十五五”规划"),
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:r><w:t>总体要求</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>"#.into(),
        r#"<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>发展基础</w:t></w:r></w:p>"#.into(),
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>治理成效明显。</w:t></w:r><w:r><w:t xml:space="preserve">累计完成</w:t></w:r><w:ins w:id="9" w:author="a"/><w:r><w:t>[14.6]</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>万吨。</w:t></w:r></w:p>"#.replace(r#"<w:ins w:id="9" w:author="a"/>"#, ""),
        r#"<w:p><w:pPr><w:pStyle w:val="Mine"/></w:pPr><w:r><w:t>主要任务</w:t></w:r></w:p>"#.into(),
        listed(2, "第一项"),
        listed(2, "第二项"),
        listed(3, "重新编号"),
        listed(4, "圆点"),
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>保障措施</w:t></w:r></w:p>"#.into(),
        r#"<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>加强领导</w:t></w:r></w:p>"#.into(),
        format!(
            "<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            cell("", "指标"),
            cell("", "2025年"),
            cell("", "2030年"),
            cell(r#"<w:gridSpan w:val="3"/>"#, "（一）环境治理"),
            cell(r#"<w:vMerge w:val="restart"/>"#, "1.浓度"),
            cell("", "30"),
            cell("", "28"),
            cell("<w:vMerge/>", ""),
            cell("", "31"),
            cell("", "27"),
        ),
        format!(
            "<w:tbl><w:tr><w:tc>{}{}</w:tc></w:tr></w:tbl>",
            p("专栏1 重点工程"),
            p("1.污水处理厂建设。")
        ),
        r#"<w:p><w:pPr><w:pBdr><w:top w:val="single"/></w:pBdr></w:pPr><w:r><w:t>专栏2：框内</w:t></w:r></w:p>"#.into(),
        r#"<w:p><w:pPr><w:pBdr><w:top w:val="single"/></w:pBdr></w:pPr><w:r><w:t>1.第一条。</w:t><w:tab/><w:t>续</w:t></w:r></w:p>"#.into(),
        p("完。"),
    ]
    .concat();
    package(&[
        ("[Content_Types].xml", "<Types/>".into()),
        ("word/document.xml", document(&body)),
        ("word/styles.xml", styles()),
        ("word/numbering.xml", numbering()),
        ("word/footnotes.xml", footnotes()),
    ])
}

#[test]
fn headings_numbers_tables_boxes_and_notes_are_read() {
    let doc = read(&plan_docx()).expect("reads");
    let paras: Vec<&Para> = doc.paras().collect();
    let heading = |t: &str| {
        paras
            .iter()
            .find(|p| p.text().contains(t))
            .and_then(|p| p.heading)
    };
    assert_eq!(heading("总体要求"), Some(1), "Heading 1 by style name");
    assert_eq!(heading("发展基础"), Some(2), "标题 2 by its Chinese name");
    assert_eq!(heading("主要任务"), Some(2), "based on 标题 2");
    assert_eq!(heading("治理成效"), None);
    let lead = paras
        .iter()
        .find(|p| p.text().contains("治理成效"))
        .expect("para");
    assert_eq!(lead.lead().as_deref(), Some("治理成效明显。"));
    assert!(lead.runs.iter().any(|r| r.note.as_deref() == Some("fn:1")));
    assert_eq!(
        doc.notes.get("fn:1").map(String::as_str),
        Some("为“十四五”累计值。")
    );
    assert_eq!(doc.notes.len(), 1, "separators are not notes");
    let table = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("a table");
    assert_eq!(table.rows[1][0].span, 3);
    assert!(table.rows[3][0].merged_up && !table.rows[2][0].merged_up);
    let frames = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Frame(_)))
        .count();
    assert_eq!(frames, 2, "a one-cell table and a bordered frame are boxes");
    let expected = "示例县“十五五”规划
第一章  总体要求
第一节 发展基础
治理成效明显。累计完成[14.6]万吨。
第二节 主要任务
1.第一项
2.第二项
1.重新编号
圆点
第二章  保障措施
第一节 加强领导
\t指标
\t2025年
\t2030年

\t（一）环境治理

\t1.浓度
\t30
\t28

\t1.浓度
\t31
\t27
\t专栏1 重点工程
1.污水处理厂建设。
\t专栏2：框内
1.第一条。\t续
完。
";
    assert_eq!(doc.to_text(), expected);
    // The two boxes' lines: a frame is bounded, whatever follows it.
    let frames: Vec<(usize, usize)> = doc.to_seed().1.frames.into_iter().collect();
    assert_eq!(frames, [(25, 26), (27, 28)]);
}

#[test]
fn a_frame_s_note_references_are_marked_on_their_lines() {
    let body = [
        p("标题"),
        format!(
            r#"<w:tbl><w:tr><w:tc><w:p/>{}<w:p><w:r><w:t>1.建设工程</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>①。</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            p("专栏3：框")
        ),
    ]
    .concat();
    let bytes = package(&[
        ("word/document.xml", document(&body)),
        ("word/footnotes.xml", footnotes()),
    ]);
    let (text, layer) = read(&bytes).expect("reads").to_seed();
    assert_eq!(text, "标题\n\t\n专栏3：框\n1.建设工程①。\n");
    // The empty first paragraph is not the box's title line.
    assert_eq!(layer.frames.into_iter().collect::<Vec<_>>(), [(3, 4)]);
    let marks = layer.marks.get(&4).expect("line 4's marks");
    assert_eq!(marks.notes, [("1.建设工程".len(), "1".to_string())]);
}

#[test]
fn outline_levels_make_headings_and_body_text_does_not() {
    let body = [
        r#"<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>第一篇 总论</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>"#,
        r#"<w:sdt><w:sdtContent><w:p><w:hyperlink r:id="x"><w:r><w:t>链接内</w:t></w:r></w:hyperlink></w:p></w:sdtContent></w:sdt>"#,
    ]
    .concat();
    let bytes = package(&[("word/document.xml", document(&body))]);
    let doc = read(&bytes).expect("reads without styles or numbering");
    let levels: Vec<Option<u8>> = doc.paras().map(|p| p.heading).collect();
    assert_eq!(levels, [Some(1), None, None]);
    assert_eq!(doc.to_text(), "第一篇 总论\n正文\n链接内\n");
}

#[test]
fn chinese_and_other_number_formats() {
    use numbering::format_number as f;
    let zh: Vec<String> = [1, 9, 10, 11, 20, 21, 99, 100, 105, 110]
        .iter()
        .map(|n| f(*n, "chineseCounting"))
        .collect();
    assert_eq!(
        zh,
        [
            "一",
            "九",
            "十",
            "十一",
            "二十",
            "二十一",
            "九十九",
            "一百",
            "一百零五",
            "一百一十"
        ]
    );
    assert_eq!(f(3, "decimalEnclosedCircle"), "③");
    assert_eq!(f(12, "decimalFullWidth"), "１２");
    assert_eq!(f(2, "ideographTraditional"), "乙");
    assert_eq!(f(14, "upperRoman"), "XIV");
    assert_eq!(f(28, "lowerLetter"), "bb");
    assert_eq!(f(7, "decimal"), "7");
}

#[test]
fn bad_files_say_what_to_do() {
    let ole = |stream: &str| {
        let mut b = OLE_MAGIC.to_vec();
        b.extend(vec![0; 500]);
        b.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        b
    };
    let err = |b: &[u8]| read(b).expect_err("refused");
    assert_eq!(err(&ole("WordDocument")), DocxError::OldWord);
    assert!(err(&ole("WordDocument"))
        .to_string()
        .contains("save it as .docx"));
    assert_eq!(err(&ole("EncryptedPackage")), DocxError::Encrypted);
    assert!(err(&ole("EncryptedPackage")).to_string().contains("密码"));
    assert!(matches!(
        err(b"plain text, not a package"),
        DocxError::NotZip(_)
    ));
    let xlsx = package(&[("xl/workbook.xml", "<workbook/>".into())]);
    assert_eq!(err(&xlsx), DocxError::NotWord);
    let empty = package(&[(
        "word/document.xml",
        document("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>"),
    )]);
    assert_eq!(err(&empty), DocxError::Empty);
    let tracked = document(
        r#"<w:p><w:ins w:id="1"><w:r><w:t>新增</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText>删去</w:delText></w:r></w:del></w:p>"#,
    );
    let tracked = package(&[("word/document.xml", tracked)]);
    assert_eq!(err(&tracked), DocxError::TrackedChanges(2));
    assert!(err(&tracked).to_string().contains("Accept All Changes"));
    let broken = package(&[("word/document.xml", "<w:document><w:body><w:p>".into())]);
    assert!(matches!(err(&broken), DocxError::Damaged { .. }));
    assert!(looks_like_word(&plan_docx()) && !looks_like_word(b"\xEF\xBB\xBF\xE7\xAC\xAC"));
}

#[test]
fn images_are_copied_and_referenced() {
    let body = r#"<w:p><w:r><w:t>图：</w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp="x"><a:graphic xmlns:a="y"><a:graphicData><pic:pic xmlns:pic="z"><pic:blipFill><a:blip r:embed="rId5"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#;
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>"#;
    let bytes = package(&[
        ("word/document.xml", document(body)),
        ("word/_rels/document.xml.rels", rels.into()),
        ("word/media/image1.png", "PNGDATA".into()),
    ]);
    let doc = read(&bytes).expect("reads");
    let run = doc
        .paras()
        .flat_map(|p| &p.runs)
        .find(|r| r.image.is_some())
        .expect("image run");
    assert_eq!(run.image.as_deref(), Some("media/image1.png"));
    assert_eq!(
        doc.images.get("media/image1.png").map(Vec::as_slice),
        Some(&b"PNGDATA"[..])
    );
}
