//! File access for the corpus, behind a trait so tests can serve files from memory (the
//! idea of typst's `World`) and inject failures that root cannot provoke on disk.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// Read-only access to the files of a corpus.
pub trait Files {
    /// The files (not folders) directly or indirectly inside `dir`, sorted, as paths that
    /// start with `dir`. Hidden files and folders (name starting with `.`) are left out.
    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>>;
    /// The size of a file in bytes.
    fn size(&self, path: &Path) -> io::Result<u64>;
    /// The whole content of a file.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Whether these are the real files on disk (so the corpus cache can be used).
    fn is_disk(&self) -> bool {
        false
    }
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiskFiles;

impl Files for DiskFiles {
    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        let mut stack = vec![(dir.to_path_buf(), 0usize)];
        while let Some((folder, depth)) = stack.pop() {
            for entry in std::fs::read_dir(&folder)? {
                let entry = entry?;
                let name = entry.file_name();
                if name.to_string_lossy().starts_with('.') {
                    continue;
                }
                let path = entry.path();
                // `metadata` follows symlinks; a dangling link is simply skipped.
                let Ok(meta) = std::fs::metadata(&path) else { continue };
                if meta.is_dir() {
                    // A depth limit keeps symlink loops from running forever.
                    if depth < 16 {
                        stack.push((path, depth + 1));
                    }
                } else if meta.is_file() {
                    out.push(path);
                }
            }
        }
        out.sort();
        Ok(out)
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
