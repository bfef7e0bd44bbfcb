//! The portal's search page (`search/index.html` in each language): a
//! search of every plan's full text at once, or of one plan chosen in the
//! page, by the plans' own indexes merged in the browser. It runs the
//! plans' `search.js` (copied to the top with `search-text.js`), pointed at
//! the portal's `pagefind/` folder, which holds the theme's module that
//! merges the plans' indexes ([`crate::search::across`]). Every path the
//! page gives is relative. Without JavaScript, or where the indexes cannot
//! load, the page says so and links each plan's home and full text.

use super::{period, Cx, Made};
use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::model::Lang;
use crate::render::links::{root_of, url_for};
use crate::render::routes::{in_plan, plan_folder, Route};
use crate::render::views::{text, Text};
use crate::render::OutputFile;
use crate::search::across::{self, PlanIndex};
use serde::Serialize;

const TEMPLATE: &str = "portal_search.html";

/// The theme's module that searches every plan's index as one.
const MODULE: &str = "portal/pagefind.js";

/// The theme's style sheet of the page's own controls, and its path on the
/// site.
const STYLE: (&str, &str) = ("portal/search.css", "assets/portal-search.css");

/// The scripts the page runs, the same in every plan's tree (the portal
/// copies them to the top).
pub(super) const SCRIPTS: [&str; 2] = ["assets/search-text.js", "assets/search.js"];

#[derive(Serialize)]
struct View<'a> {
    c: super::Frame<'a>,
    /// The site's root, relative to the page.
    root: String,
    /// The page's own style sheet.
    style: String,
    plans: Vec<Plan>,
}

/// A plan as the search page lists it.
#[derive(Serialize)]
struct Plan {
    id: String,
    title: Text,
    period: String,
    /// Its home page and full text, for the page without JavaScript.
    home: String,
    fulltext: String,
    /// Its index folder, relative to the page; empty when it has none in
    /// the page's language (a build without search).
    index: String,
    /// That index's extra shards, relative to the page.
    shards: Vec<String>,
    /// The plan's folder, relative to the site's root.
    base: String,
}

/// The page's style sheet and the portal's `pagefind/` folder, made from
/// the plans' files (`files`, under their folders); none, with a
/// diagnostic, when the theme lacks one of its files or an index file is
/// unreadable.
pub(super) fn files(
    cx: &Cx<'_>,
    files: &[OutputFile],
    d: &mut Diagnostics,
) -> Option<Vec<OutputFile>> {
    let mut theme = |name: &str| match cx.p.theme.files.get(name) {
        Some(bytes) => Some(bytes),
        None => {
            d.push(not_in_theme(cx, name));
            None
        }
    };
    let style = OutputFile {
        rel_path: STYLE.1.into(),
        bytes: theme(STYLE.0)?.clone(),
    };
    let module = theme(MODULE)?;
    let mut out = readable(across::portal_bundle(files, &folders(cx), module), d)?;
    out.push(style);
    Some(out)
}

/// Every plan's folder, in the portal's order.
fn folders(cx: &Cx<'_>) -> Vec<String> {
    cx.p.plans.iter().map(|p| plan_folder(p.id)).collect()
}

/// Each plan's index in `lang`, in the portal's order; none, with a
/// diagnostic, when an index file is unreadable.
pub(super) fn indexes(
    cx: &Cx<'_>,
    files: &[OutputFile],
    lang: Lang,
    d: &mut Diagnostics,
) -> Option<Vec<Option<PlanIndex>>> {
    let tag = lang.tag().to_lowercase();
    readable(across::plan_indexes(files, &folders(cx), &tag), d)
}

/// The search page in `lang`, given each plan's index in it.
pub(super) fn page(cx: &Cx<'_>, lang: Lang, indexes: &[Option<PlanIndex>]) -> tera::Result<Made> {
    let from = Route::Search.output(lang);
    let plans =
        cx.p.plans
            .iter()
            .zip(indexes)
            .map(|(p, index)| Plan {
                id: p.id.to_string(),
                title: text(&p.info.title, lang),
                period: period(p.info),
                home: url_for(&from, &in_plan(p.id, Route::Home, lang)),
                fulltext: url_for(&from, &in_plan(p.id, Route::FullText, lang)),
                index: index
                    .as_ref()
                    .map(|i| url_for(&from, &i.dir))
                    .unwrap_or_default(),
                shards: index
                    .iter()
                    .flat_map(|i| i.shards.iter().map(|s| url_for(&from, s)))
                    .collect(),
                base: plan_folder(p.id),
            })
            .collect();
    let alt = Route::Search.output(lang.other());
    let view = View {
        c: cx.frame(lang, &from, &alt, TEMPLATE),
        root: root_of(&from),
        style: url_for(&from, STYLE.1),
        plans,
    };
    cx.render(TEMPLATE, from, &view)
}

fn not_in_theme(cx: &Cx<'_>, name: &str) -> Diagnostic {
    let dir =
        cx.p.theme
            .origin
            .get("templates/portal.html")
            .and_then(|o| o.strip_suffix("templates/portal.html"))
            .unwrap_or("themes/default/")
            .to_string();
    Diagnostic::error(
        cat!(dir, name),
        0,
        Bilingual::new(
            format!("主题缺少门户搜索页的文件 {name}"),
            format!("the theme lacks the portal search page's file {name}"),
        ),
    )
    .with_hint(
        format!("请从默认主题复制 themes/default/{name}"),
        format!("copy themes/default/{name} from the default theme"),
    )
}

/// What `read` gave, or none with a diagnostic.
fn readable<T>(read: anyhow::Result<T>, d: &mut Diagnostics) -> Option<T> {
    read.map_err(|e| d.push(unreadable(&e))).ok()
}

fn unreadable(e: &anyhow::Error) -> Diagnostic {
    Diagnostic::error(
        "public",
        0,
        Bilingual::new(
            format!("无法读取某项规划的搜索索引：{e:#}"),
            format!("a plan's search index cannot be read: {e:#}"),
        ),
    )
    .with_hint(
        "请重新运行 plansite build；如仍出错，请报告此问题",
        "run plansite build again; if it fails again, please report it",
    )
}
