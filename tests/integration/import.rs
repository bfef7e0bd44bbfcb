//! `plansite import` of the shipped seed: structure, values, clauses, units.

use crate::support::*;

fn imported() -> TempSite {
    let site = TempSite::copy(&repo());
    std::fs::remove_dir_all(site.path("content")).expect("rm content");
    let out = site.run(&["import", "seeds/yanzhou-14th-fyp-eco-plan.zh.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

fn toml(site: &TempSite, rel: &str) -> toml::Value {
    toml::from_str(&site.read(rel)).expect("toml")
}

#[test]
fn seed_imports_with_full_structure() {
    let site = imported();
    let out = stdout(&site.run(&[
        "import",
        "--force",
        "seeds/yanzhou-14th-fyp-eco-plan.zh.txt",
    ]));
    for line in [
        "chapters: 12",
        "sections: 50",
        "indicators: 21",
        "boxes: 7",
        "tasks: 167",
    ] {
        assert!(out.contains(line), "missing {line:?} in:\n{out}");
    }
    let report = site.read("content/import-report.md");
    let items: Vec<&str> = report.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(
        items,
        ["- c08-s2-p1-t2: suspect unit name 区水务区 read as water"],
        "nothing unclassified but the flagged name"
    );
    let chapters = std::fs::read_dir(site.path("content/chapters"))
        .expect("dir")
        .count();
    assert_eq!(chapters, 24, "12 chapters × zh/en");
    let projects = toml(&site, "content/projects.toml");
    let boxes = projects["box"].as_array().expect("boxes");
    assert_eq!(boxes.len(), 7);
    let items: Vec<usize> = boxes
        .iter()
        .map(|b| b["item"].as_array().map_or(0, |a| a.len()))
        .collect();
    assert_eq!(items, [4, 2, 4, 4, 1, 1, 3]);
}

#[test]
fn indicator_values_and_attributes_are_exact() {
    let site = imported();
    let ind = toml(&site, "content/indicators.toml");
    let rows = ind["indicator"].as_array().expect("rows");
    assert_eq!(rows.len(), 21);
    let row = |n: i64| {
        rows.iter()
            .find(|r| r["number"].as_integer() == Some(n))
            .expect("row")
    };
    assert_eq!(row(1)["baseline"].as_float(), Some(51.0));
    assert_eq!(row(1)["target"].as_float(), Some(41.0));
    assert_eq!(row(1)["unit"].as_str(), Some("μg/m3"));
    assert_eq!(row(1)["definition_changed"].as_bool(), Some(true));
    assert_eq!(row(2)["baseline"].as_float(), Some(65.3));
    assert_eq!(row(6)["baseline"].as_str(), Some("—"));
    assert_eq!(row(6)["target"].as_str(), Some("完成市分解任务"));
    assert_eq!(row(12)["baseline"].as_str(), Some("＞21"));
    assert_eq!(row(16)["target"].as_str(), Some("有效保障"));
    assert_eq!(row(17)["target"].as_str(), Some("稳中向好"));
    assert_eq!(row(17)["name"].as_str(), Some("生态质量指数（EQI）"));
    assert_eq!(row(19)["baseline"].as_float(), Some(2.1548));
    assert_eq!(row(19)["unit"].as_str(), Some("万吨"));
    let binding: Vec<i64> = rows
        .iter()
        .filter(|r| r["attribute"].as_str() == Some("binding"))
        .filter_map(|r| r["number"].as_integer())
        .collect();
    assert_eq!(binding, [1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 18]);
    let starred: Vec<i64> = rows
        .iter()
        .filter(|r| r["definition_changed"].as_bool() == Some(true))
        .filter_map(|r| r["number"].as_integer())
        .collect();
    assert_eq!(starred, [1, 2, 3, 4, 16, 17]);
    let groups: Vec<&str> = ind["group"]
        .as_array()
        .expect("groups")
        .iter()
        .filter_map(|g| g["name"].as_str())
        .collect();
    assert_eq!(
        groups,
        ["环境治理", "应对气候变化", "环境风险防控", "生态保护"]
    );
    assert!(ind["footnote"]["zh"]
        .as_str()
        .expect("footnote")
        .starts_with("注：[ ]内为五年累计值。"));
}

#[test]
fn every_clause_is_a_task_on_its_paragraph() {
    let site = imported();
    let seed = site.read("seeds/yanzhou-14th-fyp-eco-plan.zh.txt");
    let clauses = regex::Regex::new(r"（[^（）]*(?:单位：|按职责分工负责)[^（）]*）").expect("re");
    let expected = clauses.find_iter(&seed).count();
    let tasks = toml(&site, "content/tasks.toml");
    let tasks = tasks["task"].as_array().expect("tasks");
    assert_eq!(tasks.len(), expected);
    let chapters: String = (1..=12)
        .map(|n| site.read(&format!("content/chapters/{n:02}.zh.md")))
        .collect::<String>()
        + &site.read("content/projects.toml");
    for t in tasks {
        let clause = t["clause"].as_str().expect("clause");
        assert!(
            chapters.contains(clause),
            "clause not in its paragraph: {clause}"
        );
        let units = ["lead", "cooperating", "responsible"]
            .iter()
            .map(|k| t[*k].as_array().map_or(0, |a| a.len()))
            .sum::<usize>();
        assert!(units > 0, "task {} names no unit", t["id"]);
    }
}

#[test]
fn aliases_merge_and_suspect_names_are_flagged() {
    let site = imported();
    let units = toml(&site, "content/units.toml");
    let list = units["unit"].as_array().expect("units");
    let find = |name: &str| {
        list.iter().find(|u| {
            u["name"].as_str() == Some(name)
                || u["aliases"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(name)))
        })
    };
    assert_eq!(
        find("公安分局").map(|u| &u["id"]),
        find("区公安分局").map(|u| &u["id"])
    );
    assert_eq!(
        find("区应急局").map(|u| &u["id"]),
        find("区应急管理局").map(|u| &u["id"])
    );
    let water = find("区水务局").expect("water");
    assert_eq!(water["suspect"][0]["name"].as_str(), Some("区水务区"));
    assert!(units["all_towns"]["text"]
        .as_str()
        .expect("all towns")
        .contains("各街道党工委和街道办事处落实"));
    let ids: Vec<&str> = list.iter().filter_map(|u| u["id"].as_str()).collect();
    let mut dedup = ids.clone();
    dedup.sort_unstable();
    dedup.dedup();
    assert_eq!(ids.len(), dedup.len());
}

#[test]
fn commitments_have_years_and_kinds() {
    let site = imported();
    let c = toml(&site, "content/commitments.toml");
    let list = c["commitment"].as_array().expect("list");
    assert!(list.len() > 50);
    for x in list {
        let year = x["deadline_year"].as_integer().expect("year");
        let kind = x["kind"].as_str().expect("kind");
        let id = x["id"].as_str().expect("id");
        if id.starts_with("c01-") || year <= 2020 {
            assert_eq!(kind, "achievement", "{id}");
        } else {
            assert_eq!(kind, "commitment", "{id}");
        }
    }
    let one = list
        .iter()
        .find(|x| {
            x["text"]["zh"]
                .as_str()
                .is_some_and(|t| t.contains("完成现有3"))
        })
        .expect("rural water");
    assert_eq!(one["deadline_year"].as_integer(), Some(2022));
    assert!(one["task"].as_str().is_some());
}

#[test]
fn import_is_deterministic_and_refuses_to_overwrite() {
    let site = imported();
    let first = read_tree(&site.path("content"));
    let out = site.run(&["import", "seeds/yanzhou-14th-fyp-eco-plan.zh.txt"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(
        read_tree(&site.path("content")),
        first,
        "refused import changed nothing"
    );
    let out = site.run(&[
        "import",
        "--force",
        "seeds/yanzhou-14th-fyp-eco-plan.zh.txt",
    ]);
    assert!(out.status.success());
    assert_eq!(
        read_tree(&site.path("content")),
        first,
        "same seed, same content"
    );
}

#[test]
fn shipped_content_equals_a_fresh_import() {
    let site = imported();
    let fresh = read_tree(&site.path("content"));
    let shipped = read_tree(&repo().join("content"));
    // Everything the importer produces is shipped, and shipped files it does
    // not produce are the hand-written ones.
    for (k, v) in &fresh {
        assert!(
            shipped.get(k) == Some(v),
            "content/{k} differs from a fresh import of the seed"
        );
    }
    let hand_written = ["changelog.toml", "disclosure.toml", "synonyms.toml"];
    for k in shipped.keys().filter(|k| !fresh.contains_key(*k)) {
        assert!(
            hand_written.contains(&k.as_str())
                || k.starts_with("progress/")
                || k.starts_with("interpretation."),
            "unexpected content/{k}"
        );
    }
}

#[test]
fn cumulative_values_are_typed_labelled_and_kept_on_reimport() {
    // The text export lost the [ ] of the plan's five-year totals; seeds/
    // ids.toml confirms them, and a re-import keeps what content/ says.
    let site = imported();
    let kinds = |site: &TempSite| -> Vec<u32> {
        let t = toml(site, "content/indicators.toml");
        t["indicator"]
            .as_array()
            .expect("indicators")
            .iter()
            .filter(|i| i.get("baseline_kind").and_then(|k| k.as_str()) == Some("cumulative"))
            .map(|i| i["number"].as_integer().expect("number") as u32)
            .collect()
    };
    assert_eq!(kinds(&site), [10, 12, 13]);
    let ids = site.read("seeds/ids.toml");
    let without: String = ids
        .split("\n# Indicators whose printed baseline")
        .next()
        .expect("ids")
        .into();
    site.write("seeds/ids.toml", &without);
    let out = site.run(&[
        "import",
        "--force",
        "seeds/yanzhou-14th-fyp-eco-plan.zh.txt",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        kinds(&site),
        [10, 12, 13],
        "kept from content/ on re-import"
    );

    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = |rel: &str| site.read(&format!("public/{rel}"));
    let table = page("indicators/index.html");
    assert_eq!(
        table.matches("“十三五”五年累计值").count(),
        3,
        "labelled in the table"
    );
    assert!(
        table.contains("[14.6]") && table.contains("[＞21]"),
        "in [ ] as the plan prints it"
    );
    assert_eq!(
        page("en/indicators/index.html")
            .matches("cumulative over the 13th Five-Year Plan")
            .count(),
        3
    );
    assert!(page("indicators/10/index.html").contains("“十三五”五年累计值"));
    assert!(
        !page("indicators/09/index.html").contains("五年累计值<"),
        "a level is not labelled"
    );
    let csv = page("data/indicators.csv");
    assert!(csv
        .lines()
        .next()
        .expect("header")
        .ends_with(",baseline_kind,target_kind"));
    let row = csv.lines().find(|l| l.starts_with("10,")).expect("row 10");
    assert!(row.ends_with(",cumulative,level"), "{row}");
    assert!(page("data/indicators/10.csv").contains(",baseline_cumulative,"));
    let json: serde_json::Value =
        serde_json::from_str(&page("data/indicators/10.json")).expect("json");
    assert_eq!(json["baseline_kind"], "cumulative");
}

/// The seed's text, its English and its ids saved with CRLF line ends
/// import into the very content/ their LF copies give, but for the seed's
/// digest in plan.toml, which names the bytes imported: the CRLF file's.
#[test]
fn crlf_seeds_import_the_same_content() {
    use sha2::Digest;
    let seed = "seeds/yanzhou-14th-fyp-eco-plan.zh.txt";
    let lf = imported();
    let crlf = TempSite::copy(&repo());
    std::fs::remove_dir_all(crlf.path("content")).expect("rm content");
    let n = to_crlf(&crlf.path("seeds"), &[".txt", ".toml", ".tsv"]);
    assert!(n >= 3, "only {n} seed files rewritten");
    let out = crlf.run(&["import", seed]);
    assert!(out.status.success(), "{}", stderr(&out));
    let digest = |site: &TempSite| {
        let bytes = std::fs::read(site.path(seed)).expect("seed");
        format!("sha256 = \"{:x}\"\n", sha2::Sha256::digest(bytes))
    };
    let (mut a, mut b) = (
        read_tree(&lf.path("content")),
        read_tree(&crlf.path("content")),
    );
    for (tree, site) in [(&mut a, &lf), (&mut b, &crlf)] {
        let plan = String::from_utf8(tree["plan.toml"].clone()).expect("utf-8");
        assert!(
            plan.contains(&digest(site)),
            "plan.toml names another digest"
        );
        let plan = plan.replace(&digest(site), "");
        tree.insert("plan.toml".into(), plan.into_bytes());
    }
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(
            b.get(k) == Some(v),
            "content/{k} differs when the seeds are CRLF"
        );
    }
}
