//! What the caches beside the output (`search::cache`, `pagecache`) share:
//! replacing a cache file whole, and reading their binary records back.

use std::path::Path;

/// Writes `bytes` to `path` through `path.tmp` and a rename, so a reader
/// never sees half a file; on failure the temporary file is removed.
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    let done = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// The next `n` bytes of `b`, which moves past them; `None` if `b` is shorter.
pub fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    let (head, rest) = (b.get(..n)?, b.get(n..)?);
    *b = rest;
    Some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn take_moves_on_and_stops_at_the_end() {
        let mut b: &[u8] = b"abcd";
        assert_eq!(take(&mut b, 3), Some(&b"abc"[..]));
        assert_eq!(take(&mut b, 2), None);
        assert_eq!(b, b"d");
    }
}
