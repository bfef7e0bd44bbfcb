//! Paragraph HTML: the official Chinese with its responsibility clauses
//! wrapped and unit names linked in place; the English with clauses
//! rendered from task data at their `{clause}` markers; and the fallback
//! to Chinese, marked `lang="zh-CN"`, where no English exists yet.

use crate::i18n::I18n;
use crate::model::*;
use crate::render::links::url_for;

mod clauses;
use clauses::*;

/// What a paragraph renderer needs besides the paragraph.
pub struct ParaCtx<'a> {
    pub site: &'a Site,
    /// Lookups built once per build.
    pub index: &'a SiteIndex<'a>,
    pub i18n: &'a I18n,
    /// Output path of the page the paragraph is rendered into.
    pub from: &'a str,
    pub lang: Lang,
}

/// Tasks by paragraph and units by id, built once per build so pages do
/// not scan the whole site per paragraph. FxHash: the keys are the site's
/// own ids, looked up for every paragraph and task of every page, and
/// nothing iterates the maps.
pub struct SiteIndex<'a> {
    tasks: FxHashMap<&'a str, Vec<&'a Task>>,
    units: FxHashMap<&'a str, &'a Unit>,
    /// Tasks naming a unit in any role, in site order.
    by_unit: FxHashMap<&'a str, Vec<&'a Task>>,
    /// Tasks by id.
    by_id: FxHashMap<&'a str, &'a Task>,
    /// Commitments by their task, and those with no task by paragraph.
    commitments: FxHashMap<&'a str, Vec<&'a Commitment>>,
    untasked: FxHashMap<&'a str, Vec<&'a Commitment>>,
    /// The date of the site's content: its newest change (`changelog.toml`),
    /// never the clock. "Deadline passed" is said as of this date.
    pub content_date: Option<crate::progress::model::Date>,
}

type FxHashMap<K, V> = rustc_hash::FxHashMap<K, V>;

impl<'a> SiteIndex<'a> {
    pub fn new(site: &'a Site, content_date: Option<&str>) -> Self {
        let mut tasks: FxHashMap<&str, Vec<&Task>> = FxHashMap::default();
        for t in &site.tasks {
            tasks.entry(t.paragraph.as_str()).or_default().push(t);
        }
        let units = site.units.iter().map(|u| (u.id.as_str(), u)).collect();
        let mut by_unit: FxHashMap<&str, Vec<&Task>> = FxHashMap::default();
        for t in &site.tasks {
            let mut named: Vec<&str> = t
                .lead
                .iter()
                .chain(&t.cooperating)
                .chain(&t.responsible)
                .map(UnitId::as_str)
                .collect();
            named.sort_unstable();
            named.dedup();
            for u in named {
                by_unit.entry(u).or_default().push(t);
            }
        }
        let mut commitments: FxHashMap<&str, Vec<&Commitment>> = FxHashMap::default();
        let mut untasked: FxHashMap<&str, Vec<&Commitment>> = FxHashMap::default();
        for c in &site.commitments {
            match &c.task {
                Some(t) => commitments.entry(t.as_str()).or_default().push(c),
                None => untasked.entry(c.paragraph.as_str()).or_default().push(c),
            }
        }
        SiteIndex {
            tasks,
            units,
            by_unit,
            by_id: site.tasks.iter().map(|t| (t.id.as_str(), t)).collect(),
            commitments,
            untasked,
            content_date: content_date.and_then(crate::progress::model::Date::parse),
        }
    }

    /// The tasks that name unit `id` as lead, cooperating or responsible.
    pub fn tasks_of_unit(&self, id: &UnitId) -> &[&'a Task] {
        self.by_unit.get(id.as_str()).map_or(&[], Vec::as_slice)
    }

    /// The tasks whose clauses stand in paragraph `id`, in order.
    pub fn tasks_of(&self, id: &ParaId) -> &[&'a Task] {
        self.tasks.get(id.as_str()).map_or(&[], Vec::as_slice)
    }

    /// The task `id`.
    pub fn task(&self, id: &TaskId) -> Option<&'a Task> {
        self.by_id.get(id.as_str()).copied()
    }

    /// The commitments of task `id`, in site order.
    pub fn commitments_of_task(&self, id: &TaskId) -> &[&'a Commitment] {
        self.commitments.get(id.as_str()).map_or(&[], Vec::as_slice)
    }

    /// The commitments of paragraph `id` that name no task, in site order.
    pub fn untasked_commitments_of(&self, id: &ParaId) -> &[&'a Commitment] {
        self.untasked.get(id.as_str()).map_or(&[], Vec::as_slice)
    }

    pub fn unit(&self, id: &UnitId) -> Option<&'a Unit> {
        self.units.get(id.as_str()).copied()
    }
}

/// One paragraph ready for a template.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ParaView {
    pub id: String,
    pub html: String,
    /// `zh-CN` when Chinese is shown on an English page.
    pub lang: Option<&'static str>,
    /// A visible notice: not yet translated, or translation out of date.
    pub notice: Option<String>,
    /// The printed item number of a box item (`1.`), shown before the text.
    pub prefix: Option<String>,
}

