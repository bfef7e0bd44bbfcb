//! The staging folder a build writes into, beside the output.

use super::overwrite::{list, Entry, Listing, Overwrite, STREAM_BUFFER};
use super::{exchange, keep_as, pause_if, rename, sibling, swap_hook};
use crate::render::OutputFile;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The folder a build writes into, beside the output, swapped in at the end.
///
/// Double-buffered: the site replaced by the swap is kept as `.NAME.old`
/// and becomes the next build's staging folder, where only files whose
/// bytes changed are rewritten and files no longer built are removed. So a
/// rebuild neither rewrites unchanged files nor deletes a whole tree, and
/// `out` is never touched before the new site is complete. Pages can be
/// written while the rest of the site is still rendering ([`Staging::write`]),
/// so a large site need not be held in memory.
pub struct Staging {
    pub(super) dir: PathBuf,
    out: PathBuf,
    /// The folder was made by this build: nothing is in it but what the
    /// build writes, so a file is written without first looking for an
    /// earlier one (a cold build writes ~21,000 files at N = 100).
    fresh: bool,
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    /// What the folder held when the build started, listed on a thread of
    /// its own while the site renders (at N = 100 the walk takes ~0.1 s).
    listing: std::sync::Mutex<Listing>,
    /// Test hook (debug builds only): `PLANSITE_TEST_DISK_FULL=N` makes
    /// every write after the first N fail as on a full disk.
    room: Option<std::sync::atomic::AtomicUsize>,
}

