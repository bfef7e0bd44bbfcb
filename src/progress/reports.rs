//! Evaluation reports: `+++` TOML front matter (kind, date, title), then a
//! Markdown body rendered to HTML. Raw HTML and unsafe links are refused,
//! and headings move down one level under the page's own `<h1>`.

use super::load::RawReport;
use super::model::{Date, Report, ReportKind};
use super::schema::ReportFront;
use crate::diag::{line_col, Bilingual, Diagnostics};
use crate::load::Source;
use crate::markdown::safe_url;
use crate::model::Localized;
use crate::resolve::error_at;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Front matter text, the 1-based line where it starts, and the body.
fn split(text: &str) -> Option<(String, &str)> {
    let rest = text
        .strip_prefix("+++")?
        .strip_prefix('\n')
        .or_else(|| text.strip_prefix("+++\r\n"))?;
    let end = rest.find("\n+++")?;
    let body = rest[end + 4..].trim_start_matches(['\r', '\n']);
    Some((rest[..end].to_string(), body))
}

/// Resolves every report; reports with errors are left out.
pub fn resolve(raw: &[RawReport], d: &mut Diagnostics) -> Vec<Report> {
    let mut out: Vec<Report> = raw.iter().filter_map(|r| report(r, d)).collect();
    out.sort_by(|a, b| (a.date, &a.slug).cmp(&(b.date, &b.slug)));
    out
}

fn report(raw: &RawReport, d: &mut Diagnostics) -> Option<Report> {
    let src = &raw.zh;
    let (f, front_src, body) = front_matter(src, d)?;
    let at = |span: std::ops::Range<usize>| line_col(&front_src.text, span.start).0 + 1;
    let title_column = line_col(&front_src.text, f.title.span().start).1;
    let kind = ReportKind::parse(f.kind.get_ref());
    if kind.is_none() {
        d.push(
            error_at(
                src,
                at(f.kind.span()),
                Bilingual::new(
                    format!("未知的报告类型 \"{}\"", f.kind.get_ref()),
                    format!("unknown report kind \"{}\"", f.kind.get_ref()),
                ),
            )
            .with_hint(
                "kind 只能是 mid-term（中期评估）、final（总结评估）或 annual（年度报告）",
                "kind is mid-term, final or annual",
            ),
        );
    }
    let date = report_date(src, &f, at(f.date.span()), d);
    let body_line = src.text[..src.text.len() - body.len()]
        .matches('\n')
        .count()
        + 1;
    let zh = render(src, body, body_line, d);
    let en = raw
        .en
        .as_ref()
        .map(|s| render(s, &s.text, 1, d))
        .unwrap_or_default();
    Some(Report {
        slug: raw.slug.clone(),
        kind: kind?,
        date: date?,
        title: super::check::bilingual(
            src,
            (at(f.title.span()), title_column),
            f.title.get_ref(),
            d,
        ),
        body: Localized::new(zh, en),
        releases: vec![],
    })
}

/// A report's front matter, parsed; with its text (for line numbers) and
/// the body after it.
fn front_matter<'s>(
    src: &'s Source,
    d: &mut Diagnostics,
) -> Option<(ReportFront, Source, &'s str)> {
    let Some((front, body)) = split(&src.text) else {
        d.push(
            error_at(
                src,
                1,
                Bilingual::new("缺少 +++ 包围的文件头", "missing the +++ front matter"),
            )
            .with_hint(
                "文件应以 +++ 开头，写明 kind、date 和 title，再以 +++ 结束",
                "start the file with +++, then kind, date and title, then +++",
            ),
        );
        return None;
    };
    let front_src = Source {
        rel: src.rel.clone(),
        text: front,
    };
    match toml::from_str(&front_src.text) {
        Ok(f) => Some((f, front_src, body)),
        Err(e) => {
            let line = e
                .span()
                .map_or(0, |s| line_col(&front_src.text, s.start).0 + 1);
            d.push(error_at(
                src,
                line,
                Bilingual::new(
                    format!("文件头错误：{}", e.message()),
                    format!("front matter error: {}", e.message()),
                ),
            ));
            None
        }
    }
}

