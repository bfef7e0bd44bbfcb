//! `plansite serve`: a live preview on 127.0.0.1. The site is built in
//! memory and served from there (public/ is never written), rebuilt on
//! every change under content/, themes/ or of site.toml, and open pages
//! reload themselves. A failed build prints its diagnostics here and shows
//! them in the browser as an overlay page; the server keeps running.

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

use super::report;
use anyhow::{anyhow, bail, Context, Result};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};
use plansite::diag::{Bilingual, Diagnostic};
use plansite::pipeline::{self, Options};
use plansite::preview::{self, Live};
use std::collections::BTreeSet;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Quiet time after the last change before rebuilding: one save often
/// arrives as several events (truncate, write, close, rename).
/// Short: a build that starts mid-save is followed by another one for the
/// events that come after it.
const DEBOUNCE: Duration = Duration::from_millis(8);
/// How long one long-poll of an open page waits before answering anyway.
const POLL: Duration = Duration::from_secs(25);
/// Ports tried from `--port` upwards.
const PORT_TRIES: u16 = 100;

type Events = Receiver<notify::Result<Event>>;

pub(crate) fn serve(root: &Path, port: u16, lang: report::Lang) -> Result<ExitCode> {
    crate::keep_freed_memory();
    let root = canonical(root).with_context(|| format!("reading {}", root.display()))?;
    let listener = bind(port, lang)?;
    let addr = listener
        .local_addr()
        .context("reading the server address")?;
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| anyhow!("starting the server: {e}"))?;
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = Sources {
        watcher: notify::recommended_watcher(tx).context("starting the file watcher")?,
        watched: BTreeSet::new(),
    };
    watcher.refresh(&root)?;
    let live = Arc::new(Live::default());
    let mut memo = Memo::default();
    rebuild(&root, &live, lang, None, &mut memo);
    say!(
        "{}: http://{addr}/",
        report::text(lang, "预览地址", "preview at")
    );
    say!(
        "{}",
        report::text(
            lang,
            "保存文件即自动刷新；按 Ctrl+C 停止",
            "every save rebuilds and reloads; press Ctrl+C to stop"
        )
    );
    let rebuilding = Arc::clone(&live);
    std::thread::spawn(move || watch_loop(&root, &rx, &rebuilding, lang, watcher, memo));
    for request in server.incoming_requests() {
        let live = Arc::clone(&live);
        std::thread::spawn(move || respond(request, &live));
    }
    Ok(ExitCode::SUCCESS)
}

/// `std::fs::canonicalize`, but on Windows without the `\\?\` prefix of a
/// drive path (`\\?\C:\site` → `C:\site`): a path with that prefix is
/// taken as written, with no `/` turned into `\`, and the site's files are
/// found by joining the root with paths such as `content/units.toml`.
fn canonical(p: &Path) -> std::io::Result<PathBuf> {
    let c = std::fs::canonicalize(p)?;
    #[cfg(windows)]
    {
        use std::path::{Component, Prefix};
        let mut parts = c.components();
        if let Some(Component::Prefix(pre)) = parts.next() {
            if let Prefix::VerbatimDisk(drive) = pre.kind() {
                let mut plain = PathBuf::from(format!("{}:\\", char::from(drive)));
                plain.extend(parts.filter(|p| matches!(p, Component::Normal(_))));
                return Ok(plain);
            }
        }
    }
    Ok(c)
}

/// Listens on 127.0.0.1 only: `port` (0: any free port) or the first free
/// port after it.
fn bind(port: u16, lang: report::Lang) -> Result<TcpListener> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES - 1)
    };
    for p in port..=last {
        if let Ok(l) = TcpListener::bind(("127.0.0.1", p)) {
            return Ok(l);
        }
    }
    bail!(
        "{}",
        report::text(
            lang,
            &format!("端口 {port}–{last} 都已被占用，请用 --port 指定其他端口"),
            &format!("ports {port}–{last} are all in use; choose another with --port")
        )
    )
}

/// The watches on the site's sources: the root itself (for site.toml and
/// folders created later), content/ and themes/ with everything below.
struct Sources {
    watcher: RecommendedWatcher,
    watched: BTreeSet<PathBuf>,
}

