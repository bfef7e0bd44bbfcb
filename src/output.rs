//! Publish: write the complete site into a staging folder beside the
//! output and swap it in (one atomic exchange where the system has one,
//! else two renames that [`recover`] can finish). A failed build never
//! touches the old site; a second concurrent build is refused by an OS
//! lock ([`BuildLock`]).

use crate::render::OutputFile;
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Refuses output folders that would destroy the site's sources: the root
/// itself, any folder above it, or anything inside content/, themes/, seeds/.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<()> {
    let abs = |p: &Path| -> Result<PathBuf> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()?.join(p)
        };
        Ok(normalize(&p))
    };
    let root =
        abs(&std::fs::canonicalize(root).with_context(|| format!("reading {}", root.display()))?)?;
    let mut out_abs = abs(out)?;
    // Resolve symlinks of the existing part of the output path.
    if let Ok(c) = std::fs::canonicalize(&out_abs) {
        out_abs = c;
    } else if let Some(parent) = out_abs.parent().and_then(|p| std::fs::canonicalize(p).ok()) {
        out_abs = parent.join(out_abs.file_name().unwrap_or_default());
    }
    let cwd = normalize(&std::env::current_dir()?);
    if root.starts_with(&out_abs) || cwd.starts_with(&out_abs) {
        bail!(
            "拒绝输出到 {}：它是站点目录本身或其上级目录，发布时会删除源文件。请改用 public/ 等子目录 / refusing to write to {}: it is the site folder or a folder above it, and publishing would delete the sources; use a folder such as public/",
            out.display(),
            out.display()
        );
    }
    for protected in ["content", "themes", "seeds", "src", "tests", ".git"] {
        if out_abs.starts_with(root.join(protected)) {
            bail!(
                "拒绝输出到 {}：它位于 {protected}/ 之内。请改用 public/ / refusing to write to {}: it is inside {protected}/; use a folder such as public/",
                out.display(),
                out.display()
            );
        }
    }
    let is_site = out_abs.join("index.html").is_file();
    let is_empty = std::fs::read_dir(&out_abs)
        .map(|mut d| d.next().is_none())
        .unwrap_or(true);
    if out_abs.is_dir() && !is_site && !is_empty {
        bail!(
            "拒绝输出到 {}：该目录已有内容，但不是之前生成的网站（没有 index.html），发布会删除其中的文件 / refusing to write to {}: the folder holds files but is not a site built before (no index.html), and publishing would delete them",
            out.display(),
            out.display()
        );
    }
    Ok(())
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The build lock: an OS advisory lock on `.NAME.lock` beside the output,
/// held from before the output is checked until the new site is swapped in.
///
/// The operating system releases it when the process ends, however it
/// ends, so no process id is trusted and no stale lock is ever taken over.
/// The file itself stays (deleting it would let a third build lock a new
/// file while a second still waits on the old one); it holds the id of the
/// process that last took it, for the message a refused build prints.
#[derive(Debug)]
pub struct BuildLock {
    _file: std::fs::File,
}

impl BuildLock {
    pub fn acquire(out: &Path) -> Result<BuildLock> {
        let path = sibling(out, "lock");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("opening {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {
                use std::io::{Seek, Write};
                // Informational only: the lock is the OS's, not this text.
                let _ = file.set_len(0);
                let _ = file.rewind();
                let _ = write!(file, "{}", std::process::id());
                Ok(BuildLock { _file: file })
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let pid = std::fs::read_to_string(&path).unwrap_or_default();
                let pid = pid.trim();
                bail!(
                    "另一个构建正在写入该输出目录（进程 {pid}，锁文件 {}）。请等待其完成后再构建；网站未改动 / another build is running into this output folder (process {pid}, lock {}); wait for it to finish, then build again. The site was not touched",
                    path.display(),
                    path.display()
                )
            }
            Err(std::fs::TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("locking {}", path.display()))
            }
        }
    }
}

/// Whether `e` comes from a full disk (or an exhausted quota).
pub fn is_disk_full(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| {
            io.kind() == std::io::ErrorKind::StorageFull
                || io.kind() == std::io::ErrorKind::QuotaExceeded
        })
}

/// After a build failed on a full disk: removes its staging folder, so
/// that the failed build does not leave the disk full. The live site is
/// untouched; the next build starts its staging folder afresh.
pub fn discard_staging(out: &Path) -> Result<()> {
    let dir = sibling(out, "staging");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    Ok(())
}

/// What [`recover`] found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// A build stopped after moving the live site aside and before moving
    /// the new one in: the live site was missing or incomplete, and the
    /// last complete site was moved back.
    Restored,
    /// A build stopped after moving the new site in and before putting the
    /// old one away: the site was complete, and the old one is put away.
    Finished,
}

