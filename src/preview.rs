//! Live preview, without the network or the printing: the site held in
//! memory as build generations, the reply to each request path, the reload
//! script injected into served HTML (never into built output), the overlay
//! page shown while the latest build has errors, and which file events are
//! source changes. `cli/serve.rs` owns the sockets, the watcher and the
//! terminal.

use crate::diag::{Diagnostic, Severity};
use crate::render::{part, OutputFile, Part};
use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The long-poll endpoint: `GET EVENTS_PATH?since=N` answers with the
/// current generation once it differs from N (or after a timeout).
pub const EVENTS_PATH: &str = "/__plansite/events";

/// What the preview serves at one moment.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Counts builds; the reload script reloads when it changes.
    pub generation: u64,
    /// The last good build: path relative to the site → bytes.
    pub files: Files,
    /// The latest build's diagnostics when it failed; `None` when it built.
    pub broken: Option<Vec<Diagnostic>>,
}

/// A site's files (path relative to the site → bytes), in parts that
/// builds can share: on a site of several plans, a plan that did not
/// change keeps its part from one build to the next.
#[derive(Debug, Default, Clone)]
pub struct Files {
    parts: Vec<Part>,
}

impl Files {
    /// The files of `parts`; no path is in two parts.
    pub fn new(parts: Vec<Part>) -> Files {
        Files { parts }
    }

    pub fn get(&self, path: &str) -> Option<&Vec<u8>> {
        self.parts.iter().find_map(|p| p.get(path))
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }
}

impl From<BTreeMap<String, Vec<u8>>> for Files {
    fn from(files: BTreeMap<String, Vec<u8>>) -> Files {
        Files::new(vec![Arc::new(files)])
    }
}

/// The current snapshot, shared between the rebuilding and serving threads.
#[derive(Debug, Default)]
pub struct Live {
    current: Mutex<Arc<Snapshot>>,
    changed: Condvar,
}

impl Live {
    fn lock(&self) -> MutexGuard<'_, Arc<Snapshot>> {
        self.current.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.lock())
    }

    /// Publishes a build: its files when it succeeded, else its diagnostics
    /// (the last good files stay, for assets). Wakes every waiting poll.
    pub fn publish(&self, files: Option<Vec<OutputFile>>, diagnostics: Vec<Diagnostic>) {
        self.publish_parts(files.map(|f| vec![part(f)]), diagnostics);
    }

    /// [`Live::publish`], the files given in parts.
    pub fn publish_parts(&self, parts: Option<Vec<Part>>, diagnostics: Vec<Diagnostic>) {
        let mut guard = self.lock();
        let generation = guard.generation + 1;
        let next = match parts {
            Some(parts) => Snapshot {
                generation,
                files: Files::new(parts),
                broken: None,
            },
            None => Snapshot {
                generation,
                files: guard.files.clone(),
                broken: Some(diagnostics),
            },
        };
        *guard = Arc::new(next);
        self.changed.notify_all();
    }

    /// Waits until the generation differs from `since`, at most `timeout`;
    /// returns the generation then current.
    pub fn wait_change(&self, since: u64, timeout: Duration) -> u64 {
        let deadline = Instant::now() + timeout;
        let mut guard = self.lock();
        while guard.generation == since {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            guard = self
                .changed
                .wait_timeout(guard, left)
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
        guard.generation
    }
}

/// One HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    /// `Location` for redirects.
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type,
            location: None,
            body,
        }
    }
}

/// The answer to any request for `url` (path and query as the browser sent
/// them). On the events endpoint it waits, at most `poll`, for a newer
/// generation than `since=` and answers with the current one.
pub fn answer(live: &Live, url: &str, poll: Duration) -> Reply {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if path == EVENTS_PATH {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse().ok());
        let generation = live.wait_change(since.unwrap_or(u64::MAX), poll);
        return Reply::new(
            200,
            "text/plain; charset=utf-8",
            generation.to_string().into_bytes(),
        );
    }
    reply(&live.current(), url)
}

/// The answer to `url` from one snapshot, other than the events endpoint.
pub fn reply(snap: &Snapshot, url: &str) -> Reply {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(rel) = file_path(path) else {
        return not_found(snap);
    };
    if let Some(diags) = &snap.broken {
        if is_html_path(&rel) {
            return Reply::new(500, HTML, overlay(diags, snap.generation).into_bytes());
        }
    }
    if let Some(bytes) = snap.files.get(rel.as_str()) {
        let ct = content_type(&rel);
        let body = if ct == HTML {
            inject_reload(bytes, snap.generation)
        } else {
            bytes.clone()
        };
        return Reply::new(200, ct, body);
    }
    if !rel.ends_with("index.html") && snap.files.contains_key(&format!("{rel}/index.html")) {
        let mut r = Reply::new(301, HTML, vec![]);
        r.location = Some(format!("/{rel}/"));
        return r;
    }
    not_found(snap)
}

