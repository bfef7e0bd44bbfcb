//! The plan's files read in parallel: each data file and the chapters on
//! a core of their own, each with its own diagnostics, merged in a fixed
//! order so that a build reports the same whatever finished first.

use super::{
    data_file, read_chapters, ParseCache, Parsed, Raw, RawChapter, CONTENT, SHARED_GLOSSARY,
    SHARED_UNITS, SYNONYMS,
};
use crate::config::SiteConfig;
use crate::diag::Diagnostics;
use crate::schema::*;
use crate::theme::Theme;
use anyhow::Result;
use std::path::Path;

/// A file read on a core of its own: what it parsed to, and its
/// diagnostics.
type Slot<T> = Option<Result<(T, Diagnostics)>>;

/// The plan's files as they are read, in parallel.
#[derive(Default)]
pub(super) struct Slots {
    plan: Slot<Option<Parsed<PlanFile>>>,
    glossary: Slot<Option<Parsed<GlossaryFile>>>,
    units: Slot<Option<Parsed<UnitsFile>>>,
    indicators: Slot<Option<Parsed<IndicatorsFile>>>,
    projects: Slot<Option<Parsed<ProjectsFile>>>,
    tasks: Slot<Option<Parsed<TasksFile>>>,
    commitments: Slot<Option<Parsed<CommitmentsFile>>>,
    shared_units: Slot<Option<Parsed<SharedUnitsFile>>>,
    shared_glossary: Slot<Option<Parsed<GlossaryFile>>>,
    synonyms: Slot<Option<Parsed<SynonymsFile>>>,
    chapters: Slot<Vec<RawChapter>>,
}

/// The plan's data files and chapters, read and parsed in parallel; each
/// keeps its own diagnostics, merged in a fixed order by [`Slots::take`].
pub(super) fn read_all(root: &Path, content: &str, cache: Option<&ParseCache>) -> Slots {
    let mut s = Slots::default();
    let shared = content != CONTENT && root.join(SHARED_UNITS).is_file();
    let shared_glossary = content != CONTENT && root.join(SHARED_GLOSSARY).is_file();
    let synonyms = root.join(content).join(SYNONYMS).exists();
    rayon::scope(|sc| {
        let Slots {
            plan,
            glossary,
            units,
            indicators,
            projects,
            tasks,
            commitments,
            shared_units,
            shared_glossary: glossary_all,
            synonyms: syn,
            chapters,
        } = &mut s;
        if shared {
            sc.spawn(|_| *shared_units = Some(data_file(root, CONTENT, "units.toml", cache)));
        }
        if shared_glossary {
            sc.spawn(|_| *glossary_all = Some(data_file(root, CONTENT, "glossary.toml", cache)));
        }
        if synonyms {
            sc.spawn(|_| *syn = Some(data_file(root, content, SYNONYMS, cache)));
        }
        sc.spawn(|_| *tasks = Some(data_file(root, content, "tasks.toml", cache)));
        sc.spawn(|_| *commitments = Some(data_file(root, content, "commitments.toml", cache)));
        sc.spawn(|_| *units = Some(data_file(root, content, "units.toml", cache)));
        sc.spawn(|_| *projects = Some(data_file(root, content, "projects.toml", cache)));
        sc.spawn(|_| *indicators = Some(data_file(root, content, "indicators.toml", cache)));
        sc.spawn(|_| {
            let mut d = Diagnostics::default();
            *chapters = Some(read_chapters(root, content, &mut d).map(|c| (c, d)));
        });
        *plan = Some(data_file(root, content, "plan.toml", cache));
        *glossary = Some(data_file(root, content, "glossary.toml", cache));
    });
    s
}

/// A slot's value, its diagnostics added to `d`; an optional file's slot
/// that was not filled is `None`.
fn take<T: Default>(slot: Slot<T>, d: &mut Diagnostics) -> Result<T> {
    let Some(slot) = slot else {
        return Ok(T::default());
    };
    let (v, more) = slot?;
    d.extend(more);
    Ok(v)
}

/// The plan's files once read, those it must have all there.
pub(super) struct DataFiles {
    plan: Parsed<PlanFile>,
    glossary: Parsed<GlossaryFile>,
    units: Parsed<UnitsFile>,
    indicators: Parsed<IndicatorsFile>,
    projects: Parsed<ProjectsFile>,
    tasks: Parsed<TasksFile>,
    commitments: Parsed<CommitmentsFile>,
    shared_units: Option<Parsed<SharedUnitsFile>>,
    shared_glossary: Option<Parsed<GlossaryFile>>,
    synonyms: Option<Parsed<SynonymsFile>>,
    chapters: Vec<RawChapter>,
}

impl Slots {
    /// The files, their diagnostics added to `d` in a fixed order; `None`
    /// when one the plan must have is missing or did not parse.
    pub(super) fn take(self, d: &mut Diagnostics) -> Result<Option<DataFiles>> {
        let plan = take(self.plan, d)?;
        let glossary = take(self.glossary, d)?;
        let units = take(self.units, d)?;
        let indicators = take(self.indicators, d)?;
        let projects = take(self.projects, d)?;
        let tasks = take(self.tasks, d)?;
        let commitments = take(self.commitments, d)?;
        let chapters = take(self.chapters, d)?;
        let synonyms = take(self.synonyms, d)?;
        let shared_units = take(self.shared_units, d)?;
        let shared_glossary = take(self.shared_glossary, d)?;
        let all = || {
            Some(DataFiles {
                plan: plan?,
                glossary: glossary?,
                units: units?,
                indicators: indicators?,
                projects: projects?,
                tasks: tasks?,
                commitments: commitments?,
                shared_units,
                shared_glossary,
                synonyms,
                chapters,
            })
        };
        Ok(all())
    }
}

impl DataFiles {
    pub(super) fn into_raw(
        self,
        config: SiteConfig,
        theme: Theme,
        images: Vec<(String, Vec<u8>)>,
    ) -> Raw {
        Raw {
            config,
            plan: self.plan,
            glossary: self.glossary,
            units: self.units,
            indicators: self.indicators,
            projects: self.projects,
            tasks: self.tasks,
            commitments: self.commitments,
            shared_units: self.shared_units,
            shared_glossary: self.shared_glossary,
            synonyms: self.synonyms,
            chapters: self.chapters,
            images,
            theme,
        }
    }
}
