//! The one unit registry of a site of several plans (`content/units.toml`,
//! [`crate::load::SHARED_UNITS`]). An import into a plan's folder names its
//! units by the registry's ids (it is read as confirmed ids, matched by any
//! spelling), adds to the registry the units it does not hold yet, and
//! leaves the plan's own `units.toml` with the plan's all-towns clause
//! only, so that a renamed unit is renamed once, in the registry.

use super::emit::Emitted;
use crate::schema::{SharedUnitsFile, UnitsFile};
use anyhow::{Context, Result};

/// What sharing the units of one import changed.
#[derive(Debug)]
pub struct Shared {
    /// The registry with the import's new units added at its end.
    pub registry: SharedUnitsFile,
    /// The ids of the units added.
    pub added: Vec<String>,
}

/// Moves the units of `out`'s `units.toml` into `registry` (ids it holds
/// keep its entry) and rewrites that file without them.
pub fn share_units(out: &mut Emitted, mut registry: SharedUnitsFile) -> Result<Shared> {
    let text = out
        .files
        .get("units.toml")
        .context("the import wrote no units.toml")?;
    let mut own: UnitsFile = toml::from_str(text).context("reading the imported units.toml")?;
    let mut added = vec![];
    for u in std::mem::take(&mut own.unit) {
        if !registry.unit.iter().any(|r| r.id == u.id) {
            added.push(u.id.clone());
            registry.unit.push(u);
        }
    }
    let body = toml::to_string(&own).context("writing units.toml")?;
    out.files.insert("units.toml".into(), cat!(HEADER, body));
    Ok(Shared { registry, added })
}

/// The registry at `path`, or an empty one when there is none yet.
pub fn read_registry(path: &std::path::Path) -> Result<SharedUnitsFile> {
    if !path.is_file() {
        return Ok(SharedUnitsFile::default());
    }
    let text = super::read(path)?;
    toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Puts the registry's units first among `ids`' confirmed units, so that
/// a name the registry knows, by any spelling, gets the registry's id.
pub fn confirm(ids: &mut super::Ids, registry: &SharedUnitsFile) {
    let known = registry.unit.iter().map(|u| {
        let mut names = vec![u.name.clone()];
        names.extend(u.aliases.iter().cloned());
        names.extend(u.suspect.iter().map(|s| s.name.clone()));
        super::registry::ConfirmedUnit {
            id: u.id.clone(),
            names,
        }
    });
    let mut units: Vec<_> = known.collect();
    units.append(&mut ids.units);
    ids.units = units;
}

/// The registry as its file's text.
pub fn registry_text(registry: &SharedUnitsFile) -> Result<String> {
    let body = toml::to_string(registry).context("writing content/units.toml")?;
    Ok(cat!(REGISTRY_HEADER, body))
}

const HEADER: &str = "# 本规划的单位登记在全站共用的 content/units.toml 中。\n\
# This plan's units are registered in content/units.toml, shared by every plan.\n";

const REGISTRY_HEADER: &str = "# 全站各规划共用的单位名录：单位更名时只需在此修改一次。\n\
# The units of every plan of the site: a renamed unit is renamed here, once.\n";

#[cfg(test)]
mod tests;
