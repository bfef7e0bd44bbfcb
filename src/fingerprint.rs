//! Short content fingerprints: tie an English paragraph to the Chinese text
//! it translates, and name the seed in the About page.

use sha2::{Digest, Sha256};

/// Full lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lowercase hex of `bytes`, without a `format!` per byte (every paragraph
/// of every build is fingerprinted).
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// The 8-hex-digit fingerprint of a Chinese paragraph. Whitespace is ignored
/// so re-wrapping a paragraph does not make its translation stale.
pub fn paragraph(text: &str) -> String {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    hex(&Sha256::digest(compact.as_bytes())[..4])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_fingerprint() {
        assert_eq!(paragraph("甲乙 丙\n丁"), paragraph("甲乙丙丁"));
        assert_ne!(paragraph("甲乙丙丁"), paragraph("甲乙丙戊"));
        assert_eq!(paragraph("x").len(), 8);
        // FIPS 180-2's "abc" test vector.
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(sha256_hex(b"abc"), abc);
        assert_eq!(paragraph("a b\nc"), abc[..8]);
    }
}
