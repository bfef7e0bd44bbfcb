use super::plain;
use crate::model::InlineHtml;

#[test]
fn plain_drops_tags_and_decodes_the_five_entities() {
    let h = InlineHtml {
        dash: "——".into(),
        lead: Some("加强<em>监管</em>。".into()),
        body: "见<a href=\"../09/index.html#x\">第九章</a>：&lt;PM<sub>2.5</sub>&gt; &quot;a&quot; &#39;b&#39; &amp;amp; & 中".into(),
    };
    assert_eq!(
        plain(&h),
        "——加强监管。见第九章：<PM2.5> \"a\" 'b' &amp; & 中"
    );
    // A tag left open at the end of one part goes on in the next.
    let h = InlineHtml {
        dash: String::new(),
        lead: Some("a<b".into()),
        body: "c>d".into(),
    };
    assert_eq!(plain(&h), "ad");
}
