//! Search across plans (issue 35, part 4): on a site of several plans each
//! plan keeps its own index, which its own search page searches alone, and
//! the portal's search page (both languages) lists every plan's index and
//! shards by relative paths, for the browser to merge, with a plan filter;
//! without JavaScript it links each plan's pages.

use crate::plans::three_plans;
use crate::plans_linked::follow;
use crate::support::{stderr, TempSite};

const IDS: [&str; 3] = ["14th", "15th", "quanyang-14th"];

/// Builds with the search index, each language's records cut into shards
/// of `shard` records, so that the shards' paths are tested too.
fn build_with_search(site: &TempSite, shard: usize) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(["build", "--lang", "both", "--root"])
        .arg(site.root())
        .env("LANG", "C")
        .env("PLANSITE_SEARCH_SHARD_RECORDS", shard.to_string())
        .output()
        .expect("run plansite");
    assert!(out.status.success(), "build: {}", stderr(&out));
}

/// The value of attribute `name` in the start tag `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

/// The start tag of the `<option>` for plan `id`.
fn option<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("<option value=\"{id}\""))
        .unwrap_or_else(|| panic!("no option for {id}"));
    &html[at..at + html[at..].find('>').expect("option end")]
}

/// The hrefs of `html` inside the element that starts with `start`.
fn hrefs_in<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let part = &html[from..from + html[from..].find(end).expect("end")];
    part.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