/// The report's date, or an error at `line`.
fn report_date(src: &Source, f: &ReportFront, line: usize, d: &mut Diagnostics) -> Option<Date> {
    let date = Date::parse(f.date.get_ref());
    if date.is_none() {
        d.push(
            error_at(
                src,
                line,
                Bilingual::new(
                    format!("日期格式不对：\"{}\"", f.date.get_ref()),
                    format!("not a valid date: \"{}\"", f.date.get_ref()),
                ),
            )
            .with_hint(
                "日期写作 YYYY-MM-DD，例如 2024-01-15",
                "write dates as YYYY-MM-DD, e.g. 2024-01-15",
            ),
        );
    }
    date
}

/// Renders a Markdown body; `first_line` is where `md` starts in `src`.
fn render(src: &Source, md: &str, first_line: usize, d: &mut Diagnostics) -> String {
    let mut problems: Vec<(usize, String, String)> = vec![];
    let line_at = |offset: usize| first_line + md[..offset.min(md.len())].matches('\n').count();
    let events = Parser::new_ext(md, Options::ENABLE_TABLES)
        .into_offset_iter()
        .filter_map(|(ev, range)| match ev {
            Event::Html(h) | Event::InlineHtml(h) => {
                problems.push((
                    line_at(range.start),
                    format!("不允许使用 HTML：{}", h.trim()),
                    format!("raw HTML is not allowed: {}", h.trim()),
                ));
                None
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = allowed(dest_url, || line_at(range.start), &mut problems);
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Some(Event::Start(Tag::Heading {
                level: lower(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(lower(level)))),
            other => Some(other),
        });
    let mut out = String::new();
    html::push_html(&mut out, events);
    for (line, zh, en) in problems {
        d.push(error_at(src, line, Bilingual::new(zh, en)).with_hint(
            "请删除 HTML 标签和图片；链接只能是相对路径、http(s) 或 mailto",
            "remove HTML tags and images; links may only be relative, http(s) or mailto",
        ));
    }
    out
}

/// Link address `url` when it is allowed; else `#`, and the problem on
/// the line `line` gives.
fn allowed<'a>(
    url: CowStr<'a>,
    line: impl Fn() -> usize,
    problems: &mut Vec<(usize, String, String)>,
) -> CowStr<'a> {
    if safe_url(&url) {
        return url;
    }
    problems.push((
        line(),
        format!("不允许的链接：{url}"),
        format!("link not allowed: {url}"),
    ));
    CowStr::from("#")
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> RawReport {
        RawReport {
            slug: "mid-term".into(),
            zh: Source {
                rel: "content/progress/reports/mid-term.zh.md".into(),
                text: text.into(),
            },
            en: None,
        }
    }

    #[test]
    fn a_report_renders_with_headings_moved_down() {
        let mut d = Diagnostics::default();
        let r = resolve(&[raw("+++\nkind = \"mid-term\"\ndate = \"2024-01-15\"\ntitle = { zh = \"中期评估\", en = \"Mid-term\" }\n+++\n\n# 总体\n\n正文。\n")], &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(r[0].kind, ReportKind::MidTerm);
        assert_eq!(r[0].date.to_string(), "2024-01-15");
        assert!(r[0].body.zh.contains("<h2>总体</h2>"), "{}", r[0].body.zh);
        assert!(r[0].body.en.is_empty());
    }

    #[test]
    fn bad_front_matter_and_html_name_their_line() {
        let mut d = Diagnostics::default();
        resolve(&[raw("+++\nkind = \"midterm\"\ndate = \"2024-01-15\"\ntitle = { zh = \"甲\" }\n+++\n\n正文\n\n<script>x</script>\n")], &mut d);
        let locs: Vec<String> = d.sorted().iter().map(|x| x.location()).collect();
        assert_eq!(
            locs,
            [
                "content/progress/reports/mid-term.zh.md:2",
                "content/progress/reports/mid-term.zh.md:9"
            ]
        );
    }
}
