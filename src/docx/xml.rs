//! A small element tree of one XML part, by local names (`w:p` → `p`):
//! WordprocessingML is read by the names of its elements, and a package
//! never uses one local name for two different things where we look.

use quick_xml::events::{BytesStart, Event};

#[derive(Debug, Clone, Default)]
pub(super) struct El {
    pub(super) name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug, Clone)]
enum Node {
    El(El),
    Text(String),
}

/// Parses a part into its root element.
pub(super) fn parse(bytes: &[u8]) -> Result<El, String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    let mut stack = vec![El::default()];
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) => stack.push(element(&e)?),
            Event::Empty(e) => {
                let el = element(&e)?;
                top(&mut stack)?.children.push(Node::El(el));
            }
            Event::End(_) => {
                let el = stack.pop().ok_or("unbalanced XML")?;
                top(&mut stack)
                    .map_err(|_| "unbalanced XML".to_string())?
                    .children
                    .push(Node::El(el));
            }
            Event::Text(t) => {
                let t = t.unescape().map_err(|e| e.to_string())?;
                top(&mut stack)?.children.push(Node::Text(t.into_owned()));
            }
            Event::CData(t) => {
                let t = String::from_utf8_lossy(&t).into_owned();
                top(&mut stack)?.children.push(Node::Text(t));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if stack.len() != 1 {
        return Err("the XML ends inside an element".into());
    }
    let doc = stack.pop().unwrap_or_default();
    doc.children
        .into_iter()
        .find_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| "no root element".to_string())
}

fn top(stack: &mut [El]) -> Result<&mut El, String> {
    stack.last_mut().ok_or_else(|| "unbalanced XML".to_string())
}

fn element(e: &BytesStart<'_>) -> Result<El, String> {
    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let mut attrs = vec![];
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
        let value = a.unescape_value().map_err(|e| e.to_string())?;
        attrs.push((key, value.into_owned()));
    }
    Ok(El {
        name,
        attrs,
        children: vec![],
    })
}

impl El {
    /// An attribute by its local name (`w:val` → `val`).
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub(super) fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    pub(super) fn children_named<'a>(
        &'a self,
        names: &'a [&'a str],
    ) -> impl Iterator<Item = &'a El> + 'a {
        self.elements()
            .filter(move |e| names.contains(&e.name.as_str()))
    }

    /// Every element named `name` below this one, in document order.
    pub(super) fn descendants<'a>(
        &'a self,
        name: &'a str,
    ) -> Box<dyn Iterator<Item = &'a El> + 'a> {
        Box::new(self.elements().flat_map(move |e| {
            let own = (e.name == name).then_some(e);
            own.into_iter().chain(e.descendants(name))
        }))
    }

    /// How many elements below this one have one of `names`.
    pub(super) fn count(&self, names: &[&str]) -> usize {
        self.elements()
            .map(|e| usize::from(names.contains(&e.name.as_str())) + e.count(names))
            .sum()
    }

    /// The text directly inside this element.
    pub(super) fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::El(_) => None,
            })
            .collect()
    }
}