impl Staging {
    pub fn open(out: &Path) -> Result<Staging> {
        let dir = sibling(out, "staging");
        let old = sibling(out, "old");
        if !dir.exists() && old.exists() {
            std::fs::rename(&old, &dir).with_context(|| format!("reusing {}", old.display()))?;
        }
        let fresh = !dir.exists();
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let walk = dir.clone();
        let listing = match std::thread::Builder::new()
            .name("staging-list".into())
            .spawn(move || list(&walk))
        {
            Ok(h) => Listing::Running(h),
            Err(_) => Listing::Done(None),
        };
        let room = std::env::var("PLANSITE_TEST_DISK_FULL")
            .ok()
            .filter(|_| cfg!(debug_assertions))
            .and_then(|n| n.parse().ok())
            .map(std::sync::atomic::AtomicUsize::new);
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            fresh,
            made: Default::default(),
            listing: std::sync::Mutex::new(listing),
            room,
        })
    }

    /// Writes `files`: the folders in parallel, each folder's files on one
    /// thread. Two threads creating files in one folder take turns on its
    /// lock, the waiting one spinning.
    pub fn write_all(&self, files: &[OutputFile]) -> Result<()> {
        fn folder(f: &OutputFile) -> &str {
            f.rel_path.rfind('/').map_or("", |i| &f.rel_path[..i])
        }
        let mut sorted: Vec<&OutputFile> = files.iter().collect();
        sorted.sort_by(|a, b| folder(a).cmp(folder(b)));
        let groups: Vec<&[&OutputFile]> = sorted.chunk_by(|a, b| folder(a) == folder(b)).collect();
        groups.par_iter().with_max_len(1).try_for_each(|group| {
            group
                .iter()
                .try_for_each(|f| self.write(&f.rel_path, &f.bytes))
        })
    }

    /// Writes one file into the staging folder unless it already holds
    /// these bytes.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let p = self.dir.join(rel);
        self.make_parent(&p)?;
        self.take_room(&p)?;
        if self.fresh && std::fs::write(&p, bytes).is_ok() {
            return Ok(());
        }
        // Else one stat: a new file is written at once; an old one only
        // when its bytes differ.
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => {
                std::fs::remove_dir_all(&p).with_context(|| format!("removing {}", p.display()))?;
            }
            Ok(m)
                if m.len() == bytes.len() as u64 && std::fs::read(&p).is_ok_and(|b| b == bytes) =>
            {
                return Ok(());
            }
            _ => {}
        }
        std::fs::write(&p, bytes).with_context(|| format!("writing {}", p.display()))
    }

    /// Writes one file into the staging folder as `fill` produces it,
    /// without holding it in memory (the plan's JSON is as large as every
    /// chapter together). The bytes that match the file already there are
    /// only read; from the first one that differs the file is overwritten.
    pub fn write_with(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let p = self.dir.join(rel);
        self.make_parent(&p)?;
        self.take_room(&p)?;
        let context = || format!("writing {}", p.display());
        let old = match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => {
                std::fs::remove_dir_all(&p).with_context(|| format!("removing {}", p.display()))?;
                None
            }
            Ok(_) => {
                let old = std::fs::OpenOptions::new().read(true).write(true).open(&p);
                Some(old.with_context(context)?)
            }
            Err(_) => None,
        };
        let mut sink = match old {
            Some(old) => Overwrite::over(old),
            None => Overwrite::new_file(std::fs::File::create(&p).with_context(context)?),
        };
        let mut buffered = std::io::BufWriter::with_capacity(STREAM_BUFFER, &mut sink);
        fill(&mut buffered)
            .and_then(|()| std::io::Write::flush(&mut buffered))
            .with_context(context)?;
        drop(buffered);
        sink.finish().with_context(context)
    }

    /// The disk-full test hook: fails once the room it was given is used.
    fn take_room(&self, p: &Path) -> Result<()> {
        use std::sync::atomic::Ordering;
        let Some(room) = &self.room else {
            return Ok(());
        };
        if room
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_err()
        {
            let e = std::io::Error::from(std::io::ErrorKind::StorageFull);
            return Err(e).with_context(|| format!("writing {}", p.display()));
        }
        Ok(())
    }

    /// Creates the folder `p` goes in (once per folder and build).
    fn make_parent(&self, p: &Path) -> Result<()> {
        let Some(parent) = p.parent() else {
            return Ok(());
        };
        let known = self
            .made
            .lock()
            .map(|m| m.contains(parent))
            .unwrap_or(false);
        if known {
            return Ok(());
        }
        if std::fs::create_dir_all(parent).is_err() {
            // A file of the last build where a folder is wanted now.
            for a in parent.ancestors().take_while(|a| a.starts_with(&self.dir)) {
                if a.is_file() {
                    std::fs::remove_file(a).with_context(|| format!("removing {}", a.display()))?;
                }
            }
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        if let Ok(mut m) = self.made.lock() {
            m.insert(parent.to_path_buf());
        }
        Ok(())
    }

    /// The bytes of the page at `rel` as an earlier build wrote them, if
    /// the staging folder or the live output still holds a file with
    /// `digest`; it is then in the staging folder. `None` when neither does
    /// (the page must be built again).
    pub fn recall(&self, rel: &str, digest: &crate::render::Digest) -> Option<Vec<u8>> {
        let same = |b: &[u8]| crate::pagecache::file_digest(b) == *digest;
        if let Ok(b) = std::fs::read(self.dir.join(rel)) {
            if same(&b) {
                return Some(b);
            }
        }
        let b = std::fs::read(self.out.join(rel)).ok().filter(|b| same(b))?;
        self.write(rel, &b).ok()?;
        Some(b)
    }

    /// Writes `files`, removes every file of the staging folder that is
    /// neither in `files` nor in `written` (pages written earlier), and
    /// swaps the folder in.
    pub fn finish(self, files: &[OutputFile], written: &[String]) -> Result<()> {
        let wanted: std::collections::HashSet<&str> = files
            .iter()
            .map(|f| f.rel_path.as_str())
            .chain(written.iter().map(String::as_str))
            .collect();
        self.prune(&wanted)?;
        self.write_all(files)?;
        self.swap()
    }

    /// Waits for the listing of the folder and takes it.
    fn listed(&self) -> Option<Vec<Entry>> {
        let mut l = self.listing.lock().ok()?;
        let taken = std::mem::replace(&mut *l, Listing::Done(None));
        match taken {
            Listing::Running(h) => h.join().ok().flatten(),
            Listing::Done(e) => e,
        }
    }

    /// Waits until the folder has been listed (tests: to write after it).
    #[cfg(test)]
    pub(super) fn settle(&self) {
        let e = self.listed();
        if let Ok(mut l) = self.listing.lock() {
            *l = Listing::Done(e);
        }
    }

    /// Removes files that are not wanted and the folders left empty. Files
    /// written by this build are wanted, so entries created since the
    /// folder was listed need no care.
    fn prune(&self, wanted: &std::collections::HashSet<&str>) -> Result<()> {
        let entries = match self.listed() {
            Some(e) => e,
            None => list(&self.dir).with_context(|| format!("reading {}", self.dir.display()))?,
        };
        // Folders that keep an entry; the listing is deepest first, so a
        // folder's entries have all been seen when the folder comes.
        let mut kept: std::collections::HashSet<&str> = Default::default();
        for (rel, is_dir) in &entries {
            let path = self.dir.join(rel);
            let keep = if *is_dir {
                // A folder whose entries all went may be empty; `remove_dir`
                // fails if this build wrote into it since.
                kept.contains(rel.as_str()) || std::fs::remove_dir(&path).is_err()
            } else if wanted.contains(rel.as_str()) {
                true
            } else {
                match std::fs::remove_file(&path) {
                    // Gone, or a folder now: this build replaced the file.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
                    Err(_) if path.is_dir() => true,
                    Err(e) => {
                        return Err(e).with_context(|| format!("removing {}", path.display()));
                    }
                    Ok(()) => false,
                }
            };
            if keep {
                kept.insert(rel.rsplit_once('/').map_or("", |(p, _)| p));
            }
        }
        Ok(())
    }

    /// Puts the new site in place of the old one, which is kept as
    /// `.NAME.old` for the next build to stage into.
    fn swap(self) -> Result<()> {
        let (staging, out) = (&self.dir, &self.out);
        let old = sibling(out, "old");
        if !out.exists() {
            return rename(staging, out);
        }
        let hook = swap_hook();
        if hook.is_none()
            && exchange(staging, out).with_context(|| {
                format!("exchanging {} and {}", staging.display(), out.display())
            })?
        {
            // The old site is now at the staging name; a build stopped
            // before this rename finds it there and stages into it.
            return keep_as(staging, &old);
        }
        // Two renames: a build stopped between them leaves the old site at
        // `.NAME.swap`, which `recover` puts back.
        let aside = sibling(out, "swap");
        if aside.exists() {
            std::fs::remove_dir_all(&aside)
                .with_context(|| format!("removing {}", aside.display()))?;
        }
        rename(out, &aside)?;
        pause_if(&hook, "pause-aside", out);
        if let Err(e) = rename(staging, out) {
            // Put the old site back before reporting.
            let _ = std::fs::rename(&aside, out);
            return Err(e);
        }
        pause_if(&hook, "pause-moved", out);
        keep_as(&aside, &old)
    }
}
