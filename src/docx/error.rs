//! Why a file cannot be read as a Word document, and telling a Word file
//! (either format) from text by its first bytes.

use std::fmt;

/// Why a file could not be read as a Word document. Each message says what
/// to do, in Chinese and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// The old binary Word format (`.doc`).
    OldWord,
    /// Encrypted with a password (an OLE container holding the package).
    Encrypted,
    /// Not a zip file at all.
    NotZip(String),
    /// A zip file without `word/document.xml` (another Office file, say).
    NotWord,
    /// The document has no text.
    Empty,
    /// Tracked changes not yet accepted or rejected: how many.
    TrackedChanges(usize),
    /// A part of the package is damaged.
    Damaged { part: String, detail: String },
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::OldWord => write!(
                f,
                "这是旧版 Word 文件（.doc）。请在 Word 或 WPS 中“另存为” .docx 后再导入 / this is an old Word file (.doc); open it in Word or WPS, save it as .docx (Save As → Word Document), and import that"
            ),
            DocxError::Encrypted => write!(
                f,
                "该文件设有打开密码。请在 Word 中取消密码（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码）后保存再导入 / the file is protected by a password; remove it in Word (File → Info → Protect Document → Encrypt with Password, clear it), save, and import again"
            ),
            DocxError::NotZip(e) => write!(
                f,
                "不是有效的 .docx 文件（无法作为压缩包读取：{e}）。请确认文件完整，或在 Word 中重新保存 / not a valid .docx file (it cannot be read as a zip package: {e}); check that the file is complete, or save it again from Word"
            ),
            DocxError::NotWord => write!(
                f,
                "该压缩包不是 Word 文档（缺少 word/document.xml）。请导入规划的 .docx 文件 / this package is not a Word document (it has no word/document.xml); import the plan's .docx file"
            ),
            DocxError::Empty => write!(
                f,
                "文档中没有文字 / the document has no text; check that this is the plan's file"
            ),
            DocxError::TrackedChanges(n) => write!(
                f,
                "文档中有 {n} 处未处理的修订。请在 Word 中“审阅 → 接受 → 接受所有修订”（或逐条拒绝）后保存再导入，以免把未定稿的文字当作正式文本 / the document has {n} tracked changes; in Word choose Review → Accept → Accept All Changes (or reject them), save, and import again, so that no unapproved text is published as the official text"
            ),
            DocxError::Damaged { part, detail } => write!(
                f,
                "文件中的 {part} 已损坏（{detail}）。请在 Word 中重新保存 / the file's {part} is damaged ({detail}); save it again from Word"
            ),
        }
    }
}

impl std::error::Error for DocxError {}

/// The first bytes of an OLE compound file (`.doc`, or an encrypted
/// `.docx`).
pub(super) const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether `bytes` hold the UTF-16LE name `name` (a stream of an OLE file).
pub(super) fn has_utf16(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// Whether `bytes` look like a Word file of either format, so that the
/// importer reads them as one whatever the file is called.
pub fn looks_like_word(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&OLE_MAGIC)
}

pub(super) fn damaged(part: &str, e: impl fmt::Display) -> DocxError {
    DocxError::Damaged {
        part: part.to_string(),
        detail: e.to_string(),
    }
}
