//! Paragraph HTML: the official Chinese with its responsibility clauses
//! wrapped and unit names linked in place; the English with clauses
//! rendered from task data at their `{clause}` markers; and the fallback
//! to Chinese, marked `lang="zh-CN"`, where no English exists yet.

use super::links::url_for;
use crate::i18n::I18n;
use crate::model::*;

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
    super::links::url_to(
        cx.from,
        &[cx.lang.prefix(), "departments/", id.as_str(), "/index.html"],
    )
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
                .then(|| super::links::resolve(home, url.split('#').next().unwrap_or("")))
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
        return Some(super::links::chapter_page(lang, b.chapter));
    }
    // `c03-s1-p2`; a scaled site has chapters past 99 (`c1200-…`).
    let rest = id.as_str().strip_prefix('c')?;
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let chapter = rest[..digits].parse::<u32>().ok()?;
    Some(super::links::chapter_page(lang, chapter))
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

fn chinese(cx: &ParaCtx<'_>, id: &ParaId, zh: &InlineHtml, tasks: &[&Task]) -> String {
    let mut body = zh.body.clone();
    let mut from = 0;
    for task in tasks {
        let clause = esc(&task.clause);
        // std's substring search: memchr's memmem sets up a SIMD searcher
        // per call, which cost more than these one-off searches in a
        // paragraph (~7,000 instructions a clause).
        let found = body.get(from..).and_then(|rest| rest.find(clause.as_str()));
        let Some(pos) = found.map(|p| p + from) else {
            continue;
        };
        let linked = link_names(cx, task, &clause);
        let span = span_open(id, task);
        let replacement = cat!(span, linked, "</span>");
        body.replace_range(pos..pos + clause.len(), &replacement);
        from = pos + replacement.len();
    }
    assemble(zh, &body)
}

fn span_open(id: &ParaId, task: &Task) -> String {
    if task.id.as_str() == id.as_str() {
        "<span class=\"clause\">".to_string()
    } else {
        cat!("<span class=\"clause\" id=\"", esc(task.id.as_str()), "\">")
    }
}

/// Links every name of the task's units inside the (escaped) clause text,
/// longest name first, left to right.
fn link_names(cx: &ParaCtx<'_>, task: &Task, clause: &str) -> String {
    let mut names: Vec<(&str, &UnitId)> = vec![];
    for uid in task
        .lead
        .iter()
        .chain(&task.cooperating)
        .chain(&task.responsible)
    {
        if let Some(u) = cx.index.unit(uid) {
            names.push((&u.name.zh, uid));
            names.extend(u.aliases.iter().map(|a| (a.as_str(), uid)));
            names.extend(u.suspect.iter().map(|(a, _)| (a.as_str(), uid)));
        }
    }
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    let mut out = String::with_capacity(clause.len() * 2);
    let mut i = 0;
    while i < clause.len() {
        match names
            .iter()
            .find(|(n, _)| !n.is_empty() && clause[i..].starts_with(n))
        {
            Some((n, uid)) => {
                for piece in ["<a href=\"", &unit_href(cx, uid), "\">", &esc(n), "</a>"] {
                    out.push_str(piece);
                }
                i += n.len();
            }
            None => {
                let c = clause[i..].chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8().max(1);
            }
        }
    }
    out
}

fn unit_list(cx: &ParaCtx<'_>, ids: &[UnitId], and_others: bool) -> String {
    let t = |k: &str| cx.i18n.get(cx.lang, k);
    let mut parts: Vec<String> = ids
        .iter()
        .filter_map(|id| cx.index.unit(id).map(|u| (id, u)))
        .map(|(id, u)| {
            let name = if u.name.en.is_empty() {
                &u.name.zh
            } else {
                &u.name.en
            };
            cat!("<a href=\"", unit_href(cx, id), "\">", esc(name), "</a>")
        })
        .collect();
    if and_others {
        parts.push(t("and_others"));
    }
    parts.join(", ")
}

/// The English clause of a task, from its data.
pub fn english_clause(cx: &ParaCtx<'_>, task: &Task) -> String {
    let t = |k: &str| cx.i18n.get(cx.lang, k);
    let coop_others = task.and_others && !task.cooperating.is_empty();
    let main_others = task.and_others && !coop_others;
    let mut inner = match task.kind {
        TaskKind::Lead => cat!(
            "(",
            t("clause_lead"),
            ": ",
            unit_list(cx, &task.lead, main_others)
        ),
        TaskKind::Responsible => cat!(
            "(",
            t("clause_responsible"),
            ": ",
            unit_list(cx, &task.responsible, main_others)
        ),
        TaskKind::Joint => cat!(
            "(",
            t("clause_joint"),
            ": ",
            unit_list(cx, &task.responsible, main_others)
        ),
    };
    if !task.cooperating.is_empty() {
        for piece in [
            "; ",
            &t("clause_cooperating"),
            ": ",
            &unit_list(cx, &task.cooperating, coop_others),
        ] {
            inner.push_str(piece);
        }
    }
    if cx.site.all_towns.task.as_ref() == Some(&task.id) && !cx.site.all_towns.text.en.is_empty() {
        inner.push_str("; ");
        inner.push_str(&esc(&cx.site.all_towns.text.en));
    }
    inner.push(')');
    inner
}

fn english(cx: &ParaCtx<'_>, id: &ParaId, h: &InlineHtml, tasks: &[&Task]) -> String {
    let marker = crate::seed::text::CLAUSE_MARKER;
    let mut remaining = tasks.iter();
    let mut body = String::with_capacity(h.body.len() + 256);
    let mut rest = h.body.as_str();
    while let Some(pos) = rest.find(marker) {
        body.push_str(&rest[..pos]);
        if let Some(task) = remaining.next() {
            body.push_str(&span_open(id, task));
            body.push_str(&english_clause(cx, task));
            body.push_str("</span>");
        }
        rest = &rest[pos + marker.len()..];
    }
    body.push_str(rest);
    for task in remaining {
        body.push(' ');
        body.push_str(&span_open(id, task));
        body.push_str(&english_clause(cx, task));
        body.push_str("</span>");
    }
    assemble(h, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esc_escapes_markup_characters_and_keeps_the_rest() {
        assert_eq!(
            esc("a&b<c>\"d\" 生态环境 'e' &amp;"),
            "a&amp;b&lt;c&gt;&quot;d&quot; 生态环境 'e' &amp;amp;"
        );
        assert_eq!(esc("<"), "&lt;");
        assert_eq!(esc(""), "");
        assert_eq!(esc("中"), "中");
    }

    #[test]
    fn a_paragraph_belongs_to_the_chapter_its_id_names() {
        let cases = [
            (Lang::Zh, "c03-s1-p2", Some("chapters/03/index.html")),
            (Lang::En, "c03-s1-p2", Some("en/chapters/03/index.html")),
            // A scaled site (scripts/gen-scaled-site) numbers chapters past 99.
            (Lang::Zh, "c1200-s0", Some("chapters/1200/index.html")),
            (Lang::Zh, "c7", Some("chapters/07/index.html")),
            // A box item's page is its box's chapter's.
            (Lang::En, "box3-i1", Some("en/chapters/05/index.html")),
            (Lang::Zh, "box4-i1", None),
            (Lang::Zh, "c-s1", None),
        ];
        let boxes = [KeyBox {
            number: 3,
            chapter: 5,
            title: Localized::new(String::new(), String::new()),
            items: vec![],
        }];
        for (lang, id, want) in cases {
            let got = home_page(&boxes, lang, &ParaId(id.into()));
            assert_eq!(got.as_deref(), want, "{id}");
        }
    }
}
