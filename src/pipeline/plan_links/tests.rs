use super::*;

fn links(text: &str) -> PlanLinks {
    let src = Source {
        rel: "content/plans/15th/links.toml".into(),
        text: text.into(),
    };
    let mut d = Diagnostics::default();
    let file = parse_toml(&src, &mut d).expect("parses");
    PlanLinks {
        src: Some(src),
        file,
    }
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn plans_run_after_the_plans_they_link_to_and_a_cycle_is_an_error() {
    let all = ids(&["a-15th", "b-14th", "city"]);
    let mut map = BTreeMap::new();
    map.insert(
        "a-15th".to_string(),
        links("follows = \"b-14th\"\ncity = \"city\"\n"),
    );
    map.insert("b-14th".to_string(), links("city = \"city\"\n"));
    map.insert("city".to_string(), PlanLinks::default());
    let mut d = Diagnostics::default();
    assert_eq!(
        order(&all, &map, &mut d),
        ids(&["city", "b-14th", "a-15th"])
    );
    assert!(d.is_empty());
    map.insert("city".to_string(), links("follows = \"a-15th\"\n"));
    let done = order(&all, &map, &mut d);
    assert!(done.is_empty(), "{done:?}");
    assert!(d.has_errors());
}
