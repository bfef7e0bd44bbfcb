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

/// The README's example release file ("Publishing a year's progress").
pub fn readme_release() -> String {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let start = readme
        .find("```toml\nas_of")
        .expect("the README shows a release file")
        + "```toml\n".len();
    let end = start + readme[start..].find("```").expect("the block ends");
    readme[start..end].to_string()
}

/// The evaluation report the README's example release lists, written as
/// the README says.
pub fn write_final_report(site: &TempSite) {
    site.write(
        "content/progress/reports/final.zh.md",
        "+++\nkind = \"final\"\ndate = \"2026-03-01\"\ntitle = { zh = \"总结评估报告\", en = \"Final evaluation\" }\n+++\n\n# 总体情况\n\n正文。\n",
    );
    site.write(
        "content/progress/reports/final.en.md",
        "# Overview\n\nText.\n",
    );
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

/// Rewrites every file below `dir` (or the file `dir`) whose name ends in
/// one of `exts` with CRLF line ends, as Notepad or a Windows checkout
/// saves it; returns how many files it rewrote.
pub fn to_crlf(dir: &Path, exts: &[&str]) -> usize {
    let mut n = 0;
    for e in walkdir::WalkDir::new(dir) {
        let e = e.expect("walk");
        let name = e.file_name().to_string_lossy();
        if !e.file_type().is_file() || !exts.iter().any(|x| name.ends_with(x)) {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).expect("read");
        assert!(
            !text.contains('\r'),
            "{} has CR already",
            e.path().display()
        );
        std::fs::write(e.path(), text.replace('\n', "\r\n")).expect("write");
        n += 1;
    }
    n
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

/// The text of HTML as a browser reads it (html5ever), script and style
/// left out. Elements matching the CSS selector `skip` (e.g.
/// `[lang=zh-CN]`) are left out with their content when it is given.
pub fn html_text(html: &str, skip: Option<&str>) -> String {
    let skip = skip.map(|s| scraper::Selector::parse(s).expect("a CSS selector"));
    let doc = scraper::Html::parse_document(html);
    let mut out = String::with_capacity(html.len());
    push_text(doc.root_element(), skip.as_ref(), &mut out);
    out
}

fn push_text(el: scraper::ElementRef<'_>, skip: Option<&scraper::Selector>, out: &mut String) {
    for child in el.children() {
        if let Some(text) = child.value().as_text() {
            out.push_str(&text.text);
        } else if let Some(child) = scraper::ElementRef::wrap(child) {
            let name = child.value().name();
            if matches!(name, "script" | "style" | "template")
                || skip.is_some_and(|s| s.matches(&child))
            {
                continue;
            }
            push_text(child, skip, out);
        }
    }
}

/// A page in one canonical markup (minify-html with the build's settings:
/// unquoted attributes where HTML allows, collapsed whitespace), so that a
/// test's markup patterns hold whether the page was built with `--minify`
/// or not. Minifying minified markup gives it back unchanged.
pub fn canon(html: &str) -> String {
    String::from_utf8(minify_html::minify(
        html.as_bytes(),
        plansite::pipeline::minify_cfg(),
    ))
    .expect("utf-8")
}

/// The `<main>` element's HTML.
pub fn main_html(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html.rfind("</main>").unwrap_or(html.len());
    &html[start..end]
}