/// Repairs what a build that was killed during the swap left behind
/// (`.NAME.swap` beside the output). Call it holding the [`BuildLock`], so
/// that no other build is swapping at the same time. `None` when there was
/// nothing to repair.
pub fn recover(out: &Path) -> Result<Option<Recovery>> {
    let aside = sibling(out, "swap");
    if !aside.is_dir() {
        return Ok(None);
    }
    let old = sibling(out, "old");
    let staging = sibling(out, "staging");
    if out.join("index.html").is_file() {
        // The new site is in place (it arrives whole, by one rename): keep
        // the one set aside as the next build's staging folder.
        if staging.exists() {
            std::fs::remove_dir_all(&aside)
                .with_context(|| format!("removing {}", aside.display()))?;
        } else {
            keep_as(&aside, &old)?;
        }
        return Ok(Some(Recovery::Finished));
    }
    // The output is missing, or holds a part of a site: the folder set
    // aside is the last complete one.
    if out.exists() {
        if staging.exists() {
            std::fs::remove_dir_all(out).with_context(|| format!("removing {}", out.display()))?;
        } else {
            // Staging rewrites every file whose bytes differ and prunes
            // the rest, so a partial site is as good a start as any.
            keep_as(out, &old)?;
        }
    }
    rename(&aside, out)?;
    Ok(Some(Recovery::Restored))
}

/// Moves the site replaced by a build to `old`, where the next build
/// stages; a folder left there by a build that failed is removed first.
fn keep_as(site: &Path, old: &Path) -> Result<()> {
    if old.exists() {
        std::fs::remove_dir_all(old).with_context(|| format!("removing {}", old.display()))?;
    }
    rename(site, old)
}

/// `std::fs::rename`, with the error naming both folders. On Windows a
/// folder that Explorer or an editor holds open cannot be renamed for a
/// moment: the rename is tried again for a few seconds, then the message
/// says what to close.
fn rename(from: &Path, to: &Path) -> Result<()> {
    let attempts = if cfg!(windows) { 20 } else { 1 };
    let mut last = None;
    for i in 0..attempts {
        if i > 0 {
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
        match std::fs::rename(from, to) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => last = Some(e),
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("moving {} to {}", from.display(), to.display()))
            }
        }
    }
    let e = last.unwrap_or_else(|| std::io::Error::other("rename failed"));
    Err(e).with_context(|| {
        format!(
            "无法把 {} 移到 {}：文件夹可能正被资源管理器或编辑器打开。请关闭这些窗口后重新构建 / cannot move {} to {}: the folder may be open in Explorer or an editor; close those windows and build again",
            from.display(),
            to.display(),
            from.display(),
            to.display()
        )
    })
}

/// Swaps two folders in one step (`renameat2(RENAME_EXCHANGE)`), so that
/// there is no moment without a complete site at either name. `Ok(false)`
/// where the system or the file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes());
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings that outlive the call;
    // the syscall reads them and touches no other memory.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Test hook (debug builds only): `PLANSITE_TEST_SWAP=rename` swaps with
/// two renames instead of one exchange; `pause-aside` and `pause-moved`
/// do so too and stop for a minute after the first or the second rename,
/// once a file `.NAME.paused` beside the output says where they stopped,
/// so that a test can kill the build there.
fn swap_hook() -> Option<String> {
    if cfg!(debug_assertions) {
        std::env::var("PLANSITE_TEST_SWAP").ok()
    } else {
        None
    }
}

fn pause_if(hook: &Option<String>, at: &str, out: &Path) {
    if hook.as_deref() == Some(at) {
        let _ = std::fs::write(sibling(out, "paused"), at);
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

/// The folder beside `out` where builds keep search index shards for the
/// next build: `.NAME.search-cache`.
pub fn search_cache(out: &Path) -> PathBuf {
    sibling(out, "search-cache")
}

/// The file beside `out` where builds keep the digests of their pages for
/// the next build (`crate::pagecache`): `.NAME.render-cache`.
pub fn render_cache(out: &Path) -> PathBuf {
    sibling(out, "render-cache")
}

/// `.NAME.SUFFIX` beside `out`.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{suffix}"))
}

/// Writes `files` into a staging folder beside `out`, then swaps it in.
pub fn publish(files: &[OutputFile], out: &Path) -> Result<()> {
    Staging::open(out)?.finish(files, &[])
}

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
    dir: PathBuf,
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

/// The listing of the staging folder: being taken, or taken.
enum Listing {
    Running(std::thread::JoinHandle<Option<Vec<Entry>>>),
    Done(Option<Vec<Entry>>),
}

/// A file or folder of the staging folder: path relative to it, and
/// whether it is a folder. Listed deepest first.
type Entry = (String, bool);

/// Every entry below `dir`, deepest first; `None` if the walk failed.
fn list(dir: &Path) -> Option<Vec<Entry>> {
    let mut out = vec![];
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true) {
        let entry = entry.ok()?;
        let rel = entry.path().strip_prefix(dir).ok()?;
        out.push((
            rel.to_string_lossy().replace('\\', "/"),
            entry.file_type().is_dir(),
        ));
    }
    Some(out)
}

