//! The disclosure parts of the page frame: the compliance footer, the
//! "last updated" date, the document header of plan pages, and the pages
//! for the change log and the policy interpretation.

use crate::disclosure::Disclosure;
use crate::model::*;
use crate::render::html::para::ParaCtx;
use crate::render::html::text::{text, Text};
use serde::Serialize;

/// Footer entries; each is shown only when configured.
#[derive(Serialize, Default)]
pub struct FooterView {
    pub site_code: String,
    pub icp: String,
    pub icp_url: String,
    pub police: String,
    pub police_url: String,
    pub error_report_url: String,
    pub sponsor: Option<Text>,
    pub phone: String,
    pub email: String,
    pub address: Option<Text>,
    /// "Last updated", from content dates; empty when content has none.
    pub updated: String,
}

fn opt(l: &crate::schema::LocText, lang: Lang) -> Option<Text> {
    (!l.zh.trim().is_empty()).then(|| text(&Localized::new(l.zh.clone(), l.en.clone()), lang))
}

pub fn footer(d: &Disclosure, lang: Lang) -> FooterView {
    let c = &d.config;
    FooterView {
        site_code: c.site_code.clone(),
        icp: c.icp.clone(),
        icp_url: c.icp_url.clone(),
        police: c.police.clone(),
        police_url: c.police_url.clone(),
        error_report_url: c.error_report_url.clone(),
        sponsor: opt(&c.sponsor, lang),
        phone: c.feedback.phone.clone(),
        email: c.feedback.email.clone(),
        address: opt(&c.feedback.address, lang),
        updated: d.last_updated().unwrap_or_default().to_string(),
    }
}

/// The document header of the plan pages: only fields the content gives.
#[derive(Serialize)]
pub struct DocHeader {
    pub rows: Vec<(String, Text)>,
}

pub fn doc_header(cx: &ParaCtx<'_>) -> DocHeader {
    let p = &cx.site.plan;
    let t = |k: &str| cx.i18n.get(cx.lang, k);
    let mut rows = vec![];
    let issuer = text(&p.issuer, cx.lang);
    if !p.issuer.zh.trim().is_empty() {
        rows.push((t("doc_issuer"), issuer));
    }
    for (key, value) in [
        ("doc_number", &p.document_number),
        ("doc_date", &p.issue_date),
        ("doc_index", &p.index_number),
    ] {
        if !value.trim().is_empty() {
            rows.push((
                t(key),
                Text {
                    text: value.clone(),
                    lang: None,
                },
            ));
        }
    }
    rows.push((
        t("doc_period"),
        Text {
            text: format!("{}–{}", p.period_start, p.period_end),
            lang: None,
        },
    ));
    DocHeader { rows }
}

#[derive(Serialize)]
pub struct ChangeRow {
    pub date: String,
    pub text: Text,
}

pub fn changes(d: &Disclosure, lang: Lang) -> Vec<ChangeRow> {
    d.changes
        .iter()
        .map(|c| ChangeRow {
            date: c.date.clone(),
            text: text(&Localized::new(c.text.zh.clone(), c.text.en.clone()), lang),
        })
        .collect()
}

/// The 政策解读 page: rendered paragraphs, or none (the template says so).
#[derive(Serialize)]
pub struct Interpretation {
    pub paragraphs: Vec<String>,
    pub lang: Option<&'static str>,
}

pub fn interpretation(d: &Disclosure, lang: Lang) -> Interpretation {
    let (md, shown) = match (lang, &d.interpretation_zh, &d.interpretation_en) {
        (Lang::En, _, Some(en)) => (Some(en), None),
        (Lang::En, Some(zh), None) => (Some(zh), Some(Lang::Zh.tag())),
        (Lang::Zh, Some(zh), _) => (Some(zh), None),
        _ => (None, None),
    };
    let mut problems = vec![];
    let paragraphs = md
        .map(|m| {
            m.split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let h = crate::markdown::inline(p, &mut problems);
                    format!(
                        "{}{}",
                        h.lead
                            .map(|l| format!("<strong>{l}</strong>"))
                            .unwrap_or_default(),
                        h.body
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Interpretation {
        paragraphs,
        lang: shown,
    }
}
