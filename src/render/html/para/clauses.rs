//! A paragraph's task clauses: the spans around them in Chinese, the units they name as links, and the English clause.

use super::*;

pub(super) fn chinese(cx: &ParaCtx<'_>, id: &ParaId, zh: &InlineHtml, tasks: &[&Task]) -> String {
    let mut body = zh.body.clone();
    let mut from = 0;
    for task in tasks {
        let clause = esc(&task.clause);
        // std's substring search: memchr's memmem sets up a SIMD searcher
        // per call, which cost more than these one-off searches in a
        // paragraph (~7,000 instructions a clause).
        let found = body.get(from..).and_then(|rest| rest.find(clause.as_str()));
        let Some(pos) = found.map(|p| p + from) else {
            continue;
        };
        let linked = link_names(cx, task, &clause);
        let span = span_open(id, task);
        let replacement = cat!(span, linked, "</span>");
        body.replace_range(pos..pos + clause.len(), &replacement);
        from = pos + replacement.len();
    }
    assemble(zh, &body)
}

pub(super) fn span_open(id: &ParaId, task: &Task) -> String {
    if task.id.as_str() == id.as_str() {
        "<span class=\"clause\">".to_string()
    } else {
        cat!("<span class=\"clause\" id=\"", esc(task.id.as_str()), "\">")
    }
}

/// Links every name of the task's units inside the (escaped) clause text,
/// longest name first, left to right.
pub(super) fn link_names(cx: &ParaCtx<'_>, task: &Task, clause: &str) -> String {
    let mut names: Vec<(&str, &UnitId)> = vec![];
    for uid in task
        .lead
        .iter()
        .chain(&task.cooperating)
        .chain(&task.responsible)
    {
        if let Some(u) = cx.index.unit(uid) {
            names.push((&u.name.zh, uid));
            names.extend(u.aliases.iter().map(|a| (a.as_str(), uid)));
            names.extend(u.suspect.iter().map(|(a, _)| (a.as_str(), uid)));
        }
    }
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    let mut out = String::with_capacity(clause.len() * 2);
    let mut i = 0;
    while i < clause.len() {
        match names
            .iter()
            .find(|(n, _)| !n.is_empty() && clause[i..].starts_with(n))
        {
            Some((n, uid)) => {
                for piece in ["<a href=\"", &unit_href(cx, uid), "\">", &esc(n), "</a>"] {
                    out.push_str(piece);
                }
                i += n.len();
            }
            None => {
                let c = clause[i..].chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8().max(1);
            }
        }
    }
    out
}

pub(super) fn unit_list(cx: &ParaCtx<'_>, ids: &[UnitId], and_others: bool) -> String {
    let t = |k: &str| cx.i18n.get(cx.lang, k);
    let mut parts: Vec<String> = ids
        .iter()
        .filter_map(|id| cx.index.unit(id).map(|u| (id, u)))
        .map(|(id, u)| {
            let name = if u.name.en.is_empty() {
                &u.name.zh
            } else {
                &u.name.en
            };
            cat!("<a href=\"", unit_href(cx, id), "\">", esc(name), "</a>")
        })
        .collect();
    if and_others {
        parts.push(t("and_others"));
    }
    parts.join(", ")
}

/// The English clause of a task, from its data.
pub(super) fn english_clause(cx: &ParaCtx<'_>, task: &Task) -> String {
    let t = |k: &str| cx.i18n.get(cx.lang, k);
    let coop_others = task.and_others && !task.cooperating.is_empty();
    let main_others = task.and_others && !coop_others;
    let mut inner = match task.kind {
        TaskKind::Lead => cat!(
            "(",
            t("clause_lead"),
            ": ",
            unit_list(cx, &task.lead, main_others)
        ),
        TaskKind::Responsible => cat!(
            "(",
            t("clause_responsible"),
            ": ",
            unit_list(cx, &task.responsible, main_others)
        ),
        TaskKind::Joint => cat!(
            "(",
            t("clause_joint"),
            ": ",
            unit_list(cx, &task.responsible, main_others)
        ),
    };
    if !task.cooperating.is_empty() {
        for piece in [
            "; ",
            &t("clause_cooperating"),
            ": ",
            &unit_list(cx, &task.cooperating, coop_others),
        ] {
            inner.push_str(piece);
        }
    }
    if cx.site.all_towns.task.as_ref() == Some(&task.id) && !cx.site.all_towns.text.en.is_empty() {
        inner.push_str("; ");
        inner.push_str(&esc(&cx.site.all_towns.text.en));
    }
    inner.push(')');
    inner
}

pub(super) fn english(cx: &ParaCtx<'_>, id: &ParaId, h: &InlineHtml, tasks: &[&Task]) -> String {
    let marker = crate::seed::text::CLAUSE_MARKER;
    let mut remaining = tasks.iter();
    let mut body = String::with_capacity(h.body.len() + 256);
    let mut rest = h.body.as_str();
    while let Some(pos) = rest.find(marker) {
        body.push_str(&rest[..pos]);
        if let Some(task) = remaining.next() {
            body.push_str(&span_open(id, task));
            body.push_str(&english_clause(cx, task));
            body.push_str("</span>");
        }
        rest = &rest[pos + marker.len()..];
    }
    body.push_str(rest);
    for task in remaining {
        body.push(' ');
        body.push_str(&span_open(id, task));
        body.push_str(&english_clause(cx, task));
        body.push_str("</span>");
    }
    assemble(h, &body)
}