impl Sources {
    /// Adds the watches not yet made (themes/ may appear while serving).
    fn refresh(&mut self, root: &Path) -> Result<()> {
        let wanted = [
            (root.to_path_buf(), RecursiveMode::NonRecursive),
            (root.join("content"), RecursiveMode::Recursive),
            (root.join("themes"), RecursiveMode::Recursive),
        ];
        for (dir, mode) in wanted {
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.watcher
                    .watch(&dir, mode)
                    .with_context(|| format!("watching {}", dir.display()))?;
                self.watched.insert(dir);
            }
        }
        Ok(())
    }
}

/// What a rebuild keeps for the next.
type Memo = pipeline::Session;

fn watch_loop(
    root: &Path,
    rx: &Events,
    live: &Live,
    lang: report::Lang,
    mut sources: Sources,
    mut memo: Memo,
) {
    while let Some(first) = next_change(root, rx) {
        if let Err(e) = sources.refresh(root) {
            warn!(
                "{}: {e:#}",
                report::text(lang, "无法监视文件", "cannot watch files")
            );
        }
        rebuild(root, live, lang, Some(first), &mut memo);
    }
}

/// Waits for a source change, then until `DEBOUNCE` passes without another.
/// Returns when the first change came; `None` when the watcher has stopped.
fn next_change(root: &Path, rx: &Events) -> Option<Instant> {
    let relevant =
        |e: &notify::Result<Event>| e.as_ref().is_ok_and(|e| preview::is_source_change(root, e));
    let first = loop {
        if relevant(&rx.recv().ok()?) {
            break Instant::now();
        }
    };
    let mut last = first;
    loop {
        match rx.recv_timeout((last + DEBOUNCE).saturating_duration_since(Instant::now())) {
            Ok(e) if relevant(&e) => last = Instant::now(),
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => return Some(first),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// Builds in memory, prints the outcome and publishes it to the preview.
/// `changed` is when the change that caused the rebuild was seen.
fn rebuild(
    root: &Path,
    live: &Live,
    lang: report::Lang,
    changed: Option<Instant>,
    memo: &mut Memo,
) {
    let start = changed.unwrap_or_else(Instant::now);
    let options = Options {
        minify: false,
        search: false,
    };
    match pipeline::run_in(root, options, pipeline::Mode::Serve(memo)) {
        Ok(outcome) => {
            report::print(&outcome, lang, false);
            let diagnostics = outcome.diagnostics.sorted().into_iter().cloned().collect();
            let built = outcome.files.is_some();
            let (rendered, reused) = (outcome.rendered, outcome.reused);
            // On a site of several plans, each plan's files come as a part
            // of their own, and the portal's as the files.
            let mut parts = outcome.parts;
            let files = outcome.files.map(|f| {
                parts.push(plansite::render::part(f));
                parts
            });
            live.publish_parts(files, diagnostics);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            match built {
                true => say!(
                    "{} ({rendered} {}, {reused} {}, {ms:.0} ms)",
                    report::text(lang, "预览已更新", "preview updated"),
                    report::text(lang, "页重新生成", "pages rendered"),
                    report::text(lang, "页未变", "unchanged")
                ),
                false => warn!(
                    "{}",
                    report::text(
                        lang,
                        "构建失败，浏览器中显示上述问题；改正后自动恢复",
                        "build failed; the browser shows the problems above until they are fixed"
                    )
                ),
            }
        }
        Err(e) => {
            warn!("错误 / error: {e:#}");
            let message = Bilingual::new(format!("构建出错：{e:#}"), format!("build error: {e:#}"));
            live.publish(
                None,
                vec![Diagnostic::error("", 0, message).with_hint(
                    "请检查该文件或文件夹是否存在、可读",
                    "check that the file or folder exists and can be read",
                )],
            );
        }
    }
}

/// Answers one request; the events endpoint may wait up to `POLL`.
fn respond(request: tiny_http::Request, live: &Live) {
    let reply = preview::answer(live, request.url(), POLL);
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    let headers = [
        ("Content-Type", Some(reply.content_type)),
        ("Cache-Control", Some("no-store")),
        ("Location", reply.location.as_deref()),
    ];
    for (name, value) in headers {
        if let Some(h) = value.and_then(|v| tiny_http::Header::from_bytes(name, v).ok()) {
            response.add_header(h);
        }
    }
    // A page closed mid-answer is no error for a preview.
    let _ = request.respond(response);
}
