//! The render cache beside the output (`.NAME.render-cache`): for every
//! page of the last build, the digest of its template data and the digest
//! of the bytes written. A rebuild whose page has the same template data
//! takes that page's file as it is (from the staging folder or the live
//! output, after checking its digest) instead of rendering and minifying
//! it again. Everything else a page depends on (the templates, the code
//! that renders and minifies, the build options) is in the cache's key: a
//! different key starts the cache afresh.
//!
//! The cache only saves work. An entry says: under this key, template data
//! with digest D gave a file with digest F. That stays true whatever
//! happens later, so an old cache (a failed build, a folder swapped by
//! hand) is never wrong, only less useful; a page is taken only when a file
//! with digest F is on disk. A missing, unreadable or foreign cache file, or
//! a page file changed by hand, means the page is rendered as in a build
//! without it, so the output is always the same. (A template that read
//! something outside its data, such as Tera's `get_env`, would defeat this;
//! the default theme reads only its data.)

use crate::cachefile::take;
use crate::render::Digest;
use std::collections::HashMap;
use std::path::Path;

const MAGIC: &[u8] = b"plansite render cache 2\n";

/// The last build's pages, read from the cache file.
#[derive(Debug, Default)]
pub struct PageCache {
    key: Digest,
    /// Output path → (template data digest, file digest).
    pages: HashMap<String, (Digest, Digest)>,
}

/// The key of a cache: the code that renders (`PLANSITE_SOURCE_ID`, set by
/// build.rs from the sources), the templates and the build options.
pub fn key(templates: u64, minify: bool) -> Digest {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(env!("PLANSITE_SOURCE_ID").as_bytes());
    h.update(&templates.to_le_bytes());
    h.update(&[u8::from(minify)]);
    h.digest128().to_le_bytes()
}

/// The digest of a file's bytes (XXH3-128: ~10 GB/s, so checking every
/// page of a large site costs little; the cache is not a defence against
/// someone forging pages, only against reusing a changed one).
pub fn file_digest(bytes: &[u8]) -> Digest {
    xxhash_rust::xxh3::xxh3_128(bytes).to_le_bytes()
}

impl PageCache {
    /// Reads the cache at `path`; empty unless it was written with `key`.
    pub fn load(path: &Path, key: Digest) -> PageCache {
        let pages = std::fs::read(path)
            .ok()
            .and_then(|b| decode(&b, &key))
            .unwrap_or_default();
        PageCache { key, pages }
    }

    /// Whether the last build made the page at `rel` from template data
    /// with digest `data`.
    pub fn known(&self, rel: &str, data: &Digest) -> bool {
        self.pages.get(rel).is_some_and(|(d, _)| d == data)
    }

    /// The digest of the file the last build wrote for `rel`.
    pub fn file(&self, rel: &str) -> Option<&Digest> {
        self.pages.get(rel).map(|(_, f)| f)
    }

    /// The cache of this build: its `pages` (output path, template data
    /// digest, file digest) under this cache's key.
    pub fn next(&self, pages: Vec<(String, Digest, Digest)>) -> NextCache {
        NextCache {
            key: self.key,
            pages,
        }
    }
}

/// The cache a build leaves for the next one, saved once it has published.
#[derive(Debug)]
pub struct NextCache {
    key: Digest,
    pages: Vec<(String, Digest, Digest)>,
}

impl NextCache {
    /// Writes the cache to `path`, replacing the old one. A cache that
    /// cannot be written is removed: the next build renders every page.
    pub fn save(&self, path: &Path) {
        let mut out = Vec::with_capacity(MAGIC.len() + 16 + self.pages.len() * 80);
        out.extend(MAGIC);
        out.extend(self.key);
        for (rel, data, file) in &self.pages {
            out.extend((rel.len() as u32).to_le_bytes());
            out.extend(rel.as_bytes());
            out.extend(data);
            out.extend(file);
        }
        if crate::cachefile::replace(path, &out).is_err() {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn decode(mut b: &[u8], key: &Digest) -> Option<HashMap<String, (Digest, Digest)>> {
    if take(&mut b, MAGIC.len())? != MAGIC || take(&mut b, 16)? != key {
        return None;
    }
    let mut pages = HashMap::new();
    while !b.is_empty() {
        let n = u32::from_le_bytes(take(&mut b, 4)?.try_into().ok()?) as usize;
        let rel = std::str::from_utf8(take(&mut b, n)?).ok()?.to_string();
        let data: Digest = take(&mut b, 16)?.try_into().ok()?;
        let file: Digest = take(&mut b, 16)?.try_into().ok()?;
        pages.insert(rel, (data, file));
    }
    Some(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_other_keys_and_damage() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".public.render-cache");
        let k = key(7, true);
        assert_ne!(k, key(8, true), "the templates are in the key");
        assert_ne!(k, key(7, false), "the options are in the key");
        let pages = vec![
            ("index.html".to_string(), [1; 16], file_digest(b"a")),
            ("en/index.html".to_string(), [2; 16], file_digest(b"b")),
        ];
        PageCache::load(&path, k).next(pages).save(&path);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, [".public.render-cache"], "no temporary file is left");
        let c = PageCache::load(&path, k);
        assert!(c.known("index.html", &[1; 16]));
        assert!(!c.known("index.html", &[2; 16]));
        assert!(!c.known("other.html", &[1; 16]));
        assert_eq!(c.file("en/index.html"), Some(&file_digest(b"b")));
        assert!(!PageCache::load(&path, key(8, true)).known("index.html", &[1; 16]));
        let mut bytes = std::fs::read(&path).expect("cache");
        bytes.truncate(bytes.len() - 1);
        std::fs::write(&path, bytes).expect("write");
        assert!(!PageCache::load(&path, k).known("index.html", &[1; 16]));
    }
}
