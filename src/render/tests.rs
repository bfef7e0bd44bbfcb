use super::*;

#[test]
fn text_len_counts_the_strings_and_keys_of_template_data() {
    let v = serde_json::json!({"a": "xy", "bb": [1, "zzz", null, {"c": "页"}], "d": true});
    // Keys a, bb, c, d; strings xy, zzz, 页 (3 bytes); numbers, null
    // and booleans nothing.
    assert_eq!(text_len(&v), (1 + 2 + 1 + 1) + (2 + 3 + 3));
    assert_eq!(text_len(&serde_json::json!(null)), 0);
}

/// The theme's templates escape with [`escape_html`]: Tera's escaping
/// but for `/`, in `{{ }}` and in macro arguments, and not where a
/// value is `safe`. (Tera 1.20.1 escapes the value of a `default`
/// filter twice; the default theme uses no `default` filter.)
#[test]
fn templates_escape_all_but_the_slash() {
    let mut tera = tera::Tera::default();
    tera.add_raw_templates(vec![
        (
            "m.html",
            r#"{% macro b(x, y="d") %}<b>{{ x }}|{{ y }}</b>{% endmacro b %}"#,
        ),
        (
            "p.html",
            r#"{% import "m.html" as m %}<p>{{ s }}</p>{{ m::b(x=s) }}[{{ m::b(x="1", y=n) | upper }}]{{ n }}{{ s | safe }}{{ "a/b" }}|{{ c.t.nav }}{% raw %}{{ s }}{% endraw %}"#,
        ),
    ])
    .expect("templates");
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    let mut ctx = tera::Context::new();
    ctx.insert("s", "甲&<乙>\"'/丙");
    ctx.insert("n", &7);
    ctx.insert("c", &serde_json::json!({"t": {"nav": "导航/x"}}));
    let out = tera.render("p.html", &ctx).expect("renders");
    let esc = "甲&amp;&lt;乙&gt;&quot;&#x27;/丙";
    let want = format!(
        "<p>{esc}</p><b>{esc}|d</b>[&lt;B&gt;1|7&lt;/B&gt;]7甲&<乙>\"'/丙a/b|导航/x{{{{ s }}}}"
    );
    assert_eq!(out, want);
    assert_eq!(escape_html(""), "");
    assert_eq!(escape_html("/x/&"), "/x/&amp;");
    assert_eq!(escape_html("&<>\"'"), "&amp;&lt;&gt;&quot;&#x27;");
}

#[test]
fn every_language_renders_once_and_is_reported_after_its_pages() {
    let mut order = RENDER_ORDER.to_vec();
    order.sort_by_key(|l| l.code());
    let mut all = Lang::ALL.to_vec();
    all.sort_by_key(|l| l.code());
    assert_eq!(order, all, "RENDER_ORDER lists every language once");
    let log = std::sync::Mutex::new(vec![]);
    let run = |l: Lang| {
        log.lock().expect("log").push(format!("run {}", l.code()));
        vec![l.code()]
    };
    let report = |l: Lang, pages: &[&str]| {
        assert_eq!(pages, [l.code()]);
        log.lock().expect("log").push(format!("done {}", l.code()));
    };
    let mut out = by_language(&RENDER_ORDER, &run, &report);
    out.sort_unstable();
    assert_eq!(out, ["en", "zh"]);
    let log = log.into_inner().expect("log");
    assert_eq!(log.len(), 4);
    for l in Lang::ALL {
        let at = |what: &str| {
            log.iter()
                .position(|e| *e == format!("{what} {}", l.code()))
        };
        assert!(at("run") < at("done"), "{log:?}");
    }
    let first = RENDER_ORDER[0].code();
    assert_eq!(log[0], format!("run {first}"), "{log:?}");
}
