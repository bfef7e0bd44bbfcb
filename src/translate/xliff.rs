//! XLIFF 1.2 (Trados, memoQ, OmegaT): one `<trans-unit>` per text, its
//! `id` the entry id, `resname` the Chinese file and line, a `<note>` with
//! kind, status and fingerprint, and a `<target>` whose `state` says
//! `translated` (current or reused, with a note saying so) or
//! `needs-review-translation` (stale). Read with quick-xml; inline markup a
//! tool may add inside `<source>`/`<target>` is reduced to its text.

use super::{malformed, Entry, Incoming, Malformed, Status};
use quick_xml::events::Event;
use quick_xml::Reader;

/// The XLIFF text of `entries`.
pub fn write_xliff(entries: &[Entry]) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n",
        "  <file original=\"content\" source-language=\"zh-CN\" target-language=\"en\" datatype=\"plaintext\">\n",
        "    <body>\n",
    ));
    for e in entries {
        let resname = if e.line > 0 {
            format!("{}:{}", e.path, e.line)
        } else {
            e.path.clone()
        };
        out.push_str(&format!(
            "      <trans-unit id=\"{}\" resname=\"{}\" xml:space=\"preserve\">\n",
            esc(&e.id),
            esc(&resname)
        ));
        out.push_str(&format!("        <source>{}</source>\n", esc(&e.source)));
        if !e.en.is_empty() {
            let state = match (e.status, &e.near) {
                (Status::Stale, _) | (_, Some(_)) => "needs-review-translation",
                _ => "translated",
            };
            out.push_str(&format!(
                "        <target state=\"{state}\">{}</target>\n",
                esc(&e.en)
            ));
        }
        out.push_str(&format!(
            "        <note from=\"plansite\">{} · {} · zh:{}</note>\n",
            e.kind.name(),
            e.status.name(),
            e.fingerprint
        ));
        if e.reused {
            out.push_str("        <note from=\"plansite\">reused: translation memory</note>\n");
        }
        if let Some(from) = &e.near {
            out.push_str(&format!(
                "        <note from=\"plansite\">near match of {}: review it</note>\n",
                esc(from)
            ));
        }
        out.push_str("      </trans-unit>\n");
    }
    out.push_str("    </body>\n  </file>\n</xliff>\n");
    out
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// States meaning the translator has not finished the target.
const UNFINISHED: &[&str] = &[
    "new",
    "needs-translation",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-translation",
    "needs-review-adaptation",
    "needs-review-l10n",
];

#[derive(Default)]
struct Unit {
    id: Option<String>,
    source: Option<String>,
    target: Option<String>,
    state: Option<String>,
    line: usize,
}

/// Where text inside a trans-unit goes.
#[derive(Clone, Copy, PartialEq)]
enum In {
    Nothing,
    Source,
    Target,
}

