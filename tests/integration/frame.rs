//! The disclosure frame, feeds and sitemap: configured fields only, valid
//! XML, absolute URLs from base_url, relative links in pages.

use crate::support::*;

fn built_mini() -> TempSite {
    let site = TempSite::copy(&fixture("mini"));
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

/// A minimal well-formedness check: every tag closes in order.
fn well_formed(xml: &str) -> Result<(), String> {
    let body = xml.split_once("?>").map_or(xml, |(_, b)| b);
    let tag = regex::Regex::new(r"<(/?)([A-Za-z][\w:.-]*)[^>]*?(/?)>").expect("re");
    let mut stack: Vec<String> = vec![];
    for c in tag.captures_iter(body) {
        let name = c[2].to_string();
        if &c[3] == "/" {
            continue;
        }
        if &c[1] == "/" {
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else {
            stack.push(name);
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed {stack:?}"))
    }
}

#[test]
fn feeds_and_sitemap_are_valid_and_every_url_resolves() {
    let site = built_mini();
    let base = "https://example.gov.cn/plan/";
    let url = regex::Regex::new(r#"(?:href="|<loc>)(https://[^"<]+)"#).expect("re");
    for file in ["feed.xml", "en/feed.xml", "sitemap.xml"] {
        let xml = site.read(&format!("public/{file}"));
        well_formed(&xml).unwrap_or_else(|e| panic!("{file}: {e}"));
        let urls: Vec<String> = url.captures_iter(&xml).map(|c| c[1].to_string()).collect();
        assert!(!urls.is_empty(), "{file} has URLs");
        for u in urls {
            let rel = u
                .strip_prefix(base)
                .unwrap_or_else(|| panic!("{file}: {u} is not under {base}"));
            let path = rel.split('#').next().unwrap_or("");
            assert!(
                site.path("public").join(path).is_file(),
                "{file}: {u} does not resolve to a built file"
            );
        }
    }
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains(r#"<xhtml:link rel="alternate" hreflang="en" href="https://example.gov.cn/plan/en/chapters/01/index.html"/>"#));
    assert!(site
        .read("public/robots.txt")
        .contains("Sitemap: https://example.gov.cn/plan/sitemap.xml"));
    assert!(
        !site
            .read("public/index.html")
            .contains("https://example.gov.cn"),
        "pages link relatively"
    );
}

#[test]
fn without_base_url_no_absolute_urls_are_invented() {
    let site = TempSite::copy(&fixture("mini"));
    site.write("site.toml", "base_url = \"\"\n");
    assert!(site.build().status.success());
    assert!(
        !site.path("public/sitemap.xml").exists(),
        "a sitemap needs absolute URLs"
    );
    assert!(!site.read("public/robots.txt").contains("Sitemap:"));
    assert!(
        !site.read("public/feed.xml").contains("http://example")
            && !site.read("public/feed.xml").contains("https://example")
    );
}

#[test]
fn footer_and_header_show_exactly_the_configured_fields() {
    let site = built_mini();
    let html = site.read("public/chapters/01/index.html");
    let footer = &html[html.find("<footer").expect("footer")..];
    assert!(footer.contains("3708120001"), "site code shown");
    assert!(footer.contains("鲁ICP备00000000号"), "ICP shown");
    assert!(footer.contains("0537-0000000"), "phone shown");
    assert!(
        footer.contains("我为政府网站找错"),
        "error report link shown"
    );
    assert!(
        !footer.contains("公安"),
        "police record not configured, not shown"
    );
    assert!(!footer.contains("邮箱"), "email not configured, not shown");
    assert!(
        footer.contains("2026-11-28"),
        "last updated from the change log"
    );
    // The document header: only the period is known in the fixture.
    let header = &html[html.find("doc-header").expect("doc header")..];
    let header = &header[..header.find("</dl>").expect("end")];
    assert!(header.contains("规划期") && header.contains("2021–2025"));
    assert!(
        !header.contains("文号") && !header.contains("发布日期") && !header.contains("索引号"),
        "empty fields are not shown"
    );
    // Configure the document number: it appears, nothing else does.
    site.patch(
        "content/plan.toml",
        "document_number = \"\"",
        "document_number = \"兖政发〔2022〕1号\"",
    );
    assert!(site.build().status.success());
    let html = site.read("public/chapters/01/index.html");
    assert!(html.contains("兖政发〔2022〕1号") && html.contains("文号"));
}

#[test]
fn invalid_change_log_date_is_refused() {
    let site = TempSite::copy(&fixture("mini"));
    site.patch("content/changelog.toml", "2026-11-28", "2026-02-30");
    let out = site.build();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("content/changelog.toml:"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_404_page_works_at_any_depth_with_a_base_url() {
    let site = built_mini();
    let html = site.read("public/404.html");
    assert!(
        html.contains("<base href=\"/plan/\">") || html.contains("<base href=/plan/>"),
        "base from base_url"
    );
    assert!(html.contains("<style>"), "CSS inlined");
    let en = site.read("public/en/404.html");
    assert!(en.contains("/plan/en/"), "English 404 base");
}

/// `href` (no fragment, no query) resolved against the page `page`.
fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn no_page_links_to_itself_unless_marked_current() {
    // A link back to the page it is on ("all departments" on a department
    // page once did) leads nowhere; the menu's link to the current page is
    // marked aria-current, and the site name on the home page is the one
    // exception readers expect.
    let site = built_mini();
    let a = regex::Regex::new(r"<a\s([^>]*)>").expect("re");
    let href = regex::Regex::new(r#"href=(?:"([^"]*)"|([^\s>]+))"#).expect("re");
    let mut bad = vec![];
    let mut current = 0;
    for (rel, bytes) in read_tree(&site.path("public")) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = crate::support::canon(&String::from_utf8(bytes).expect("utf-8"));
        for c in a.captures_iter(&html) {
            let attrs = &c[1];
            let Some(h) = href.captures(attrs) else {
                continue;
            };
            let url = h.get(1).or(h.get(2)).map_or("", |m| m.as_str());
            if url.contains('#') || url.contains('?') || url.contains(':') {
                continue;
            }
            if resolve(&rel, url) != rel {
                continue;
            }
            if attrs.contains("aria-current=page") {
                current += 1;
            } else if !attrs.contains("class=brand") {
                bad.push(format!("{rel}: <a {attrs}>"));
            }
        }
    }
    assert!(bad.is_empty(), "links to their own page: {bad:#?}");
    // The check saw the menu's current links (it resolves relative URLs).
    assert!(current > 20, "{current} aria-current links");
}
