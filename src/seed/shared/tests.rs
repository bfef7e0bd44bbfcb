use super::*;
use crate::schema::UnitEntry;

fn entry(id: &str, name: &str) -> UnitEntry {
    UnitEntry {
        id: id.into(),
        name: name.into(),
        aliases: vec![],
        suspect: vec![],
    }
}

fn emitted(units: &str) -> Emitted {
    let mut out = Emitted {
        files: Default::default(),
        binary: Default::default(),
        period: None,
        report: vec![],
        counts: Default::default(),
    };
    out.files.insert("units.toml".into(), units.into());
    out
}

#[test]
fn new_units_join_the_registry_and_known_ones_keep_its_entry() {
    let mut out = emitted(
        "[all_towns]\ntext = \"各镇街\"\ntask = \"t-1\"\n\n\
         [[unit]]\nid = \"u-a\"\nname = \"旧名局\"\n\n\
         [[unit]]\nid = \"u-b\"\nname = \"水利局\"\n",
    );
    let registry = SharedUnitsFile {
        unit: vec![entry("u-a", "新名局")],
    };
    let shared = share_units(&mut out, registry).expect("shared");
    assert_eq!(shared.added, ["u-b"]);
    let names: Vec<&str> = shared
        .registry
        .unit
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(names, ["新名局", "水利局"]);
    // The plan keeps its all-towns clause and no unit of its own.
    let own: UnitsFile = toml::from_str(&out.files["units.toml"]).expect("own units");
    assert!(own.unit.is_empty());
    assert_eq!(own.all_towns.task, "t-1");
    let text = registry_text(&shared.registry).expect("text");
    let back: SharedUnitsFile = toml::from_str(&text).expect("registry parses");
    assert_eq!(back.unit.len(), 2);
}
