use super::{link_diagnostics, ContentLinks};
use crate::linkcheck::BrokenLink;
use crate::load::{RawChapter, Source};

#[test]
fn a_themes_broken_link_is_reported_once_per_way_it_is_written() {
    let chapters = [RawChapter {
        zh: Source {
            rel: "content/chapters/01.zh.md".into(),
            text: "# 一\n见[第九章](../09/index.html)。\n".into(),
        },
        en: None,
    }];
    let link = |page: &str, url: &str, missing_anchor| BrokenLink {
        page: page.into(),
        url: url.into(),
        missing_anchor,
    };
    let broken = [
        link("about/index.html", "../nowhere/index.html", false),
        link("chapters/01/index.html", "../09/index.html", false),
        link("chapters/01/index.html", "../../nowhere/index.html", false),
        link("data/index.html", "../nowhere/index.html", false),
        link("index.html", "nowhere/index.html", false),
        link("search/index.html", "../nowhere/index.html", false),
        link("search/index.html", "../nowhere/index.html#x", true),
    ];
    let got: Vec<(String, usize, String)> = link_diagnostics(&chapters, &broken)
        .iter()
        .map(|d| (d.path.clone(), d.line, d.message.en.clone()))
        .collect();
    let want = [
        // The content's link, at its line.
        (
            "content/chapters/01.zh.md",
            2,
            "broken link: ../09/index.html (on page chapters/01/index.html)",
        ),
        // The theme's, once per spelling, at the first page holding it.
        (
            "about/index.html",
            0,
            "broken link: ../nowhere/index.html (on page about/index.html and 2 other pages)",
        ),
        (
            "chapters/01/index.html",
            0,
            "broken link: ../../nowhere/index.html (on page chapters/01/index.html)",
        ),
        (
            "index.html",
            0,
            "broken link: nowhere/index.html (on page index.html)",
        ),
        (
            "search/index.html",
            0,
            "link to a missing anchor: ../nowhere/index.html#x (on page search/index.html)",
        ),
    ];
    let want: Vec<(String, usize, String)> = want
        .iter()
        .map(|(p, l, m)| (p.to_string(), *l, m.to_string()))
        .collect();
    assert_eq!(got, want);
    let zh = &link_diagnostics(&chapters, &broken)[1].message.zh;
    assert_eq!(
        zh,
        "链接指向不存在的页面：../nowhere/index.html（页面 about/index.html 及其他 2 个页面）"
    );
}

#[test]
fn a_broken_link_is_found_where_the_content_writes_it() {
    let src = |rel: &str, text: &str| Source {
        rel: rel.into(),
        text: text.into(),
    };
    let chapters = [
        RawChapter {
            zh: src(
                "02.zh.md",
                "+++\r\nnumber = 2\r\ntitle = \"二\"\r\n+++\r\nSee [x](../09/index.html#top).\r\n",
            ),
            en: None,
        },
        RawChapter {
            zh: src(
                "03.zh.md",
                "+++\nnumber = 3\ntitle = \"三\"\n+++\ntwo [y](../c/)\n[z](#sec-2) and [w](../c/)\n",
            ),
            en: Some(src(
                "03.en.md",
                "+++\nnumber = 3\ntitle = \"Three\"\n+++\nsee [v](../05/index.html)\n",
            )),
        },
    ];
    let links = ContentLinks::new(&chapters);
    let on = |page, url| {
        links
            .written_at(page, url)
            .map(|(s, l, t)| (s.rel.as_str(), l, t))
    };
    let at = |url| on("chapters/02/index.html", url);
    // The path part, with or without a fragment; the line's own \r cut.
    let see = Some(("02.zh.md", 5, "See [x](../09/index.html#top)."));
    assert_eq!(at("../09/index.html#top"), see);
    assert_eq!(at("../09/index.html"), see);
    // The first source, then the first line, that writes it.
    assert_eq!(at("../c/"), Some(("03.zh.md", 5, "two [y](../c/)")));
    // A fragment alone is matched as `#fragment)`; a path that only
    // occurs with another fragment still finds its line.
    assert_eq!(
        at("#sec-2"),
        Some(("03.zh.md", 6, "[z](#sec-2) and [w](../c/)"))
    );
    assert_eq!(at("../c/#sec-2"), Some(("03.zh.md", 5, "two [y](../c/)")));
    // Not written by any chapter: a theme's link.
    assert_eq!(at("../d/"), None);
    assert_eq!(at("#nowhere"), None);
    // The full text shows chapter links rewritten for its own folder:
    // found by the page they name, in the right language's chapter.
    assert_eq!(on("fulltext/index.html", "../chapters/09/index.html"), see);
    assert_eq!(
        on("en/fulltext/index.html", "../chapters/05/index.html"),
        Some(("03.en.md", 5, "see [v](../05/index.html)"))
    );
    // The same page named from the Chinese full text is not the
    // English chapter's link.
    assert_eq!(on("fulltext/index.html", "../chapters/05/index.html"), None);
}
