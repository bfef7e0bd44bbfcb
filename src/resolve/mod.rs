//! Resolve: check the raw content and build the typed, bilingual `Site`.
//! Every cross-reference (unit, task, paragraph, group, box) is checked
//! here; every problem becomes a diagnostic naming its file and line.

mod chapters;
pub(crate) mod common;
mod data;
mod synonyms;

pub use chapters::ChapterCache;
pub use common::Coverage;
use common::Glossary;
pub(crate) use common::{error_at, line_of};

use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::load::{Raw, Source};
use crate::model::*;

/// The chapter number a chapter file's front matter gives, if it parses.
pub fn chapter_number(src: &Source) -> Option<u32> {
    chapters::front(src, &mut Diagnostics::default()).map(|(_, f)| f.number)
}

/// What resolve produces besides the site.
#[derive(Debug, Default)]
pub struct Resolved {
    pub site: Option<Site>,
    pub coverage: Vec<Coverage>,
}

pub fn resolve(raw: &Raw, d: &mut Diagnostics) -> Resolved {
    resolve_with(raw, None, d)
}

/// [`resolve`], taking the chapters whose files did not change from
/// `cache` and keeping the others there (`serve`). The result is the same.
pub fn resolve_with(raw: &Raw, cache: Option<&ChapterCache>, d: &mut Diagnostics) -> Resolved {
    let glossary = Glossary {
        terms: &raw.glossary.1.terms,
        source: &raw.glossary.0,
        shared: raw.shared_glossary.as_ref().map(|g| &g.1.terms),
        missing: Default::default(),
    };
    let units = data::units(raw, &glossary, d);
    let (chapters, coverage) = chapters::chapters(raw, cache, d);
    let boxes = data::boxes(raw, d);
    let tasks = data::tasks(raw, &units, &chapters, &boxes, d);
    let commitments = data::commitments(raw, &tasks, &chapters, &boxes, d);
    let table = data::indicators(raw, &glossary, (&chapters, &boxes), d);
    let plan = data::plan(raw, &glossary);
    let all_towns = data::all_towns(raw, &glossary, &tasks, d);
    chapters::check_box_directives(raw, &chapters, &boxes, d);
    report_missing_terms(&glossary, d);
    let site = Site {
        plan,
        chapters,
        table,
        units,
        all_towns,
        tasks,
        commitments,
        boxes,
        progress: Default::default(),
        images: raw.images.clone(),
        synonyms: synonyms::synonyms(raw, d),
        linked: Default::default(),
    };
    Resolved {
        site: (!d.has_errors()).then_some(site),
        coverage,
    }
}

fn report_missing_terms(g: &Glossary<'_>, d: &mut Diagnostics) {
    let mut missing = g.missing.borrow().clone();
    missing.sort();
    missing.dedup();
    for term in missing {
        d.push(
            Diagnostic::warning(
                &g.source.rel,
                0,
                Bilingual::new(
                    format!("术语缺少英文译名：{term}"),
                    format!("glossary has no English for: {term}"),
                ),
            )
            .with_hint(
                format!("请在 [terms] 下添加 \"{term}\" = \"…\""),
                format!("add \"{term}\" = \"…\" under [terms]"),
            ),
        );
    }
}
