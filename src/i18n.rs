//! UI strings: the theme's `i18n.toml` holds every string a template shows,
//! each in both languages. A missing language is a diagnostic; a key a
//! template asks for but the table lacks is a render error.

use crate::diag::{line_text, Bilingual, Diagnostic, Diagnostics};
use crate::load::{parse_toml, Source};
use crate::model::Lang;
use crate::schema::LocText;
use crate::theme::Theme;
use std::collections::{BTreeMap, BTreeSet};

mod vars;
pub use vars::plan_vars;
#[cfg(test)]
use vars::{five_year_number, ordinal, zh_number};

/// Translation tables, one map per language.
#[derive(Debug, Clone, Default)]
pub struct I18n {
    zh: BTreeMap<String, String>,
    en: BTreeMap<String, String>,
    /// The tables handed to the templates: only the keys they can reach
    /// (see [`template_keys`]; all keys when that is not known). Every
    /// page's context carries one, so a smaller table is less to copy.
    zh_used: BTreeMap<String, String>,
    en_used: BTreeMap<String, String>,
    /// Smaller still: per template, the keys it and the templates it
    /// builds on use (see [`keys_by_template`]).
    by_template: BTreeMap<String, [BTreeMap<String, String>; 2]>,
}

impl I18n {
    /// The theme's translation tables; a missing `i18n.toml` or a string
    /// without one of its languages is a diagnostic.
    pub fn from_theme(theme: &Theme, d: &mut Diagnostics) -> I18n {
        let Some(src) = theme_source(theme, d) else {
            return I18n::default();
        };
        let table: BTreeMap<String, LocText> = parse_toml(&src, d).unwrap_or_default();
        let mut out = I18n::default();
        for (key, text) in table {
            if text.en.trim().is_empty() || text.zh.trim().is_empty() {
                d.push(lacks_language(&src, &key));
            }
            out.zh.insert(key.clone(), text.zh);
            out.en.insert(key, text.en);
        }
        let used = template_keys(theme);
        let used = used.as_ref();
        (out.zh_used, out.en_used) = (
            subset(&out.zh, |k| used.is_none_or(|u| u.contains(k))),
            subset(&out.en, |k| used.is_none_or(|u| u.contains(k))),
        );
        out.by_template = tables_by_template(theme, &out.zh, &out.en);
        out
    }

    /// The table a page rendered from `template` gets as `c.t`: the keys
    /// that template can reach, or those all templates use.
    pub fn template_table(&self, lang: Lang, template: &str) -> &BTreeMap<String, String> {
        let i = usize::from(lang == Lang::En);
        match self.by_template.get(template) {
            Some(tables) => &tables[i],
            None if lang == Lang::Zh => &self.zh_used,
            None => &self.en_used,
        }
    }

