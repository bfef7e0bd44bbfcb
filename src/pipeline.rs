//! The build pipeline as named, timed stages: load → resolve → render →
//! (minify) — everything in memory. Publishing is the caller's choice, so
//! `check` runs the same stages and writes nothing.

use crate::diag::Diagnostics;
use crate::i18n::I18n;
use crate::render::{self, OutputFile, RenderInput};
use crate::resolve::{self, Coverage};
use anyhow::Result;
use std::path::Path;
use std::time::{Duration, Instant};

/// The outcome of running the pipeline.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The rendered files, when there were no errors.
    pub files: Option<Vec<OutputFile>>,
    pub diagnostics: Diagnostics,
    pub coverage: Vec<Coverage>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Options for a pipeline run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Minify HTML (off for `check`, which does not publish).
    pub minify: bool,
}

fn timed<T>(timings: &mut Vec<(&'static str, Duration)>, name: &'static str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    timings.push((name, start.elapsed()));
    out
}

/// Loads, resolves and renders the site at `root`, in memory.
pub fn run(root: &Path, opts: Options) -> Result<Outcome> {
    let mut out = Outcome::default();
    let mut t = vec![];
    let (raw, mut d) = timed(&mut t, "load", || crate::load::load(root))?;
    let Some(raw) = raw else {
        out.diagnostics = d;
        out.timings = t;
        return Ok(out);
    };
    let resolved = timed(&mut t, "resolve", || resolve::resolve(&raw, &mut d));
    out.coverage = resolved.coverage;
    let i18n = I18n::from_theme(&raw.theme, &mut d);
    let site = match resolved.site {
        Some(s) if !d.has_errors() => s,
        _ => {
            out.diagnostics = d;
            out.timings = t;
            return Ok(out);
        }
    };
    let files = timed(&mut t, "render", || {
        let tera = render::templates(&raw.theme, &mut d)?;
        let input = RenderInput { config: &raw.config, theme: &raw.theme, i18n: &i18n };
        Some(render::render(&site, &input, &tera, &mut d))
    });
    let mut files = match files {
        Some(f) if !d.has_errors() => f,
        _ => {
            out.diagnostics = d;
            out.timings = t;
            return Ok(out);
        }
    };
    if opts.minify {
        timed(&mut t, "minify", || crate::output::minify(&mut files));
    }
    out.files = Some(files);
    out.diagnostics = d;
    out.timings = t;
    Ok(out)
}
