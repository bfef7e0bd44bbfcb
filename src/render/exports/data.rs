//! Open data: `data/plan.json` (the whole plan, every text `{zh, en}`) and
//! `data/indicators.csv`.

use crate::model::*;
use crate::render::links::number;
use serde::Serialize;

#[derive(Serialize)]
struct PlanJson<'a> {
    plan: &'a Plan,
    chapters: Vec<ChapterJson<'a>>,
    indicators: Vec<IndicatorJson<'a>>,
    units: Vec<UnitJson<'a>>,
    tasks: Vec<TaskJson<'a>>,
    commitments: Vec<CommitmentJson<'a>>,
    projects: Vec<BoxJson<'a>>,
}

#[derive(Serialize)]
struct ChapterJson<'a> {
    number: u32,
    title: &'a Localized<String>,
    sections: Vec<SectionJson<'a>>,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    index: usize,
    title: &'a Localized<String>,
    paragraphs: Vec<ParaJson<'a>>,
}

#[derive(Serialize)]
struct ParaJson<'a> {
    id: &'a str,
    text: PlainText<'a>,
    translation: &'static str,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    number: u32,
    group: &'a str,
    name: &'a Localized<String>,
    unit: &'a Localized<String>,
    baseline: &'a Value,
    target: &'a Value,
    baseline_kind: ValueKind,
    target_kind: ValueKind,
    attribute: Attribute,
    definition_changed: bool,
    direction: Direction,
}

#[derive(Serialize)]
struct UnitJson<'a> {
    id: &'a str,
    name: &'a Localized<String>,
    aliases: &'a [String],
}

#[derive(Serialize)]
struct TaskJson<'a> {
    id: &'a str,
    kind: TaskKind,
    chapter: u32,
    paragraph: &'a str,
    title: &'a Localized<String>,
    lead: &'a [UnitId],
    cooperating: &'a [UnitId],
    responsible: &'a [UnitId],
    and_others: bool,
    clause: &'a str,
}

#[derive(Serialize)]
struct CommitmentJson<'a> {
    id: &'a str,
    deadline_year: u16,
    deadline: &'a str,
    kind: CommitmentKind,
    task: Option<&'a str>,
    paragraph: &'a str,
    text: &'a Localized<String>,
}

#[derive(Serialize)]
struct BoxJson<'a> {
    number: u32,
    chapter: u32,
    title: &'a Localized<String>,
    items: Vec<ParaJson<'a>>,
}

/// Plain text of rendered inline HTML (tags removed; `&lt;`, `&gt;`,
/// `&quot;`, `&#39;` and `&amp;` decoded), in one pass.
pub fn plain(h: &InlineHtml) -> String {
    let parts = [h.dash.as_str(), h.lead.as_deref().unwrap_or(""), &h.body];
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    let mut in_tag = false;
    for part in parts {
        let mut rest = part;
        while !rest.is_empty() {
            if in_tag {
                match memchr::memchr(b'>', rest.as_bytes()) {
                    Some(i) => {
                        in_tag = false;
                        rest = &rest[i + 1..];
                    }
                    None => rest = "",
                }
                continue;
            }
            let Some(i) = memchr::memchr2(b'<', b'&', rest.as_bytes()) else {
                out.push_str(rest);
                break;
            };
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            if rest.starts_with('<') {
                in_tag = true;
                rest = &rest[1..];
                continue;
            }
            let entity = [
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&#39;", '\''),
                ("&amp;", '&'),
            ]
            .into_iter()
            .find(|(e, _)| rest.starts_with(e));
            match entity {
                Some((e, c)) => {
                    out.push(c);
                    rest = &rest[e.len()..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out
}

/// A paragraph's text in both languages, made plain while it is written.
struct PlainText<'a> {
    zh: &'a InlineHtml,
    en: Option<&'a InlineHtml>,
}

impl Serialize for PlainText<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Localized", 2)?;
        st.serialize_field("zh", &plain(self.zh))?;
        st.serialize_field("en", &self.en.map(plain).unwrap_or_default())?;
        st.end()
    }
}

fn para_json<'a>(id: &'a str, zh: &'a InlineHtml, en: &'a English) -> ParaJson<'a> {
    let (en, state) = match en {
        English::Current(h) => (Some(h), "current"),
        English::Stale(h) => (Some(h), "stale"),
        English::Missing => (None, "missing"),
    };
    ParaJson {
        id,
        text: PlainText { zh, en },
        translation: state,
    }
}

/// Writes `data/plan.json` to `w`.
pub fn write_plan_json(site: &Site, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let json = PlanJson {
        plan: &site.plan,
        chapters: site.chapters.iter().map(ChapterJson::from).collect(),
        indicators: site
            .table
            .indicators
            .iter()
            .map(IndicatorJson::from)
            .collect(),
        units: site.units.iter().map(UnitJson::from).collect(),
        tasks: site.tasks.iter().map(TaskJson::from).collect(),
        commitments: site.commitments.iter().map(CommitmentJson::from).collect(),
        projects: site.boxes.iter().map(BoxJson::from).collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &json)?;
    w.write_all(b"\n")
}

