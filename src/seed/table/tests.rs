use super::*;

fn lines(s: &str) -> Vec<String> {
    s.lines().map(|l| l.trim().to_string()).collect()
}

#[test]
fn measures() {
    for u in [
        "%",
        "μg/m3",
        "万吨",
        "万平方公里",
        "公顷",
        "mg/L",
        "‰",
        "个",
    ] {
        assert!(is_measure(u), "{u}");
    }
    for n in ["EQI", "折纯量", "商品量", "PM2.5"] {
        assert!(!is_measure(n), "{n}");
    }
}

#[test]
fn header_in_any_order_with_number_column() {
    let l = lines("序号\n指标名称\n属性\n单位\n2030年目标值\n2025年基准值\n1\n空气质量优良天数比率\n约束性\n%\n88\n85.2\n注：说明。");
    let (h, next) = header_at(&l, 0).expect("header");
    assert_eq!((h.base_year, h.target_year), (2025, 2030));
    let mut t = PTable::default();
    let body = read_body(&l, next, &h, &mut t, &|_| false);
    assert!(body.problems.is_empty(), "{:?}", body.problems);
    let r = &t.rows[0];
    assert_eq!(
        (r.number, r.name.as_str(), r.unit.as_str()),
        (1, "空气质量优良天数比率", "%")
    );
    assert_eq!((r.baseline.as_str(), r.target.as_str()), ("85.2", "88"));
    assert_eq!(r.attribute, "约束性");
    assert_eq!(t.footnote, "注：说明。");
    assert_eq!(body.next, l.len());
}

#[test]
fn tab_separated_rows_and_merged_categories() {
    let l = lines("类别\t序号\t指标\t2025年\t2030年\t属性\n水环境\t1\t断面达标率（%）*\t80\t90\t约束性\n2\t水功能区达标率（%）\t70\t80\t预期性\n后面的正文很长很长很长很长很长很长很长很长很长很长很长很长很长很长。");
    let (h, next) = header_at(&l, 0).expect("header");
    let mut t = PTable::default();
    let body = read_body(&l, next, &h, &mut t, &|_| false);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.groups.len(), 1);
    assert_eq!(t.rows[1].group, 0);
    assert!(t.rows[0].star);
    assert_eq!(t.rows[0].name, "断面达标率");
    assert_eq!(body.next, 3, "the body line is left for the caller");
}

#[test]
fn not_a_header() {
    assert!(header_at(&lines("指标\n正文。"), 0).is_none());
    assert!(
        header_at(&lines("指标\n2025年\n属性"), 0).is_none(),
        "one year only"
    );
}
