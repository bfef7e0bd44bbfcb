//! `content/synonyms.toml` → the site's search synonym groups: terms
//! trimmed, duplicates within a group dropped, an empty term an error and a
//! language list of one term a warning (it has nothing to be the same as).

use super::common::{error_at, line_of};
use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::load::{Raw, Source};
use crate::model::Localized;

pub(super) fn synonyms(raw: &Raw, d: &mut Diagnostics) -> Localized<Vec<Vec<String>>> {
    let Some(parsed) = &raw.synonyms else {
        return Localized::default();
    };
    let (src, file) = (&parsed.0, &parsed.1);
    let mut out = Localized::<Vec<Vec<String>>>::default();
    for (i, g) in file.group.iter().enumerate() {
        let line = group_line(src, i);
        for (lang, terms, slot) in [("zh", &g.zh, &mut out.zh), ("en", &g.en, &mut out.en)] {
            if let Some(terms) = check(src, line, lang, terms, d) {
                slot.push(terms);
            }
        }
    }
    out
}

/// The line of the `i`-th `[[group]]`, for messages.
fn group_line(src: &Source, i: usize) -> usize {
    let mut line = 0;
    for _ in 0..=i {
        line = line_of(src, "[[group]]", line + 1);
        if line == 0 {
            return 0;
        }
    }
    line
}

/// The group's terms in one language, or `None` when it has fewer than two.
fn check(
    src: &Source,
    line: usize,
    lang: &str,
    terms: &[String],
    d: &mut Diagnostics,
) -> Option<Vec<String>> {
    let mut kept: Vec<String> = vec![];
    for t in terms {
        let t = t.trim();
        if t.is_empty() {
            d.push(
                error_at(
                    src,
                    line,
                    Bilingual::new(
                        format!("同义词组的 {lang} 中有空词"),
                        format!("a synonym group's {lang} list has an empty term"),
                    ),
                )
                .with_hint("请删去空字符串 \"\"", "remove the empty string \"\""),
            );
        } else if !kept.iter().any(|k| k.to_lowercase() == t.to_lowercase()) {
            kept.push(t.to_string());
        }
    }
    if kept.len() == 1 {
        d.push(
            Diagnostic::warning(
                &src.rel,
                line,
                Bilingual::new(
                    format!("同义词组的 {lang} 只有一个词“{}”，不起作用", kept[0]),
                    format!(
                        "a synonym group's {lang} list has one term only (\"{}\"), so it does nothing",
                        kept[0]
                    ),
                ),
            )
            .with_hint(
                format!("请在 {lang} = [ … ] 中再写一个同义词，或删去该列表"),
                format!("add a second term to {lang} = [ … ], or remove the list"),
            ),
        );
    }
    (kept.len() >= 2).then_some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Source;

    fn source(text: &str) -> Source {
        Source {
            rel: "content/synonyms.toml".into(),
            text: text.into(),
        }
    }

    #[test]
    fn groups_are_trimmed_and_single_terms_warned() {
        let text = "[[group]]\nzh = [\" 臭氧 \", \"O3\", \"o3\"]\nen = [\"ozone\"]\n";
        let src = source(text);
        let file: crate::schema::SynonymsFile = toml::from_str(text).expect("toml");
        let g: &crate::schema::SynonymGroup = &file.group[0];
        let mut d = Diagnostics::default();
        assert_eq!(
            check(&src, 1, "zh", &g.zh, &mut d),
            Some(vec!["臭氧".to_string(), "O3".to_string()])
        );
        assert!(!d.has_errors());
        assert_eq!(check(&src, 1, "en", &g.en, &mut d), None);
        let all = format!("{d:?}");
        assert!(all.contains("ozone"), "{all}");
        assert!(!d.has_errors());
        assert_eq!(check(&src, 1, "en", &[String::new()], &mut d), None);
        assert!(d.has_errors());
    }
}