pub(crate) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    // The characters escaped are ASCII: the runs between them are copied
    // whole, not decoded and pushed one character at a time.
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        o.push_str(&s[run..i]);
        o.push_str(entity);
        run = i + 1;
    }
    o.push_str(&s[run..]);
    o
}

pub fn unit_href(cx: &ParaCtx<'_>, id: &UnitId) -> String {
    crate::render::routes::Route::Department(id.as_str()).href(cx.from, cx.lang)
}

fn assemble(h: &InlineHtml, body: &str) -> String {
    match &h.lead {
        Some(lead) => cat!(
            esc(&h.dash),
            "<strong class=\"lead\">",
            lead,
            "</strong>",
            body
        ),
        None => cat!(esc(&h.dash), body),
    }
}

/// Content links are written relative to the paragraph's chapter page,
/// `home`; where the paragraph is shown on another page (the full text, a
/// box on the projects page), they are rewritten relative to that page.
fn rebase_links(cx: &ParaCtx<'_>, home: &str, html: String) -> String {
    if !has_href(&html) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 32);
    let mut rest = html.as_str();
    while let Some(i) = rest.find("href=\"") {
        let (head, tail) = rest.split_at(i + 6);
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        let url = &tail[..end];
        let internal = !url.contains(':') && !url.starts_with('/');
        // A fragment alone (a note reference) names the home page's anchor.
        let target = if url.starts_with('#') {
            Some(home.to_string())
        } else {
            internal
                .then(|| crate::render::links::resolve(home, url.split('#').next().unwrap_or("")))
                .flatten()
        };
        match target {
            Some(target) => {
                out.push_str(&url_for(cx.from, &target));
                if let Some((_, frag)) = url.split_once('#') {
                    out.push('#');
                    out.push_str(frag);
                }
            }
            None => out.push_str(url),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Whether `html` holds a link (memchr's SIMD search, its searcher built
/// once: paragraphs shown away from their chapter are searched on every
/// build).
fn has_href(html: &str) -> bool {
    static HREF: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"href=\""));
    HREF.find(html.as_bytes()).is_some()
}

/// The chapter page paragraph `id` belongs to, in the page's language: a
/// box item's (`box4-i2`) is its box's chapter.
fn home_page(boxes: &[KeyBox], lang: Lang, id: &ParaId) -> Option<String> {
    if let Some(rest) = id.as_str().strip_prefix("box") {
        let number: u32 = rest.split('-').next()?.parse().ok()?;
        let b = boxes.iter().find(|b| b.number == number)?;
        return Some(crate::render::links::chapter_page(lang, b.chapter));
    }
    // `c03-s1-p2`; a scaled site has chapters past 99 (`c1200-…`).
    let rest = id.as_str().strip_prefix('c')?;
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let chapter = rest[..digits].parse::<u32>().ok()?;
    Some(crate::render::links::chapter_page(lang, chapter))
}

/// Renders a paragraph (or box item) with the tasks that stand in it.
pub fn paragraph(
    cx: &ParaCtx<'_>,
    id: &ParaId,
    zh: &InlineHtml,
    en: &English,
    tasks: &[&Task],
) -> ParaView {
    // On its own chapter page (or without one) a paragraph's links stay
    // as they are, so its text is not searched for them.
    let has_links = |h: &InlineHtml| has_href(&h.body) || h.lead.as_deref().is_some_and(has_href);
    if !has_links(zh) && !en.html().is_some_and(has_links) {
        return paragraph_here(cx, id, zh, en, tasks);
    }
    let Some(home) = home_page(&cx.site.boxes, cx.lang, id).filter(|home| home != cx.from) else {
        return paragraph_here(cx, id, zh, en, tasks);
    };
    let rebase = |h: &InlineHtml| InlineHtml {
        dash: h.dash.clone(),
        lead: h.lead.clone().map(|l| rebase_links(cx, &home, l)),
        body: rebase_links(cx, &home, h.body.clone()),
    };
    let en = match en {
        English::Current(h) => English::Current(rebase(h)),
        English::Stale(h) => English::Stale(rebase(h)),
        English::Missing => English::Missing,
    };
    paragraph_here(cx, id, &rebase(zh), &en, tasks)
}

fn paragraph_here(
    cx: &ParaCtx<'_>,
    id: &ParaId,
    zh: &InlineHtml,
    en: &English,
    tasks: &[&Task],
) -> ParaView {
    let t = |k: &str| cx.i18n.get(cx.lang, k);
    match (cx.lang, en) {
        (Lang::En, English::Current(h)) | (Lang::En, English::Stale(h)) => {
            let notice = matches!(en, English::Stale(_)).then(|| t("translation_stale"));
            ParaView {
                id: id.0.clone(),
                html: english(cx, id, h, tasks),
                lang: None,
                notice,
                prefix: None,
            }
        }
        (Lang::En, English::Missing) => ParaView {
            id: id.0.clone(),
            html: chinese(cx, id, zh, tasks),
            lang: Some(Lang::Zh.tag()),
            notice: Some(t("not_translated")),
            prefix: None,
        },
        (Lang::Zh, _) => ParaView {
            id: id.0.clone(),
            html: chinese(cx, id, zh, tasks),
            lang: None,
            notice: None,
            prefix: None,
        },
    }
}

#[cfg(test)]
mod tests;
