//! `plansite build` and `plansite check`.

use super::report;
use anyhow::Result;
use plansite::output;
use plansite::pipeline::{self, Options};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub(crate) struct BuildArgs {
    pub(crate) output: Option<PathBuf>,
    pub(crate) timings: bool,
    pub(crate) strict: bool,
    /// Build the search index (off with `--no-search`).
    pub(crate) search: bool,
    /// Minify the pages (`--minify`).
    pub(crate) minify: bool,
}

/// `plansite build`: builds the site into a staging folder and swaps it in
/// for the output folder only when the whole build succeeded.
pub(crate) fn build(root: &Path, args: &BuildArgs, lang: report::Lang) -> Result<ExitCode> {
    let start = Instant::now();
    let out_dir = args.output.clone().unwrap_or_else(|| root.join("public"));
    // The lock is held from before the output is checked until the new
    // site is in place, so no other build can check or swap meanwhile.
    let _lock = output::BuildLock::acquire(&out_dir)?;
    if let Some(done) = output::recover(&out_dir)? {
        report::recovered(&done, &out_dir, lang);
    }
    output::check_output_dir(root, &out_dir)?;
    let search_cache = output::search_cache(&out_dir);
    let render_cache = output::render_cache(&out_dir);
    // Pages are written into the staging folder as they are rendered; it
    // is swapped in only when the whole build succeeded.
    let staging = output::Staging::open(&out_dir)?;
    let run = pipeline::run_in(
        root,
        Options {
            minify: args.minify,
            search: args.search,
        },
        pipeline::Mode::Build(pipeline::Publish {
            stage: &staging,
            render_cache: &render_cache,
            search_cache: &search_cache,
        }),
    );
    let mut outcome = match run {
        Ok(o) => o,
        Err(e) => return Err(full_disk(e, &out_dir, lang)),
    };
    let failed = report::print(&outcome, lang, args.strict);
    let files = outcome.files.take();
    // Built, but refused for its warnings.
    let strict = failed && files.is_some();
    let Some(files) = files.filter(|_| !failed) else {
        say_failed(strict, lang);
        return Ok(ExitCode::FAILURE);
    };
    let t = Instant::now();
    let count = files.len() + outcome.written.len();
    if let Err(e) = staging.finish(&files, &outcome.written) {
        return Err(full_disk(e, &out_dir, lang));
    }
    if let Some(cache) = &outcome.cache {
        cache.save(&render_cache);
    }
    outcome.timings.push(("write", t.elapsed()));
    if args.timings {
        print_timings(&outcome);
    }
    say_built(count, &out_dir, start, lang);
    Ok(ExitCode::SUCCESS)
}

/// That the build failed, `strict`ly (refused for its warnings) or not, and
/// left the output folder as it was.
fn say_failed(strict: bool, lang: report::Lang) {
    let (zh, en) = if strict {
        (
            "构建失败（--strict），输出目录未改动",
            "build failed (--strict); the output folder was not touched",
        )
    } else {
        (
            "构建失败，public/ 未改动",
            "build failed; the output folder was not touched",
        )
    };
    eprintln!("{}", report::text(lang, zh, en));
}

/// That `count` files were built into `out_dir`, and in how long since
/// `start`.
fn say_built(count: usize, out_dir: &Path, start: Instant, lang: report::Lang) {
    println!(
        "{} {} → {} ({:.0} ms)",
        report::text(lang, "已生成", "built"),
        count,
        out_dir.display(),
        start.elapsed().as_secs_f64() * 1000.0
    );
}

/// `--timings`: each stage's wall time, and inside the render the pages
/// rendered and reused and the CPU time of each per-page step.
fn print_timings(outcome: &pipeline::Outcome) {
    for (name, d) in &outcome.timings {
        eprintln!("{name:>8}: {:>8.1} ms", d.as_secs_f64() * 1000.0);
        if *name == "render" {
            eprintln!(
                "{:>8}  · pages: {} rendered, {} reused",
                "", outcome.rendered, outcome.reused
            );
            for (step, d) in outcome.cpu.iter().filter(|(_, d)| !d.is_zero()) {
                eprintln!("{:>8}  · {step} {:.1} ms cpu", "", d.as_secs_f64() * 1000.0);
            }
        }
    }
}

/// A build that failed on a full disk removes what it staged, and says so;
/// any other error is passed on as it is.
fn full_disk(e: anyhow::Error, out: &Path, lang: report::Lang) -> anyhow::Error {
    if !output::is_disk_full(&e) {
        return e;
    }
    let freed = output::discard_staging(out).is_ok();
    let zh = if freed {
        "磁盘已满，构建失败：已删除本次构建的暂存文件，网站未改动。请腾出磁盘空间后重新构建"
    } else {
        "磁盘已满，构建失败，网站未改动。请腾出磁盘空间后重新构建"
    };
    let en = if freed {
        "the disk is full: the build failed and removed what it had staged; the site was not touched. Free some space and build again"
    } else {
        "the disk is full: the build failed; the site was not touched. Free some space and build again"
    };
    e.context(report::text(lang, zh, en))
}

pub(crate) fn check(root: &Path, strict: bool, lang: report::Lang) -> Result<ExitCode> {
    let outcome = pipeline::run(
        root,
        Options {
            minify: false,
            search: false,
        },
    )?;
    report::coverage(&outcome.coverage, lang);
    let failed = report::print(&outcome, lang, strict);
    // Unreadable content was reported above by the pipeline.
    if let Ok(files) = super::translate::read_content(&root.join("content")) {
        if let Ok(found) = plansite::translate::glossary::check(&files) {
            report::advice(&found, lang);
        }
    }
    if failed || outcome.files.is_none() {
        return Ok(ExitCode::FAILURE);
    }
    println!("{}", report::text(lang, "检查通过", "check passed"));
    Ok(ExitCode::SUCCESS)
}
