//! `plansite translate export|import`: PO and XLIFF files read by
//! independent parsers (Python's polib and xml.etree, gettext's msgfmt),
//! edited the way a translator's tool would, and merged back.
//! The tools come from `scripts/install-test-deps.sh`.

use crate::support::*;
use std::collections::BTreeMap;
use std::process::Command;

/// Runs a Python script with `args`; returns its stdout.
fn python(script: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 (run scripts/install-test-deps.sh)");
    assert!(
        out.status.success(),
        "python failed (polib missing? run scripts/install-test-deps.sh): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (id → (source, translation, flags, translator comment)) as polib reads a PO file.
fn polib_entries(po: &std::path::Path) -> BTreeMap<String, (String, String, String, String)> {
    let script = r#"
import json, sys, polib
po = polib.pofile(sys.argv[1])
print(json.dumps([[e.msgctxt, e.msgid, e.msgstr, ",".join(e.flags), e.tcomment] for e in po]))
"#;
    let json = python(script, &[po.to_str().expect("path")]);
    let rows: Vec<(String, String, String, String, String)> =
        serde_json::from_str(&json).expect("json");
    rows.into_iter()
        .map(|(id, s, t, f, c)| (id, (s, t, f, c)))
        .collect()
}

/// The shipped site's catalogue, as the library makes it from content/
/// and site.toml.
fn shipped_catalog() -> Vec<plansite::translate::Entry> {
    let mut files = BTreeMap::new();
    for (rel, bytes) in read_tree(&repo().join("content")) {
        if rel.ends_with(".toml") || rel.starts_with("chapters/") {
            files.insert(rel, String::from_utf8(bytes).expect("utf-8"));
        }
    }
    let site = std::fs::read_to_string(repo().join("site.toml")).expect("site.toml");
    files.insert(plansite::translate::SITE_TOML.to_string(), site);
    plansite::translate::catalog(&files).expect("catalog")
}

/// The English of the theme's notices that a text is not (or no longer)
/// translated.
fn untranslated_notices() -> Vec<String> {
    let i18n: toml::Value = toml::from_str(
        &std::fs::read_to_string(repo().join("themes/default/i18n.toml")).expect("i18n"),
    )
    .expect("toml");
    [
        "not_translated",
        "not_translated_short",
        "translation_stale",
    ]
    .iter()
    .map(|k| i18n[k]["en"].as_str().expect("en").to_string())
    .collect()
}

#[test]
fn translate_po_export_reads_the_same_in_polib_and_passes_msgfmt() {
    let site = TempSite::copy(&repo());
    let out = site.run(&["translate", "export", "--only", "all", "all.po"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let check = Command::new("msgfmt")
        .args(["--check", "-o", "/dev/null"])
        .arg(site.path("all.po"))
        .output()
        .expect("msgfmt (run scripts/install-test-deps.sh)");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let got = polib_entries(&site.path("all.po"));
    let want = shipped_catalog();
    assert_eq!(got.len(), want.len(), "one PO entry per text, ids unique");
    for e in &want {
        let (source, target, _, _) = &got[&e.id];
        assert_eq!((source, target), (&e.source, &e.en), "{}", e.id);
    }
    assert!(want.iter().any(|e| e.source.contains("{clause}")));
}

#[test]
fn translate_xliff_export_reads_the_same_in_python_xml() {
    let site = TempSite::copy(&repo());
    let out = site.run(&["translate", "export", "--only", "all", "all.xlf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let script = r#"
import json, sys, xml.etree.ElementTree as ET
ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
root = ET.parse(sys.argv[1]).getroot()
assert root.get("version") == "1.2"
rows = []
for u in root.iterfind(".//x:trans-unit", ns):
    t = u.find("x:target", ns)
    rows.append([u.get("id"), u.find("x:source", ns).text or "", "" if t is None else (t.text or ""), "" if t is None else t.get("state")])
print(json.dumps(rows))
"#;
    let json = python(script, &[site.path("all.xlf").to_str().expect("path")]);
    let rows: Vec<(String, String, String, String)> = serde_json::from_str(&json).expect("json");
    let want = shipped_catalog();
    assert_eq!(rows.len(), want.len());
    for (e, (id, source, target, state)) in want.iter().zip(&rows) {
        assert_eq!((id, source, target), (&e.id, &e.source, &e.en));
        assert_eq!(state, "translated", "{id}: the shipped English is current");
    }
}

#[test]
fn translate_a_po_file_rewritten_by_polib_imports_without_changing_content() {
    let site = TempSite::copy(&repo());
    assert!(site
        .run(&["translate", "export", "--only", "all", "all.po"])
        .status
        .success());
    // polib wraps long strings over continuation lines when it saves.
    let script = "import sys, polib\npo = polib.pofile(sys.argv[1])\npo.save(sys.argv[1])\n";
    python(script, &[site.path("all.po").to_str().expect("path")]);
    assert_ne!(site.read("all.po").lines().count(), 0);
    let before = read_tree(&site.path("content"));
    let out = site.run(&["translate", "import", "all.po"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("wrote 0 entries"), "{}", stdout(&out));
    assert_eq!(
        before,
        read_tree(&site.path("content")),
        "content/ untouched"
    );
}

/// A plan imported with no English: export, translate every entry with
/// polib, import, build; and the memory of the shipped site is reused.
#[test]
fn translate_a_plan_without_english_is_fully_translated_and_built() {
    let site = TempSite::copy(&fixture("plan-yunxi"));
    let out = site.run(&["import", "seeds/yunxi-15th-eco-plan.zh.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let repo = repo();
    let memory = repo.to_str().expect("path");
    let out = site.run(&["translate", "export", "--memory", memory, "todo.po"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entries = polib_entries(&site.path("todo.po"));
    let reused: Vec<_> = entries
        .iter()
        .filter(|(_, e)| e.3.contains("reused"))
        .collect();
    assert!(
        !reused.is_empty(),
        "sentences the shipped plan holds are reused"
    );
    for (id, (_, target, _, _)) in &reused {
        assert!(!target.is_empty(), "{id}: a reused entry is filled");
    }
    // Every text identical to one the shipped site translated is reused,
    // with the shipped English; and the export reports how many.
    let shipped: BTreeMap<String, String> = shipped_catalog()
        .into_iter()
        .filter(|e| e.status == plansite::translate::Status::Current)
        .map(|e| (e.source, e.en))
        .collect();
    let identical: Vec<_> = entries
        .iter()
        .filter(|(_, e)| shipped.contains_key(&e.0))
        .collect();
    assert!(
        !identical.is_empty(),
        "the fixture repeats sentences of the shipped plan"
    );
    for (id, (source, target, _, comment)) in &identical {
        assert!(
            comment.contains("reused"),
            "{id}: identical Chinese is reused"
        );
        assert_eq!(target, &shipped[source], "{id}");
    }
    assert_eq!(identical.len(), reused.len(), "nothing else is reused");
    let filled = entries.values().filter(|e| e.1.is_empty()).count();
    assert!(stdout(&out).contains(&format!("{} of them filled", reused.len())));
    // The translator: every empty entry gets English, placeholders kept.
    let script = r#"
import sys, polib
po = polib.pofile(sys.argv[1])
for e in po:
    if not e.msgstr:
        e.msgstr = "EN " + e.msgctxt + " {clause}" * e.msgid.count("{clause}")
    if "fuzzy" in e.flags:
        e.flags.remove("fuzzy")
po.save(sys.argv[1])
"#;
    python(script, &[site.path("todo.po").to_str().expect("path")]);
    let out = site.run(&["translate", "import", "todo.po"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("wrote {} entries", entries.len())),
        "{filled} filled + {} reused: {}",
        reused.len(),
        stdout(&out)
    );
    let out = site.run(&["translate", "export", "left.po"]);
    assert!(
        stdout(&out).contains("exported 0 entries"),
        "{}",
        stdout(&out)
    );
    // The plan's own words are entries too: its title and district, the
    // indicator table's title, footnote, units and text values.
    for id in [
        "plan-title",
        "plan-district",
        "table-title",
        "indicators-footnote",
    ] {
        assert!(entries.contains_key(id), "{id} exported");
    }
    for kind in ["-unit", "-baseline"] {
        assert!(
            entries
                .keys()
                .any(|id| id.starts_with("indicator-") && id.ends_with(kind)),
            "indicator{kind} exported: {:?}",
            entries.keys()
        );
    }
    let english = |id: &str| {
        let (_, old_target, _, old_comment) = &entries[id];
        if old_comment.contains("reused") {
            old_target.clone()
        } else {
            format!("EN {id}")
        }
    };
    let out = site.run(&["build", "--strict", "--no-search", "--lang", "both"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page =
        std::fs::read_to_string(site.path("public/en/chapters/01/index.html")).expect("page");
    assert!(
        page.contains("EN c01-title"),
        "the chapter title in English"
    );
    let para = entries
        .keys()
        .find(|id| id.starts_with("c01-s") && id.contains("-p"))
        .expect("a paragraph");
    let want = english(para);
    assert!(page.contains(&want), "{para}: {want} on the English page");
    let table = std::fs::read_to_string(site.path("public/en/indicators/index.html"))
        .expect("indicators page");
    let table = html_text(main_html(&table), None);
    let unit = entries
        .keys()
        .find(|id| id.ends_with("-unit") && !entries[*id].3.contains("reused"))
        .expect("a unit the memory did not know");
    for id in ["table-title", "indicators-footnote", unit] {
        assert!(table.contains(&english(id)), "{id} on the indicator page");
    }
    let home = std::fs::read_to_string(site.path("public/en/index.html")).expect("home");
    assert!(home.contains("EN plan-title") && home.contains("EN plan-district"));
    // No English page says that anything is not yet translated.
    let notices = untranslated_notices();
    let pages = read_tree(&site.path("public/en"));
    assert!(pages.len() > 20, "{} English files", pages.len());
    for (rel, bytes) in &pages {
        let text = String::from_utf8_lossy(bytes);
        for n in &notices {
            assert!(!text.contains(n.as_str()), "en/{rel} shows {n:?}");
        }
    }
    // check: every chapter's English is complete.
    let out = site.run(&["check", "--strict", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    let rows: Vec<_> = report.lines().filter(|l| l.contains('%')).collect();
    assert!(rows.len() > 2, "{report}");
    for r in &rows {
        assert!(r.contains("100.0%"), "{r}");
    }
    let is_para = |id: &&String| {
        let mut p = id.split('-');
        matches!(
            (p.next(), p.next(), p.next(), p.next()),
            (Some(c), Some(s), Some(q), None)
                if c.starts_with('c') && s.starts_with('s') && q.starts_with('p')
        )
    };
    let paras = entries.keys().filter(is_para).count();
    assert!(
        report.contains(&format!("all   100.0%  ({paras}/{paras})")),
        "{report}"
    );
    // Importing the plan again keeps every English text: nothing is left
    // to translate twice.
    let out = site.run(&["import", "--force", "seeds/yunxi-15th-eco-plan.zh.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = site.run(&["translate", "export", "again.po"]);
    assert!(
        stdout(&out).contains("exported 0 entries"),
        "{}",
        stdout(&out)
    );
}

/// A PO file of one entry of the shipped site, with its translation set.
fn one_entry_po(site: &TempSite, id: &str, edit: impl Fn(&str) -> String) -> String {
    let out = site.run(&["translate", "export", "--only", "all", "all.po"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let all = site.read("all.po");
    let (head, _) = all.split_once("\n\n").expect("header");
    let entry = all
        .split("\n\n")
        .find(|e| e.contains(&format!("msgctxt \"{id}\"")))
        .unwrap_or_else(|| panic!("{id} exported"));
    let (before, msgstr) = entry.split_once("\nmsgstr ").expect("msgstr");
    format!("{head}\n\n{before}\nmsgstr {}\n", edit(msgstr))
}

/// A shipped paragraph with a `{clause}` placeholder, and its file.
fn paragraph_with_placeholder() -> plansite::translate::Entry {
    shipped_catalog()
        .into_iter()
        .find(|e| e.source.contains("{clause}"))
        .expect("a paragraph with a clause inside")
}

#[test]
fn translate_import_refuses_a_dropped_placeholder_and_writes_the_rest() {
    let site = TempSite::copy(&repo());
    let e = paragraph_with_placeholder();
    let po = one_entry_po(&site, &e.id, |s| s.replacen("{clause}", "", 1));
    let title = one_entry_po(&site, "c01-title", |_| "\"New title\"".to_string());
    let (_, title_entry) = title.split_once("\n\n").expect("entry");
    site.write("t.po", &format!("{po}\n{title_entry}"));
    let en_file = e.path.replace(".zh.md", ".en.md");
    let before = site.read(&format!("content/{en_file}"));
    let out = site.run(&["translate", "import", "t.po"]);
    assert_eq!(out.status.code(), Some(1), "a refusal fails the run");
    let err = stderr(&out);
    let line = po
        .lines()
        .position(|l| l.starts_with("msgctxt"))
        .expect("line")
        + 1;
    assert!(
        err.contains(&format!("t.po:{line}: ")),
        "names file and line: {err}"
    );
    assert!(
        err.contains("{clause}") && err.contains("placeholder"),
        "{err}"
    );
    assert_eq!(
        before,
        site.read(&format!("content/{en_file}")),
        "refused: not written"
    );
    assert!(site
        .read("content/chapters/01.en.md")
        .contains("title = \"New title\""));
}

#[test]
fn translate_import_refuses_a_stale_entry() {
    let site = TempSite::copy(&repo());
    let e = paragraph_with_placeholder();
    let po = one_entry_po(&site, &e.id, |_| {
        "\"Fresh English. {clause} More.\"".to_string()
    });
    site.write("t.po", &po);
    // The Chinese changes after the export.
    let zh = format!("content/{}", e.path);
    let first = site
        .read(&zh)
        .lines()
        .nth(e.line - 1)
        .expect("line")
        .to_string();
    site.patch(&zh, &first, &first.replacen('。', "，修改后。", 1));
    let out = site.run(&["translate", "import", "t.po"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("stale"), "{}", stderr(&out));
    let en = site.read(&format!("content/{}", e.path.replace(".zh.md", ".en.md")));
    assert!(
        !en.contains("Fresh English."),
        "a stale entry is not written"
    );
}

#[test]
fn translate_import_refuses_an_unknown_id_naming_file_and_line() {
    let site = TempSite::copy(&repo());
    let po = one_entry_po(&site, "c01-title", |_| "\"X\"".to_string())
        .replace("\"c01-title\"", "\"c99-title\"");
    site.write("t.po", &po);
    let out = site.run(&["translate", "import", "t.po"]);
    assert_eq!(out.status.code(), Some(1));
    let line = po
        .lines()
        .position(|l| l.starts_with("msgctxt"))
        .expect("line")
        + 1;
    let err = stderr(&out);
    assert!(
        err.contains(&format!("t.po:{line}: ")) && err.contains("c99-title"),
        "{err}"
    );
    assert!(
        err.contains("未知条目") && err.contains("unknown id"),
        "bilingual: {err}"
    );
}

#[test]
fn translate_import_writes_nothing_when_an_entry_is_malformed() {
    let site = TempSite::copy(&repo());
    let good = one_entry_po(&site, "c01-title", |_| "\"New title\"".to_string());
    site.write(
        "t.po",
        &format!("{good}\nmsgctxt \"c02-title\"\nmsgid \"unterminated\nmsgstr \"X\"\n"),
    );
    let before = read_tree(&site.path("content"));
    let out = site.run(&["translate", "import", "t.po"]);
    assert_eq!(out.status.code(), Some(1));
    let line = good.lines().count() + 3;
    assert!(
        stderr(&out).contains(&format!("t.po:{line}: ")),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("nothing was imported"));
    assert_eq!(
        before,
        read_tree(&site.path("content")),
        "not even the good entry"
    );
    let xlf = "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"c01-title\"><source>x</source></body></file></xliff>\n";
    site.write("t.xlf", xlf);
    let out = site.run(&["translate", "import", "t.xlf"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("malformed XML"), "{}", stderr(&out));
}

#[test]
fn translate_xliff_import_writes_english_that_the_build_shows() {
    let site = TempSite::copy(&repo());
    assert!(site
        .run(&["translate", "export", "--only", "all", "all.xlf"])
        .status
        .success());
    let e = paragraph_with_placeholder();
    let x = site.read("all.xlf");
    let start = x.find(&format!("id=\"{}\"", e.id)).expect("unit");
    let t0 = start + x[start..].find("<target").expect("target");
    let t1 = t0 + x[t0..].find("</target>").expect("end") + "</target>".len();
    let english = format!(
        "Retranslated &amp; checked.{}",
        " {clause} Done.".repeat(e.source.matches("{clause}").count())
    );
    let new = format!("<target state=\"translated\">{english}</target>");
    site.write("t.xlf", &format!("{}{new}{}", &x[..t0], &x[t1..]));
    let out = site.run(&["translate", "import", "t.xlf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("wrote 1 entries (2 files)"),
        "{}",
        stdout(&out)
    );
    assert!(
        site.read("content/translation-memory.tsv")
            .contains("Retranslated & checked."),
        "the chapter and the memory file"
    );
    let en = site.read(&format!("content/{}", e.path.replace(".zh.md", ".en.md")));
    let key = format!(
        "<!-- {} zh:{} -->\n{}\n",
        &e.id[4..],
        e.fingerprint,
        english.replace("&amp;", "&")
    );
    assert!(en.contains(&key), "keyed with today's fingerprint");
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let n = &e.id[1..3];
    let page = std::fs::read_to_string(site.path(&format!("public/en/chapters/{n}/index.html")))
        .expect("page");
    assert!(
        html_text(main_html(&page), None).contains("Retranslated & checked. (Responsible"),
        "built English page, with the clause rendered at the placeholder"
    );
}

#[test]
fn translate_check_warns_where_english_renders_a_glossary_term_otherwise() {
    let site = TempSite::copy(&repo());
    let e = shipped_catalog()
        .into_iter()
        .find(|e| e.kind == plansite::translate::Kind::Paragraph && e.source.contains("约束性"))
        .expect("a paragraph using 约束性");
    assert!(
        e.en.contains("binding"),
        "the shipped English follows the glossary"
    );
    let before = run_in(site.root(), &["check", "--lang", "en"]);
    assert!(!stderr(&before).contains("“约束性”"), "{}", stderr(&before));
    let rel = format!("content/{}", e.path.replace(".zh.md", ".en.md"));
    let text = site.read(&rel);
    let line = text.lines().position(|l| l == e.en).expect("English line") + 1;
    site.write(
        &rel,
        &text.replace(&e.en, &e.en.replace("binding", "mandatory")),
    );
    let out = site.run(&["check", "--lang", "both"]);
    assert!(out.status.success(), "a warning: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{rel}:{line}")),
        "names file and line: {err}"
    );
    assert!(
        err.contains("“约束性”") && err.contains("“Binding”") && err.contains("词汇表"),
        "{err}"
    );
    let strict = site.run(&["check", "--strict"]);
    assert!(
        strict.status.success(),
        "advice, not counted by --strict: {}",
        stderr(&strict)
    );
}

/// A box item of a new plan repeating a shipped one with the district
/// renamed, and no English: offered as a near match, fuzzy, with the
/// glossary's English for the new district swapped in.
#[test]
fn translate_export_suggests_a_near_match_for_a_renamed_place() {
    let site = TempSite::copy(&repo());
    let glossary: toml::Value = toml::from_str(&site.read("content/glossary.toml")).expect("toml");
    let terms = glossary["terms"].as_table().expect("terms");
    let gloss = |zh: &str| {
        terms
            .get(zh)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let (e, a) = shipped_catalog()
        .into_iter()
        .filter(|e| e.kind == plansite::translate::Kind::BoxItem)
        .find_map(|e| {
            let a = terms
                .keys()
                .find(|a| {
                    a.ends_with('区') && e.zh.contains(a.as_str()) && e.en.contains(&gloss(a))
                })?
                .clone();
            Some((e, a))
        })
        .expect("a box item naming the district");
    let (b, b_en) = ("济宁市石门区", "Shimen District, Jining City (SAMPLE)");
    let g = site.read("content/glossary.toml");
    site.write(
        "content/glossary.toml",
        &format!("{g}\"{b}\" = \"{b_en}\"\n"),
    );
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let text = site.read("content/projects.toml");
    let zh_line = format!("zh = {}", quoted(&e.zh));
    let en_line = format!("en = {}", quoted(&e.en));
    assert!(
        text.contains(&zh_line) && text.contains(&en_line),
        "{zh_line}"
    );
    let renamed = e.zh.replace(&a, b);
    site.write(
        "content/projects.toml",
        &text
            .replace(&zh_line, &format!("zh = {}", quoted(&renamed)))
            .replace(&en_line, "en = \"\""),
    );
    // The shipped site, as it was, is the memory.
    let repo = repo();
    let memory = repo.to_str().expect("path");
    let out = site.run(&["translate", "export", "--memory", memory, "todo.po"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 near-match suggestions"),
        "{}",
        stdout(&out)
    );
    let got = polib_entries(&site.path("todo.po"));
    let (source, target, flags, comment) = &got[&e.id];
    assert_eq!(source, &renamed);
    assert_eq!(target, &e.en.replace(&gloss(&a), b_en));
    assert_eq!(flags, "fuzzy", "offered for review, not imported as is");
    assert!(
        comment.contains("near match") && comment.contains(&e.zh),
        "{comment}"
    );
}

#[test]
fn translate_import_warns_when_a_translation_renders_a_glossary_term_otherwise() {
    let site = TempSite::copy(&repo());
    let e = shipped_catalog()
        .into_iter()
        .find(|e| e.kind == plansite::translate::Kind::Paragraph && e.source.contains("约束性"))
        .expect("a paragraph using 约束性");
    let po = one_entry_po(&site, &e.id, |s| s.replace("binding", "mandatory"));
    site.write("t.po", &po);
    let out = site.run(&["translate", "import", "t.po"]);
    assert!(
        out.status.success(),
        "advice, not a refusal: {}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("wrote 1 entries"), "{}", stdout(&out));
    let err = stderr(&out);
    let rel = format!("content/{}", e.path.replace(".zh.md", ".en.md"));
    assert!(err.contains(&rel) && err.contains("“约束性”"), "{err}");
    assert_eq!(
        err.matches("“约束性”").count(),
        2,
        "once, in both languages: {err}"
    );
}

/// The memory file keeps what an import wrote after content/ loses it.
#[test]
fn translate_memory_file_keeps_imported_pairs_for_later_exports() {
    let site = TempSite::copy(&repo());
    let e = shipped_catalog()
        .into_iter()
        .find(|e| e.kind == plansite::translate::Kind::Commitment)
        .expect("a commitment");
    let po = one_entry_po(&site, &e.id, |_| {
        "\"Revised English (SAMPLE).\"".to_string()
    });
    site.write("t.po", &po);
    assert!(site.run(&["translate", "import", "t.po"]).status.success());
    let tm = site.read("content/translation-memory.tsv");
    assert!(
        tm.contains(&format!(
            "commitment\t{}\tRevised English (SAMPLE).\n",
            e.zh
        )),
        "{tm}"
    );
    // The English is lost from commitments.toml; the memory still has it.
    let quoted = toml::Value::String("Revised English (SAMPLE).".to_string()).to_string();
    site.patch(
        "content/commitments.toml",
        &format!("en = {quoted}"),
        "en = \"\"",
    );
    let out = site.run(&["translate", "export", "todo.po"]);
    assert!(
        stdout(&out).contains("1 of them filled from the translation memory"),
        "{}",
        stdout(&out)
    );
    let (_, target, _, comment) = polib_entries(&site.path("todo.po"))[&e.id].clone();
    assert_eq!(
        (target.as_str(), comment.contains("reused")),
        ("Revised English (SAMPLE).", true)
    );
    let out = site.build();
    assert!(
        out.status.success(),
        "the memory file does not disturb a build: {}",
        stderr(&out)
    );
}

/// The plan's title, the site's brand, the indicator table's footnote and
/// a unit: exported, translated in an XLIFF file that lxml rewrites, merged
/// into plan.toml, site.toml, indicators.toml and the glossary, and shown.
#[test]
fn translate_plan_title_footnote_and_units_round_trip_through_lxml() {
    let site = TempSite::copy(&repo());
    let out = site.run(&["translate", "export", "--only", "all", "all.xlf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let script = r#"
import sys
from lxml import etree
ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
tree = etree.parse(sys.argv[1])
found = []
for u in tree.iterfind(".//x:trans-unit", ns):
    if u.get("id") in sys.argv[2:]:
        u.find("x:target", ns).text = "SAMPLE " + u.get("id") + " & co"
        found.append(u.get("id") + "=" + u.find("x:source", ns).text)
tree.write(sys.argv[1], xml_declaration=True, encoding="UTF-8")
print("\n".join(found))
"#;
    let ids = [
        "plan-title",
        "site-brand",
        "indicators-footnote",
        "indicator-1-unit",
    ];
    let mut args = vec![site.path("all.xlf").to_str().expect("path").to_string()];
    args.extend(ids.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let found = python(script, &args);
    let sources: BTreeMap<&str, &str> = found.lines().filter_map(|l| l.split_once('=')).collect();
    assert_eq!(sources.len(), ids.len(), "every id exported: {found}");
    let plan: toml::Value = toml::from_str(&site.read("content/plan.toml")).expect("plan");
    assert_eq!(
        sources["plan-title"],
        plan["title"]["zh"].as_str().expect("zh")
    );
    let unit = sources["indicator-1-unit"];
    let out = site.run(&["translate", "import", "all.xlf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("wrote 4 entries (5 files)"),
        "plan.toml, site.toml, indicators.toml, glossary.toml and the memory: {}",
        stdout(&out)
    );
    let en = |id: &str| format!("SAMPLE {id} & co");
    let plan: toml::Value = toml::from_str(&site.read("content/plan.toml")).expect("plan");
    assert_eq!(
        plan["title"]["en"].as_str(),
        Some(en("plan-title").as_str())
    );
    let site_toml = site.read("site.toml");
    assert!(
        site_toml
            .starts_with(&std::fs::read_to_string(repo().join("site.toml")).expect("site")[..20]),
        "site.toml's comments kept"
    );
    let config: toml::Value = toml::from_str(&site_toml).expect("site.toml");
    assert_eq!(
        config["brand"]["en"].as_str(),
        Some(en("site-brand").as_str())
    );
    let ind: toml::Value = toml::from_str(&site.read("content/indicators.toml")).expect("toml");
    assert_eq!(
        ind["footnote"]["en"].as_str(),
        Some(en("indicators-footnote").as_str())
    );
    let glossary: toml::Value = toml::from_str(&site.read("content/glossary.toml")).expect("toml");
    assert_eq!(
        glossary["terms"][unit].as_str(),
        Some(en("indicator-1-unit").as_str())
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = |rel: &str| {
        html_text(
            &std::fs::read_to_string(site.path(rel)).expect("page"),
            None,
        )
    };
    let home = page("public/en/index.html");
    for id in ["plan-title", "site-brand"] {
        assert!(home.contains(&en(id)), "{id} on the English home page");
    }
    let table = page("public/en/indicators/index.html");
    for id in ["indicators-footnote", "indicator-1-unit"] {
        assert!(table.contains(&en(id)), "{id} on the indicator page");
    }
    assert!(!page("public/indicators/index.html").contains("SAMPLE"));
}

/// A footnote whose Chinese changed since the export is refused as stale;
/// a unit id that content/ does not hold is refused as unknown.
#[test]
fn translate_import_refuses_a_stale_footnote_and_an_unknown_unit() {
    let site = TempSite::copy(&repo());
    let footnote = one_entry_po(&site, "indicators-footnote", |_| "\"New note.\"".into());
    let unknown = one_entry_po(&site, "indicator-1-unit", |_| "\"ug\"".into())
        .replace("\"indicator-1-unit\"", "\"indicator-99-unit\"");
    let (_, unknown_entry) = unknown.split_once("\n\n").expect("entry");
    site.write("t.po", &format!("{footnote}\n{unknown_entry}"));
    let ind = site.read("content/indicators.toml");
    let zh: toml::Value = toml::from_str(&ind).expect("toml");
    let zh = zh["footnote"]["zh"].as_str().expect("zh").to_string();
    site.patch(
        "content/indicators.toml",
        &zh,
        &zh.replacen('。', "，修改后。", 1),
    );
    let before = read_tree(&site.path("content"));
    let out = site.run(&["translate", "import", "t.po"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("stale") && err.contains("indicators-footnote"),
        "{err}"
    );
    let line = footnote.lines().count()
        + 1
        + unknown_entry
            .lines()
            .position(|l| l.starts_with("msgctxt"))
            .expect("msgctxt")
        + 1;
    assert!(
        err.contains(&format!("t.po:{line}: ")) && err.contains("indicator-99-unit"),
        "{err}"
    );
    assert_eq!(before, read_tree(&site.path("content")), "nothing written");
}

/// A plan with 第X篇 parts: each part is an entry of the chapter it opens,
/// and its English, merged back, is what the English pages show.
#[test]
fn translate_parts_of_a_plan_are_entries_and_shown_once_translated() {
    let site = TempSite::copy(&fixture("plan-shimen"));
    let out = site.run(&["import", "seeds/shimen-eco-plan.zh.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = site.run(&["translate", "export", "todo.po"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entries = polib_entries(&site.path("todo.po"));
    let parts: Vec<&String> = entries.keys().filter(|id| id.ends_with("-part")).collect();
    assert_eq!(parts, ["c01-part", "c03-part"], "one entry per part");
    assert!(entries["c03-part"].0.contains("第二篇"));
    let script = r#"
import sys, polib
po = polib.pofile(sys.argv[1])
for e in po:
    if not e.msgstr:
        e.msgstr = "EN " + e.msgctxt + " {clause}" * e.msgid.count("{clause}")
po.save(sys.argv[1])
"#;
    python(script, &[site.path("todo.po").to_str().expect("path")]);
    let out = site.run(&["translate", "import", "todo.po"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site
        .read("content/chapters/03.en.md")
        .contains("part = \"EN c03-part\""));
    let out = site.run(&["build", "--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read("public/en/chapters/03/index.html");
    let part = page.split("class=\"part\"").nth(1).expect("a part");
    let part = &part[..part.find("</p>").expect("closed")];
    assert!(
        part.contains("EN c03-part") && !part.contains("notice"),
        "{part}"
    );
}
