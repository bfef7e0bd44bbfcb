//! Command-line interface: `import`, `build`, `check`, `serve`, `translate`,
//! `progress`.

mod build;
mod import;
mod progress;
mod report;
mod serve;
mod translate;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "plansite",
    version,
    about = "Publish a government plan as a bilingual static website"
)]
struct Cli {
    /// The site folder (holding site.toml, content/, themes/).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// Language of messages: zh, en or both (default: from the locale).
    #[arg(long, global = true, value_enum)]
    lang: Option<report::Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Turn the plan's plain-text export into content/.
    Import {
        /// The seed text file.
        seed: PathBuf,
        /// Import into content/plans/ID/, one plan of a site of several plans.
        #[arg(long, value_name = "ID")]
        plan: Option<String>,
        /// Overwrite an existing content/ folder (or the plan's folder).
        #[arg(long)]
        force: bool,
    },
    /// Build the site into public/ (or --output).
    Build {
        /// Output folder (default: ROOT/public).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Print the time of each stage.
        #[arg(long)]
        timings: bool,
        /// Treat warnings (missing or stale translations) as errors.
        #[arg(long)]
        strict: bool,
        /// Skip the search index (faster; for benchmarking).
        #[arg(long)]
        no_search: bool,
        /// Minify the pages with minify-html (about 2 % fewer bytes after
        /// the server's gzip; off by default, see BENCHMARKS.md).
        #[arg(long)]
        minify: bool,
    },
    /// Check everything and write nothing.
    Check {
        /// Treat warnings (missing or stale translations) as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Preview the site on 127.0.0.1; rebuild and reload on every save.
    Serve {
        /// Port to listen on (the first free one from here; 0: any free port).
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Exchange English with translators (gettext PO, XLIFF 1.2).
    Translate {
        #[command(subcommand)]
        action: TranslateCommand,
    },
    /// Fill a year's progress in a spreadsheet (Excel, WPS) and import it.
    Progress {
        #[command(subcommand)]
        action: ProgressCommand,
    },
}

#[derive(Subcommand)]
enum ProgressCommand {
    /// Write a workbook listing every indicator, task, commitment and
    /// key-project item, with columns to fill in.
    Template {
        /// The workbook to write (.xlsx).
        file: PathBuf,
        /// On a site of several plans: the plan (its folder in content/plans/).
        #[arg(long)]
        plan: Option<String>,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Read a filled workbook (or its sheet saved as CSV) into
    /// content/progress/ID.toml, after the same checks as `check`.
    Import {
        /// The filled workbook (.xlsx) or CSV file.
        file: PathBuf,
        /// The release id: the file name and the page's address (e.g. 2025).
        #[arg(long)]
        release: String,
        /// On a site of several plans: the plan (its folder in content/plans/).
        #[arg(long)]
        plan: Option<String>,
        /// Replace an existing release file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum TranslateCommand {
    /// Write every text that needs English to a PO or XLIFF file.
    Export {
        /// The file to write (.po, or .xlf/.xliff for XLIFF).
        file: PathBuf,
        /// File format (default: from the file's extension).
        #[arg(long, value_enum)]
        format: Option<translate::Format>,
        /// Which texts: missing, stale, needed (missing and stale) or all.
        #[arg(long, value_enum, default_value = "needed")]
        only: translate::OnlyArg,
        /// Another site whose English is used as translation memory (repeatable).
        #[arg(long)]
        memory: Vec<PathBuf>,
    },
    /// Merge a translated PO or XLIFF file back into content/.
    Import {
        /// The translated file.
        file: PathBuf,
    },
}

/// `plansite translate …`.
fn translate_command(
    root: &Path,
    action: TranslateCommand,
    lang: report::Lang,
) -> anyhow::Result<ExitCode> {
    match action {
        TranslateCommand::Export {
            file,
            format,
            only,
            memory,
        } => translate::export(
            root,
            &translate::ExportArgs {
                file,
                format,
                only,
                memory,
            },
            lang,
        ),
        TranslateCommand::Import { file } => translate::import(root, &file, lang),
    }
}

/// `plansite progress …`.
fn progress_command(
    root: &Path,
    action: ProgressCommand,
    lang: report::Lang,
) -> anyhow::Result<ExitCode> {
    match action {
        ProgressCommand::Template { file, plan, force } => progress::template(
            root,
            &progress::TemplateArgs {
                file: &file,
                plan: plan.as_deref(),
                force,
            },
            lang,
        ),
        ProgressCommand::Import {
            file,
            release,
            plan,
            force,
        } => progress::import(
            root,
            &progress::ImportArgs {
                file: &file,
                release: &release,
                plan: plan.as_deref(),
                force,
            },
            lang,
        ),
    }
}

pub(crate) fn run() -> ExitCode {
    let cli = Cli::parse();
    let lang = report::Lang::detect(cli.lang);
    let result = match cli.command {
        Command::Import { seed, plan, force } => {
            import::run(&cli.root, &seed, plan.as_deref(), force)
        }
        Command::Build {
            output,
            timings,
            strict,
            no_search,
            minify,
        } => build::build(
            &cli.root,
            &build::BuildArgs {
                output,
                timings,
                strict,
                search: !no_search,
                minify,
            },
            lang,
        ),
        Command::Check { strict } => build::check(&cli.root, strict, lang),
        Command::Serve { port } => serve::serve(&cli.root, port, lang),
        Command::Translate { action } => translate_command(&cli.root, action, lang),
        Command::Progress { action } => progress_command(&cli.root, action, lang),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误 / error: {e:#}");
            ExitCode::from(2)
        }
    }
}
