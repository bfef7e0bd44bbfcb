use super::*;

#[test]
fn five_year_plans_are_named_from_their_period() {
    assert_eq!(five_year_number(2021, 2025), Some(14));
    assert_eq!(five_year_number(2026, 2030), Some(15));
    assert_eq!(five_year_number(2016, 2020), Some(13));
    assert_eq!(
        five_year_number(2023, 2027),
        None,
        "not a national plan's period"
    );
    assert_eq!(five_year_number(2021, 2035), None);
    let zh: Vec<String> = [10, 13, 15, 20, 21].map(zh_number).to_vec();
    assert_eq!(zh, ["十", "十三", "十五", "二十", "二十一"]);
    let en: Vec<String> = [1, 2, 3, 11, 12, 13, 15, 21, 22].map(ordinal).to_vec();
    assert_eq!(
        en,
        ["1st", "2nd", "3rd", "11th", "12th", "13th", "15th", "21st", "22nd"]
    );
}

fn theme(templates: &[(&str, &str)]) -> Theme {
    let mut t = Theme::default();
    for (name, text) in templates {
        t.files
            .insert(format!("templates/{name}"), text.as_bytes().to_vec());
    }
    t
}

#[test]
fn template_keys_are_the_names_after_dots_unless_the_table_is_taken_whole() {
    let keys = template_keys(&theme(&[
        ("a.html", "{{ c.t.nav_home }}{{ m::x(t=c.t) }}"),
        (
            "m.html",
            "{% macro x(t) %}{{ t.col_target }}{{ y(t=t, n=1) }}{% endmacro %}",
        ),
    ]))
    .expect("known");
    assert!(keys.contains("nav_home") && keys.contains("col_target"));
    assert!(!keys.contains("none"));
    for whole in [
        "{{ c.t[k] }}",
        "{% for k, v in c.t %}{% endfor %}",
        "{{ c.t }}",
        "{% set l = c.t %}",
    ] {
        assert_eq!(template_keys(&theme(&[("a.html", whole)])), None, "{whole}");
    }
}

#[test]
fn the_default_theme_gets_only_the_keys_it_uses_and_every_one_it_uses() {
    let mut d = Diagnostics::default();
    let theme = Theme::load(std::path::Path::new("/nonexistent"), "default", &mut d)
        .expect("embedded theme");
    let i18n = I18n::from_theme(&theme, &mut d);
    let used = &i18n.zh_used;
    assert!(
        used.len() < i18n.table(Lang::Zh).len(),
        "{} keys",
        used.len()
    );
    for (_, bytes) in theme.templates() {
        let text = std::str::from_utf8(bytes).expect("utf-8");
        for key in i18n.table(Lang::Zh).keys() {
            if text.contains(&format!("t.{key} ")) || text.contains(&format!("t.{key}}}")) {
                assert!(used.contains_key(key), "{key}");
            }
        }
    }
}

#[test]
fn each_template_gets_the_keys_of_what_it_builds_on() {
    let keys = keys_by_template(&theme(&[
        (
            "base.html",
            "{{ c.t.nav_home }}{% block main %}{% endblock main %}",
        ),
        (
            "macros.html",
            "{% macro x(t) %}{{ t.col_target }}{% endmacro x %}",
        ),
        (
            "page.html",
            "{% extends \"base.html\" %}{% import \"macros.html\" as m %}{{ c.t.none }}",
        ),
        (
            "other.html",
            "{% include \"missing.html\" %}{{ c.t.brand }}",
        ),
        ("dynamic.html", "{% include name %}"),
    ]));
    let page = &keys["page.html"];
    assert!(["nav_home", "col_target", "none"]
        .iter()
        .all(|k| page.contains(*k)));
    assert!(!page.contains("brand"));
    assert!(!keys["base.html"].contains("none"));
    assert!(
        !keys.contains_key("other.html"),
        "a missing include is not known"
    );
    assert!(
        !keys.contains_key("dynamic.html"),
        "nor an include by variable"
    );

    let mut d = Diagnostics::default();
    let theme = Theme::load(std::path::Path::new("/nonexistent"), "default", &mut d)
        .expect("embedded theme");
    let i18n = I18n::from_theme(&theme, &mut d);
    let dept = i18n.template_table(Lang::En, "department.html");
    assert!(dept.contains_key("brand") && dept.contains_key("role_lead"));
    assert!(dept.len() * 2 < i18n.zh_used.len(), "{} keys", dept.len());
    // Each template's table is the whole table cut to that template's
    // keys, in both languages.
    for (name, keys) in keys_by_template(&theme) {
        for lang in Lang::ALL {
            let want: BTreeMap<String, String> = i18n
                .table(lang)
                .iter()
                .filter(|(k, _)| keys.contains(k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            assert!(!want.is_empty(), "{name}");
            assert_eq!(i18n.template_table(lang, &name), &want, "{name}");
        }
    }
}
