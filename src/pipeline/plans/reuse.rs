//! `serve` on a site of several plans: a plan none of whose files changed
//! since the last run, and whose links to other plans give the same data,
//! is not run again. Its files (a [`Part`] the preview shares), its
//! summary and its diagnostics are taken from its last run, so that an
//! edit of one plan rebuilds that plan and the portal, not the site.

use crate::diag::Diagnostics;
use crate::model::{Linked, PlanInfo};
use crate::render::Part;
use crate::resolve::Coverage;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// What a plan was built from: each file's path, size and modification
/// time, in path order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(in crate::pipeline) struct Stamp(Vec<(String, u64, u128)>);

/// The files the plans of the site share: `site.toml`, the shared unit
/// registry and glossary, and the site's theme folder.
pub(super) fn site_stamp(root: &Path) -> Stamp {
    let mut out = vec![];
    for rel in [
        "site.toml",
        crate::load::SHARED_UNITS,
        crate::load::SHARED_GLOSSARY,
        "themes",
    ] {
        add(root, &root.join(rel), &mut out);
    }
    Stamp(out)
}

/// The files of plan `id` (`content/plans/ID/`, all of it), after the
/// site's shared ones, `site`.
pub(super) fn plan_stamp(root: &Path, id: &str, site: &Stamp) -> Stamp {
    let mut out = site.0.clone();
    let dir = root.join(crate::load::PLANS).join(id);
    add(root, &dir, &mut out);
    Stamp(out)
}

/// Every file at or under `path`, sorted; a path that is not there adds
/// nothing (so a file made later changes the stamp).
fn add(root: &Path, path: &Path, out: &mut Vec<(String, u64, u128)>) {
    let mut found: Vec<(String, u64, u128)> = walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            let rel = e.path().strip_prefix(root).unwrap_or(e.path());
            let time = m.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
            Some((rel.to_string_lossy().into_owned(), m.len(), time.as_nanos()))
        })
        .collect();
    found.sort();
    out.extend(found);
}

/// A plan's last run (`serve`): what it was made from and what it made.
pub(in crate::pipeline) struct Last {
    pub(super) stamp: Stamp,
    pub(super) linked: Linked,
    /// Its files, under its folder.
    pub(super) part: Part,
    pub(super) info: PlanInfo,
    /// Its pages (site paths) with links to other plans' pages.
    pub(super) outside: Vec<String>,
    pub(super) diagnostics: Diagnostics,
    pub(super) coverage: Vec<Coverage>,
}

impl Last {
    /// Whether this run may stand for a run of the plan made from `stamp`,
    /// linked to `linked`.
    pub(super) fn holds(&self, stamp: &Stamp, linked: &Linked) -> bool {
        self.stamp == *stamp && self.linked == *linked
    }
}

/// The portal's pages of the last run (`serve`), and what they were made
/// from: they stand for this run's when the site's shared files, its plans
/// (in order) with their summaries, and the plans' file paths (which the
/// portal's links are checked against) are the same.
pub(in crate::pipeline) struct Portal {
    pub(super) site: Stamp,
    pub(super) plans: Vec<(String, PlanInfo)>,
    pub(super) names: Vec<String>,
    pub(super) pages: Vec<crate::render::OutputFile>,
}

impl Portal {
    fn holds(&self, site: &Stamp, plans: &[(String, PlanInfo)], names: &[String]) -> bool {
        self.site == *site && self.plans == plans && self.names == names
    }
}

/// The portal's pages of `portal`: those of the last run (`slot`) when
/// made from the same, else made by `render` (and kept in `slot` for the
/// next run when it made some).
pub(super) fn portal(
    slot: &mut Option<Portal>,
    site: &Stamp,
    names: &[String],
    portal: &crate::render::portal::Portal<'_>,
    render: impl FnOnce(&crate::render::portal::Portal<'_>) -> Vec<crate::render::OutputFile>,
) -> Vec<crate::render::OutputFile> {
    let plans: Vec<(String, PlanInfo)> = (portal.plans.iter())
        .map(|p| (p.id.to_string(), p.info.clone()))
        .collect();
    if let Some(last) = slot.as_ref().filter(|l| l.holds(site, &plans, names)) {
        return last.pages.clone();
    }
    let pages = render(portal);
    *slot = (!pages.is_empty()).then(|| Portal {
        site: site.clone(),
        plans,
        names: names.to_vec(),
        pages: pages.clone(),
    });
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plans_stamp_changes_with_its_files_and_the_sites_shared_ones() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let plan = root.join("content/plans/a");
        std::fs::create_dir_all(plan.join("chapters")).expect("mkdir");
        std::fs::write(plan.join("chapters/01.zh.md"), "一").expect("write");
        std::fs::write(root.join("site.toml"), "").expect("write");
        let site = site_stamp(root);
        let first = plan_stamp(root, "a", &site);
        assert_eq!(plan_stamp(root, "a", &site), first, "the same files");
        // Another plan's files are not this plan's.
        std::fs::create_dir_all(root.join("content/plans/b")).expect("mkdir");
        std::fs::write(root.join("content/plans/b/plan.toml"), "x").expect("write");
        assert_eq!(plan_stamp(root, "a", &site_stamp(root)), first);
        // A longer file, a new file, a shared file.
        std::fs::write(plan.join("chapters/01.zh.md"), "一二").expect("write");
        let edited = plan_stamp(root, "a", &site_stamp(root));
        assert_ne!(edited, first);
        std::fs::write(plan.join("links.toml"), "").expect("write");
        let added = plan_stamp(root, "a", &site_stamp(root));
        assert_ne!(added, edited);
        std::fs::create_dir_all(root.join("content")).expect("mkdir");
        std::fs::write(root.join(crate::load::SHARED_GLOSSARY), "[terms]").expect("write");
        assert_ne!(plan_stamp(root, "a", &site_stamp(root)), added);
    }
}
