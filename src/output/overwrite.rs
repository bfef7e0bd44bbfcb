//! Writing into an earlier build's files: the listing of the staging
//! folder, and a file streamed over the one it replaces, compared first.

use std::path::Path;

/// The listing of the staging folder: being taken, or taken.
pub(super) enum Listing {
    Running(std::thread::JoinHandle<Option<Vec<Entry>>>),
    Done(Option<Vec<Entry>>),
}

/// A file or folder of the staging folder: path relative to it, and
/// whether it is a folder. Listed deepest first.
pub(super) type Entry = (String, bool);

/// Every entry below `dir`, deepest first; `None` if the walk failed.
pub(super) fn list(dir: &Path) -> Option<Vec<Entry>> {
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
pub(super) const STREAM_BUFFER: usize = 1 << 16;

/// The file [`Staging::write_with`] streams into: an earlier build's file,
/// whose bytes are compared with the new ones up to the first that
/// differs and overwritten from there on; or a new file.
pub(super) struct Overwrite {
    comparing: Option<std::io::BufReader<std::fs::File>>,
    writing: Option<std::fs::File>,
}

impl Overwrite {
    pub(super) fn new_file(f: std::fs::File) -> Overwrite {
        Overwrite {
            comparing: None,
            writing: Some(f),
        }
    }

    /// `old` is open for reading and writing.
    pub(super) fn over(old: std::fs::File) -> Overwrite {
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
    pub(super) fn finish(mut self) -> std::io::Result<()> {
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
