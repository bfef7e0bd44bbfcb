//! Chapters: the Chinese files give the structure; English files are
//! matched to it paragraph by paragraph through their `sN-pM` keys and
//! checked against the Chinese fingerprint.

use super::common::{error_at, Coverage};
use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::load::{Raw, RawChapter, Source};
use crate::markdown::{self, InlineProblem, MdBlock};
use crate::model::*;
use crate::schema::ChapterFront;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

mod body;
use body::chapter;

mod english;

/// One chapter as [`chapter`] made it from its files, and its diagnostics.
struct Made {
    files: RawChapter,
    chapter: Option<(Chapter, Coverage)>,
    diagnostics: Diagnostics,
}

/// The chapters of the last run (`serve`): a chapter whose two files have
/// the same paths and text is taken from here, not parsed again.
/// [`chapter`] reads nothing but those files, so what it made from them,
/// diagnostics included, is what it would make again. At N = 100
/// (`scripts/gen-scaled-site`) parsing the 1,200 chapters was ~70 % of
/// the resolve stage of a serve rebuild.
#[derive(Default)]
pub struct ChapterCache {
    made: Mutex<HashMap<String, Arc<Made>>>,
    reused: std::sync::atomic::AtomicUsize,
}

impl ChapterCache {
    /// How many chapters were taken from here so far.
    pub fn reused(&self) -> usize {
        self.reused.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn get(&self, rc: &RawChapter) -> Option<Arc<Made>> {
        let made = self.made.lock().ok()?.get(&rc.zh.rel).cloned()?;
        let same = |a: &Source, b: &Source| a.rel == b.rel && a.text == b.text;
        let en_same = match (&made.files.en, &rc.en) {
            (Some(a), Some(b)) => same(a, b),
            (None, None) => true,
            _ => false,
        };
        (same(&made.files.zh, &rc.zh) && en_same).then_some(made)
    }

    fn keep(&self, made: Made) {
        if let Ok(mut all) = self.made.lock() {
            all.insert(made.files.zh.rel.clone(), Arc::new(made));
        }
    }
}

pub(super) fn chapters(
    raw: &Raw,
    cache: Option<&ChapterCache>,
    d: &mut Diagnostics,
) -> (Vec<Chapter>, Vec<Coverage>) {
    use rayon::prelude::*;
    let mut out: Vec<Chapter> = vec![];
    let mut coverage = vec![];
    let mut seen = std::collections::HashSet::new();
    let images: std::collections::BTreeSet<&str> =
        raw.images.iter().map(|(n, _)| n.as_str()).collect();
    // Chapters parse in parallel; their diagnostics join in file order.
    let parsed: Vec<_> = raw
        .chapters
        .par_iter()
        .map(|rc| {
            if let Some((c, made)) = cache.and_then(|c| Some((c, c.get(rc)?))) {
                c.reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                return (rc, made.chapter.clone(), made.diagnostics.clone());
            }
            let mut own = Diagnostics::default();
            let made = chapter(rc, &images, &mut own);
            if let Some(c) = cache {
                c.keep(Made {
                    files: rc.clone(),
                    chapter: made.clone(),
                    diagnostics: own.clone(),
                });
            }
            (rc, made, own)
        })
        .collect();
    for (rc, parsed, own) in parsed {
        d.extend(own);
        if let Some((ch, cov)) = parsed {
            if !seen.insert(ch.number) {
                d.push(
                    error_at(
                        &rc.zh,
                        2,
                        Bilingual::new(
                            format!("章节编号 {} 重复", ch.number),
                            format!("duplicate chapter number {}", ch.number),
                        ),
                    )
                    .with_hint(
                        "每章的 number 必须唯一",
                        "each chapter's number must be unique",
                    ),
                );
                continue;
            }
            out.push(ch);
            coverage.push(cov);
        }
    }
    out.sort_by_key(|c| c.number);
    coverage.sort_by_key(|c| c.chapter);
    (out, coverage)
}

/// Renders paragraph Markdown, reporting raw HTML and unsafe links.
pub(super) fn render_para(src: &Source, line: usize, md: &str, d: &mut Diagnostics) -> InlineHtml {
    let mut problems = vec![];
    let html = markdown::inline(md, &mut problems);
    for p in problems {
        let (zh, en) = match &p {
            InlineProblem::RawHtml(h) => (
                format!("不允许使用 HTML：{h}"),
                format!("raw HTML is not allowed: {h}"),
            ),
            InlineProblem::BadLink(u) => (
                format!("不允许的链接：{u}"),
                format!("link not allowed: {u}"),
            ),
        };
        d.push(error_at(src, line, Bilingual::new(zh, en)).with_hint(
            "请删除 HTML 标签；链接只能是相对路径、http(s) 或 mailto",
            "remove the HTML tag; links may only be relative, http(s) or mailto",
        ));
    }
    html
}

pub(super) fn front(src: &Source, d: &mut Diagnostics) -> Option<(markdown::MdFile, ChapterFront)> {
    let Some(file) = markdown::split(&src.text) else {
        d.push(
            error_at(
                src,
                1,
                Bilingual::new("缺少 +++ 包围的文件头", "missing the +++ front matter"),
            )
            .with_hint(
                "文件应以 +++ 开头，写明 number 和 title，再以 +++ 结束",
                "start the file with +++, number and title, then +++",
            ),
        );
        return None;
    };
    match toml::from_str::<ChapterFront>(&file.front) {
        Ok(f) => Some((file, f)),
        Err(e) => {
            let line = e
                .span()
                .map_or(0, |s| crate::diag::line_col(&file.front, s.start).0)
                + file.front_line
                - 1;
            d.push(
                error_at(
                    src,
                    line,
                    Bilingual::new(
                        format!("文件头错误：{}", e.message()),
                        format!("front matter error: {}", e.message()),
                    ),
                )
                .with_hint(
                    "文件头只能有 number（数字）和 title（文字）",
                    "the front matter holds only number (a number) and title (text)",
                ),
            );
            None
        }
    }
}

struct EnPara {
    line: usize,
    fp: String,
    text: String,
}

/// The error of a line of `src` that is none of a chapter's blocks.
fn unreadable(src: &Source, line: usize, text: &str) -> Diagnostic {
    error_at(
        src,
        line,
        Bilingual::new(
            format!("无法识别的内容：{text}"),
            format!("cannot read: {text}"),
        ),
    )
}

pub(super) fn check_box_directives(
    raw: &Raw,
    chapters: &[Chapter],
    boxes: &[KeyBox],
    d: &mut Diagnostics,
) {
    for (ch, rc) in chapters.iter().zip(&raw.chapters) {
        for s in &ch.sections {
            for b in &s.blocks {
                if let Block::Box { number } = b {
                    if !boxes.iter().any(|x| x.number == *number) {
                        let line = super::common::line_of(&rc.zh, &format!("::: box {number}"), 1);
                        d.push(
                            error_at(
                                &rc.zh,
                                line,
                                Bilingual::new(
                                    format!("专栏 {number} 不存在"),
                                    format!("box {number} does not exist"),
                                ),
                            )
                            .with_hint(
                                "请检查 content/projects.toml 中的专栏编号",
                                "check the box numbers in content/projects.toml",
                            ),
                        );
                    }
                }
            }
        }
    }
}
