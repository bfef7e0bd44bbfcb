//! The tasks' and commitments' own CSV files (`data/tasks.csv`,
//! `data/commitments.csv`), UTF-8 with a BOM, one row per task or
//! commitment with its units by id and by Chinese name; and the data
//! page's list of downloads with their sizes.

pub mod data;
pub mod feeds;
pub mod progress;

use crate::model::*;
use crate::render::exports::data::csv_field;
use serde::Serialize;

fn names(site: &Site, ids: &[UnitId]) -> [String; 2] {
    let name = |id: &UnitId| {
        site.units
            .iter()
            .find(|u| &u.id == id)
            .map_or_else(|| id.as_str().to_string(), |u| u.name.zh.clone())
    };
    [
        ids.iter().map(|i| i.as_str()).collect::<Vec<_>>().join(";"),
        ids.iter().map(name).collect::<Vec<_>>().join(";"),
    ]
}

fn rows(head: &str, rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut s = format!("\u{feff}{head}\n");
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| csv_field(c)).collect();
        s.push_str(&cells.join(","));
        s.push('\n');
    }
    s.into_bytes()
}

/// `data/tasks.csv`.
pub fn tasks_csv(site: &Site) -> Vec<u8> {
    rows(
        "id,chapter,paragraph,kind,lead,lead_zh,responsible,responsible_zh,cooperating,cooperating_zh,and_others,title_zh,title_en,clause_zh",
        site.tasks.iter().map(|t| {
            let [l, lz] = names(site, &t.lead);
            let [r, rz] = names(site, &t.responsible);
            let [c, cz] = names(site, &t.cooperating);
            let kind = match t.kind {
                TaskKind::Lead => "lead",
                TaskKind::Responsible => "responsible",
                TaskKind::Joint => "joint",
            };
            vec![
                t.id.as_str().into(),
                t.chapter.to_string(),
                t.paragraph.as_str().into(),
                kind.into(),
                l,
                lz,
                r,
                rz,
                c,
                cz,
                t.and_others.to_string(),
                t.title.zh.clone(),
                t.title.en.clone(),
                t.clause.clone(),
            ]
        }),
    )
}

/// `data/commitments.csv`: the commitments and the achievements the plan
/// reports, with their task's units.
pub fn commitments_csv(site: &Site) -> Vec<u8> {
    let tasks: std::collections::HashMap<&TaskId, &Task> =
        site.tasks.iter().map(|t| (&t.id, t)).collect();
    rows(
        "id,kind,chapter,paragraph,task,deadline_year,deadline_zh,text_zh,text_en,responsible,responsible_zh,cooperating,cooperating_zh",
        site.commitments.iter().map(|c| {
            let task = c.task.as_ref().and_then(|t| tasks.get(t).copied());
            let who: Vec<UnitId> = task
                .map(|t| t.lead.iter().chain(&t.responsible).cloned().collect())
                .unwrap_or_default();
            let [r, rz] = names(site, &who);
            let [p, pz] = names(site, task.map_or(&[][..], |t| &t.cooperating));
            vec![
                c.id.clone(),
                match c.kind {
                    CommitmentKind::Commitment => "commitment",
                    CommitmentKind::Achievement => "achievement",
                }
                .into(),
                c.chapter.to_string(),
                c.paragraph.as_str().into(),
                c.task.as_ref().map(|t| t.as_str().to_string()).unwrap_or_default(),
                c.deadline_year.to_string(),
                c.deadline.clone(),
                c.text.zh.clone(),
                c.text.en.clone(),
                r,
                rz,
                p,
                pz,
            ]
        }),
    )
}

/// The data page: downloads with sizes, the licence when configured.
#[derive(Serialize)]
pub struct DataPage {
    pub downloads: Vec<Download>,
    pub indicators: usize,
    /// Shown only when `content/disclosure.toml` sets it.
    pub licence: Option<String>,
    pub licence_url: Option<String>,
}

/// A download on the data page.
#[derive(Serialize)]
pub struct Download {
    pub path: &'static str,
    /// The translation table's key of its description.
    #[serde(skip)]
    pub key: &'static str,
    /// Its description, in the page's language (the template names no
    /// key of its own, so the theme's key analysis still sees every key).
    pub label: String,
    /// `12.3 KB`.
    pub size: String,
}

/// Bytes as people read them, in KB (1000 bytes) or MB.
pub fn human_size(n: usize) -> String {
    if n < 1000 {
        format!("{n} B")
    } else if n < 1_000_000 {
        format!("{:.1} KB", n as f64 / 1000.0)
    } else {
        format!("{:.1} MB", n as f64 / 1_000_000.0)
    }
}

/// The site-wide downloads with their sizes (each file made as the build
/// makes it).
pub fn downloads(site: &Site) -> Vec<Download> {
    let d = |path, key, n: usize| Download {
        path,
        key,
        label: String::new(),
        size: human_size(n),
    };
    vec![
        d(
            "plan.json",
            "data_plan_json",
            crate::render::exports::data::plan_json(site).len(),
        ),
        d(
            "indicators.csv",
            "data_indicators_csv",
            crate::render::exports::data::indicators_csv(site).len(),
        ),
        d("tasks.csv", "data_tasks_csv", tasks_csv(site).len()),
        d(
            "commitments.csv",
            "data_commitments_csv",
            commitments_csv(site).len(),
        ),
        d(
            "progress.json",
            "data_progress_json",
            crate::render::exports::progress::progress_json(site).len(),
        ),
    ]
}

/// The data page's view.
pub fn page(
    site: &Site,
    d: &crate::disclosure::Disclosure,
    i18n: &crate::i18n::I18n,
    lang: Lang,
) -> DataPage {
    let set = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
    let licence = match lang {
        Lang::Zh => set(&d.config.data_licence.zh),
        Lang::En => set(&d.config.data_licence.en).or_else(|| set(&d.config.data_licence.zh)),
    };
    DataPage {
        downloads: downloads(site)
            .into_iter()
            .map(|x| Download {
                label: i18n.get(lang, x.key),
                ..x
            })
            .collect(),
        indicators: site.table.indicators.len(),
        licence_url: licence
            .as_ref()
            .and_then(|_| set(&d.config.data_licence_url)),
        licence,
    }
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(12_345), "12.3 KB");
        assert_eq!(human_size(2_500_000), "2.5 MB");
    }
}
