//! File access for the corpus, behind a trait so tests can serve files from memory (the
//! idea of typst's `World`) and inject failures that root cannot provoke on disk.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

/// Read-only access to the files of a corpus.
pub trait Files {
    /// The files (not folders) directly or indirectly inside `dir`, sorted, as paths that
    /// start with `dir`. Hidden files and folders (name starting with `.`) are left out.
    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>>;
    /// Like [`Files::list`], and also what was left out and why: symbolic links that lead
    /// out of `dir` (unless `outside` allows them), links that lead back to a folder already
    /// listed (loops), links that lead nowhere, folders that cannot be read.
    fn scan(&self, dir: &Path, outside: bool) -> io::Result<Listing> {
        let _ = outside;
        Ok(Listing { files: self.list(dir)?, skipped: Vec::new() })
    }
    /// The size of a file in bytes.
    fn size(&self, path: &Path) -> io::Result<u64>;
    /// The whole content of a file.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Whether these are the real files on disk (so the corpus cache can be used).
    fn is_disk(&self) -> bool {
        false
    }
}

/// A file or folder a listing left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path as found in the folder (the link, not its target).
    pub path: PathBuf,
    /// Why it was left out, as a sentence without a trailing full stop.
    pub reason: String,
}

/// The files of a folder and what was left out of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// The files, sorted.
    pub files: Vec<PathBuf>,
    /// What was left out, sorted by path.
    pub skipped: Vec<Skipped>,
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiskFiles;

impl Files for DiskFiles {
    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        Ok(self.scan(dir, false)?.files)
    }

    /// Every real folder is read once, whatever the links that lead to it: a link back to
    /// a folder it is in (a loop), or to one already read, is left out and reported, so
    /// listing always ends.
    fn scan(&self, dir: &Path, outside: bool) -> io::Result<Listing> {
        let root = std::fs::canonicalize(dir)?;
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        let mut seen = BTreeSet::from([root.clone()]);
        // Each folder with its real path; only symbolic links need resolving.
        let mut stack = vec![(dir.to_path_buf(), root.clone())];
        let mut skip = |path: PathBuf, reason: String| skipped.push(Skipped { path, reason });
        // Links to folders are followed after every folder reachable without them is read,
        // so a folder is always listed under its own path, not under a link's.
        let mut linked: Vec<(PathBuf, PathBuf, PathBuf)> = Vec::new();
        loop {
            while let Some((folder, folder_real)) = stack.pop() {
                let entries = match std::fs::read_dir(&folder) {
                    Ok(entries) => entries,
                    Err(e) if folder == dir => return Err(e),
                    Err(e) => {
                        skip(folder, format!("cannot read the folder: {e}"));
                        continue;
                    }
                };
                for entry in entries {
                    let entry = entry?;
                    let name = entry.file_name();
                    if name.to_string_lossy().starts_with('.') {
                        continue;
                    }
                    let path = entry.path();
                    let Ok(kind) = entry.file_type() else { continue };
                    let real = if kind.is_symlink() {
                        match std::fs::canonicalize(&path) {
                            Ok(real) if outside || real.starts_with(&root) => real,
                            Ok(real) => {
                                let to = real.display();
                                skip(path, format!("the symbolic link leads out of the corpus folder, to {to}"));
                                continue;
                            }
                            Err(e) => {
                                skip(path, format!("the symbolic link leads nowhere ({e})"));
                                continue;
                            }
                        }
                    } else {
                        folder_real.join(&name)
                    };
                    let is_dir = if kind.is_symlink() {
                        std::fs::metadata(&real).is_ok_and(|m| m.is_dir())
                    } else {
                        kind.is_dir()
                    };
                    if is_dir {
                        if kind.is_symlink() {
                            linked.push((path, real, folder_real.clone()));
                        } else if seen.insert(real.clone()) {
                            stack.push((path, real));
                        }
                    } else if kind.is_file()
                        || (kind.is_symlink() && std::fs::metadata(&real).is_ok_and(|m| m.is_file()))
                    {
                        files.push(path);
                    }
                }
            }
            if linked.is_empty() {
                break;
            }
            linked.sort();
            for (path, real, from) in linked.drain(..) {
                let to = real.display();
                if from.starts_with(&real) {
                    skip(path, format!("the symbolic link leads back to {to}, a folder it is in (a loop)"));
                } else if seen.insert(real.clone()) {
                    stack.push((path, real));
                } else {
                    skip(path, format!("the symbolic link leads to {to}, which is read already"));
                }
            }
        }
        files.sort();
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Listing { files, skipped })
    }

    fn size(&self, path: &Path) -> io::Result<u64> {
        Ok(std::fs::metadata(path)?.len())
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn is_disk(&self) -> bool {
        true
    }
}

/// Files held in memory, for tests. A file can be registered as unreadable with an error.
#[derive(Debug, Default)]
pub struct MemoryFiles {
    files: BTreeMap<PathBuf, Result<Vec<u8>, io::ErrorKind>>,
}

impl MemoryFiles {
    /// An empty set of files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file.
    pub fn insert(&mut self, path: impl Into<PathBuf>, content: impl Into<Vec<u8>>) -> &mut Self {
        self.files.insert(path.into(), Ok(content.into()));
        self
    }

    /// Adds a file that fails to read with `kind` (permission denied, say).
    pub fn insert_unreadable(&mut self, path: impl Into<PathBuf>, kind: io::ErrorKind) -> &mut Self {
        self.files.insert(path.into(), Err(kind));
        self
    }
}

impl Files for MemoryFiles {
    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let found: Vec<PathBuf> = self
            .files
            .keys()
            .filter(|p| p.starts_with(dir) && p.as_path() != dir)
            .filter(|p| {
                !p.strip_prefix(dir)
                    .map(|rest| rest.iter().any(|c| c.to_string_lossy().starts_with('.')))
                    .unwrap_or(true)
            })
            .cloned()
            .collect();
        if found.is_empty() && !self.files.keys().any(|p| p.starts_with(dir)) {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no such folder"));
        }
        Ok(found)
    }

    fn size(&self, path: &Path) -> io::Result<u64> {
        match self.files.get(path) {
            Some(Ok(bytes)) => Ok(bytes.len() as u64),
            Some(Err(kind)) => Err(io::Error::from(*kind)),
            None => Err(io::Error::from(io::ErrorKind::NotFound)),
        }
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self.files.get(path) {
            Some(Ok(bytes)) => Ok(bytes.clone()),
            Some(Err(kind)) => Err(io::Error::from(*kind)),
            None => Err(io::Error::from(io::ErrorKind::NotFound)),
        }
    }
}
