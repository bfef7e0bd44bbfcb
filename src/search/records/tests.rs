use super::*;
use regex::Regex;

/// The regex [`tags_in`] replaces.
const OPEN_TAG: &str = r"<([a-zA-Z][a-zA-Z0-9]*)((?:\s[^>]*)?)>";

/// Tricky markup beside every page of the shipped site.
fn samples() -> Vec<String> {
    let mut out: Vec<String> = [
        "<p id=a>x</p><P ID='b' data-x>y</P>",
        "<a href=\"q\" title='t \"x\"' data-pagefind-ignore>",
        "<h1-x><1a><a\u{3000}lang=zh>text</a><br/><img src=x.png alt=>",
        "<div  id = \"s p\"  class=c/d aria-labelledby=h>",
        "<x a=\"unterminated b=c>",
        "<x a='open b=\"c\">",
        "<x a= b>  <x a=>  <x =a b>  <x a=\"\" b=''>",
        "<span x=1>< p><p\ttab=1\nnl=2>",
        "< notag <b>bold</b> <i",
        "<tail attr=\"no close",
        "<x ü=1 data-ü=ä ID=Z>",
    ]
    .map(String::from)
    .to_vec();
    out.extend(shipped_pages().into_iter().map(|(_, html)| html));
    assert!(out.len() > 100, "the shipped pages are read");
    out
}

#[test]
fn tags_are_found_as_the_regex_finds_them() {
    let re = Regex::new(OPEN_TAG).expect("regex");
    for html in samples() {
        let want: Vec<(usize, usize, &str, &str)> = re
            .captures_iter(&html)
            .map(|c| {
                let whole = c.get(0).expect("match");
                (
                    whole.start(),
                    whole.end(),
                    c.get(1).expect("name").as_str(),
                    c.get(2).expect("attrs").as_str(),
                )
            })
            .collect();
        let got: Vec<(usize, usize, &str, &str)> = tags_in(&html)
            .iter()
            .map(|t| (t.start, t.end, t.name, t.attrs))
            .collect();
        assert_eq!(got, want, "{}", &html[..html.len().min(80)]);
    }
}

#[test]
fn attributes_are_read_as_the_regex_reads_them() {
    let re = Regex::new(r#"([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"#)
        .expect("regex");
    let by_regex = |attrs: &str, name: &str| -> Option<String> {
        re.captures_iter(attrs)
            .find(|c| c[1].eq_ignore_ascii_case(name))
            .map(|c| {
                let v = c.get(2).or_else(|| c.get(3)).or_else(|| c.get(4));
                v.map_or("", |m| m.as_str()).to_string()
            })
    };
    let re_tags = Regex::new(OPEN_TAG).expect("regex");
    let mut checked = 0;
    for html in samples() {
        let mut all: Vec<String> = re_tags
            .captures_iter(&html)
            .map(|c| c[2].to_string())
            .collect();
        all.push(html.clone());
        for attrs in &all {
            for name in [
                "id",
                "lang",
                "data-pagefind-body",
                "data-pagefind-meta",
                "aria-labelledby",
                "data-pagefind-ignore",
                "b",
                "c",
                "a",
                "ü",
                "data-ü",
                "class",
            ] {
                assert_eq!(
                    attr(attrs, name).map(String::from),
                    by_regex(attrs, name),
                    "{name} in {attrs}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "{checked}");
}

#[test]
fn text_drops_tags_as_the_regex_did() {
    let re = Regex::new(r"<[^>]*>").expect("regex");
    for html in samples() {
        assert_eq!(without_tags(&html), re.replace_all(&html, " "));
    }
}
