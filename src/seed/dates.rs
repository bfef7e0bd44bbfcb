//! Dated sentences: every sentence of a paragraph that sets or reports a
//! deadline (2022年年底前, 到2025年, 至2020年底 …) with its year.

use regex::Regex;
use std::sync::LazyLock;

/// A deadline: `到2025年`, `截至2020年底`, `2022年年底前`, or a year that
/// opens a clause and says what holds in it (`，2022年，完成…`,
/// `2022年全区…`). Years listed before it with 、和及 share its deadline
/// (`在2023年、2025年年底前，分别…`). Groups: `y1`–`y3` the year, `l1`,
/// `l2` the years listed before it, `r` a clause-opening year.
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    let list = |name: &str| format!(r"(?P<{name}>(?:20\d\d年[、和及])*)");
    let by = format!(
        r"(?:截至|到|至){}(?P<y1>20\d\d)年(?:年底前|底前|年底|年末|底|末)?",
        list("l1")
    );
    let before = format!(
        r"{}(?P<y2>20\d\d)年(?:年底前|底前|年底|年末|底|末|前)",
        list("l2")
    );
    // A clause-opening year, followed by a comma or by the clause's
    // subject; not by a month (5月), 以来/以后, 起, 开始, 相比, 的, 度, 为,
    // 是, 初/中/内, 上/下半年, 第 (a document number), 前/底/末 (the
    // deadlines above), a range or a list.
    let opens = r"(?:^|[，；：])(?P<y3>20\d\d)年(?:，|[^\d年以起开相比的度为是月初中内上下后第前底末至—\-～、和及与（）()《》“”，。；：])";
    let all = format!("{by}|{before}|(?P<r>{opens})");
    Regex::new(&all).unwrap_or_else(|e| panic!("invalid built-in pattern: {e}"))
});

/// A sentence with a deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    /// Byte offset of the sentence in the paragraph.
    pub start: usize,
    pub sentence: String,
    pub year: u16,
    /// The deadline phrase as printed.
    pub phrase: String,
}