/// The buffer of a streamed file, in both directions.
const STREAM_BUFFER: usize = 1 << 16;

/// The file [`Staging::write_with`] streams into: an earlier build's file,
/// whose bytes are compared with the new ones up to the first that
/// differs and overwritten from there on; or a new file.
struct Overwrite {
    comparing: Option<std::io::BufReader<std::fs::File>>,
    writing: Option<std::fs::File>,
}

impl Overwrite {
    fn new_file(f: std::fs::File) -> Overwrite {
        Overwrite {
            comparing: None,
            writing: Some(f),
        }
    }

    /// `old` is open for reading and writing.
    fn over(old: std::fs::File) -> Overwrite {
        Overwrite {
            comparing: Some(std::io::BufReader::with_capacity(STREAM_BUFFER, old)),
            writing: None,
        }
    }

    /// Stops comparing: the next bytes overwrite the old file from where
    /// the comparison got to.
    fn start_writing(&mut self) -> std::io::Result<()> {
        use std::io::Seek;
        if let Some(mut old) = self.comparing.take() {
            let at = old.stream_position()?;
            let mut f = old.into_inner();
            f.seek(std::io::SeekFrom::Start(at))?;
            self.writing = Some(f);
        }
        Ok(())
    }

    /// Ends the file where the new bytes end; an old file with the same
    /// bytes is left untouched.
    fn finish(mut self) -> std::io::Result<()> {
        use std::io::{BufRead, Seek};
        if let Some(old) = &mut self.comparing {
            if old.fill_buf()?.is_empty() {
                return Ok(());
            }
            self.start_writing()?;
        }
        match self.writing {
            Some(mut f) => {
                let at = f.stream_position()?;
                f.set_len(at)
            }
            None => Ok(()),
        }
    }
}

