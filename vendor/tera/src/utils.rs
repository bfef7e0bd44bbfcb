use crate::errors::Error;

/// Escape HTML following [OWASP](https://www.owasp.org/index.php/XSS_(Cross_Site_Scripting)_Prevention_Cheat_Sheet)
///
/// Escape the following characters with HTML entity encoding to prevent switching
/// into any execution context, such as script, style, or event handlers. Using
/// hex entities is recommended in the spec. These are the 5 characters
/// significant in XML (&, <, >, ", ').
///
/// ```text
/// & --> &amp;
/// < --> &lt;
/// > --> &gt;
/// " --> &quot;
/// ' --> &#x27;     &apos; is not recommended
/// ```
///
/// plansite: the forward slash is no longer escaped (`&#x2F;`). OWASP's
/// cheat sheet dropped it in 2020; Tera's pull request #568 does the same
/// for its next major version.
#[inline]
pub fn escape_html(input: &str) -> String {
    let mut output = String::with_capacity(input.len() * 2);
    let _ = escape_html_runs(input, |run| {
        output.push_str(run);
        Ok(())
    });

    // Not using shrink_to_fit() on purpose
    output
}

/// plansite: [`escape_html`] written straight to `write`.
pub(crate) fn escape_html_to(input: &str, write: &mut impl std::io::Write) -> std::io::Result<()> {
    escape_html_runs(input, |run| write.write_all(run.as_bytes()))
}

/// plansite: gives `push` the runs between the escaped characters (all
/// ASCII) whole, and each one's entity, rather than one `char` at a time.
fn escape_html_runs(
    input: &str,
    mut push: impl FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut start = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => continue,
        };
        push(&input[start..i])?;
        push(entity)?;
        start = i + 1;
    }
    push(&input[start..])
}

pub(crate) fn render_to_string<C, F, E>(context: C, render: F) -> Result<String, Error>
where
    C: FnOnce() -> String,
    F: FnOnce(&mut Vec<u8>) -> Result<(), E>,
    Error: From<E>,
{
    let mut buffer = Vec::new();
    render(&mut buffer).map_err(Error::from)?;
    buffer_to_string(context, buffer)
}

pub(crate) fn buffer_to_string<F>(context: F, buffer: Vec<u8>) -> Result<String, Error>
where
    F: FnOnce() -> String,
{
    String::from_utf8(buffer).map_err(|error| Error::utf8_conversion_error(error, context()))
}

#[cfg(test)]
mod tests {
    use super::escape_html;
    use super::render_to_string;

    #[test]
    fn test_escape_html() {
        let tests = vec![
            (r"", ""),
            (r"a&b", "a&amp;b"),
            (r"<a", "&lt;a"),
            (r">a", "&gt;a"),
            (r#"""#, "&quot;"),
            (r#"'"#, "&#x27;"),
            (r"a/b", "a/b"),
            (r#"大阪"#, "大阪"),
        ];
        for (input, expected) in tests {
            assert_eq!(escape_html(input), expected);
        }
        let empty = String::new();
        assert_eq!(escape_html(&empty), empty);
    }

    #[test]
    fn test_render_to_string() {
        use std::io::Write;
        let string = render_to_string(|| panic!(), |w| write!(w, "test")).unwrap();
        assert_eq!(string, "test".to_owned());
    }
}
