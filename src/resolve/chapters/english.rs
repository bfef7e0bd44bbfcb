//! The rest of a chapter's resolve: its English matched to the Chinese by key and fingerprint, and its `:::` directives.

use super::*;

/// A Chinese paragraph, as its English counterpart is matched to it.
pub(super) struct ParaKey<'a> {
    pub(super) si: usize,
    pub(super) pn: usize,
    pub(super) line: usize,
    pub(super) fp: &'a str,
}

/// The English of a Chinese paragraph: current when it was translated from
/// this Chinese (its fingerprint), stale (with a warning) when the Chinese
/// changed since, missing (with a warning) when there is none.
pub(super) fn english_of(
    rc: &RawChapter,
    en_src: Option<&Source>,
    p: Option<EnPara>,
    key: ParaKey<'_>,
    cov: &mut Coverage,
    d: &mut Diagnostics,
) -> English {
    cov.total += 1;
    let Some(p) = p else {
        cov.missing += 1;
        d.push(missing(rc, &key));
        return English::Missing;
    };
    let src = en_src.unwrap_or(&rc.zh);
    let html = render_para(src, p.line, &p.text, d);
    if p.fp == key.fp {
        cov.current += 1;
        return English::Current(html);
    }
    cov.stale += 1;
    d.push(stale(src, rc, &p, &key));
    English::Stale(html)
}

/// The warning of a Chinese paragraph of `rc` without English.
fn missing(rc: &RawChapter, key: &ParaKey<'_>) -> Diagnostic {
    let ParaKey { si, pn, line, fp } = *key;
    Diagnostic::warning(
        &rc.zh.rel,
        line,
        Bilingual::new(
            format!("段落 s{si}-p{pn} 尚无英文译文"),
            format!("paragraph s{si}-p{pn} has no English translation"),
        ),
    )
    .with_hint(
        format!("在英文文件中添加 <!-- s{si}-p{pn} zh:{fp} --> 和译文"),
        format!("add <!-- s{si}-p{pn} zh:{fp} --> and the translation to the English file"),
    )
}

/// The warning of English paragraph `p`, in `src`, translated from an
/// earlier text of the Chinese paragraph of `rc` that `key` names.
fn stale(src: &Source, rc: &RawChapter, p: &EnPara, key: &ParaKey<'_>) -> Diagnostic {
    let ParaKey { si, pn, line, fp } = *key;
    error_at(
        src,
        p.line.saturating_sub(1),
        Bilingual::new(
            format!(
                "英文译文已过期：中文段落 s{si}-p{pn}（{}:{}）已修改",
                rc.zh.rel, line
            ),
            format!(
                "stale translation: the Chinese paragraph s{si}-p{pn} ({}:{}) has changed",
                rc.zh.rel, line
            ),
        ),
    )
    .with_hint(
        format!("请按新的中文更新译文，然后把 zh:{} 改为 zh:{fp}", p.fp),
        format!(
            "update the English to the new Chinese, then change zh:{} to zh:{fp}",
            p.fp
        ),
    )
    .as_warning()
}

/// English paragraphs left over: their keys name no Chinese paragraph.
pub(super) fn unmatched(src: &Source, en_paras: EnParas, d: &mut Diagnostics) {
    for ((s, p), para) in en_paras {
        d.push(
            Diagnostic::warning(
                &src.rel,
                para.line,
                Bilingual::new(
                    format!("英文段落 s{s}-p{p} 没有对应的中文段落"),
                    format!("English paragraph s{s}-p{p} has no Chinese paragraph"),
                ),
            )
            .with_hint(
                "请删除该段，或改正 sN-pM 编号",
                "remove it, or correct its sN-pM key",
            ),
        );
    }
}

/// The block a `::: name arg` directive places, or an error.
pub(super) fn directive(
    src: &Source,
    images: &std::collections::BTreeSet<&str>,
    (line, name, arg): (usize, &str, &str),
    d: &mut Diagnostics,
) -> Option<Block> {
    match (name, arg.parse::<u32>()) {
        ("indicators", _) => return Some(Block::Indicators),
        ("box", Ok(number)) => return Some(Block::Box { number }),
        ("image", _) if images.contains(arg) => {
            return Some(Block::Image {
                src: arg.to_string(),
            })
        }
        ("image", _) => d.push(
            error_at(
                src,
                line,
                Bilingual::new(
                    format!("图片 {arg} 不存在"),
                    format!("image {arg} does not exist"),
                ),
            )
            .with_hint(
                "请把图片放在 content/images/ 下，并写 ::: image images/文件名",
                "put the image in content/images/ and write ::: image images/NAME",
            ),
        ),
        _ => d.push(
            error_at(
                src,
                line,
                Bilingual::new(
                    format!("未知的指令 ::: {name} {arg}"),
                    format!("unknown directive ::: {name} {arg}"),
                ),
            )
            .with_hint(
                "只能使用 ::: indicators 或 ::: box 数字",
                "use ::: indicators or ::: box NUMBER",
            ),
        ),
    }
    None
}

pub(super) type EnParas = BTreeMap<(usize, usize), EnPara>;

pub(super) fn english(
    src: &Source,
    file: &markdown::MdFile,
    d: &mut Diagnostics,
) -> (Vec<String>, EnParas) {
    let mut titles = vec![String::new()];
    let mut paras = BTreeMap::new();
    for b in &file.blocks {
        match b {
            MdBlock::Heading { title, .. } => titles.push(title.clone()),
            MdBlock::Para {
                line,
                text,
                key: Some((s, p, fp)),
            } => {
                paras.insert(
                    (*s, *p),
                    EnPara {
                        line: *line,
                        fp: fp.clone(),
                        text: text.clone(),
                    },
                );
            }
            MdBlock::Para { line, .. } => d.push(
                error_at(
                    src,
                    *line,
                    Bilingual::new(
                        "英文段落前缺少 <!-- sN-pM zh:… --> 标记",
                        "English paragraph without its <!-- sN-pM zh:… --> key",
                    ),
                )
                .with_hint(
                    "每个英文段落前一行写明它翻译的中文段落",
                    "put the key of the Chinese paragraph it translates on the line before",
                ),
            ),
            MdBlock::Directive { .. } | MdBlock::Note { .. } => {}
            MdBlock::Bad { line, text } => d.push(unreadable(src, *line, text)),
        }
    }
    (titles, paras)
}