impl std::io::Write for Overwrite {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use std::io::BufRead;
        if buf.is_empty() {
            return Ok(0);
        }
        if let Some(old) = &mut self.comparing {
            let have = old.fill_buf()?;
            let n = have.len().min(buf.len());
            let same = have[..n]
                .iter()
                .zip(buf)
                .take_while(|(a, b)| a == b)
                .count();
            old.consume(same);
            if same == n && n > 0 {
                // Equal so far.
                return Ok(same);
            }
            // A byte differs, or the old file ended.
            self.start_writing()?;
            if same > 0 {
                return Ok(same);
            }
        }
        match &mut self.writing {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("no file to write")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.writing {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
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
    fn settle(&self) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_folders_in_one_step() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(a.join("x")).expect("mkdir");
        std::fs::create_dir_all(&b).expect("mkdir");
        std::fs::write(b.join("index.html"), "b").expect("write");
        // ext4, tmpfs, btrfs and xfs have it (a file system without it
        // answers false, and publishing falls back to two renames).
        assert!(
            exchange(&a, &b).expect("exchange"),
            "no RENAME_EXCHANGE here"
        );
        assert!(a.join("index.html").is_file() && b.join("x").is_dir());
        assert!(exchange(&a, &dir.path().join("missing")).is_err());
    }

    #[test]
    fn dangerous_outputs_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).expect("mkdir");
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root, dir.path()).is_err());
        assert!(check_output_dir(&root, &root.join("content")).is_err());
        assert!(check_output_dir(&root, &root.join("content/x")).is_err());
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
        assert!(check_output_dir(&root, &root.join("public/../content")).is_err());
    }

    #[test]
    fn a_streamed_file_ends_as_its_bytes_and_is_untouched_when_the_same() {
        let dir = tempfile::tempdir().expect("tempdir");
        let stage = Staging::open(&dir.path().join("public")).expect("open");
        stage.settle();
        let long: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut changed = long.clone();
        changed[150_000] ^= 1;
        let cases: [(&[u8], &[u8]); 8] = [
            (b"", b"{\"a\": 1}\n"),
            (b"{\"a\": 1}\n", b"{\"a\": 1}\n"),
            (b"{\"a\": 1}\nmore that goes", b"{\"a\": 1}\n"),
            (b"{\"a\"", b"{\"a\": 1}\n"),
            (b"{\"b\": 2}\n", b"{\"a\": 1}\n"),
            (b"old", b""),
            (&long, &changed),
            (&changed[..100_000], &long),
        ];
        let old_time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        for (i, (old, new)) in cases.iter().enumerate() {
            let rel = format!("data/{i}.json");
            let path = stage.dir.join(&rel);
            if i > 0 {
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(&path, old).expect("old");
                let f = std::fs::File::options()
                    .write(true)
                    .open(&path)
                    .expect("open");
                f.set_modified(old_time).expect("mtime");
            }
            // In odd pieces, as a serializer writes.
            stage
                .write_with(&rel, |w| new.chunks(7).try_for_each(|c| w.write_all(c)))
                .expect("write");
            assert_eq!(std::fs::read(&path).expect("read"), *new, "case {i}");
            let mtime = std::fs::metadata(&path).and_then(|m| m.modified());
            let untouched = mtime.expect("mtime") == old_time;
            assert_eq!(
                untouched,
                i > 0 && old == new,
                "case {i}: written only if it changed"
            );
        }
        let e = stage.write_with("data/fail.json", |w| {
            w.write_all(b"part")?;
            Err(std::io::Error::other("the serializer failed"))
        });
        assert!(e.is_err(), "a failing writer fails the write");
    }

    #[test]
    fn write_all_writes_every_file_of_every_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        // Folders interleaved in the list, a file at the top, one folder
        // inside another: each file ends with its own bytes.
        let files: Vec<OutputFile> = (0..60)
            .map(|i| OutputFile {
                rel_path: match i % 4 {
                    0 => format!("data/indicators/{i}.csv"),
                    1 => format!("pagefind/fragment/{i}.pf"),
                    2 => format!("data/{i}.json"),
                    _ => format!("top-{i}.txt"),
                },
                bytes: format!("file {i}").into_bytes(),
            })
            .collect();
        let stage = Staging::open(&out).expect("staging");
        stage.write_all(&files).expect("write_all");
        for f in &files {
            let got = std::fs::read(stage.dir.join(&f.rel_path)).expect("written");
            assert_eq!(got, f.bytes, "{}", f.rel_path);
        }
    }

    #[test]
    fn pages_written_while_rendering_are_kept_and_the_rest_pruned() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let f = |p: &str, b: &str| OutputFile {
            rel_path: p.into(),
            bytes: b.as_bytes().to_vec(),
        };
        publish(&[f("old/index.html", "0"), f("x/y.html", "0")], &out).expect("first");
        publish(&[f("keep.html", "1")], &out).expect("second");
        // The third build stages into the first build's folder.
        let stage = Staging::open(&out).expect("staging");
        stage.write("x/y.html", b"2").expect("page");
        assert!(
            out.join("keep.html").exists(),
            "the site is untouched while staging"
        );
        stage
            .finish(&[f("keep.html", "1")], &["x/y.html".to_string()])
            .expect("finish");
        let read = |p: &str| std::fs::read_to_string(out.join(p)).ok();
        assert_eq!(read("x/y.html").as_deref(), Some("2"));
        assert_eq!(read("keep.html").as_deref(), Some("1"));
        assert!(
            !out.join("old").exists(),
            "pages not written this time are gone"
        );
        // A file where a folder is wanted now, in the folder before it is
        // opened (so the listing taken at open holds it as a file).
        std::fs::write(dir.path().join(".public.old/z"), "file").expect("write");
        let stage = Staging::open(&out).expect("staging");
        stage.settle();
        stage
            .write("z/index.html", b"4")
            .expect("replaces the file");
        stage
            .finish(&[], &["z/index.html".to_string()])
            .expect("finish");
        assert_eq!(read("z/index.html").as_deref(), Some("4"));
    }

    #[test]
    fn publish_swaps_and_lock_is_exclusive() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let f = |p: &str, b: &str| OutputFile {
            rel_path: p.into(),
            bytes: b.as_bytes().to_vec(),
        };
        publish(&[f("a/index.html", "1")], &out).expect("first");
        publish(&[f("b.html", "2")], &out).expect("second");
        assert!(!out.join("a/index.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("b.html")).expect("read"),
            "2"
        );
        // The third build reuses the first site's folder as staging.
        publish(&[f("a/index.html", "3"), f("b.html", "2")], &out).expect("third");
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).expect("read"),
            "3"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("b.html")).expect("read"),
            "2"
        );
        publish(&[f("c.html", "4")], &out).expect("fourth");
        let names: Vec<String> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .into_iter()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, ["c.html"], "stale files and folders are gone");
        let lock = BuildLock::acquire(&out).expect("lock");
        assert!(BuildLock::acquire(&out).is_err());
        drop(lock);
        assert!(BuildLock::acquire(&out).is_ok());
    }
}
