//! The checks of a release's task, commitment and key-project entries, and of the reports it links.

use super::*;

pub(super) fn status(cx: &Cx<'_>, s: &Spanned<String>, d: &mut Diagnostics) -> Option<WorkStatus> {
    let w = WorkStatus::parse(s.get_ref());
    if w.is_none() {
        cx.err(
            s,
            (
                format!("未知的状态 \"{}\"", s.get_ref()),
                format!("unknown status \"{}\"", s.get_ref()),
            ),
            (
                "status 只能是 not_started、in_progress、completed、delayed 或 not_reported",
                "status is not_started, in_progress, completed, delayed or not_reported",
            ),
            d,
        );
    }
    w
}

pub(super) fn task(
    cx: &Cx<'_>,
    t: &schema::TaskStatusEntry,
    d: &mut Diagnostics,
) -> Option<WorkEntry<TaskId>> {
    let id = TaskId(t.id.get_ref().clone());
    let known = cx.site.task(&id).is_some();
    if !known {
        cx.err(
            &t.id,
            (
                format!("未知的任务 id \"{}\"", t.id.get_ref()),
                format!("unknown task id \"{}\"", t.id.get_ref()),
            ),
            (
                "id 必须是 content/tasks.toml 中某个 [[task]] 的 id",
                "id must be the id of a [[task]] in content/tasks.toml",
            ),
            d,
        );
    }
    let status = status(cx, &t.status, d);
    known.then_some(())?;
    Some(WorkEntry {
        key: id,
        status: status?,
        note: cx.opt_text(&t.note, d),
    })
}

pub(super) fn commitment(
    cx: &Cx<'_>,
    c: &schema::CommitmentStatusEntry,
    d: &mut Diagnostics,
) -> Option<WorkEntry<String>> {
    let known = cx
        .site
        .commitments
        .iter()
        .any(|x| x.id == *c.id.get_ref() && x.kind == CommitmentKind::Commitment);
    if !known {
        cx.err(
            &c.id,
            (
                format!("未知的承诺 id \"{}\"", c.id.get_ref()),
                format!("unknown commitment id \"{}\"", c.id.get_ref()),
            ),
            (
                "id 必须是 content/commitments.toml 中 kind = \"commitment\" 的某个 id",
                "id must be the id of a kind = \"commitment\" entry in content/commitments.toml",
            ),
            d,
        );
    }
    let status = status(cx, &c.status, d);
    known.then_some(())?;
    Some(WorkEntry {
        key: c.id.get_ref().clone(),
        status: status?,
        note: cx.opt_text(&c.note, d),
    })
}

pub(super) fn project(
    cx: &Cx<'_>,
    p: &schema::ProjectStatusEntry,
    d: &mut Diagnostics,
) -> Option<WorkEntry<(u32, u32)>> {
    let number = *p.box_number.get_ref();
    let status = status(cx, &p.status, d);
    let Some(b) = cx.site.boxes.iter().find(|b| b.number == number) else {
        cx.err(
            &p.box_number,
            (
                format!("未知的专栏编号 {number}"),
                format!("unknown key-project box {number}"),
            ),
            (
                "box 必须是 content/projects.toml 中某个专栏的 number",
                "box must be the number of a box in content/projects.toml",
            ),
            d,
        );
        return None;
    };
    let items: Vec<u32> = b.numbered_items().map(|(n, _)| n).collect();
    let item = match &p.item {
        Some(it) if items.contains(it.get_ref()) => *it.get_ref(),
        None if items.len() == 1 => items[0],
        Some(it) => {
            cx.err(
                it,
                (
                    format!("专栏{number}没有第 {} 项", it.get_ref()),
                    format!("box {number} has no item {}", it.get_ref()),
                ),
                (
                    "item 必须是该专栏中的项目编号",
                    "item must be an item number of that box",
                ),
                d,
            );
            return None;
        }
        None => {
            cx.err(
                &p.box_number,
                (
                    format!("专栏{number}有多个项目，请写明 item",),
                    format!("box {number} has several items; give item"),
                ),
                ("请加上 item = 项目编号", "add item = <item number>"),
                d,
            );
            return None;
        }
    };
    Some(WorkEntry {
        key: (number, item),
        status: status?,
        note: cx.opt_text(&p.note, d),
    })
}

/// Checks each release's report slugs and dates, and records on each
/// report which releases list it.
pub(in crate::progress) fn link_reports(
    raw: &RawProgress,
    releases: &[Release],
    reports: &mut [Report],
    d: &mut Diagnostics,
) {
    for (id, src, file) in &raw.releases {
        let Some(rel) = releases.iter().find(|r| &r.id == id) else {
            continue;
        };
        for slug in &file.reports {
            let (line, column) = line_col(&src.text, slug.span().start);
            let Some(rep) = reports.iter_mut().find(|r| &r.slug == slug.get_ref()) else {
                d.push(no_report(src, slug.get_ref(), line).at_column(column));
                continue;
            };
            if rep.date > rel.as_of {
                d.push(report_after(src, rep, rel, line).at_column(column));
            }
            rep.releases.push(rel.id.clone());
        }
    }
    for rep in reports.iter_mut() {
        rep.releases
            .sort_by_key(|id| releases.iter().position(|r| &r.id == id));
    }
}

/// The error of a release, on `line` of `src`, listing the report `slug`
/// that does not exist.
fn no_report(src: &Source, slug: &str, line: usize) -> Diagnostic {
    error_at(
        src,
        line,
        Bilingual::new(
            format!("找不到评估报告 \"{slug}\""),
            format!("no evaluation report \"{slug}\""),
        ),
    )
    .with_hint(
        format!("请创建 content/progress/reports/{slug}.zh.md"),
        format!("create content/progress/reports/{slug}.zh.md"),
    )
}

/// The error of release `rel`, on `line` of `src`, listing report `rep`
/// dated after its as-of date.
fn report_after(src: &Source, rep: &Report, rel: &Release, line: usize) -> Diagnostic {
    error_at(
        src,
        line,
        Bilingual::new(
            format!(
                "评估报告 {} 的日期 {} 晚于本版数据截止日期 {}",
                rep.slug, rep.date, rel.as_of
            ),
            format!(
                "report {} is dated {}, after this release's as-of date {}",
                rep.slug, rep.date, rel.as_of
            ),
        ),
    )
    .with_hint(
        "请把报告列入之后的一版，或更正报告日期",
        "list the report in a later release, or correct its date",
    )
}
