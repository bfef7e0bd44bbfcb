//! The link check's report: broken links as bilingual diagnostics, each
//! pointing at the content line that wrote it, or at the theme.

/// Broken links as diagnostics, each pointing at the content line that
/// wrote it when one did, else at the page (a theme problem). The chapters'
/// links are gathered once ([`ContentLinks`]): searching all 37 MB of
/// chapters for each broken link took minutes at N = 100 when a theme's
/// link broke on every page. A theme's link is reported once per way it is
/// written, with the first page and the number of others, not once per
/// page.
pub(super) fn link_diagnostics(
    chapters: &[crate::load::RawChapter],
    broken: &[crate::linkcheck::BrokenLink],
) -> Vec<crate::diag::Diagnostic> {
    use crate::diag::{Bilingual, Diagnostic};
    let written = ContentLinks::new(chapters);
    let message = |b: &crate::linkcheck::BrokenLink, others: usize| {
        let (zh_what, en_what) = if b.missing_anchor {
            ("链接的锚点不存在", "link to a missing anchor")
        } else {
            ("链接指向不存在的页面", "broken link")
        };
        let (url, page) = (&b.url, &b.page);
        match others {
            0 => Bilingual::new(
                format!("{zh_what}：{url}（页面 {page}）"),
                format!("{en_what}: {url} (on page {page})"),
            ),
            n => Bilingual::new(
                format!("{zh_what}：{url}（页面 {page} 及其他 {n} 个页面）"),
                format!("{en_what}: {url} (on page {page} and {n} other pages)"),
            ),
        }
    };
    let mut out = Vec::new();
    // A theme's links: the first of each, and how many more.
    let mut theme: Vec<(&crate::linkcheck::BrokenLink, usize)> = Vec::new();
    let mut theme_at: std::collections::HashMap<(&str, bool), usize> =
        std::collections::HashMap::new();
    for b in broken {
        match written.written_at(&b.page, &b.url) {
            Some((src, line, text)) => out.push(
                Diagnostic::error(&src.rel, line, message(b, 0))
                    .with_snippet(text)
                    .with_hint("请改正链接地址；站内链接应指向已生成的页面和存在的锚点", "correct the link; internal links must name a built page and an existing anchor"),
            ),
            None => match theme_at.entry((b.url.as_str(), b.missing_anchor)) {
                std::collections::hash_map::Entry::Occupied(e) => theme[*e.get()].1 += 1,
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(theme.len());
                    theme.push((b, 0));
                }
            },
        }
    }
    out.extend(theme.into_iter().map(|(b, others)| {
        Diagnostic::error(&b.page, 0, message(b, others)).with_hint(
            "该链接来自主题模板，请检查模板",
            "the link comes from a theme template; check the template",
        )
    }));
    out
}

/// Where the chapters write their Markdown links: the first place each
/// link's path (`](path`), each fragment (`#fragment)`) and each page a
/// path names from its chapter's page is written, as source and byte
/// offset. Made in one pass over the chapters, so that a build with
/// thousands of distinct broken links (a theme's link to each department,
/// say) looks each up instead of searching every chapter for each. By the
/// page named, a link the full text (or another page) shows rewritten for
/// its own folder is found where the chapter wrote it.
struct ContentLinks<'a> {
    sources: Vec<&'a crate::load::Source>,
    paths: std::collections::HashMap<&'a str, (usize, usize)>,
    fragments: std::collections::HashMap<&'a str, (usize, usize)>,
    targets: std::collections::HashMap<String, (usize, usize)>,
}

impl<'a> ContentLinks<'a> {
    fn new(chapters: &'a [crate::load::RawChapter]) -> Self {
        use crate::model::Lang;
        use crate::render::links;
        // Each source with the output path of its chapter's page.
        let sources: Vec<(&crate::load::Source, Option<String>)> = chapters
            .iter()
            .flat_map(|c| {
                let n = crate::resolve::chapter_number(&c.zh);
                let page = |lang| n.map(|n| links::chapter_page(lang, n));
                let en = c.en.as_ref().map(|en| (en, page(Lang::En)));
                std::iter::once((&c.zh, page(Lang::Zh))).chain(en)
            })
            .collect();
        let (mut paths, mut fragments, mut targets) = (
            std::collections::HashMap::new(),
            std::collections::HashMap::new(),
            std::collections::HashMap::new(),
        );
        let finder = memchr::memmem::Finder::new("](");
        for (i, (src, page)) in sources.iter().enumerate() {
            for at in finder.find_iter(src.text.as_bytes()) {
                let rest = &src.text[at + 2..];
                let end = rest
                    .find([')', ' ', '\t', '\r', '\n'])
                    .unwrap_or(rest.len());
                let (path, fragment) = match rest[..end].split_once('#') {
                    Some((path, f)) => (path, rest[end..].starts_with(')').then_some(f)),
                    None => (&rest[..end], None),
                };
                if !path.is_empty() {
                    paths.entry(path).or_insert((i, at));
                    if let Some(target) = page.as_deref().and_then(|p| links::resolve(p, path)) {
                        targets.entry(target).or_insert((i, at));
                    }
                }
                if let Some(f) = fragment {
                    fragments.entry(f).or_insert((i, at));
                }
            }
        }
        ContentLinks {
            sources: sources.into_iter().map(|(s, _)| s).collect(),
            paths,
            fragments,
            targets,
        }
    }

    /// The first source, line number (from 1) and line text that writes
    /// `url`'s path, or its fragment, or a link to the page `url` names
    /// from output path `page`.
    fn written_at(
        &self,
        page: &str,
        url: &str,
    ) -> Option<(&'a crate::load::Source, usize, &'a str)> {
        let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
        let by_path = (!path.is_empty()).then(|| self.paths.get(path)).flatten();
        let by_fragment = (!fragment.is_empty())
            .then(|| self.fragments.get(fragment))
            .flatten();
        let by_target = || {
            let target = crate::render::links::resolve(page, path)?;
            self.targets.get(&target)
        };
        let (i, at) = *by_path
            .into_iter()
            .chain(by_fragment)
            .min()
            .or_else(|| (!path.is_empty()).then(by_target).flatten())?;
        let src = self.sources[i];
        let line = crate::diag::line_col(&src.text, at).0;
        Some((src, line, crate::diag::line_text(&src.text, line)?))
    }
}

#[cfg(test)]
mod tests;
