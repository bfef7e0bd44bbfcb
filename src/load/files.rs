//! Reading one source file: inside the root, as UTF-8 text, with a bilingual error naming it; TOML parse errors with their line.

use super::*;

/// Reads `rel` under `root` as UTF-8 text. Missing, non-UTF-8, empty,
/// oversized, or outside-the-root files are diagnostics.
pub fn read_source(root: &Path, rel: &str, d: &mut Diagnostics) -> Result<Option<Source>> {
    read_source_in(root, rel, false, d)
}

/// [`read_source`]; `folder_inside` says the file's folder is known to be
/// inside the root (checked once for a folder of many files), so only a
/// file that is itself a symbolic link needs resolving.
pub(super) fn read_source_in(
    root: &Path,
    rel: &str,
    folder_inside: bool,
    d: &mut Diagnostics,
) -> Result<Option<Source>> {
    let path = root.join(rel);
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            d.push(missing(rel));
            return Ok(None);
        }
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let trusted = folder_inside && !meta.file_type().is_symlink();
    if !trusted && !inside_root(root, &path)? {
        d.push(outside(rel));
        return Ok(None);
    }
    if meta.len() > MAX_FILE_BYTES {
        d.push(too_large(rel, meta.len()));
        return Ok(None);
    }
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let Some(text) = decode(rel, bytes, d) else {
        return Ok(None);
    };
    Ok(Some(Source {
        rel: rel.to_string(),
        text,
    }))
}

/// The file's text without a byte-order mark; `None`, with a diagnostic,
/// when it is not UTF-8 or holds nothing.
fn decode(rel: &str, bytes: Vec<u8>, d: &mut Diagnostics) -> Option<String> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            d.push(not_utf8(rel, &e));
            return None;
        }
    };
    if text.trim().is_empty() {
        d.push(
            Diagnostic::error(rel, 0, Bilingual::new("文件为空", "the file is empty"))
                .with_hint("请恢复文件内容", "restore the file's content"),
        );
        return None;
    }
    Some(match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_string(),
        None => text,
    })
}

fn missing(rel: &str) -> Diagnostic {
    Diagnostic::error(rel, 0, Bilingual::new("缺少此文件", "this file is missing")).with_hint(
        "请恢复该文件，或重新运行 plansite import",
        "restore the file, or run plansite import again",
    )
}

fn outside(rel: &str) -> Diagnostic {
    Diagnostic::error(
        rel,
        0,
        Bilingual::new(
            "文件指向站点目录之外（符号链接）",
            "the file points outside the site folder (a symbolic link)",
        ),
    )
    .with_hint(
        "请用真实文件替换该符号链接",
        "replace the symbolic link with a real file",
    )
}

fn too_large(rel: &str, len: u64) -> Diagnostic {
    Diagnostic::error(
        rel,
        0,
        Bilingual::new(
            format!("文件过大（{len} 字节）"),
            format!("the file is too large ({len} bytes)"),
        ),
    )
    .with_hint(
        format!("单个文件不能超过 {MAX_FILE_BYTES} 字节，请拆分",),
        format!("files may be at most {MAX_FILE_BYTES} bytes; split it"),
    )
}

fn not_utf8(rel: &str, e: &std::string::FromUtf8Error) -> Diagnostic {
    let (line, col) = line_col(
        &String::from_utf8_lossy(e.as_bytes()),
        e.utf8_error().valid_up_to(),
    );
    Diagnostic::error(
        rel,
        line,
        Bilingual::new("文件不是 UTF-8 编码", "the file is not UTF-8 text"),
    )
    .at_column(col)
    .with_hint(
        "请用 UTF-8 编码另存该文件（不要用 GBK）",
        "save the file as UTF-8 (not GBK)",
    )
}

pub(super) fn inside_root(root: &Path, path: &Path) -> Result<bool> {
    let canon_root =
        std::fs::canonicalize(root).with_context(|| format!("reading {}", root.display()))?;
    let canon =
        std::fs::canonicalize(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(canon.starts_with(canon_root))
}

/// Parses TOML, turning syntax errors, unknown keys and wrong types into a
/// diagnostic at the offending line.
pub fn parse_toml<T: DeserializeOwned>(src: &Source, d: &mut Diagnostics) -> Option<T> {
    match toml::from_str::<T>(&src.text) {
        Ok(v) => Some(v),
        Err(e) => {
            d.push(toml_diagnostic(src, &e));
            None
        }
    }
}

pub(super) fn toml_diagnostic(src: &Source, e: &toml::de::Error) -> Diagnostic {
    let (line, col) = e.span().map_or((0, 0), |s| line_col(&src.text, s.start));
    let msg = e.message().to_string();
    let (zh, en, hint_zh, hint_en) = if msg.starts_with("unknown field") {
        (
            "未知的字段（可能是拼写错误）",
            "unknown key (a typo?)",
            "请检查字段名拼写，只能使用下面列出的字段",
            "check the key's spelling; only the keys listed are allowed",
        )
    } else if msg.starts_with("invalid type") {
        (
            "值的类型不对",
            "wrong type of value",
            "数字不加引号，文字要加引号",
            "write numbers without quotes and text in quotes",
        )
    } else if msg.starts_with("missing field") {
        (
            "缺少必填字段",
            "a required key is missing",
            "请补上该字段",
            "add the missing key",
        )
    } else {
        (
            "TOML 语法错误",
            "TOML syntax error",
            "请检查引号、等号和方括号是否成对",
            "check that quotes, = signs and brackets are balanced",
        )
    };
    let mut diag = Diagnostic::error(
        &src.rel,
        line,
        Bilingual::new(format!("{zh}：{msg}"), format!("{en}: {msg}")),
    )
    .at_column(col)
    .with_hint(hint_zh, hint_en);
    if let Some(text) = line_text(&src.text, line) {
        diag = diag.with_snippet(text);
    }
    diag
}
