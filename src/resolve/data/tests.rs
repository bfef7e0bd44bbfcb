use super::*;

fn html(lead: Option<&str>, body: &str) -> InlineHtml {
    InlineHtml {
        dash: String::new(),
        lead: lead.map(String::from),
        body: body.into(),
    }
}

#[test]
fn task_titles_are_plain_text_cut_at_a_clause_with_an_ellipsis() {
    let lead = html(Some("Retranslated &amp; checked."), "x");
    assert_eq!(
        plain_lead(&lead),
        "Retranslated & checked.",
        "escaped once, by the page"
    );
    let linked = html(None, "加强<a href=\"x\">监管</a>。其余");
    assert_eq!(plain_lead(&linked), "加强监管。");
    let long = "深入推进工业企业污染防治，全面实施排污许可制度，强化固定污染源全过程监管，严格落实企业环境保护主体责任。再一句";
    assert_eq!(
        plain_lead(&html(None, long)),
        "深入推进工业企业污染防治，全面实施排污许可制度，强化固定污染源全过程监管…"
    );
    let decimal = html(None, "PM2.5 falls by 3.5 percent. More");
    assert_eq!(plain_lead(&decimal), "PM2.5 falls by 3.5 percent.");
    let english = "Carry out the comprehensive improvement of rural living environments, including sewage, waste and toilets across every town. More";
    assert_eq!(
        plain_lead(&html(None, english)),
        "Carry out the comprehensive improvement of rural living environments, including sewage, waste and…"
    );
    let long_lead = html(
        Some("Optimize the pattern of territorial space development and protection."),
        "x",
    );
    assert_eq!(
        plain_lead(&long_lead),
        "Optimize the pattern of territorial space development and protection."
    );
}
