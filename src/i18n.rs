//! UI strings: the theme's `i18n.toml` holds every string a template shows,
//! each in both languages. A missing language is a diagnostic; a key a
//! template asks for but the table lacks is a render error.

use crate::diag::{line_text, Bilingual, Diagnostic, Diagnostics};
use crate::load::{parse_toml, Source};
use crate::model::Lang;
use crate::schema::LocText;
use crate::theme::Theme;
use std::collections::BTreeMap;

/// Translation tables, one map per language.
#[derive(Debug, Clone, Default)]
pub struct I18n {
    zh: BTreeMap<String, String>,
    en: BTreeMap<String, String>,
}

impl I18n {
    pub fn from_theme(theme: &Theme, d: &mut Diagnostics) -> I18n {
        let rel = theme
            .origin
            .get("i18n.toml")
            .cloned()
            .unwrap_or_else(|| "i18n.toml".into());
        let Some(bytes) = theme.files.get("i18n.toml") else {
            d.push(Diagnostic::error(
                rel,
                0,
                Bilingual::new("主题缺少 i18n.toml", "the theme has no i18n.toml"),
            ));
            return I18n::default();
        };
        let src = Source {
            rel,
            text: String::from_utf8_lossy(bytes).into_owned(),
        };
        let table: BTreeMap<String, LocText> = parse_toml(&src, d).unwrap_or_default();
        let mut out = I18n::default();
        for (key, text) in table {
            if text.en.trim().is_empty() || text.zh.trim().is_empty() {
                let line = src
                    .text
                    .lines()
                    .position(|l| l.contains(&format!("[{key}]")))
                    .map_or(0, |i| i + 1);
                let mut diag = Diagnostic::error(
                    &src.rel,
                    line,
                    Bilingual::new(
                        format!("界面文字 {key} 缺少中文或英文"),
                        format!("UI string {key} lacks Chinese or English"),
                    ),
                )
                .with_hint("请为 zh 和 en 都填写文字", "give both zh and en");
                if let Some(t) = line_text(&src.text, line) {
                    diag = diag.with_snippet(t);
                }
                d.push(diag);
            }
            out.zh.insert(key.clone(), text.zh);
            out.en.insert(key, text.en);
        }
        out
    }

    pub fn table(&self, lang: Lang) -> &BTreeMap<String, String> {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// One string; the key itself when missing (tests catch that).
    pub fn get(&self, lang: Lang, key: &str) -> String {
        self.table(lang)
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
}
