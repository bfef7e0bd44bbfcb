//! The search shard cache beside the output: a shard whose records are the
//! same as in an earlier build is read back instead of indexed again.

use super::{index_language, record_document, Record};
use crate::cachefile::take;
use anyhow::Result;
use std::path::Path;

/// The cache file of a shard: named by a hash of the pagefind version and
/// of every record document, in order.
pub(super) fn cache_name(records: &[&Record]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(indexer_identity());
    for r in records {
        let doc = record_document(r);
        h.update((r.url.len() as u64).to_le_bytes());
        h.update(r.url.as_bytes());
        h.update((doc.len() as u64).to_le_bytes());
        h.update(doc.as_bytes());
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.shard")
}

/// What else decides a shard's bytes: the exact dependencies (pagefind,
/// its compression backend, …) and plansite's own code, all in
/// `PLANSITE_SOURCE_ID` (build.rs). A binary built from other sources never
/// reuses a shard it did not make.
fn indexer_identity() -> &'static [u8] {
    env!("PLANSITE_SOURCE_ID").as_bytes()
}

/// Indexes one shard, or reads it from the cache when an earlier build
/// indexed the very same records. A cache that cannot be read or written
/// is skipped: the index is then built as without one.
pub(super) fn cached_index(
    records: &[&Record],
    cache: Option<(&Path, &str)>,
) -> Result<Vec<(String, Vec<u8>)>> {
    let Some((dir, name)) = cache else {
        return index_language(records);
    };
    let path = dir.join(name);
    if let Some(files) = std::fs::read(&path).ok().and_then(|b| decode_shard(&b)) {
        return Ok(files);
    }
    let files = index_language(records)?;
    if std::fs::create_dir_all(dir).is_ok() {
        let _ = crate::cachefile::replace(&path, &encode_shard(&files));
    }
    Ok(files)
}

/// Removes cached shards that this build did not use.
pub(super) fn prune_cache(dir: &Path, used: &[String]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if !used.contains(&name) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// `count, (name length, name, bytes length, bytes)*`, little-endian u64s.
pub(super) fn encode_shard(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        files
            .iter()
            .map(|(n, b)| n.len() + b.len() + 16)
            .sum::<usize>()
            + 8,
    );
    out.extend((files.len() as u64).to_le_bytes());
    for (name, bytes) in files {
        out.extend((name.len() as u64).to_le_bytes());
        out.extend(name.as_bytes());
        out.extend((bytes.len() as u64).to_le_bytes());
        out.extend(bytes);
    }
    out
}

pub(super) fn decode_shard(mut b: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    fn num(b: &mut &[u8]) -> Option<usize> {
        let bytes: [u8; 8] = take(b, 8)?.try_into().ok()?;
        usize::try_from(u64::from_le_bytes(bytes)).ok()
    }
    let count = num(&mut b)?;
    let mut files = Vec::with_capacity(count.min(1 << 16));
    for _ in 0..count {
        let n = num(&mut b)?;
        let name = String::from_utf8(take(&mut b, n)?.to_vec()).ok()?;
        let n = num(&mut b)?;
        files.push((name, take(&mut b, n)?.to_vec()));
    }
    b.is_empty().then_some(files)
}
