//! Relative links: every href is computed from the page that holds it, so
//! the site works under any subpath and from file://. Links name files
//! (`chapters/03/index.html`), never folders.

use crate::model::Lang;

/// Path of a page inside a language tree, e.g. `chapters/03/index.html`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PagePath(pub String);

/// Output path of chapter `n`'s page in `lang`.
pub fn chapter_page(lang: Lang, n: u32) -> String {
    chapter_parts(lang, &two_digits(n)).concat()
}

/// Relative href from output path `from` to chapter `n`'s page in
/// `lang`, with `#fragment` when `fragment` is not empty (it must be
/// escaped already).
pub fn chapter_url(from: &str, lang: Lang, n: u32, fragment: &str) -> String {
    let n = two_digits(n);
    let [a, b, c, d] = chapter_parts(lang, &n);
    if fragment.is_empty() {
        url_to(from, &[a, b, c, d])
    } else {
        url_to(from, &[a, b, c, d, "#", fragment])
    }
}

/// The pieces of chapter `n`'s output path, `n` given with two digits.
fn chapter_parts(lang: Lang, n: &str) -> [&str; 4] {
    [lang.prefix(), "chapters/", n, "/index.html"]
}

/// `n` with at least two digits (`{n:02}`).
pub fn two_digits(n: u32) -> String {
    if n < 10 {
        cat!("0", n.to_string())
    } else {
        n.to_string()
    }
}

/// Output path of `page` in `lang`: `en/` prefixed for English.
pub fn output_path(lang: Lang, page: &str) -> String {
    cat!(lang.prefix(), page)
}

/// `../` repeated once per folder level of the output path `from`.
pub fn root_of(from: &str) -> String {
    url_to(from, &[])
}

/// Relative href from output path `from` to output path `to`.
pub fn url_for(from: &str, to: &str) -> String {
    url_to(from, &[if to.is_empty() { "index.html" } else { to }])
}

/// [`url_for`] the output path made of `parts`, in one allocation.
pub fn url_to(from: &str, parts: &[&str]) -> String {
    let depth = from.bytes().filter(|&b| b == b'/').count();
    let len = depth * 3 + parts.iter().map(|p| p.len()).sum::<usize>();
    let mut out = String::with_capacity(len);
    for _ in 0..depth {
        out.push_str("../");
    }
    for p in parts {
        out.push_str(p);
    }
    out
}

/// The output path `url` names when linked from output path `page`.
pub fn resolve(page: &str, url: &str) -> Option<String> {
    let mut out = String::new();
    resolve_into(folder_of(page), url, &mut out).then_some(out)
}

/// The folder of output path `page` (`a/b` for `a/b/index.html`, empty
/// for a page at the top).
pub fn folder_of(page: &str) -> &str {
    page.rfind('/').map_or("", |i| &page[..i])
}

/// [`resolve`] into `out` (cleared first), from the folder `folder` of
/// the linking page; false when the link climbs above the top. No
/// allocation once `out` is large enough (the link check resolves every
/// link of every page).
pub fn resolve_into(folder: &str, url: &str, out: &mut String) -> bool {
    out.clear();
    out.push_str(folder);
    for seg in split_ascii(url, b'/') {
        match seg {
            "" | "." => {}
            ".." => {
                if out.is_empty() {
                    return false;
                }
                // A byte search: `str::rfind` sets up a char searcher
                // per call, which cost more than these short paths need.
                out.truncate(out.bytes().rposition(|b| b == b'/').unwrap_or(0));
            }
            s => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(s);
            }
        }
    }
    true
}

/// `s.split(sep)` for an ASCII `sep`, by a byte loop: links are short,
/// and `str::split`'s memchr set-up per piece costs more than the search
/// (the link check splits every link of every page).
pub fn split_ascii(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Chinese numeral for 1..=99 (第三章, 第十二章).
pub fn zh_numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "〇".into(),
        1..=9 => D[n as usize].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// A number as printed: integers without a decimal point.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_ascii_is_str_split() {
        for s in [
            "",
            "/",
            "a",
            "a/b",
            "/a//b/",
            "../../章/03/index.html",
            "a/é/",
        ] {
            let want: Vec<&str> = s.split('/').collect();
            assert_eq!(split_ascii(s, b'/').collect::<Vec<_>>(), want, "{s:?}");
        }
    }

    #[test]
    fn relative_links() {
        assert_eq!(
            url_for("index.html", "chapters/03/index.html"),
            "chapters/03/index.html"
        );
        assert_eq!(
            url_for("en/chapters/03/index.html", "assets/style.css"),
            "../../../assets/style.css"
        );
        assert_eq!(
            url_for("chapters/03/index.html", "en/chapters/03/index.html"),
            "../../en/chapters/03/index.html"
        );
        assert_eq!(
            output_path(Lang::En, "about/index.html"),
            "en/about/index.html"
        );
        assert_eq!(url_for("a/b/index.html", ""), "../../index.html");
    }

    #[test]
    fn built_pieces_equal_format() {
        for n in [0, 1, 9, 10, 99, 100, 1200] {
            assert_eq!(two_digits(n), format!("{n:02}"));
            for lang in Lang::ALL {
                assert_eq!(
                    chapter_page(lang, n),
                    format!("{}chapters/{n:02}/index.html", lang.prefix())
                );
                for from in ["index.html", "en/departments/x/index.html"] {
                    let page = chapter_page(lang, n);
                    assert_eq!(chapter_url(from, lang, n, ""), url_for(from, &page));
                    assert_eq!(
                        chapter_url(from, lang, n, "c03-s1"),
                        url_for(from, &cat!(page, "#c03-s1"))
                    );
                }
            }
        }
        for from in ["index.html", "en/index.html", "en/departments/x/index.html"] {
            let parts = ["en/", "departments/", "水务局", "/index.html#t-1"];
            assert_eq!(url_to(from, &parts), url_for(from, &parts.concat()));
            let depth = from.matches('/').count();
            assert_eq!(root_of(from), "../".repeat(depth));
        }
        let owned = String::from("乙");
        assert_eq!(cat!("甲", owned, "-", 7.to_string()), "甲乙-7");
    }

    #[test]
    fn numerals_and_numbers() {
        assert_eq!(zh_numeral(3), "三");
        assert_eq!(zh_numeral(12), "十二");
        assert_eq!(zh_numeral(10), "十");
        assert_eq!(number(51.0), "51");
        assert_eq!(number(2.1548), "2.1548");
        assert_eq!(number(65.3), "65.3");
    }
}
