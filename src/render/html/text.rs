//! The smallest pieces of a template view: a text with the language it is
//! really in, and a link. Every view module builds on these.

use crate::model::{Lang, Localized, Value};
use crate::render::html::para::ParaCtx;
use crate::render::links::number;
use serde::Serialize;

#[derive(Serialize)]
pub struct Link {
    pub href: String,
    pub label: String,
    /// `zh-CN` when the label is Chinese on an English page.
    pub lang: Option<&'static str>,
}

/// A text with the language it is actually in, when that differs from the
/// page (an untranslated fallback).
#[derive(Clone, Serialize)]
pub struct Text {
    pub text: String,
    pub lang: Option<&'static str>,
}

pub fn text(l: &Localized<String>, lang: Lang) -> Text {
    match lang {
        Lang::En if l.en.trim().is_empty() => Text {
            text: l.zh.clone(),
            lang: Some(Lang::Zh.tag()),
        },
        _ => Text {
            text: l.get(lang).clone(),
            lang: None,
        },
    }
}

pub fn value_text(v: &Value, lang: Lang) -> Text {
    match v {
        Value::Number(n) => Text {
            text: number(*n),
            lang: None,
        },
        Value::Text(t) => text(t, lang),
    }
}

/// A text of progress data, when it has any Chinese.
pub fn opt_text(l: &Localized<String>, cx: &ParaCtx<'_>) -> Option<Text> {
    (!l.zh.trim().is_empty()).then(|| text(l, cx.lang))
}
