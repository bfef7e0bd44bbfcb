use super::*;

const SAMPLE: &str = "标题\n\n第一章  总则\n引言。\n[bookmark: _Toc1]第一节  节名\n甲。乙。\n\t专栏1：重点工程\n1.项目一。内容。\n2.项目二。\n\n第二章  目标\n临江市云溪区“十四五”生态环境保护主要指标\n\t指    标\n\t2020年\n\t2025年\n\t指标属性\n\t（一）环境治理\n\t1.细颗粒物（PM2.5）浓度（μg/m3）*\n\t51\n\t41\n\t约束性\n\t2.生态质量指数（EQI）*\n\t—\n\t稳中向好\n\t预期性\n注：说明。\n后文。\n";

#[test]
fn structure() {
    let p = parse(SAMPLE);
    assert_eq!(p.title, "标题");
    assert_eq!(p.chapters.len(), 2);
    let c1 = &p.chapters[0];
    assert_eq!(c1.sections.len(), 2);
    assert_eq!(c1.sections[1].title.as_deref(), Some("节名"));
    assert_eq!(c1.sections[1].blocks[1], PBlock::Box(1));
    assert_eq!(p.boxes[0].items.len(), 2);
    assert_eq!(p.boxes[0].items[0].number, Some(1));
    assert!(p.unclassified.is_empty(), "{:?}", p.unclassified);
}

#[test]
fn table() {
    let p = parse(SAMPLE);
    let t = p.table.expect("table parsed");
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].name, "细颗粒物（PM2.5）浓度");
    assert_eq!(t.rows[0].unit, "μg/m3");
    assert!(t.rows[0].star);
    assert_eq!(
        (t.rows[0].baseline.as_str(), t.rows[0].target.as_str()),
        ("51", "41")
    );
    assert_eq!(t.rows[1].name, "生态质量指数（EQI）");
    assert_eq!(t.rows[1].unit, "");
    assert_eq!(t.footnote, "注：说明。");
    let c2 = &p.chapters[1];
    assert_eq!(c2.sections[0].blocks.len(), 2, "table block then 后文");
}

#[test]
fn period_from_the_title_else_the_table() {
    let p = parse(SAMPLE);
    assert_eq!(
        p.period,
        Some(Period {
            start: 2021,
            end: 2025
        })
    );
    let other = SAMPLE.replacen("标题", "某县“十五五”规划", 1);
    let p = parse(&other);
    assert_eq!(
        p.period,
        Some(Period {
            start: 2026,
            end: 2030
        })
    );
    assert!(
        p.notes.iter().any(|(_, n)| n.contains("2021–2025")),
        "{:?}",
        p.notes
    );
}

#[test]
fn a_repeated_box_number_gets_the_next_free_one() {
    let p = parse("标题\n第一章  甲\n专栏1：一\n1.项目。\n\n专栏1：二\n1.项目。\n");
    let numbers: Vec<u32> = p.boxes.iter().map(|b| b.number).collect();
    assert_eq!(numbers, [1, 2]);
    assert!(p.notes.iter().any(|(n, t)| *n == 6 && t.contains("box 2")));
}

fn framed(src: &str, frames: &[(usize, usize)]) -> Parsed {
    let word = WordLayer {
        frames: frames.iter().copied().collect(),
        ..WordLayer::default()
    };
    parse_word(src, word)
}

fn items(p: &Parsed) -> Vec<Vec<&str>> {
    p.boxes
        .iter()
        .map(|b| b.items.iter().map(|i| i.text.as_str()).collect())
        .collect()
}

#[test]
fn a_word_frame_bounds_its_box() {
    let src = "标题\n第一章  甲\n\t专栏1：一\n项目甲。\n\n一、仍在框内\n正文。\n";
    // As text, the box ends at the blank line and 一、 is a heading.
    let text = parse(src);
    assert_eq!(items(&text), [vec!["项目甲。"]]);
    // As a Word frame over lines 3–6, both are items, and the line after
    // the frame is body text.
    let p = framed(src, &[(3, 6)]);
    assert_eq!(items(&p), [vec!["项目甲。", "一、仍在框内"]]);
    let blocks = &p.chapters[0].sections[0].blocks;
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    assert!(matches!(&blocks[1], PBlock::Para { text, line: 7 } if text == "正文。"));
}

#[test]
fn a_frame_ends_unnumbered_items_and_a_numbered_one_keeps_its_offset() {
    let src = "标题\n第一章  甲\n专栏2 二\n1．第一项。\n②补充。\n后文。\n";
    let p = framed(src, &[(3, 5)]);
    assert_eq!(items(&p), [vec!["第一项。", "②补充。"]]);
    let first = &p.boxes[0].items[0];
    assert_eq!(
        (first.number, first.line, first.at),
        (Some(1), 4, "1．".len())
    );
    // As text, ② after a numbered item ends the box.
    assert_eq!(items(&parse(src)), [vec!["第一项。"]]);
}

#[test]
fn a_frame_without_a_box_title_is_text_with_a_note() {
    let p = framed("标题\n第一章  甲\n\t重点工程\n项目。\n", &[(3, 4)]);
    assert!(p.boxes.is_empty());
    assert_eq!(p.chapters[0].sections[0].blocks.len(), 2);
    assert!(
        p.notes
            .iter()
            .any(|(n, t)| *n == 3 && t.contains("without a 专栏 title")),
        "{:?}",
        p.notes
    );
}
