//! Short content fingerprints: tie an English paragraph to the Chinese text
//! it translates, and name the seed in the About page.

use sha2::{Digest, Sha256};

/// Full lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The 8-hex-digit fingerprint of a Chinese paragraph. Whitespace is ignored
/// so re-wrapping a paragraph does not make its translation stale.
pub fn paragraph(text: &str) -> String {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    sha256_hex(compact.as_bytes())[..8].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_fingerprint() {
        assert_eq!(paragraph("甲乙 丙\n丁"), paragraph("甲乙丙丁"));
        assert_ne!(paragraph("甲乙丙丁"), paragraph("甲乙丙戊"));
        assert_eq!(paragraph("x").len(), 8);
    }
}
