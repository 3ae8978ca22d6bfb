//! File writing that never loses the user's work.
//!
//! - [`write_atomic`]: write a temp file beside the target, flush it to disk, then rename it
//!   over the target in one step, so readers (and a crash) see the old file or the new one,
//!   never half of one.
//! - [`FileStamp`] and [`write_atomic_if_unchanged`]: a file is saved only if nobody else
//!   changed it since it was read, so two windows on one brief or memory never silently
//!   overwrite each other's edits.
//! - [`EditLock`]: a lock file beside a file being edited, so a second window is warned at
//!   once instead of at save time.

use std::io::{self, Write};
use std::path::Path;
#[cfg(any(test, feature = "app"))]
use std::path::PathBuf;
#[cfg(any(test, feature = "app"))]
use std::time::SystemTime;

/// Writes a cache file: whole or not at all (written beside it under a name no other
/// writer uses, then renamed), without waiting for the disk. For files that may be lost
/// and made again, never for the user's work (see [`write_atomic`]).
pub(crate) fn write_cache_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let dir = parent_dir(path);
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.{}.cache-tmp", std::process::id(), WRITES.fetch_add(1, Ordering::Relaxed)));
    let tmp = dir.join(tmp_name);
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes `bytes` to `path` atomically: readers see either the old file or the new one,
/// never a partial write, and a failure leaves the old file untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    let name =
        path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the output path names no file"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        remove_stale_temp_files(dir, name);
        // Make the rename itself durable (best effort: not every file system allows
        // opening a directory).
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Removes temp files that writers of `name` killed mid-write left behind (their process
/// is gone); a live writer's temp file is left alone.
fn remove_stale_temp_files(dir: &Path, name: &std::ffi::OsStr) {
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let Some(pid) = file.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(".tmp")) else { continue };
        if pid.parse::<u32>().is_ok_and(|pid| pid != std::process::id() && !process_alive(pid)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// What a file looked like when it was read: size, modification time and a digest of the
/// content. Comparing stamps tells whether someone else wrote the file since.
#[cfg(any(test, feature = "app"))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileStamp {
    /// Length in bytes.
    pub len: u64,
    /// Modification time, if the file system keeps one.
    pub modified: Option<SystemTime>,
    /// MD5 of the content (a change detector, not a security measure).
    pub digest: [u8; 16],
}

#[cfg(any(test, feature = "app"))]
impl FileStamp {
    /// The stamp of `bytes` just read from `path`.
    pub(crate) fn of(path: &Path, bytes: &[u8]) -> FileStamp {
        use md5::Digest;
        let meta = std::fs::metadata(path).ok();
        FileStamp {
            len: bytes.len() as u64,
            modified: meta.and_then(|m| m.modified().ok()),
            digest: md5::Md5::digest(bytes).into(),
        }
    }

    /// The stamp of the file as it is on disk now; `None` if it does not exist.
    pub(crate) fn read(path: &Path) -> io::Result<Option<FileStamp>> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(Some(FileStamp::of(path, &bytes))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Whether the content is the same (the time alone may change with a `touch`).
    pub(crate) fn same_content(&self, other: &FileStamp) -> bool {
        self.len == other.len && self.digest == other.digest
    }
}

/// Why a checked save did not happen.
#[cfg(any(test, feature = "app"))]
#[derive(Debug, thiserror::Error)]
pub(crate) enum SaveError {
    /// Someone else changed (or deleted, or created) the file since it was read.
    #[error("{} was changed by another program or window since it was opened; not overwritten", path.display())]
    Conflict {
        /// The file.
        path: PathBuf,
    },
    /// Reading the current state or writing failed.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// Writes `bytes` atomically to `path`, but only if the file is still as `expected`
/// (`None`: the file must not exist yet). Returns the stamp of the new content, to pass to
/// the next save.
#[cfg(any(test, feature = "app"))]
pub(crate) fn write_atomic_if_unchanged(
    path: &Path,
    bytes: &[u8],
    expected: Option<&FileStamp>,
) -> Result<FileStamp, SaveError> {
    let io_err = |source| SaveError::Io { path: path.to_path_buf(), source };
    let current = FileStamp::read(path).map_err(io_err)?;
    let unchanged = match (current.as_ref(), expected) {
        (None, None) => true,
        (Some(c), Some(e)) => c.same_content(e),
        _ => false,
    };
    if !unchanged {
        return Err(SaveError::Conflict { path: path.to_path_buf() });
    }
    write_atomic(path, bytes).map_err(io_err)?;
    Ok(FileStamp::of(path, bytes))
}

/// A lock file (`.NAME.lock` beside the file) held while a window edits the file. It holds
/// the process id; a lock left by a process that is gone is taken over.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct EditLock {
    path: PathBuf,
}

/// Who else holds the lock on a file.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LockedBy {
    /// The lock file.
    pub lock_file: PathBuf,
    /// Process id written in it.
    pub pid: u32,
}

#[cfg(test)]
impl EditLock {
    /// The lock file of `path`.
    pub(crate) fn lock_path(path: &Path) -> PathBuf {
        let mut name = std::ffi::OsString::from(".");
        name.push(path.file_name().unwrap_or_default());
        name.push(".lock");
        parent_dir(path).join(name)
    }

    /// Takes the lock on `path`. `Ok(Err(who))` when another live process holds it: the
    /// caller warns the user and may open the file read-only.
    pub(crate) fn acquire(path: &Path) -> io::Result<Result<EditLock, LockedBy>> {
        let lock_file = Self::lock_path(path);
        for _ in 0..2 {
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&lock_file) {
                Ok(mut f) => {
                    writeln!(f, "{}", std::process::id())?;
                    return Ok(Ok(EditLock { path: lock_file }));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let pid = std::fs::read_to_string(&lock_file).ok().and_then(|s| s.trim().parse::<u32>().ok());
                    match pid {
                        Some(pid) if pid == std::process::id() || process_alive(pid) => {
                            return Ok(Err(LockedBy { lock_file, pid }));
                        }
                        // Left behind by a crash (or unreadable): take it over.
                        _ => {
                            let _ = std::fs::remove_file(&lock_file);
                        }
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::other(format!("cannot create the lock file {}", lock_file.display())))
    }
}

#[cfg(test)]
impl Drop for EditLock {
    fn drop(&mut self) {
        // Only remove the lock if it is still ours.
        let ours = std::fs::read_to_string(&self.path)
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok())
            .is_some_and(|pid| pid == std::process::id());
        if ours {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Whether a process with this id runs (on Linux, through /proc; elsewhere assumed alive,
/// so a stale lock is reported rather than silently taken over).
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() { proc.join(pid.to_string()).exists() } else { true }
}

/// The path of `to` relative to the folder `from_dir`, with `/` between the parts
/// (`../briefs/nato.toml`), for files that name another file and travel between machines
/// (an XLIFF file names its brief so). Both should be absolute and canonical; when they
/// share no root (two Windows drives) only the file name is given, never an absolute path.
pub(crate) fn relative_path(from_dir: &Path, to: &Path) -> String {
    use std::path::Component;
    let a: Vec<Component<'_>> = from_dir.components().filter(|c| !matches!(c, Component::CurDir)).collect();
    let b: Vec<Component<'_>> = to.components().filter(|c| !matches!(c, Component::CurDir)).collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let rooted =
        |c: &[Component<'_>]| c.first().is_some_and(|c| matches!(c, Component::Prefix(_) | Component::RootDir));
    if common == 0 && (rooted(&a) || rooted(&b)) {
        return to.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    }
    let mut parts: Vec<String> = vec!["..".to_string(); a.len() - common];
    parts.extend(b[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path(Path::new("/w/out"), Path::new("/w/briefs/nato.toml")), "../briefs/nato.toml");
        assert_eq!(relative_path(Path::new("/w/briefs"), Path::new("/w/briefs/nato.toml")), "nato.toml");
        assert_eq!(relative_path(Path::new("/"), Path::new("/b.toml")), "b.toml");
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.pdf");
        write_atomic(&path, b"one").expect("first write");
        write_atomic(&path, b"two").expect("second write");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn failure_leaves_old_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("no/such/dir/out.pdf");
        assert!(write_atomic(&missing, b"x").is_err());
    }

    #[test]
    fn checked_save_refuses_to_overwrite_someone_elses_change() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("brief.toml");
        // New file: expected absent.
        let stamp = write_atomic_if_unchanged(&path, b"format = 1\n", None).expect("create");
        // Our own next save goes through.
        let stamp = write_atomic_if_unchanged(&path, b"format = 1\n# mine\n", Some(&stamp)).expect("save");
        // Another window writes the file.
        std::fs::write(&path, b"format = 1\n# theirs\n").expect("other write");
        let err = write_atomic_if_unchanged(&path, b"format = 1\n# mine again\n", Some(&stamp)).expect_err("conflict");
        assert!(
            err.to_string().ends_with("was changed by another program or window since it was opened; not overwritten")
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "format = 1\n# theirs\n");
        // Creating over an existing file is a conflict too.
        assert!(matches!(write_atomic_if_unchanged(&path, b"x", None), Err(SaveError::Conflict { .. })));
    }

    #[test]
    fn second_editor_is_told_and_stale_locks_are_taken_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("brief.toml");
        let first = EditLock::acquire(&path).expect("io").expect("free");
        let second = EditLock::acquire(&path).expect("io").expect_err("held");
        assert_eq!(second.pid, std::process::id());
        assert_eq!(second.lock_file, dir.path().join(".brief.toml.lock"));
        drop(first);
        assert!(!EditLock::lock_path(&path).exists());
        // A lock left by a process that no longer exists (pid beyond pid_max).
        std::fs::write(EditLock::lock_path(&path), "4294967290\n").expect("write");
        let taken = EditLock::acquire(&path).expect("io").expect("stale lock taken over");
        drop(taken);
    }
}
