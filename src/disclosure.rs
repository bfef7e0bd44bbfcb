//! The disclosure frame of a Chinese government page, configured in
//! `content/disclosure.toml` and `content/changelog.toml`: compliance footer
//! entries (网站标识码, ICP备案号, 公安备案号, 我为政府网站找错), contact and
//! feedback channels, and the change log whose dates give "last updated".
//! Every entry is optional and shown only when configured; nothing is
//! invented. `content/interpretation.{zh,en}.md` fills the 政策解读 page.

use crate::diag::{Bilingual, Diagnostics};
use crate::load::{parse_toml, read_source, Source};
use crate::resolve::{error_at, line_of};
use crate::schema::LocText;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// `content/disclosure.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureFile {
    /// 网站标识码.
    #[serde(default)]
    pub site_code: String,
    /// ICP备案号, e.g. 鲁ICP备XXXXXXXX号.
    #[serde(default)]
    pub icp: String,
    /// Link of the ICP record (beian.miit.gov.cn).
    #[serde(default)]
    pub icp_url: String,
    /// 公安机关备案号.
    #[serde(default)]
    pub police: String,
    #[serde(default)]
    pub police_url: String,
    /// The "我为政府网站找错" link.
    #[serde(default)]
    pub error_report_url: String,
    /// Who runs the site (主办单位), in both languages.
    #[serde(default)]
    pub sponsor: LocText,
    /// The open data's licence as the publisher states it, e.g.
    /// 知识共享署名 4.0 (CC BY 4.0); not shown when empty.
    #[serde(default)]
    pub data_licence: LocText,
    /// Where the licence's text is.
    #[serde(default)]
    pub data_licence_url: String,
    #[serde(default)]
    pub feedback: Feedback,
}

/// Feedback channels.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub address: LocText,
}

/// `content/changelog.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangelogFile {
    #[serde(default)]
    pub entry: Vec<ChangeEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeEntry {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub text: LocText,
}

/// The resolved disclosure frame.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Disclosure {
    pub config: DisclosureFile,
    /// Newest first.
    pub changes: Vec<ChangeEntry>,
    /// Markdown of the policy interpretation, per language, when provided.
    pub interpretation_zh: Option<String>,
    pub interpretation_en: Option<String>,
}

impl Disclosure {
    /// The newest content date: the site's "last updated".
    pub fn last_updated(&self) -> Option<&str> {
        self.changes.first().map(|c| c.date.as_str())
    }
}

/// Whether `s` is a real calendar date `YYYY-MM-DD`.
pub fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The source of `rel` under `root`, or `None` when there is no such file.
fn optional(root: &Path, rel: &str, d: &mut Diagnostics) -> Result<Option<Source>> {
    if root.join(rel).exists() {
        read_source(root, rel, d)
    } else {
        Ok(None)
    }
}

/// Reads and checks the disclosure files. All are optional.
pub fn load(root: &Path, content: &str, d: &mut Diagnostics) -> Result<Disclosure> {
    let mut out = Disclosure::default();
    if let Some(src) = optional(root, &format!("{content}/disclosure.toml"), d)? {
        out.config = config(&src, d);
    }
    if let Some(src) = optional(root, &format!("{content}/changelog.toml"), d)? {
        out.changes = changes(&src, d);
    }
    for (lang, slot) in [
        ("zh", &mut out.interpretation_zh),
        ("en", &mut out.interpretation_en),
    ] {
        if let Some(src) = optional(root, &format!("{content}/interpretation.{lang}.md"), d)? {
            *slot = Some(src.text);
        }
    }
    Ok(out)
}

/// `disclosure.toml`, whose links must be http(s) addresses when given.
fn config(src: &Source, d: &mut Diagnostics) -> DisclosureFile {
    let config: DisclosureFile = parse_toml(src, d).unwrap_or_default();
    let url_ok = |u: &str| u.is_empty() || u.starts_with("https://") || u.starts_with("http://");
    for (key, url) in [
        ("icp_url", &config.icp_url),
        ("police_url", &config.police_url),
        ("error_report_url", &config.error_report_url),
    ] {
        if !url_ok(url) {
            d.push(
                error_at(
                    src,
                    line_of(src, key, 1),
                    Bilingual::new(
                        format!("{key} 必须是 http(s) 网址"),
                        format!("{key} must be an http(s) address"),
                    ),
                )
                .with_hint(
                    "请填写以 https:// 开头的完整网址，或留空",
                    "give a full address starting with https://, or leave it empty",
                ),
            );
        }
    }
    config
}

/// The entries of `changelog.toml`, newest first; each needs a real date
/// and a text in both languages.
fn changes(src: &Source, d: &mut Diagnostics) -> Vec<ChangeEntry> {
    let file: ChangelogFile = parse_toml(src, d).unwrap_or_default();
    for e in &file.entry {
        let line = line_of(src, &format!("\"{}\"", e.date), 1);
        if !valid_date(&e.date) {
            d.push(
                error_at(
                    src,
                    line,
                    Bilingual::new(
                        format!("日期 \"{}\" 无效", e.date),
                        format!("invalid date \"{}\"", e.date),
                    ),
                )
                .with_hint(
                    "日期格式为 YYYY-MM-DD，例如 2024-03-31",
                    "write dates as YYYY-MM-DD, for example 2024-03-31",
                ),
            );
        }
        if e.text.zh.trim().is_empty() || e.text.en.trim().is_empty() {
            d.push(
                error_at(
                    src,
                    line,
                    Bilingual::new(
                        "更新说明缺少中文或英文",
                        "the change note lacks Chinese or English",
                    ),
                )
                .with_hint("请为 text 填写 zh 和 en", "give text both zh and en"),
            );
        }
    }
    let mut changes = file.entry;
    changes.sort_by(|a, b| b.date.cmp(&a.date));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2023-02-29"));
        assert!(!valid_date("2024-13-01"));
        assert!(!valid_date("2024-1-01"));
        assert!(!valid_date("今天"));
    }
}
