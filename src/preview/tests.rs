use super::*;
use crate::diag::Bilingual;
use std::path::PathBuf;

fn site(broken: bool) -> Snapshot {
    let mut files = BTreeMap::new();
    files.insert(
        "index.html".to_string(),
        b"<html><body><p>home</p></body></html>".to_vec(),
    );
    files.insert(
        "chapters/03/index.html".to_string(),
        b"<html><body>three</body></html>".to_vec(),
    );
    files.insert(
        "404.html".to_string(),
        b"<html><body>missing</body></html>".to_vec(),
    );
    files.insert("assets/style.css".to_string(), b"body{}".to_vec());
    let diag = Diagnostic::error(
        "content/plan.toml",
        3,
        Bilingual::new("错<误>", "bad & <wrong>"),
    )
    .at_column(5)
    .with_snippet("title = <")
    .with_hint("改正", "fix \"it\"");
    Snapshot {
        generation: 7,
        files: files.into(),
        broken: broken.then(|| vec![diag]),
    }
}

fn text(r: &Reply) -> String {
    String::from_utf8_lossy(&r.body).into_owned()
}

#[test]
fn root_serves_index_with_reload_script_before_body_end() {
    let r = reply(&site(false), "/");
    assert_eq!((r.status, r.content_type), (200, HTML));
    let body = text(&r);
    assert!(
        body.starts_with("<html><body><p>home</p><script>"),
        "{body}"
    );
    assert!(body.ends_with("</script></body></html>"), "{body}");
    assert!(
        body.contains("var g=7;") && body.contains(EVENTS_PATH),
        "{body}"
    );
}

#[test]
fn folders_query_strings_and_redirects_resolve() {
    let s = site(false);
    assert!(text(&reply(&s, "/chapters/03/?x=1#top")).contains("three"));
    assert!(text(&reply(&s, "/chapters/03/index.html")).contains("three"));
    let r = reply(&s, "/chapters/03");
    assert_eq!(
        (r.status, r.location.as_deref()),
        (301, Some("/chapters/03/"))
    );
}

#[test]
fn unknown_and_escaping_paths_get_the_404_page() {
    let s = site(false);
    for url in [
        "/nope.html",
        "/../site.toml",
        "/chapters/%2e%2e/%2e%2e/x",
        "/%zz",
    ] {
        let r = reply(&s, url);
        assert_eq!(r.status, 404, "{url}");
        assert!(text(&r).contains("missing"), "{url}");
    }
}

#[test]
fn assets_are_served_untouched_with_their_type() {
    let r = reply(&site(false), "/assets/style.css");
    assert_eq!(
        (r.status, r.content_type, r.body.as_slice()),
        (200, "text/css; charset=utf-8", &b"body{}"[..])
    );
}

#[test]
fn a_broken_build_shows_the_overlay_for_pages_but_keeps_assets() {
    let s = site(true);
    for url in ["/", "/chapters/03/", "/anything"] {
        let r = reply(&s, url);
        assert_eq!(r.status, 500, "{url}");
        let body = text(&r);
        assert!(
            body.contains("<code>content/plan.toml:3:5</code>"),
            "{body}"
        );
        assert!(
            body.contains("错&lt;误&gt;") && body.contains("bad &amp; &lt;wrong&gt;"),
            "{body}"
        );
        assert!(
            body.contains("3 | title = &lt;") && body.contains("fix &quot;it&quot;"),
            "{body}"
        );
        assert!(body.contains("var g=7;"), "overlay reloads itself");
    }
    assert_eq!(reply(&s, "/assets/style.css").status, 200);
}

#[test]
fn publish_counts_generations_and_keeps_files_when_broken() {
    let live = Live::default();
    let f = OutputFile {
        rel_path: "index.html".into(),
        bytes: b"a".to_vec(),
    };
    live.publish(Some(vec![f]), vec![]);
    live.publish(
        None,
        vec![Diagnostic::error("site.toml", 1, Bilingual::new("甲", "a"))],
    );
    let snap = live.current();
    assert_eq!(snap.generation, 2);
    assert!(snap.files.contains_key("index.html"));
    assert_eq!(snap.broken.as_ref().map(Vec::len), Some(1));
    assert_eq!(
        live.wait_change(1, Duration::from_secs(5)),
        2,
        "returns at once when already newer"
    );
    assert_eq!(
        live.wait_change(2, Duration::from_millis(20)),
        2,
        "times out"
    );
}

#[test]
fn the_events_endpoint_answers_with_the_generation() {
    let live = Live::default();
    live.publish(Some(vec![]), vec![]);
    let r = answer(&live, "/__plansite/events?since=0", Duration::from_secs(5));
    assert_eq!((r.status, text(&r).as_str()), (200, "1"));
    let r = answer(
        &live,
        "/__plansite/events?since=1",
        Duration::from_millis(10),
    );
    assert_eq!(text(&r), "1", "unchanged after the timeout");
    assert_eq!(
        answer(&live, "/", Duration::ZERO).status,
        404,
        "an empty site has no index"
    );
}

#[test]
fn wait_change_wakes_on_publish() {
    let live = Arc::new(Live::default());
    let l2 = Arc::clone(&live);
    let t = std::thread::spawn(move || l2.wait_change(0, Duration::from_secs(10)));
    std::thread::sleep(Duration::from_millis(20));
    live.publish(Some(vec![]), vec![]);
    assert_eq!(t.join().expect("join"), 1);
}

#[test]
fn only_writes_to_sources_count_as_changes() {
    let root = PathBuf::from("/site");
    let ev = |kind, p: &str| Event::new(kind).add_path(root.join(p));
    let write = EventKind::Modify(ModifyKind::Any);
    assert!(is_source_change(
        &root,
        &ev(write, "content/chapters/03.zh.md")
    ));
    assert!(is_source_change(
        &root,
        &ev(write, "themes/default/i18n.toml")
    ));
    assert!(is_source_change(&root, &ev(write, "site.toml")));
    assert!(is_source_change(
        &root,
        &ev(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            "site.toml"
        )
    ));
    assert!(!is_source_change(
        &root,
        &ev(
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            "site.toml"
        )
    ));
    assert!(!is_source_change(&root, &ev(write, "public/index.html")));
    assert!(!is_source_change(
        &root,
        &ev(write, "content/chapters/.03.zh.md.swp")
    ));
    assert!(!is_source_change(
        &root,
        &ev(write, "content/chapters/03.zh.md~")
    ));
}
