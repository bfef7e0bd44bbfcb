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

/// Which string of a trans-unit text goes to.
#[derive(Clone, Copy, PartialEq)]
enum In {
    Source,
    Target,
}

/// The reader's place: the unit being read, and inside which of its
/// strings (and how deep in inline markup there).
#[derive(Default)]
struct State {
    unit: Option<Unit>,
    inside: Option<In>,
    depth: usize,
    /// Inside `<alt-trans>` (a tool's other proposals): its strings are not the unit's.
    alt: usize,
}

impl State {
    fn start(
        &mut self,
        e: &quick_xml::events::BytesStart<'_>,
        line: usize,
    ) -> Result<(), Malformed> {
        let bad = |m: String| malformed(line, m.clone(), m);
        let name = e.local_name();
        match (name.as_ref(), self.unit.as_mut(), self.inside) {
            (_, _, Some(_)) => self.depth += 1,
            (b"alt-trans", Some(_), None) => self.alt += 1,
            (_, _, None) if self.alt > 0 => {}
            (b"trans-unit", None, None) => {
                let id = attr(e, b"id").map_err(bad)?;
                self.unit = Some(Unit {
                    id,
                    line,
                    ..Unit::default()
                });
            }
            (b"source", Some(u), None) => {
                (self.inside, self.depth) = (Some(In::Source), 0);
                u.source = Some(String::new());
            }
            (b"target", Some(u), None) => {
                (self.inside, self.depth) = (Some(In::Target), 0);
                u.state = attr(e, b"state").map_err(bad)?;
                u.target = Some(String::new());
            }
            _ => {}
        }
        Ok(())
    }

    /// The unit, when `name` closes it.
    fn end(&mut self, name: &[u8]) -> Option<Unit> {
        match (name, self.inside) {
            (_, Some(_)) if self.depth > 0 => self.depth -= 1,
            (b"source" | b"target", Some(_)) => self.inside = None,
            (b"alt-trans", None) => self.alt = self.alt.saturating_sub(1),
            (b"trans-unit", None) => return self.unit.take(),
            _ => {}
        }
        None
    }

    fn text(&mut self, s: &str) {
        let Some(u) = self.unit.as_mut() else { return };
        let slot = match self.inside {
            Some(In::Source) => u.source.as_mut(),
            Some(In::Target) => u.target.as_mut(),
            None => None,
        };
        if let Some(v) = slot {
            v.push_str(s);
        }
    }
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
    let xml_error = |pos: u64, e: &dyn std::fmt::Display| {
        vec![malformed(
            line_at(pos),
            format!("XML 格式有误：{e}"),
            format!("malformed XML: {e}"),
        )]
    };
    let mut out = vec![];
    let mut st = State::default();
    loop {
        let pos = reader.buffer_position();
        match reader.read_event().map_err(|e| xml_error(pos, &e))? {
            Event::Start(e) => st.start(&e, line_at(pos)).map_err(|m| vec![m])?,
            Event::End(e) => {
                if let Some(u) = st.end(e.local_name().as_ref()) {
                    out.push(finish(u)?);
                }
            }
            Event::Text(t) => st.text(&t.unescape().map_err(|e| xml_error(pos, &e))?),
            Event::CData(t) => st.text(&String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
    }
    if st.unit.is_some() {
        let end = line_at(text.len() as u64);
        return Err(vec![malformed(
            end,
            "trans-unit 未结束",
            "unclosed trans-unit",
        )]);
    }
    Ok(out)
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
        let tool = "<xliff><file><body><trans-unit id=\"a\"><source>甲</source><target state=\"final\"><mrk mtype=\"seg\">A</mrk> B</target><alt-trans><source>甲</source><target>Other</target></alt-trans></trans-unit></body></file></xliff>";
        let back = read_xliff(tool).expect("reads");
        assert_eq!(
            (back[0].target.as_str(), back[0].unfinished),
            ("A B", false)
        );
        let bad = read_xliff("<xliff>\n<trans-unit id=\"a\"><source>甲</target>").expect_err("bad");
        assert_eq!(bad[0].line, 2, "{bad:?}");
    }
}
