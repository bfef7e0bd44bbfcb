//! Page views: one function per page kind, each returning its typed view.

use crate::model::*;
use crate::render::html::para::{esc, ParaCtx, SiteIndex};
use crate::render::views::progress::common::Latest;
use crate::render::views::{self, text, Link, Text};
use serde::Serialize;

#[derive(Serialize)]
pub struct HomeView {
    pub period: String,
    pub district: Text,
    pub targets: Vec<views::RowView>,
    pub target_count: usize,
    pub chapters: Vec<ChapterItem>,
    pub counts: Counts,
}

#[derive(Serialize)]
pub struct Counts {
    pub chapters: usize,
    pub indicators: usize,
    pub binding: usize,
    pub tasks: usize,
    pub units: usize,
    pub commitments: usize,
    pub boxes: usize,
}

fn counts(site: &Site) -> Counts {
    Counts {
        chapters: site.chapters.len(),
        indicators: site.table.indicators.len(),
        binding: site
            .table
            .indicators
            .iter()
            .filter(|i| i.attribute == Attribute::Binding)
            .count(),
        tasks: site.tasks.len(),
        units: site.units.len(),
        commitments: site
            .commitments
            .iter()
            .filter(|c| c.kind == CommitmentKind::Commitment)
            .count(),
        boxes: site.boxes.len(),
    }
}

/// A chapter in the home page's list, with the 第X篇 part it opens.
#[derive(Serialize)]
pub struct ChapterItem {
    #[serde(flatten)]
    pub link: Link,
    pub part: Option<Text>,
}

pub fn chapter_links(cx: &ParaCtx<'_>) -> Vec<ChapterItem> {
    cx.site
        .chapters
        .iter()
        .map(|c| ChapterItem {
            link: chapter_link(cx, c),
            part: c.part.as_ref().map(|p| text(p, cx.lang)),
        })
        .collect()
}

fn chapter_link(cx: &ParaCtx<'_>, c: &Chapter) -> Link {
    let (label, lang) = views::chapter_label(cx, c);
    Link {
        href: crate::render::links::chapter_url(cx.from, cx.lang, c.number, ""),
        label,
        lang,
    }
}

pub fn home(cx: &ParaCtx<'_>) -> HomeView {
    let site = cx.site;
    let targets: Vec<views::RowView> = site
        .table
        .indicators
        .iter()
        .filter(|i| matches!(i.target, Value::Number(_)))
        .map(|i| views::row(cx, i))
        .collect();
    HomeView {
        period: format!("{}–{}", site.plan.period_start, site.plan.period_end),
        district: text(&site.plan.district, cx.lang),
        target_count: targets.len(),
        targets,
        chapters: chapter_links(cx),
        counts: counts(site),
    }
}

#[derive(Serialize)]
pub struct ChapterPage {
    pub header: crate::render::views::frame_extra::DocHeader,
    pub chapter: views::ChapterView,
    pub toc: Vec<Link>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
}

pub fn chapter(cx: &ParaCtx<'_>, ch: &Chapter) -> ChapterPage {
    let view = views::chapter(cx, ch);
    let toc = view
        .sections
        .iter()
        .filter(|s| !s.heading.is_empty())
        .map(|s| Link {
            href: cat!("#", s.id),
            label: cat!(s.heading, " ", s.title.text),
            lang: s.title.lang,
        })
        .collect();
    let idx = cx
        .site
        .chapters
        .iter()
        .position(|c| c.number == ch.number)
        .unwrap_or(0);
    let prev = idx
        .checked_sub(1)
        .and_then(|i| cx.site.chapters.get(i))
        .map(|c| chapter_link(cx, c));
    let next = cx.site.chapters.get(idx + 1).map(|c| chapter_link(cx, c));
    ChapterPage {
        header: crate::render::views::frame_extra::doc_header(cx),
        chapter: view,
        toc,
        prev,
        next,
    }
}

#[derive(Serialize)]
pub struct FullTextPage {
    pub header: crate::render::views::frame_extra::DocHeader,
    pub chapters: Vec<views::ChapterView>,
    pub toc: Vec<Link>,
}

