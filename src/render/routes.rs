//! Every page of a site, by what it shows: one [`Route`] per page, with its
//! path inside a language tree (`chapters/03/index.html`), its output path
//! in each language (`en/chapters/03/index.html`) and its template. Every
//! page URL the renderer makes comes from here; templates get theirs from
//! the frame (`c.nav`, `c.home`) or from the page's data.

use crate::model::Lang;
use crate::render::links;

/// A page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    Home,
    FullText,
    Indicators,
    Projects,
    Departments,
    Commitments,
    About,
    Data,
    Search,
    NotFound,
    Changes,
    Interpretation,
    Progress,
    /// Chapter `n` (its number in the plan, not its position).
    Chapter(u32),
    /// The department page of the unit with this id.
    Department(&'a str),
    /// Indicator `n` of the indicator table.
    Indicator(u32),
    /// The commitments of the unit with this id.
    UnitCommitments(&'a str),
    /// A progress release, by id.
    Release(&'a str),
    /// A progress report, by slug.
    Report(&'a str),
}

impl Route<'_> {
    /// The page's path inside a language tree.
    pub fn path(&self) -> String {
        let fixed = |s: &str| s.to_string();
        match self {
            Route::Home => fixed("index.html"),
            Route::FullText => fixed("fulltext/index.html"),
            Route::Indicators => fixed("indicators/index.html"),
            Route::Projects => fixed("projects/index.html"),
            Route::Departments => fixed("departments/index.html"),
            Route::Commitments => fixed("commitments/index.html"),
            Route::About => fixed("about/index.html"),
            Route::Data => fixed("data/index.html"),
            Route::Search => fixed("search/index.html"),
            Route::NotFound => fixed("404.html"),
            Route::Changes => fixed("changes/index.html"),
            Route::Interpretation => fixed("interpretation/index.html"),
            Route::Progress => fixed("progress/index.html"),
            Route::Chapter(n) => links::chapter_page(Lang::Zh, *n),
            Route::Department(id) => cat!("departments/", id, "/index.html"),
            Route::UnitCommitments(id) => cat!("commitments/unit/", id, "/index.html"),
            Route::Indicator(n) => cat!("indicators/", links::two_digits(*n), "/index.html"),
            Route::Release(id) => cat!("progress/", id, "/index.html"),
            Route::Report(slug) => cat!("progress/reports/", slug, "/index.html"),
        }
    }

    /// The page's output path in `lang`.
    pub fn output(&self, lang: Lang) -> String {
        match self {
            Route::Chapter(n) => links::chapter_page(lang, *n),
            _ => links::output_path(lang, &self.path()),
        }
    }

    /// The relative href to this page in `lang` from the page at output
    /// path `from`.
    pub fn href(&self, from: &str, lang: Lang) -> String {
        links::url_for(from, &self.output(lang))
    }

    /// The theme template the page is rendered with.
    pub fn template(&self) -> &'static str {
        match self {
            Route::Home => "home.html",
            Route::FullText => "fulltext.html",
            Route::Indicators => "indicators.html",
            Route::Projects => "projects.html",
            Route::Departments => "departments.html",
            Route::Commitments | Route::UnitCommitments(_) => "commitments.html",
            Route::About => "about.html",
            Route::Data => "data.html",
            Route::Search => "search.html",
            Route::NotFound => "404.html",
            Route::Changes => "changes.html",
            Route::Interpretation => "interpretation.html",
            Route::Progress => "progress.html",
            Route::Chapter(_) => "chapter.html",
            Route::Department(_) => "department.html",
            Route::Indicator(_) => "indicator.html",
            Route::Release(_) => "release.html",
            Route::Report(_) => "report.html",
        }
    }

    /// The pages of the main navigation, with their label's key.
    pub const NAV: [(Route<'static>, &'static str); 8] = [
        (Route::Home, "nav_home"),
        (Route::Indicators, "nav_indicators"),
        (Route::Progress, "nav_progress"),
        (Route::Projects, "nav_projects"),
        (Route::Departments, "nav_departments"),
        (Route::Commitments, "nav_commitments"),
        (Route::FullText, "nav_fulltext"),
        (Route::Search, "nav_search"),
    ];

    /// The pages every site has, whatever its plan holds.
    pub const FIXED: [Route<'static>; 12] = [
        Route::Home,
        Route::FullText,
        Route::Indicators,
        Route::Projects,
        Route::Departments,
        Route::Commitments,
        Route::About,
        Route::Data,
        Route::Search,
        Route::NotFound,
        Route::Changes,
        Route::Interpretation,
    ];
}

/// On a site of several plans, the folder of plan `id`'s pages: its
/// Chinese tree, with the English one in `en/` inside it. Each plan's tree
/// is the tree a site of that plan alone would have, so the links inside
/// it are the same; a site of one plan has its tree at the top.
pub fn plan_folder(id: &str) -> String {
    cat!("plans/", id, "/")
}

/// On a site of several plans, the output path of the portal (the home
/// page listing the plans) in `lang`.
pub fn portal(lang: Lang) -> String {
    links::output_path(lang, "index.html")
}

/// The output path of plan `id`'s page `route` in `lang`, on a site of
/// several plans.
pub fn in_plan(id: &str, route: Route<'_>, lang: Lang) -> String {
    cat!(plan_folder(id), route.output(lang))
}

/// From page `from` of a plan of several (its output path in the plan's
/// own tree), the link to plan `id`'s page `route` in `lang`: up out of
/// the plan's folder, into the other's.
pub fn to_other_plan(from: &str, id: &str, route: Route<'_>, lang: Lang) -> String {
    let up = "../".repeat(from.matches('/').count() + 1);
    cat!(up, id, "/", route.output(lang))
}

/// From page `from` of a plan of several (its output path in the plan's
/// own tree), the link to the site-level page `route` in `lang`: up out
/// of the plan's folder (`plans/ID/`).
pub fn to_site(from: &str, route: Route<'_>, lang: Lang) -> String {
    let up = "../".repeat(from.matches('/').count() + 2);
    cat!(up, route.output(lang))
}

#[cfg(test)]
mod tests {
    use super::Route;
    use crate::model::Lang;

    #[test]
    fn every_route_has_its_path_in_each_language() {
        let cases = [
            (Route::Home, "index.html"),
            (Route::NotFound, "404.html"),
            (Route::Chapter(3), "chapters/03/index.html"),
            (Route::Chapter(12), "chapters/12/index.html"),
            (
                Route::Department("shengtai"),
                "departments/shengtai/index.html",
            ),
            (Route::Indicator(7), "indicators/07/index.html"),
            (Route::Release("2024"), "progress/2024/index.html"),
            (
                Route::Report("mid-term"),
                "progress/reports/mid-term/index.html",
            ),
        ];
        for (route, path) in cases {
            assert_eq!(route.path(), path);
            assert_eq!(route.output(Lang::Zh), path);
            assert_eq!(route.output(Lang::En), format!("en/{path}"));
        }
        assert_eq!(
            Route::Chapter(3).href("en/departments/x/index.html", Lang::En),
            "../../../en/chapters/03/index.html"
        );
        // Each page has its own template, the fixed pages their own paths.
        let mut paths: Vec<String> = Route::FIXED.iter().map(Route::path).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), Route::FIXED.len());
        assert_eq!(Route::Indicator(1).template(), "indicator.html");
    }

    #[test]
    fn a_plan_of_several_keeps_its_tree_under_its_folder() {
        use super::{in_plan, portal};
        assert_eq!(
            in_plan("15th", Route::Home, Lang::Zh),
            "plans/15th/index.html"
        );
        assert_eq!(
            in_plan("15th", Route::Chapter(3), Lang::En),
            "plans/15th/en/chapters/03/index.html"
        );
        assert_eq!(portal(Lang::En), "en/index.html");
        // A link a site of the plan alone has, followed from the page moved
        // under the plan's folder, lands on the moved target.
        let (from, to) = (Route::Indicators, Route::Chapter(2));
        let href = to.href(&from.output(Lang::En), Lang::En);
        let moved = in_plan("14th", from, Lang::En);
        let mut parts: Vec<&str> = moved.split('/').collect();
        parts.pop();
        for seg in href.split('/') {
            match seg {
                ".." => {
                    parts.pop();
                }
                s => parts.push(s),
            }
        }
        assert_eq!(parts.join("/"), in_plan("14th", to, Lang::En));
    }
}
