//! The portal's 404 page in each language (`404.html`, `en/404.html`),
//! which the host shows for any missing path of the site (nginx's
//! `error_page 404`, IIS's custom error page). As on a plan's own 404
//! page, the site's base path (`base_url` in `site.toml`) becomes its
//! `<base href>` and the style sheet is inlined, so that it works at any
//! depth; without a base URL its relative links are right at the top.

use super::{Cx, Made, CSS};
use crate::model::Lang;
use crate::render::links::output_path;
use serde::Serialize;

const TEMPLATE: &str = "portal_404.html";

#[derive(Serialize)]
struct View<'a> {
    c: super::Frame<'a>,
}

/// The 404 page in `lang`.
pub(super) fn page(cx: &Cx<'_>, lang: Lang) -> tera::Result<Made> {
    let from = output_path(lang, "404.html");
    let alt = output_path(lang.other(), "404.html");
    let mut c = cx.frame(lang, &from, &alt, TEMPLATE);
    c.base_href = crate::render::page::base_path(&cx.p.config.base(), "", lang);
    c.inline_css =
        cx.p.theme
            .files
            .get(CSS)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
    cx.render(TEMPLATE, from, &View { c })
}
