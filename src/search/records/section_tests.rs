use super::*;

/// Every section record of the shipped site: its paragraph map names
/// its paragraphs in order, each offset counts the text before it, and
/// the text pagefind reads of the joined record has exactly the
/// characters of its paragraphs' (what `search.js` relies on).
#[test]
fn section_records_map_their_paragraphs() {
    let (mut joined, mut paragraphs) = (0, 0);
    for (rel, html) in shipped_pages() {
        let records = page_records(&rel, &html);
        for r in &records {
            let Some(map) = r.meta.get(PARAGRAPHS_META) else {
                assert!(
                    !r.html.starts_with("<p") || super::super::digest::digest(&r.html).is_none()
                );
                continue;
            };
            let text = super::super::digest::digest(&r.html).expect("a digest");
            let mut at = 0;
            let mut rest = r.html.as_str();
            for pair in map.split(' ') {
                let (id, offset) = pair.rsplit_once(':').expect("id:offset");
                assert_eq!(offset.parse::<usize>().ok(), Some(at), "{rel} {pair}");
                let first = tags_in(rest).into_iter().next().expect("a tag");
                assert!(first.start == 0 && first.name == "p", "{rel} {id}");
                assert_eq!(attr(first.attrs, "id"), Some(id), "{rel}");
                let end = rest.find("</p>").expect("closed") + 4;
                at += counted_chars(&super::super::digest::digest(&rest[..end]).expect("digest"));
                rest = &rest[end..];
                paragraphs += 1;
            }
            assert!(rest.is_empty(), "{rel}: {rest}");
            assert_eq!(counted_chars(&text), at, "{rel} {}", r.url);
            joined += 1;
        }
    }
    assert!(
        joined > 50 && paragraphs > 2 * joined,
        "{joined} records of {paragraphs}"
    );
}
