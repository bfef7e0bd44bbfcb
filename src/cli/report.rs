//! Printing diagnostics and coverage for staff, in Chinese, English or both.

/// Prints a line to stdout; a closed pipe (a preview whose terminal or
/// parent went away) must not panic the rebuild thread.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// Prints a line to stderr, ignoring a closed pipe.
macro_rules! warn {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

use plansite::diag::{Diagnostic, Severity};
use plansite::pipeline::Outcome;
use plansite::resolve::Coverage;

/// Which language messages are printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Lang {
    Zh,
    En,
    Both,
}

impl Lang {
    /// From `--lang`, else from the locale (LC_ALL, LC_MESSAGES, LANG).
    pub(crate) fn detect(flag: Option<Lang>) -> Lang {
        if let Some(l) = flag {
            return l;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.starts_with("zh") {
            Lang::Zh
        } else if locale.starts_with("en") {
            Lang::En
        } else {
            Lang::Both
        }
    }
}

pub(crate) fn text(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
        Lang::Both => format!("{zh} / {en}"),
    }
}

/// One diagnostic rendered with annotate-snippets: the message, the
/// `file:line:column`, the offending line with a caret, and the hint.
fn format(d: &Diagnostic, lang: Lang, as_error: bool) -> String {
    use annotate_snippets::{Level, Renderer, Snippet};
    let level = if as_error {
        Level::Error
    } else {
        Level::Warning
    };
    let title = text(lang, &d.message.zh, &d.message.en);
    let location = d.location();
    let hint = text(lang, &d.hint.zh, &d.hint.en);
    let mut message = level.title(&title);
    let snippet_src;
    if let Some(src) = &d.snippet {
        snippet_src = src.clone();
        let start = if d.column > 0 {
            snippet_src
                .char_indices()
                .nth(d.column - 1)
                .map_or(snippet_src.len(), |(i, _)| i)
        } else {
            0
        };
        let end = if d.column > 0 {
            snippet_src[start..]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8())
        } else {
            snippet_src.len()
        };
        // Without a known column, point at the line's first character so the
        // header still reads `file:line:1`.
        let span = if d.column > 0 {
            start..end
        } else {
            0..snippet_src.chars().next().map_or(0, char::len_utf8)
        };
        let snippet = Snippet::source(&snippet_src)
            .line_start(d.line.max(1))
            .origin(&d.path)
            .fold(false)
            .annotation(level.span(span));
        message = message.snippet(snippet);
    } else {
        message = message.footer(Level::Note.title(&location));
    }
    if !d.hint.zh.is_empty() {
        message = message.footer(Level::Help.title(&hint));
    }
    format!("{}\n", Renderer::plain().render(message))
}

/// Prints all diagnostics; returns whether the run failed (errors, or any
/// warning under `strict`).
pub(crate) fn print(o: &Outcome, lang: Lang, strict: bool) -> bool {
    let mut errors = 0;
    let mut warnings = 0;
    for d in o.diagnostics.sorted() {
        let as_error = d.severity == Severity::Error || strict;
        if as_error {
            errors += 1;
        } else {
            warnings += 1;
        }
        warn!("{}", format(d, lang, as_error));
    }
    if errors + warnings > 0 {
        warn!(
            "{}",
            text(
                lang,
                &format!("{errors} 个错误，{warnings} 个警告"),
                &format!("{errors} error(s), {warnings} warning(s)")
            )
        );
    }
    errors > 0
}

/// Prints advice that never fails a run, even under `--strict` (the
/// glossary check: a term may fairly be rendered otherwise in prose).
pub(crate) fn advice(ds: &[Diagnostic], lang: Lang) {
    for d in ds {
        warn!("{}", format(d, lang, false));
    }
    if !ds.is_empty() {
        warn!(
            "{}",
            text(
                lang,
                &format!("{} 条术语提示（不影响 --strict）", ds.len()),
                &format!("{} glossary warning(s) (not counted by --strict)", ds.len())
            )
        );
    }
}

pub(crate) fn coverage(cov: &[Coverage], lang: Lang) {
    if cov.is_empty() {
        return;
    }
    say!(
        "{}",
        text(lang, "英文译文覆盖率", "English translation coverage")
    );
    let (mut total, mut current) = (0, 0);
    for c in cov {
        total += c.total;
        current += c.current;
        say!(
            "  {:>2}  {:>6.1}%  ({}/{}, {} {}, {} {})",
            c.chapter,
            pct(c.current, c.total),
            c.current,
            c.total,
            c.stale,
            text(lang, "过期", "stale"),
            c.missing,
            text(lang, "缺失", "missing")
        );
    }
    say!(
        "  {}  {:>6.1}%  ({current}/{total})",
        text(lang, "合计", "all"),
        pct(current, total)
    );
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        a as f64 * 100.0 / b as f64
    }
}

/// Says what a build repaired of a swap that an earlier build left half done.
pub(crate) fn recovered(done: &plansite::output::Recovery, out: &std::path::Path, lang: Lang) {
    use plansite::output::Recovery;
    let out = out.display();
    let line = match done {
        Recovery::Restored => text(
            lang,
            &format!("上次构建在替换网站时中断：已把上一个完整的网站恢复到 {out}"),
            &format!("the last build stopped while swapping the site in: the last complete site is back in {out}"),
        ),
        Recovery::Finished => text(
            lang,
            &format!("上次构建在替换网站后中断：{out} 是完整的新网站，已收好旧网站"),
            &format!("the last build stopped just after swapping the site in: {out} is the complete new site, and the old one is put away"),
        ),
    };
    warn!("{line}");
}