fn not_found(snap: &Snapshot) -> Reply {
    match snap.files.get("404.html") {
        Some(bytes) => Reply::new(404, HTML, inject_reload(bytes, snap.generation)),
        None => Reply::new(404, "text/plain; charset=utf-8", b"404".to_vec()),
    }
}

/// The site file a request path names: percent-decoded, without the
/// leading `/`, `index.html` for folders; `None` for paths leaving the site.
fn file_path(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    let rel = decoded.trim_start_matches('/');
    if rel
        .split('/')
        .any(|seg| seg == ".." || seg == "." || seg.contains('\\'))
    {
        return None;
    }
    if rel.is_empty() || rel.ends_with('/') {
        return Some(format!("{rel}index.html"));
    }
    Some(rel.to_string())
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A page rather than an asset: `.html`, or no extension in the last segment.
fn is_html_path(rel: &str) -> bool {
    let last = rel.rsplit('/').next().unwrap_or(rel);
    rel.ends_with(".html") || !last.contains('.')
}

const HTML: &str = "text/html; charset=utf-8";

fn content_type(rel: &str) -> &'static str {
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => HTML,
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// The reload script: long-polls the events endpoint and reloads the page
/// when the generation moves on; retries each second while the server is
/// away. It shows no text, so it needs no translation.
fn reload_script(generation: u64) -> String {
    format!(
        "<script>(function(){{var g={generation};function w(){{fetch(\"{EVENTS_PATH}?since=\"+g,{{cache:\"no-store\"}})\
.then(function(r){{if(!r.ok)throw r;return r.text()}})\
.then(function(t){{if(Number(t)!==g){{location.reload()}}else{{w()}}}},function(){{setTimeout(w,1000)}})}}w()}})();</script>"
    )
}

/// `html` with the reload script before its last `</body>` (or at the end).
fn inject_reload(html: &[u8], generation: u64) -> Vec<u8> {
    let script = reload_script(generation);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const OVERLAY_STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;background:#fff5f5;color:#222}\
main{max-width:60rem;margin:2rem auto;padding:0 1rem}h1{color:#b00020}\
li{background:#fff;border-left:4px solid #b00020;margin:1rem 0;padding:.5rem 1rem;list-style:none}\
li.warning{border-color:#b26a00}li p{white-space:pre-line}code,pre{font-family:ui-monospace,monospace}pre{background:#f4f4f4;padding:.5rem;overflow:auto}\
.en{color:#555}";

/// The page served for every HTML request while the latest build failed:
/// each problem with its location, message and hint in Chinese and English.
/// It carries the reload script, so fixing the file brings the site back.
pub fn overlay(diags: &[Diagnostic], generation: u64) -> String {
    let mut items = String::new();
    for d in diags {
        items.push_str(&overlay_item(d));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>构建失败 / Build failed</title>\
<style>{OVERLAY_STYLE}</style></head><body><main><h1>构建失败 <span class=\"en\" lang=\"en\">Build failed</span></h1>\
<p>请按下列提示修改文件并保存，本页会自动刷新。<br><span class=\"en\" lang=\"en\">Fix the files below and save; this page reloads by itself.</span></p>\
<ol>{items}</ol></main>{}</body></html>\n",
        reload_script(generation)
    )
}

fn overlay_item(d: &Diagnostic) -> String {
    let (class, sev) = match d.severity {
        Severity::Error => ("error", "错误 / error"),
        Severity::Warning => ("warning", "警告 / warning"),
    };
    let mut s = format!("<li class=\"{class}\"><p><strong>{sev}</strong>");
    if !d.path.is_empty() {
        s.push_str(&format!(" <code>{}</code>", escape(&d.location())));
    }
    s.push_str("</p>");
    s.push_str(&format!(
        "<p>{}<br><span class=\"en\" lang=\"en\">{}</span></p>",
        escape(&d.message.zh),
        escape(&d.message.en)
    ));
    if let Some(snippet) = &d.snippet {
        s.push_str(&format!("<pre>{} | {}</pre>", d.line, escape(snippet)));
    }
    if !d.hint.zh.is_empty() || !d.hint.en.is_empty() {
        s.push_str(&format!(
            "<p>提示：{}<br><span class=\"en\" lang=\"en\">Hint: {}</span></p>",
            escape(&d.hint.zh),
            escape(&d.hint.en)
        ));
    }
    s.push_str("</li>");
    s
}

/// Whether a file event changes the site's sources: a write, creation,
/// removal or rename (not a read) under `content/` or `themes/`, or of
/// `site.toml`, skipping editors' hidden, backup and swap files. `root`
/// must be the path the watches were made with.
pub fn is_source_change(root: &Path, event: &Event) -> bool {
    let kind_counts = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    };
    kind_counts && event.paths.iter().any(|p| is_source_path(root, p))
}

fn is_source_path(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let scratch = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx");
    let under = rel.starts_with("content") || rel.starts_with("themes");
    !scratch && (under || rel == Path::new("site.toml"))
}

#[cfg(test)]
mod tests;