/// Reads an XLIFF 1.2 file. Malformed XML, or a unit without an id, fails
/// the whole file.
pub fn read_xliff(text: &str) -> Result<Vec<Incoming>, Vec<Malformed>> {
    let mut reader = Reader::from_str(text);
    let line_at = |pos: u64| {
        let pos = usize::try_from(pos).unwrap_or(text.len()).min(text.len());
        text.as_bytes()[..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    };
    let mut out = vec![];
    let mut unit: Option<Unit> = None;
    let mut inside = In::Nothing;
    let mut depth_in = 0usize;
    loop {
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| {
            vec![malformed(
                line_at(pos),
                format!("XML 格式有误：{e}"),
                format!("malformed XML: {e}"),
            )]
        })?;
        match ev {
            Event::Start(e) => {
                let name = e.local_name();
                match (name.as_ref(), unit.as_mut()) {
                    (b"trans-unit", None) => {
                        let id = attr(&e, b"id")
                            .map_err(|m| vec![malformed(line_at(pos), m.clone(), m)])?;
                        unit = Some(Unit {
                            id,
                            line: line_at(pos),
                            ..Unit::default()
                        });
                    }
                    (b"source", Some(u)) if inside == In::Nothing => {
                        (inside, depth_in) = (In::Source, 0);
                        u.source = Some(String::new());
                    }
                    (b"target", Some(u)) if inside == In::Nothing => {
                        (inside, depth_in) = (In::Target, 0);
                        u.state = attr(&e, b"state")
                            .map_err(|m| vec![malformed(line_at(pos), m.clone(), m)])?;
                        u.target = Some(String::new());
                    }
                    _ if inside != In::Nothing => depth_in += 1,
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"trans-unit" if inside == In::Nothing => {
                    if let Some(u) = unit.take() {
                        out.push(finish(u)?);
                    }
                }
                _ if inside != In::Nothing && depth_in > 0 => depth_in -= 1,
                b"source" | b"target" => inside = In::Nothing,
                _ => {}
            },
            Event::Text(t) => {
                let s = t.unescape().map_err(|e| {
                    vec![malformed(
                        line_at(pos),
                        format!("XML 文本有误：{e}"),
                        format!("malformed XML text: {e}"),
                    )]
                })?;
                push_text(unit.as_mut(), inside, &s);
            }
            Event::CData(t) => {
                let s = String::from_utf8_lossy(&t).into_owned();
                push_text(unit.as_mut(), inside, &s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if unit.is_some() {
        return Err(vec![malformed(
            line_at(text.len() as u64),
            "trans-unit 未结束",
            "unclosed trans-unit",
        )]);
    }
    Ok(out)
}

fn push_text(unit: Option<&mut Unit>, inside: In, s: &str) {
    let Some(u) = unit else { return };
    let slot = match inside {
        In::Source => u.source.as_mut(),
        In::Target => u.target.as_mut(),
        In::Nothing => None,
    };
    if let Some(v) = slot {
        v.push_str(s);
    }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Result<Option<String>, String> {
    match e.try_get_attribute(name) {
        Ok(Some(a)) => a
            .unescape_value()
            .map(|v| Some(v.into_owned()))
            .map_err(|e| format!("XML attribute: {e}")),
        Ok(None) => Ok(None),
        Err(e) => Err(format!("XML attribute: {e}")),
    }
}

fn finish(u: Unit) -> Result<Incoming, Vec<Malformed>> {
    let Unit {
        id,
        source,
        target,
        state,
        line,
    } = u;
    let Some(id) = id.filter(|i| !i.trim().is_empty()) else {
        return Err(vec![malformed(
            line,
            "trans-unit 缺少 id",
            "trans-unit without an id",
        )]);
    };
    let Some(source) = source else {
        return Err(vec![malformed(
            line,
            format!("trans-unit {id} 缺少 <source>"),
            format!("trans-unit {id} has no <source>"),
        )]);
    };
    let unfinished = state.as_deref().is_some_and(|s| UNFINISHED.contains(&s));
    Ok(Incoming {
        id,
        source,
        target: target.unwrap_or_default(),
        unfinished,
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translate::{Kind, Target};

    #[test]
    fn written_units_read_back_and_inline_markup_is_text() {
        let e = Entry {
            id: "c01-s1-p1".to_string(),
            kind: Kind::Paragraph,
            source: "<甲> & “乙”\n{clause}".to_string(),
            zh: String::new(),
            en: "<A> & \"B\"\n{clause}".to_string(),
            status: Status::Stale,
            reused: false,
            near: None,
            fingerprint: "0badf00d".to_string(),
            path: "chapters/01.zh.md".to_string(),
            line: 3,
            target: Target::Term,
        };
        let x = write_xliff(&[e]);
        let back = read_xliff(&x).expect("reads");
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].source, "<甲> & “乙”\n{clause}");
        assert_eq!(back[0].target, "<A> & \"B\"\n{clause}");
        assert!(back[0].unfinished, "stale: needs review");
        assert_eq!(back[0].line, 5);
        let tool = "<xliff><file><body><trans-unit id=\"a\"><source>甲</source><target state=\"final\"><mrk mtype=\"seg\">A</mrk> B</target></trans-unit></body></file></xliff>";
        let back = read_xliff(tool).expect("reads");
        assert_eq!(
            (back[0].target.as_str(), back[0].unfinished),
            ("A B", false)
        );
        let bad = read_xliff("<xliff>\n<trans-unit id=\"a\"><source>甲</target>").expect_err("bad");
        assert_eq!(bad[0].line, 2, "{bad:?}");
    }
}