/// Splits `text` into sentences ending in 。 or ； (the delimiter is kept),
/// with their byte offsets.
pub fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = vec![];
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        if ch == '。' || ch == '；' {
            let end = i + ch.len_utf8();
            out.push((start, &text[start..end]));
            start = end;
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

/// The dated sentences of a paragraph: a sentence once for each year its
/// deadlines name. `strip` removes spans (such as responsibility clauses)
/// from a sentence before it is matched and stored.
pub fn find(text: &str, strip: &dyn Fn(&str) -> String) -> Vec<Dated> {
    let mut out = vec![];
    for (start, s) in sentences(text) {
        let s = strip(s).trim().to_string();
        let mut seen = vec![];
        for (phrase, years) in deadlines(&s) {
            for year in years {
                if seen.contains(&year) {
                    continue;
                }
                seen.push(year);
                out.push(Dated {
                    start,
                    sentence: s.clone(),
                    year,
                    phrase: phrase.clone(),
                });
            }
        }
    }
    out
}

/// The deadlines of a sentence, as printed, each with the years it names,
/// in order. A year inside a 《title》 or ending a range (`2021年至2025年`)
/// is none.
fn deadlines(s: &str) -> Vec<(String, Vec<u16>)> {
    let mut out = vec![];
    for c in DEADLINE.captures_iter(s) {
        let Some(whole) = c.get(0) else { continue };
        let range = whole.as_str().starts_with('至') && s[..whole.start()].ends_with('年');
        if inside_title(s, whole.start()) || range {
            continue;
        }
        let Some(year) = ["y1", "y2", "y3"].iter().find_map(|g| c.name(g)) else {
            continue;
        };
        let phrase = match c.name("r") {
            // A clause-opening year: the year alone.
            Some(_) => year.as_str().to_string() + "年",
            None => whole.as_str().to_string(),
        };
        let listed = c.name("l1").or(c.name("l2")).map_or("", |m| m.as_str());
        let years: Vec<u16> = listed
            .split(['年', '、', '和', '及'])
            .chain([year.as_str()])
            .filter_map(|y| y.parse::<u16>().ok())
            .collect();
        out.push((phrase, years));
    }
    out
}

/// Whether byte offset `at` lies inside a 《document title》.
fn inside_title(s: &str, at: usize) -> bool {
    let before = &s[..at];
    before.matches('《').count() > before.matches('》').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_strip(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn finds_deadlines() {
        let t = "加强管理。2022年年底前，完成治理；到2025年，全面达标。制定《2022年工作要点》。较2020年减少4%。";
        let d = find(t, &no_strip);
        let got: Vec<(u16, &str)> = d.iter().map(|x| (x.year, x.phrase.as_str())).collect();
        assert_eq!(got, [(2022, "2022年年底前"), (2025, "到2025年")]);
        assert_eq!(d[0].sentence, "2022年年底前，完成治理；");
    }

    #[test]
    fn year_at_sentence_start() {
        let d = find("2023年，外排水全部指标达到地表水Ⅲ类。", &no_strip);
        assert_eq!(d[0].year, 2023);
        assert_eq!(d[0].phrase, "2023年");
    }

    /// The (year, phrase) pairs `find` gives for a paragraph.
    fn found(t: &str) -> Vec<(u16, String)> {
        find(t, &no_strip)
            .into_iter()
            .map(|d| (d.year, d.phrase))
            .collect()
    }

    /// Regression: a year opening a clause inside a sentence was missed,
    /// whether a comma or the clause's subject follows it.
    #[test]
    fn a_year_opening_a_clause_mid_sentence_is_a_deadline() {
        let t = "推进雨污分流改造，2027年，完成36个行政村污水管网建设；严控煤炭消费，2026年全县原煤消费量控制在50万吨以内。";
        assert_eq!(
            found(t),
            [(2027, "2027年".to_string()), (2026, "2026年".to_string())]
        );
        let d = find(t, &no_strip);
        assert_eq!(
            d[0].sentence,
            "推进雨污分流改造，2027年，完成36个行政村污水管网建设；"
        );
        assert_eq!(d[1].start, t.find("严控").expect("second sentence"));
    }

    /// Regression: of years listed with one deadline, only the last was
    /// kept, so an earlier deadline was filed under the later year.
    #[test]
    fn years_listed_with_one_deadline_are_each_a_deadline() {
        let t = "于2027年和2030年年底前，分别开展规划实施情况中期和总结评估。";
        let phrase = "2027年和2030年年底前".to_string();
        assert_eq!(found(t), [(2027, phrase.clone()), (2030, phrase)]);
        assert_eq!(
            found("到2028年、2029年，新建污水处理厂各1座。"),
            [
                (2028, "到2028年、2029年".to_string()),
                (2029, "到2028年、2029年".to_string())
            ]
        );
    }

    #[test]
    fn years_that_set_no_deadline_are_not_one() {
        for t in [
            "2019年以来，累计完成造林3万亩。",
            "自2026年起施行新标准。",
            "全面推开网格化监管，2018年5月招聘网格员30名。",
            "规划期为2026年至2030年。",
            "化肥用量较2025年下降8%。",
            "依据《2026年度实施方案》推进工作。",
            "2026年是规划实施的开局之年。",
            "执行交通运输部令2019年第29号。",
            "今后，2026年后续工作另行部署。",
        ] {
            assert_eq!(found(t), [], "{t}");
        }
    }

    #[test]
    fn a_year_in_a_title_does_not_hide_the_deadline_after_it() {
        assert_eq!(
            found("落实《2027年工作要点》，到2029年完成改造。"),
            [(2029, "到2029年".to_string())]
        );
    }

    /// Each deadline of a sentence is one: a sentence that sets two is
    /// listed under both years, each with its own phrase.
    #[test]
    fn a_sentence_with_two_deadlines_gives_both() {
        assert_eq!(
            found("2027年底前完成主城区管网改造，2030年底前实现全域覆盖。"),
            [
                (2027, "2027年底前".to_string()),
                (2030, "2030年底前".to_string())
            ]
        );
        assert_eq!(
            found("截至2025年底已建成8座，到2030年再建成4座。"),
            [
                (2025, "截至2025年底".to_string()),
                (2030, "到2030年".to_string())
            ]
        );
    }
}
