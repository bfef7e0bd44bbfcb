//! The entries of the content's data files: key boxes, commitments, the plan's and the site's record, and glossary terms.

use super::*;

pub(super) fn boxes_and_commitments(
    files: &BTreeMap<String, String>,
    out: &mut Vec<Entry>,
) -> Result<()> {
    const PROJECTS: &str = "projects.toml";
    for b in parse::<ProjectsFile>(files, PROJECTS)?.map_or(vec![], |p| p.boxes) {
        let n = b.number;
        let title = Entry::new(
            format!("box{n}-title"),
            Kind::BoxTitle,
            b.title.zh,
            Target::BoxTitle { number: n },
        );
        out.push(title.in_toml(PROJECTS, b.title.en));
        for (index, item) in b.item.into_iter().enumerate() {
            let id = format!("box{n}-item{}", index + 1);
            let t = Target::BoxItem { number: n, index };
            out.push(
                Entry::new(id, Kind::BoxItem, item.text.zh, t).in_toml(PROJECTS, item.text.en),
            );
        }
    }
    let commitments = parse::<CommitmentsFile>(files, "commitments.toml")?;
    for c in commitments.map_or(vec![], |c| c.commitment) {
        let id = format!("commitment-{}", c.id);
        let e = Entry::new(
            id,
            Kind::Commitment,
            c.text.zh,
            Target::Commitment { id: c.id },
        );
        out.push(e.in_toml("commitments.toml", c.text.en));
    }
    Ok(())
}

/// The plan's title, district and issuer (`plan.toml`), and the brand and
/// description the site may set (`site.toml`, beside `content/`).
pub(super) fn plan_and_site(files: &BTreeMap<String, String>, out: &mut Vec<Entry>) -> Result<()> {
    const PLAN: &str = "plan.toml";
    if let Some(p) = parse::<PlanFile>(files, PLAN)? {
        // An empty district English is the glossary's (as the build reads it).
        let mut district = p.district;
        if district.en.trim().is_empty() {
            let glossary: GlossaryFile = parse(files, "glossary.toml")?.unwrap_or_default();
            district.en = glossary
                .terms
                .get(&district.zh)
                .cloned()
                .unwrap_or_default();
        }
        for (table, t) in [
            ("title", p.title),
            ("district", district),
            ("issuer", p.issuer),
        ] {
            out.extend(field(PLAN, table, Kind::Plan, t));
        }
    }
    if let Some(c) = parse::<SiteConfig>(files, SITE_TOML)? {
        for (table, t) in [("brand", c.brand), ("description", c.description)] {
            out.extend(t.and_then(|t| field(SITE_TOML, table, Kind::Plan, t)));
        }
    }
    Ok(())
}

/// The entry `<file stem>-<table>` of a `[table]` with `zh` and `en`, when
/// it has Chinese.
pub(super) fn field(
    file: &'static str,
    table: &'static str,
    kind: Kind,
    t: LocText,
) -> Option<Entry> {
    if t.zh.trim().is_empty() {
        return None;
    }
    let stem = file.trim_start_matches("../").trim_end_matches(".toml");
    let target = Target::Field { file, table };
    Some(Entry::new(format!("{stem}-{table}"), kind, t.zh, target).in_toml(file, t.en))
}

/// The texts whose English is the glossary's (the indicator table's title,
/// group and indicator names, units and text values; the units' names and
/// the all-towns clause), each Chinese once; with the indicator table's
/// footnote and the units' notes, in file order.
pub(super) fn terms(files: &BTreeMap<String, String>, out: &mut Vec<Entry>) -> Result<()> {
    let glossary: GlossaryFile = parse(files, "glossary.toml")?.unwrap_or_default();
    let mut terms = Terms {
        glossary,
        seen: BTreeSet::new(),
    };
    if let Some(i) = parse::<IndicatorsFile>(files, INDICATORS)? {
        indicator_terms(&mut terms, i, out);
    }
    if let Some(u) = parse::<UnitsFile>(files, UNITS)? {
        unit_terms(&mut terms, u, out);
    }
    Ok(())
}

const INDICATORS: &str = "indicators.toml";
const UNITS: &str = "units.toml";

/// The glossary, and the Chinese terms given an entry so far.
struct Terms {
    glossary: GlossaryFile,
    seen: BTreeSet<String>,
}

impl Terms {
    /// The entry of term `zh` of file `path`; `None` when it is empty or
    /// already has one.
    fn term(&mut self, id: String, kind: Kind, zh: String, path: &str) -> Option<Entry> {
        if zh.trim().is_empty() || !self.seen.insert(zh.clone()) {
            return None;
        }
        let mut e = Entry::new(id, kind, zh, Target::Term).in_toml(path, String::new());
        // A term the glossary holds is translated, even as itself (`%`).
        if let Some(en) = self
            .glossary
            .terms
            .get(&e.zh)
            .filter(|en| !en.trim().is_empty())
        {
            (e.en, e.status) = (en.clone(), Status::Current);
        }
        Some(e)
    }
}

/// The indicator table's title, footnote, group and indicator names, units
/// and text values.
fn indicator_terms(terms: &mut Terms, i: IndicatorsFile, out: &mut Vec<Entry>) {
    let title = terms.term("table-title".into(), Kind::TableTitle, i.title, INDICATORS);
    out.extend(title);
    out.extend(field(INDICATORS, "footnote", Kind::Footnote, i.footnote));
    for g in i.group {
        let id = format!("group-{}", g.id);
        out.extend(terms.term(id, Kind::IndicatorGroup, g.name, INDICATORS));
    }
    for n in i.indicator {
        let k = n.number;
        let name = terms.term(
            format!("indicator-{k}"),
            Kind::Indicator,
            n.name,
            INDICATORS,
        );
        out.extend(name);
        let unit = format!("indicator-{k}-unit");
        out.extend(terms.term(unit, Kind::IndicatorUnit, n.unit, INDICATORS));
        for (which, v) in [("baseline", n.baseline), ("target", n.target)] {
            if let CellValue::Text(t) = v {
                let id = format!("indicator-{k}-{which}");
                out.extend(terms.term(id, Kind::IndicatorValue, t, INDICATORS));
            }
        }
    }
}

/// The all-towns clause, the units' names and the units' notes.
fn unit_terms(terms: &mut Terms, u: UnitsFile, out: &mut Vec<Entry>) {
    let all = u.all_towns.text;
    out.extend(terms.term("all-towns".into(), Kind::AllTowns, all, UNITS));
    for u in u.unit {
        out.extend(terms.term(format!("unit-{}", u.id), Kind::Unit, u.name, UNITS));
        for (index, s) in u.suspect.into_iter().enumerate() {
            let id = format!("unit-{}-suspect{}", u.id, index + 1);
            let target = Target::Suspect {
                unit: u.id.clone(),
                index,
            };
            let note = s.note;
            out.extend((!note.zh.trim().is_empty()).then(|| {
                Entry::new(id, Kind::SuspectNote, note.zh, target).in_toml(UNITS, note.en)
            }));
        }
    }
}
