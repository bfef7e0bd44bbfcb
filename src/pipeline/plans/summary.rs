//! What the portal of several plans keeps of one plan's resolved site
//! beyond its title and period: its headline status and its units' work
//! (see [`crate::model::summary`]).

use crate::model::summary::{Headline, UnitWork, WorkRef, ROLES};
use crate::model::{Site, Task, UnitId};
use crate::progress::status::Status;

/// The plan's indicators counted by status at its latest release; none
/// when it has no release (then nothing is reported).
pub(super) fn headline(site: &Site) -> Option<Headline> {
    let st = crate::progress::state::at(&site.progress, None);
    let release = st.release?;
    let mut counts: Vec<(Status, usize)> = Status::ALL.iter().map(|s| (*s, 0)).collect();
    for i in &site.table.indicators {
        let status = st.assess(site, i).status;
        if let Some((_, n)) = counts.iter_mut().find(|(s, _)| *s == status) {
            *n += 1;
        }
    }
    Some(Headline {
        as_of: release.as_of,
        counts,
    })
}

/// Every unit of the plan that holds work, in the order of the plan's
/// unit list, with its work by paragraph in the order of the plan.
pub(super) fn units(site: &Site) -> Vec<UnitWork> {
    site.units
        .iter()
        .filter_map(|u| {
            let items = work_of(site, &u.id);
            (!items.is_empty()).then(|| UnitWork {
                id: u.id.clone(),
                name: u.name.clone(),
                items,
            })
        })
        .collect()
}

/// The paragraphs that assign unit `id` work, each once (at its first
/// task of the unit), with the unit's roles in all its tasks there.
fn work_of(site: &Site, id: &UnitId) -> Vec<WorkRef> {
    let mut paras: Vec<Vec<&Task>> = vec![];
    for t in site
        .tasks
        .iter()
        .filter(|t| roles_of(t, id).contains(&true))
    {
        match paras.iter_mut().find(|p| p[0].paragraph == t.paragraph) {
            Some(p) => p.push(t),
            None => paras.push(vec![t]),
        }
    }
    paras.sort_by_key(|p| p[0].chapter);
    paras
        .into_iter()
        .map(|mine| {
            let mut has = [false; 3];
            for t in &mine {
                for (h, r) in has.iter_mut().zip(roles_of(t, id)) {
                    *h |= r;
                }
            }
            WorkRef {
                task: mine[0].id.as_str().to_string(),
                chapter: mine[0].chapter,
                title: mine[0].title.clone(),
                roles: ROLES
                    .iter()
                    .zip(has)
                    .filter(|(_, h)| *h)
                    .map(|(c, _)| *c)
                    .collect(),
            }
        })
        .collect()
}

/// Whether unit `id` leads, is responsible for, cooperates in task `t`.
fn roles_of(t: &Task, id: &UnitId) -> [bool; 3] {
    [
        t.lead.contains(id),
        t.responsible.contains(id),
        t.cooperating.contains(id),
    ]
}
