//! The pages of the last build, kept by `serve` so that the next build
//! renders only the pages whose template data changed.

use crate::theme::Theme;

/// Rendered pages kept between builds of a `serve` session. A page is
/// rendered again only when its template data (the digest of the whole
/// context as JSON) differs from the last build's; otherwise its output is
/// reused.
/// `key` covers everything else a page depends on: the templates and the
/// post-processing options. The output is the same as a full build's.
pub struct Memo<P> {
    key: u64,
    pub(super) pages: std::collections::HashMap<String, MemoEntry<P>>,
    /// The templates compiled for `key`.
    tera: Option<std::sync::Arc<tera::Tera>>,
}

pub(super) struct MemoEntry<P> {
    pub(super) context: crate::render::Digest,
    pub(super) bytes: Vec<u8>,
    pub(super) extra: P,
}

impl<P> Default for Memo<P> {
    fn default() -> Self {
        Memo {
            key: 0,
            pages: std::collections::HashMap::new(),
            tera: None,
        }
    }
}

impl<P> Memo<P> {
    /// Forgets every page when `key` differs from the last build's.
    pub fn rekey(&mut self, key: u64) {
        if self.key != key {
            self.pages.clear();
            self.tera = None;
            self.key = key;
        }
    }

    /// The templates compiled for the current key, if any.
    pub fn templates(&self) -> Option<std::sync::Arc<tera::Tera>> {
        self.tera.clone()
    }

    /// Keeps the templates compiled for the current key.
    pub fn keep_templates(&mut self, tera: std::sync::Arc<tera::Tera>) {
        self.tera = Some(tera);
    }
}

/// A hash of the theme's templates, for `Memo::rekey`.
pub fn templates_key(theme: &Theme) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (name, bytes) in theme.templates() {
        name.hash(&mut h);
        bytes.hash(&mut h);
    }
    h.finish()
}
