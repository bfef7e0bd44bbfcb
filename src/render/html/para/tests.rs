use super::*;

#[test]
fn esc_escapes_markup_characters_and_keeps_the_rest() {
    assert_eq!(
        esc("a&b<c>\"d\" 生态环境 'e' &amp;"),
        "a&amp;b&lt;c&gt;&quot;d&quot; 生态环境 'e' &amp;amp;"
    );
    assert_eq!(esc("<"), "&lt;");
    assert_eq!(esc(""), "");
    assert_eq!(esc("中"), "中");
}

#[test]
fn a_paragraph_belongs_to_the_chapter_its_id_names() {
    let cases = [
        (Lang::Zh, "c03-s1-p2", Some("chapters/03/index.html")),
        (Lang::En, "c03-s1-p2", Some("en/chapters/03/index.html")),
        // A scaled site (scripts/gen-scaled-site) numbers chapters past 99.
        (Lang::Zh, "c1200-s0", Some("chapters/1200/index.html")),
        (Lang::Zh, "c7", Some("chapters/07/index.html")),
        // A box item's page is its box's chapter's.
        (Lang::En, "box3-i1", Some("en/chapters/05/index.html")),
        (Lang::Zh, "box4-i1", None),
        (Lang::Zh, "c-s1", None),
    ];
    let boxes = [KeyBox {
        number: 3,
        chapter: 5,
        title: Localized::new(String::new(), String::new()),
        items: vec![],
    }];
    for (lang, id, want) in cases {
        let got = home_page(&boxes, lang, &ParaId(id.into()));
        assert_eq!(got.as_deref(), want, "{id}");
    }
}
