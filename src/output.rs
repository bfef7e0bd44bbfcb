//! Publish: write the complete site into a staging folder beside the
//! output and swap it in (one atomic exchange where the system has one,
//! else two renames that [`recover`] can finish). A failed build never
//! touches the old site; a second concurrent build is refused by an OS
//! lock ([`BuildLock`]).

use crate::render::OutputFile;
use anyhow::{bail, Context, Result};
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
            Err(e) if held_open(&e) => last = Some(e),
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

/// Whether a rename failed because another program holds the folder or a
/// file in it open: access denied, or on Windows a sharing or lock
/// violation (`ERROR_SHARING_VIOLATION` 32, `ERROR_LOCK_VIOLATION` 33, which
/// the standard library maps to no kind of its own).
fn held_open(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::PermissionDenied
        || cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
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

mod overwrite;
mod staging;
pub use staging::Staging;

#[cfg(test)]
mod tests;