#[test]
fn each_plan_keeps_its_own_index_and_the_portal_searches_them_all() {
    let site = three_plans();
    build_with_search(&site, 2);
    for id in IDS {
        // The plan's own index, in both languages, with its shards.
        let dir = format!("plans/{id}/pagefind/");
        let entry = site.read(&format!("public/{dir}pagefind-entry.json"));
        assert!(
            entry.contains("\"zh-cn\"") && entry.contains("\"en\""),
            "{id}: {entry}"
        );
        // The plan's own search page searches that index only.
        let own = format!("plans/{id}/search/index.html");
        let html = site.read(&format!("public/{own}"));
        let form = &html[html.find("id=\"search-form\"").expect("form")..];
        let index = attr(form, "data-pagefind").expect("data-pagefind");
        assert_eq!(follow(&own, index), dir);
    }
    for (page, lang) in [
        ("search/index.html", "zh-cn"),
        ("en/search/index.html", "en"),
    ] {
        let html = site.read(&format!("public/{page}"));
        let form = &html[html.find("id=\"search-form\"").expect("form")..];
        // search.js runs against the portal's own pagefind/: the module
        // that merges the plans' indexes, no shards, every plan's synonyms.
        let bundle = follow(page, attr(form, "data-pagefind").expect("bundle"));
        assert_eq!(bundle, "pagefind/");
        let module = std::fs::read(site.path("public/pagefind/pagefind.js")).expect("module");
        let theme = std::fs::read(crate::support::repo().join("themes/default/portal/pagefind.js"))
            .expect("theme module");
        assert_eq!(module, theme);
        let shards = site.read("public/pagefind/shards.json");
        assert_eq!(shards, r#"{"en":[],"zh-cn":[]}"#);
        // The plans' style sheet, and the page's own from the theme.
        let sheets: Vec<String> = html
            .split("<link rel=\"stylesheet\" href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .map(|h| follow(page, h))
            .collect();
        assert_eq!(sheets, ["assets/style.css", "assets/portal-search.css"]);
        let own = std::fs::read(crate::support::repo().join("themes/default/portal/search.css"));
        assert_eq!(
            std::fs::read(site.path("public/assets/portal-search.css")).ok(),
            own.ok()
        );
        for script in ["assets/search.js", "assets/search-text.js"] {
            let src = format!("src=\"{}{script}\"", attr(form, "data-root").expect("root"));
            assert!(html.contains(&src), "{page}: {src}");
            assert_eq!(
                site.read(&format!("public/{script}")),
                site.read(&format!("public/plans/14th/{script}"))
            );
        }
        let root = attr(form, "data-root").expect("data-root");
        for id in IDS {
            let tag = option(&html, id);
            // Each plan's index, from the page.
            let index = attr(tag, "data-pagefind").unwrap_or_else(|| panic!("{page} {id}: {tag}"));
            assert_eq!(
                follow(page, index),
                format!("plans/{id}/pagefind/"),
                "{page}"
            );
            let entry = site.read(&format!("public/plans/{id}/pagefind/pagefind-entry.json"));
            assert!(entry.contains(&format!("\"{lang}\"")), "{id}: {entry}");
            // Its shards in the page's language, as its own search page
            // merges them (its shards.json).
            let listed: serde_json::Value = serde_json::from_str(
                &site.read(&format!("public/plans/{id}/pagefind/shards.json")),
            )
            .expect("shards.json");
            let want: Vec<String> = listed[lang]
                .as_array()
                .expect("shards")
                .iter()
                .map(|d| format!("plans/{id}/pagefind/{}", d.as_str().expect("dir")))
                .collect();
            assert!(
                !want.is_empty(),
                "{id}: the build is cut into shards: {listed}"
            );
            let shards: Vec<String> = attr(tag, "data-shards")
                .expect("data-shards")
                .split(' ')
                .map(|s| follow(page, s))
                .collect();
            assert_eq!(shards, want, "{page} {id}");
            for dir in &shards {
                assert!(
                    site.path(&format!("public/{dir}pagefind-entry.json"))
                        .is_file(),
                    "{dir}"
                );
            }
            // Its results link into its folder: the page's root and the
            // plan's folder lead to the plan's pages.
            let base = attr(tag, "data-base").expect("data-base");
            assert_eq!(base, format!("plans/{id}/"));
            let home = follow(page, &format!("{root}{base}index.html"));
            assert!(site.path(&format!("public/{home}")).is_file(), "{home}");
        }
        // A plan can be chosen, or all.
        assert!(html.contains("<option value=\"\">"), "{page}");
        // Without JavaScript: a note, and each plan's home and full text.
        let browse = hrefs_in(&html, "id=\"search-browse\"", "</div>");
        assert_eq!(browse.len(), 2 * IDS.len(), "{browse:?}");
        for href in browse {
            let target = follow(page, href);
            assert!(
                site.path(&format!("public/{target}")).is_file(),
                "{page}: {href}"
            );
        }
    }
    // Every synonym group of every plan, once.
    let all: serde_json::Value =
        serde_json::from_str(&site.read("public/pagefind/synonyms.json")).expect("synonyms");
    for id in IDS {
        let own: serde_json::Value =
            serde_json::from_str(&site.read(&format!("public/plans/{id}/pagefind/synonyms.json")))
                .expect("plan synonyms");
        for (lang, groups) in own.as_object().expect("by language") {
            for g in groups.as_array().expect("groups") {
                let n = all[lang]
                    .as_array()
                    .expect("joined")
                    .iter()
                    .filter(|x| *x == g)
                    .count();
                assert_eq!(n, 1, "{id} {lang}: {g}");
            }
        }
    }
    // The portal links its search page, on its home and in every footer.
    for (page, want) in [
        ("index.html", "search/index.html"),
        ("en/index.html", "en/search/index.html"),
        ("departments/index.html", "search/index.html"),
    ] {
        let html = site.read(&format!("public/{page}"));
        let footer = hrefs_in(&html, "<footer", "</footer>");
        assert!(
            footer.iter().any(|h| follow(page, h) == want),
            "{page}: {footer:?}"
        );
    }
    let zh = site.read("public/index.html");
    let more = hrefs_in(&zh, "id=\"more-h\"", "</section>");
    assert!(more.contains(&"search/index.html"), "{more:?}");
    assert!(
        zh.contains("搜索各项规划"),
        "the link's text, from i18n.toml"
    );
}

#[test]
fn without_an_index_the_portal_search_page_still_links_every_plan() {
    let site = three_plans();
    let out = site.build();
    assert!(out.status.success(), "build: {}", stderr(&out));
    for page in ["search/index.html", "en/search/index.html"] {
        let html = site.read(&format!("public/{page}"));
        for id in IDS {
            let tag = option(&html, id);
            assert!(attr(tag, "data-pagefind").is_none(), "{page}: {tag}");
        }
        let browse = hrefs_in(&html, "id=\"search-browse\"", "</div>");
        assert_eq!(browse.len(), 2 * IDS.len(), "{browse:?}");
    }
    let zh = site.read("public/search/index.html");
    assert!(zh.contains("全文搜索需要启用JavaScript"), "{zh}");
    let en = site.read("public/en/search/index.html");
    assert!(en.contains("Full-text search needs JavaScript"), "{en}");
    assert!(!site.path("public/plans/14th/pagefind").exists());
    assert_eq!(site.read("public/pagefind/shards.json"), "{}");
}
