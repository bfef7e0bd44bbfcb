//! Machine-readable files: an Atom feed per language, `sitemap.xml` with
//! hreflang alternates, and `robots.txt`. Absolute URLs come only from
//! `base_url` in site.toml; without it, the sitemap is not written (it needs
//! absolute URLs) and the feeds use `xml:base`-free relative links.

use crate::disclosure::{ChangeEntry, Disclosure};
use crate::model::*;
use crate::render::routes::Route;
use crate::render::OutputFile;

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Atom feed of published updates (the change log, newest first).
pub fn atom(site: &Site, d: &Disclosure, base: &str, lang: Lang, title_suffix: &str) -> OutputFile {
    let feed = Feed { base, lang };
    let self_path = format!("{}feed.xml", lang.prefix());
    let updated = d.last_updated().unwrap_or("2021-01-01");
    let title = format!("{} · {}", site.plan.title.get(lang), title_suffix);
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    s.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        lang.tag()
    ));
    s.push_str(&format!("<title>{}</title>\n", xml(&title)));
    let id = feed.href(format!("tag:plansite,2021:{}", lang.code()), &self_path);
    s.push_str(&format!("<id>{}</id>\n", xml(&id)));
    let self_href = feed.href("feed.xml".into(), &self_path);
    s.push_str(&format!(
        "<link rel=\"self\" href=\"{}\"/>\n",
        xml(&self_href)
    ));
    let home = feed.href("index.html".into(), &Route::Home.output(lang));
    s.push_str(&format!(
        "<link rel=\"alternate\" href=\"{}\"/>\n",
        xml(&home)
    ));
    s.push_str(&format!("<updated>{updated}T00:00:00Z</updated>\n"));
    s.push_str(&format!(
        "<author><name>{}</name></author>\n",
        xml(site.plan.district.get(lang))
    ));
    for (i, c) in d.changes.iter().enumerate() {
        s.push_str(&feed.entry(c, d.changes.len() - i));
    }
    s.push_str("</feed>\n");
    OutputFile {
        rel_path: self_path,
        bytes: s.into_bytes(),
    }
}

/// The feed of one language, and where its links point: under `base`, or
/// relative without one.
struct Feed<'a> {
    base: &'a str,
    lang: Lang,
}

impl Feed<'_> {
    /// The output path `path` under the base URL; `relative` without one.
    fn href(&self, relative: String, path: &str) -> String {
        if self.base.is_empty() {
            relative
        } else {
            format!("{}{path}", self.base)
        }
    }

    /// The entry of change `c`, the `n`th of the change log.
    fn entry(&self, c: &ChangeEntry, n: usize) -> String {
        let lang = self.lang;
        let text = if lang == Lang::En && !c.text.en.is_empty() {
            &c.text.en
        } else {
            &c.text.zh
        };
        let changes_page = Route::Changes.output(lang);
        let link = self.href("changes/index.html".to_string(), &changes_page);
        let id = self.href(
            format!("tag:plansite,2021:{}:changes", lang.code()),
            &changes_page,
        );
        let mut s = String::from("<entry>\n");
        s.push_str(&format!(
            "<title>{}</title>\n",
            xml(&format!(
                "{} {}",
                c.date,
                text.chars().take(40).collect::<String>()
            ))
        ));
        s.push_str(&format!("<id>{}#change-{n}</id>\n", xml(&id)));
        s.push_str(&format!("<link href=\"{}#change-{n}\"/>\n", xml(&link)));
        s.push_str(&format!("<updated>{}T00:00:00Z</updated>\n", c.date));
        s.push_str(&format!("<content type=\"text\">{}</content>\n", xml(text)));
        s.push_str("</entry>\n");
        s
    }
}

/// `sitemap.xml` listing every HTML page (but 404) with its alternate.
pub fn sitemap(pages: &[String], base: &str) -> Option<OutputFile> {
    if base.is_empty() {
        return None;
    }
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for p in pages.iter().filter(|p| !p.ends_with("404.html")) {
        let zh = p.strip_prefix("en/").unwrap_or(p);
        s.push_str(&format!("<url><loc>{}</loc>", xml(&format!("{base}{p}"))));
        for lang in Lang::ALL {
            s.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                lang.tag(),
                xml(&format!("{base}{}{zh}", lang.prefix()))
            ));
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    Some(OutputFile {
        rel_path: "sitemap.xml".into(),
        bytes: s.into_bytes(),
    })
}

pub fn robots(base: &str) -> OutputFile {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if !base.is_empty() {
        s.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
    }
    OutputFile {
        rel_path: "robots.txt".into(),
        bytes: s.into_bytes(),
    }
}