    pub fn table(&self, lang: Lang) -> &BTreeMap<String, String> {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// Puts the plan's words ([`plan_vars`]) in place of their `{key}` in
    /// every string; other braces (filled per page) are left as they are.
    /// `site_description` set in `site.toml` replaces the theme's.
    pub fn fill(
        &mut self,
        vars: &[(&str, crate::model::Localized<String>)],
        description: Option<&LocText>,
    ) {
        let apply = |lang: Lang, key: &str, text: &mut String| {
            if let (Some(d), "site_description") = (description, key) {
                *text = if lang == Lang::Zh {
                    d.zh.clone()
                } else {
                    d.en.clone()
                };
            }
            if !text.contains('{') {
                return;
            }
            for (name, value) in vars {
                let mark = format!("{{{name}}}");
                if text.contains(&mark) {
                    *text = text.replace(&mark, value.get(lang));
                }
            }
        };
        for (lang, table) in [
            (Lang::Zh, &mut self.zh),
            (Lang::En, &mut self.en),
            (Lang::Zh, &mut self.zh_used),
            (Lang::En, &mut self.en_used),
        ] {
            for (k, v) in table.iter_mut() {
                apply(lang, k, v);
            }
        }
        for [zh, en] in self.by_template.values_mut() {
            for (k, v) in zh.iter_mut() {
                apply(Lang::Zh, k, v);
            }
            for (k, v) in en.iter_mut() {
                apply(Lang::En, k, v);
            }
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

/// The theme's `i18n.toml`; `None`, with an error, when it has none.
fn theme_source(theme: &Theme, d: &mut Diagnostics) -> Option<Source> {
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
        return None;
    };
    Some(Source {
        rel,
        text: String::from_utf8_lossy(bytes).into_owned(),
    })
}

/// The error of UI string `key` lacking Chinese or English, at its
/// `[key]` line of `src`.
fn lacks_language(src: &Source, key: &str) -> Diagnostic {
    let line = src
        .text
        .lines()
        .position(|l| l.contains(&format!("[{key}]")))
        .map_or(0, |i| i + 1);
    let diag = Diagnostic::error(
        &src.rel,
        line,
        Bilingual::new(
            format!("界面文字 {key} 缺少中文或英文"),
            format!("UI string {key} lacks Chinese or English"),
        ),
    )
    .with_hint("请为 zh 和 en 都填写文字", "give both zh and en");
    match line_text(&src.text, line) {
        Some(t) => diag.with_snippet(t),
        None => diag,
    }
}

/// Per template, the entries of the `zh` and `en` tables it can reach
/// (see [`keys_by_template`]).
fn tables_by_template(
    theme: &Theme,
    zh: &BTreeMap<String, String>,
    en: &BTreeMap<String, String>,
) -> BTreeMap<String, [BTreeMap<String, String>; 2]> {
    keys_by_template(theme)
        .into_iter()
        .map(|(name, keys)| {
            // A template reaches ~40 of the ~250 keys: look those up
            // rather than test every key of both tables.
            let pick = |table: &BTreeMap<String, String>| {
                keys.iter()
                    .filter_map(|k| table.get_key_value(k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            };
            (name, [pick(zh), pick(en)])
        })
        .collect()
}

/// The entries of `table` whose key passes `keep`.
fn subset(
    table: &BTreeMap<String, String>,
    keep: impl Fn(&str) -> bool,
) -> BTreeMap<String, String> {
    table
        .iter()
        .filter(|(k, _)| keep(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Every name written after a `.` in the theme's templates (`c.t.nav_home`,
/// `t.col_target`, `labels.x`): a superset of the translation keys they can
/// reach. `None` (all keys) when a template may take the table as a whole
/// in another way: `t[…]`, `for … in c.t`, `{{ c.t }}`, `set x = c.t`.
pub fn template_keys(theme: &Theme) -> Option<BTreeSet<String>> {
    let mut names = BTreeSet::new();
    for (_, bytes) in theme.templates() {
        names.extend(keys_in(std::str::from_utf8(bytes).ok()?)?);
    }
    Some(names)
}

/// One template's own keys and the templates it names.
type Parsed<'a> = (BTreeSet<String>, Vec<&'a str>);

/// [`template_keys`] for each template on its own, with those it extends,
/// imports and includes: what a page rendered from it can reach. A
/// template is missing when that is not known (its table is then the
/// whole of [`template_keys`]).
pub fn keys_by_template(theme: &Theme) -> BTreeMap<String, BTreeSet<String>> {
    // Each template's own keys and what it builds on; `None` if unknown.
    let parsed: BTreeMap<&str, Option<Parsed<'_>>> = theme
        .templates()
        .map(|(name, bytes)| {
            let text = std::str::from_utf8(bytes).ok();
            (
                name,
                text.and_then(|t| Some((keys_in(t)?, dependencies(t)?))),
            )
        })
        .collect();
    let mut out = BTreeMap::new();
    'templates: for name in parsed.keys() {
        let mut keys = BTreeSet::new();
        let mut todo = vec![*name];
        let mut seen = BTreeSet::new();
        while let Some(n) = todo.pop() {
            if !seen.insert(n) {
                continue;
            }
            let Some(Some((k, deps))) = parsed.get(n) else {
                continue 'templates;
            };
            keys.extend(k.iter().cloned());
            todo.extend(deps.iter().copied());
        }
        out.insert(name.to_string(), keys);
    }
    out
}

/// The templates `text` extends, imports or includes, by name; `None`
/// when one is not named by a plain string.
fn dependencies(text: &str) -> Option<Vec<&str>> {
    let mut out = vec![];
    for (i, _) in text.match_indices("{%") {
        let tag = text[i + 2..].trim_start_matches(['-', ' ', '\n', '\t']);
        let Some(rest) = ["extends", "import", "include"]
            .iter()
            .find_map(|k| tag.strip_prefix(k))
        else {
            continue;
        };
        let rest = rest.trim_start();
        let name = rest.strip_prefix('"')?.split('"').next()?;
        out.push(name);
    }
    Some(out)
}

/// The names after dots in one template; `None` if it takes the table
/// whole.
fn keys_in(text: &str) -> Option<BTreeSet<String>> {
    // After the table's name: `.key`, or the end of a macro argument.
    fn passed_on(rest: &str) -> bool {
        matches!(
            rest.trim_start().bytes().next(),
            Some(b'.' | b',' | b')' | b'=')
        )
    }
    let mut names = BTreeSet::new();
    let b = text.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'.' {
            let start = i + 1;
            let mut end = start;
            while end < b.len() && ident(b[end]) {
                end += 1;
            }
            if end > start {
                names.insert(text[start..end].to_string());
            }
            if &text[start..end] == "t" && !passed_on(&text[end..]) {
                return None; // c.t taken whole
            }
            i = end.max(i + 1);
            continue;
        }
        // The identifier `t` on its own: what follows must be `.key`,
        // or it must be passed on as a macro argument (`t=t`, `t=c.t)`).
        // (`-` too: `data-t-none` is an HTML attribute, not the table.)
        let word = |c: u8| ident(c) || c == b'-';
        let alone =
            b[i] == b't' && (i == 0 || !word(b[i - 1])) && b.get(i + 1).is_none_or(|c| !word(*c));
        if alone && !passed_on(&text[i + 1..]) {
            return None;
        }
        i += 1;
    }
    Some(names)
}

#[cfg(test)]
mod tests;
