//! The checks of a site of several plans as a whole: its layout, its plan
//! ids, and the links between its plans.

use crate::diag::{Bilingual, Diagnostic, Diagnostics};
use crate::render::OutputFile;

/// The links between plans, on the pages `outside`, resolve among the
/// site's files, `exists`.
pub(super) fn check_between<'a>(
    outside: &[&OutputFile],
    exists: impl Iterator<Item = &'a str>,
    d: &mut Diagnostics,
) {
    let scans: Vec<(&str, crate::linkcheck::PageScan)> = outside
        .iter()
        .map(|f| {
            let html = String::from_utf8_lossy(&f.bytes);
            (f.rel_path.as_str(), crate::linkcheck::scan(&html))
        })
        .collect();
    let pages: Vec<(&str, &crate::linkcheck::PageScan)> =
        scans.iter().map(|(p, s)| (*p, s)).collect();
    let exists: Vec<&str> = exists.collect();
    for b in crate::linkcheck::check_scanned(exists.iter().copied(), &pages) {
        d.push(Diagnostic::error(
            b.page.clone(),
            0,
            Bilingual::new(
                format!("指向其他规划的链接无效：{}", b.url),
                format!("broken link to another plan: {}", b.url),
            ),
        ));
    }
}

pub(super) fn mixed_layout() -> Diagnostic {
    Diagnostic::error(
        "content/plan.toml",
        0,
        Bilingual::new(
            "content/ 中既有一个规划，又有 content/plans/ 下的多个规划",
            "content/ holds a plan of its own beside the plans of content/plans/",
        ),
    )
    .with_hint(
        "请把 content/ 中的规划移到 content/plans/<编号>/（用 plansite import --plan <编号> 重新导入）",
        "move that plan into content/plans/<id>/ (import it again with plansite import --plan <id>)",
    )
}

pub(super) fn bad_id(id: &str) -> Diagnostic {
    Diagnostic::error(
        cat!(crate::load::PLANS, "/", id),
        0,
        Bilingual::new(
            format!("规划编号 {id} 只能由小写字母、数字和 - 组成"),
            format!("the plan id {id} may hold only a-z, 0-9 and -"),
        ),
    )
    .with_hint("请重命名这个文件夹", "rename the folder")
}