pub fn fulltext(cx: &ParaCtx<'_>) -> FullTextPage {
    let chapters: Vec<views::ChapterView> = cx
        .site
        .chapters
        .iter()
        .map(|c| views::chapter(cx, c))
        .collect();
    let toc = chapters
        .iter()
        .map(|c| Link {
            href: cat!("#", c.id),
            label: if c.heading.is_empty() {
                c.title.text.clone()
            } else {
                cat!(c.heading, " ", c.title.text)
            },
            lang: c.title.lang,
        })
        .collect();
    FullTextPage {
        header: crate::render::views::frame_extra::doc_header(cx),
        chapters,
        toc,
    }
}

#[derive(Serialize)]
pub struct ProjectsPage {
    pub boxes: Vec<views::BoxView>,
    /// The release the item statuses come from.
    pub status_from: Option<Link>,
}

pub fn projects(cx: &ParaCtx<'_>) -> ProjectsPage {
    let latest = Latest::of(cx);
    let boxes = cx
        .site
        .boxes
        .iter()
        .map(|b| {
            let mut view = views::key_box(cx, b);
            if let Some(l) = &latest {
                for (item, (n, _)) in view.items.iter_mut().zip(b.numbered_items()) {
                    item.status = Some(l.project(cx, b.number, n));
                }
            }
            view
        })
        .collect();
    ProjectsPage {
        boxes,
        status_from: latest.map(|l| l.source),
    }
}

#[derive(Serialize)]
pub struct UnitRow {
    pub href: String,
    pub name: Text,
    pub lead: usize,
    pub cooperating: usize,
    pub responsible: usize,
}

pub fn unit_roles<'a>(index: &SiteIndex<'a>, id: &UnitId) -> [Vec<&'a Task>; 3] {
    let has = |v: &[UnitId]| v.contains(id);
    let mine = index.tasks_of_unit(id);
    [
        mine.iter().copied().filter(|t| has(&t.lead)).collect(),
        mine.iter()
            .copied()
            .filter(|t| has(&t.cooperating))
            .collect(),
        mine.iter()
            .copied()
            .filter(|t| has(&t.responsible))
            .collect(),
    ]
}

pub fn departments(cx: &ParaCtx<'_>) -> Vec<UnitRow> {
    let mut rows: Vec<UnitRow> = cx
        .site
        .units
        .iter()
        .map(|u| {
            let [l, c, r] = unit_roles(cx.index, &u.id);
            UnitRow {
                href: crate::render::html::para::unit_href(cx, &u.id),
                name: text(&u.name, cx.lang),
                lead: l.len(),
                cooperating: c.len(),
                responsible: r.len(),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.lead + b.cooperating + b.responsible)
            .cmp(&(a.lead + a.cooperating + a.responsible))
            .then(a.href.cmp(&b.href))
    });
    rows
}

#[derive(Serialize)]
pub struct AboutPage {
    pub title: Text,
    pub period: String,
    pub source_file: String,
    pub sha256: String,
    pub source_url: String,
    pub header: Vec<(String, String)>,
    pub counts: Counts,
}

pub fn about(cx: &ParaCtx<'_>) -> AboutPage {
    let p = &cx.site.plan;
    let t = |k: &str| cx.i18n.get(cx.lang, k);
    let mut header = vec![];
    let issuer = text(&p.issuer, cx.lang).text;
    for (key, value) in [
        ("doc_issuer", issuer),
        ("doc_number", p.document_number.clone()),
        ("doc_date", p.issue_date.clone()),
        ("doc_index", p.index_number.clone()),
    ] {
        if !value.trim().is_empty() {
            header.push((t(key), value));
        }
    }
    AboutPage {
        title: text(&p.title, cx.lang),
        period: format!("{}–{}", p.period_start, p.period_end),
        source_file: esc(&p.source_file),
        sha256: p.source_sha256.clone(),
        source_url: p.source_url.clone(),
        header,
        counts: counts(cx.site),
    }
}