/// A chapter's sections with their paragraphs.
impl<'a> From<&'a Chapter> for ChapterJson<'a> {
    fn from(c: &'a Chapter) -> Self {
        ChapterJson {
            number: c.number,
            title: &c.title,
            sections: c
                .sections
                .iter()
                .map(|s| SectionJson {
                    index: s.index,
                    title: &s.title,
                    paragraphs: s
                        .blocks
                        .iter()
                        .filter_map(|b| match b {
                            Block::Para(p) => Some(para_json(p.id.as_str(), &p.zh, &p.en)),
                            _ => None,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

impl<'a> From<&'a Indicator> for IndicatorJson<'a> {
    fn from(i: &'a Indicator) -> Self {
        IndicatorJson {
            number: i.number,
            group: &i.group,
            name: &i.name,
            unit: &i.unit,
            baseline: &i.baseline,
            baseline_kind: i.baseline_kind,
            target_kind: i.target_kind,
            target: &i.target,
            attribute: i.attribute,
            definition_changed: i.definition_changed,
            direction: i.direction,
        }
    }
}

impl<'a> From<&'a Unit> for UnitJson<'a> {
    fn from(u: &'a Unit) -> Self {
        UnitJson {
            id: u.id.as_str(),
            name: &u.name,
            aliases: &u.aliases,
        }
    }
}

impl<'a> From<&'a Task> for TaskJson<'a> {
    fn from(t: &'a Task) -> Self {
        TaskJson {
            id: t.id.as_str(),
            kind: t.kind,
            chapter: t.chapter,
            paragraph: t.paragraph.as_str(),
            title: &t.title,
            lead: &t.lead,
            cooperating: &t.cooperating,
            responsible: &t.responsible,
            and_others: t.and_others,
            clause: &t.clause,
        }
    }
}

impl<'a> From<&'a Commitment> for CommitmentJson<'a> {
    fn from(c: &'a Commitment) -> Self {
        CommitmentJson {
            id: &c.id,
            deadline_year: c.deadline_year,
            deadline: &c.deadline,
            kind: c.kind,
            task: c.task.as_ref().map(|t| t.as_str()),
            paragraph: c.paragraph.as_str(),
            text: &c.text,
        }
    }
}

/// A box's items, as paragraphs.
impl<'a> From<&'a KeyBox> for BoxJson<'a> {
    fn from(b: &'a KeyBox) -> Self {
        BoxJson {
            number: b.number,
            chapter: b.chapter,
            title: &b.title,
            items: b
                .items
                .iter()
                .map(|i| para_json(i.id.as_str(), &i.zh, &i.en))
                .collect(),
        }
    }
}

/// `data/plan.json` in memory.
pub fn plan_json(site: &Site) -> Vec<u8> {
    // Sized up front: at N = 100 the file is ~55 MB, and growing a buffer
    // that large by doubling holds two copies at once.
    let html: usize = site
        .chapters
        .iter()
        .flat_map(|c| &c.sections)
        .flat_map(|s| &s.blocks)
        .map(|b| match b {
            Block::Para(p) => {
                let en = match &p.en {
                    English::Current(h) | English::Stale(h) => h.body.len(),
                    English::Missing => 0,
                };
                p.zh.body.len() + en
            }
            _ => 0,
        })
        .sum();
    let mut out = Vec::with_capacity(2 * html + 400 * site.tasks.len() + (1 << 20));
    if write_plan_json(site, &mut out).is_err() {
        out.clear();
        out.push(b'\n');
    }
    out
}

pub(super) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn value_cells(v: &Value) -> [String; 3] {
    match v {
        Value::Number(n) => [number(*n), String::new(), String::new()],
        Value::Text(t) => [String::new(), t.zh.clone(), t.en.clone()],
    }
}

fn kind(k: ValueKind) -> &'static str {
    match k {
        ValueKind::Level => "level",
        ValueKind::Cumulative => "cumulative",
    }
}

/// `data/indicators.csv`, UTF-8 with a BOM so spreadsheet programs read
/// the Chinese correctly.
pub fn indicators_csv(site: &Site) -> Vec<u8> {
    // The value columns are named by the plan's own years.
    let (base, target) = (
        site.plan.period_start.saturating_sub(1),
        site.plan.period_end,
    );
    let mut s = format!("\u{feff}number,group,name_zh,name_en,unit_zh,unit_en,baseline_{base},baseline_text_zh,baseline_text_en,target_{target},target_text_zh,target_text_en,attribute,definition_changed,direction,baseline_kind,target_kind\n");
    for i in &site.table.indicators {
        let [b, bz, be] = value_cells(&i.baseline);
        let [t, tz, te] = value_cells(&i.target);
        let attr = match i.attribute {
            Attribute::Binding => "binding",
            Attribute::Expected => "expected",
        };
        let dir = match i.direction {
            Direction::Lower => "lower",
            Direction::Higher => "higher",
            Direction::None => "none",
        };
        let cells = [
            i.number.to_string(),
            i.group.clone(),
            i.name.zh.clone(),
            i.name.en.clone(),
            i.unit.zh.clone(),
            i.unit.en.clone(),
            b,
            bz,
            be,
            t,
            tz,
            te,
            attr.into(),
            i.definition_changed.to_string(),
            dir.into(),
            kind(i.baseline_kind).into(),
            kind(i.target_kind).into(),
        ];
        let row: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        s.push_str(&row.join(","));
        s.push('\n');
    }
    s.into_bytes()
}

#[cfg(test)]
mod tests;
