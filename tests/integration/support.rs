//! Test support: copy a site into a temp dir, run the binary, read trees.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A site root copied into a temporary folder.
pub struct TempSite {
    pub dir: tempfile::TempDir,
}

impl TempSite {
    /// Copies `site.toml`, `content/`, `themes/` and `seeds/` of `from`.
    pub fn copy(from: &Path) -> TempSite {
        let dir = tempfile::tempdir().expect("tempdir");
        for entry in ["site.toml", "content", "themes", "seeds"] {
            let src = from.join(entry);
            if src.exists() {
                copy_tree(&src, &dir.path().join(entry));
            }
        }
        TempSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// Replaces the first occurrence of `from` in file `rel`.
    pub fn patch(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Runs `plansite ARGS --root ROOT`.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.root(), args)
    }

    /// Builds into `public/` and returns the output.
    pub fn build(&self) -> Output {
        self.run(&["build", "--no-search", "--lang", "both"])
    }
}

pub fn run_in(root: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("LANG", "C")
        .current_dir(root)
        .output()
        .expect("run plansite")
}

pub fn copy_tree(src: &Path, dst: &Path) {
    if src.is_file() {
        std::fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
        std::fs::copy(src, dst).expect("copy");
        return;
    }
    for e in walkdir::WalkDir::new(src) {
        let e = e.expect("walk");
        let rel = e.path().strip_prefix(src).expect("prefix");
        let to = dst.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &to).expect("copy");
        }
    }
}

/// Every file under `dir`: relative path → bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).expect("read"));
        }
    }
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Text content of HTML: tags removed, common entities decoded. Elements
/// whose opening tag matches `skip` (e.g. `lang="zh-CN"`) are left out with
/// their content when `skip` is given.
pub fn html_text(html: &str, skip: Option<&str>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    let bytes = html.as_bytes();
    let mut skip_depth: Vec<String> = vec![];
    while i < html.len() {
        if bytes[i] == b'<' {
            let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
            let tag = &html[i..end];
            let name: String = tag
                .trim_start_matches(['<', '/'])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if tag.starts_with("</") {
                if skip_depth.last() == Some(&name) {
                    skip_depth.pop();
                }
            } else if !skip_depth.is_empty() {
                if !tag.ends_with("/>") && !is_void(&name) && skip_depth.last() == Some(&name) {
                    skip_depth.push(name.clone());
                }
            } else if skip.is_some_and(|s| tag.contains(s)) && !is_void(&name) {
                skip_depth.push(name.clone());
            }
            if name == "script" || name == "style" {
                if let Some(close) = html[end..].find(&format!("</{name}")) {
                    i = end + close;
                    continue;
                }
            }
            i = end;
            continue;
        }
        let next = html[i..].find('<').map_or(html.len(), |n| i + n);
        if skip_depth.is_empty() {
            out.push_str(&html[i..next]);
        }
        i = next;
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "img" | "meta" | "link" | "input" | "hr" | "wbr" | "source"
    )
}

/// The `<main>` element's HTML.
pub fn main_html(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html.rfind("</main>").unwrap_or(html.len());
    &html[start..end]
}
