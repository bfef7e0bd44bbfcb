//! What a portal of several plans keeps of each plan beyond its title and
//! period: its headline status (its indicators counted by status at its
//! latest release) and the work its units hold, for the site-level
//! department pages. Pure data, made from a plan's [`super::Site`].

use super::{Localized, UnitId};
use crate::progress::model::Date;
use crate::progress::status::Status;

/// A plan's indicators counted by status at its latest release.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    /// The latest release's as-of date.
    pub as_of: Date,
    /// Every status, in [`Status::ALL`] order, with its count (zero too).
    pub counts: Vec<(Status, usize)>,
}

/// A unit's work in one plan: the paragraphs that assign it tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitWork {
    pub id: UnitId,
    pub name: Localized<String>,
    /// In the order of the plan, one per paragraph.
    pub items: Vec<WorkRef>,
}

/// One paragraph's work for a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkRef {
    /// The paragraph's first task of the unit: its anchor in the chapter.
    pub task: String,
    pub chapter: u32,
    pub title: Localized<String>,
    /// The unit's roles there, of [`ROLES`], in that order.
    pub roles: Vec<&'static str>,
}

/// A unit's roles, as codes (`role_<code>` in the theme's strings).
pub const ROLES: [&str; 3] = ["lead", "responsible", "cooperating"];
