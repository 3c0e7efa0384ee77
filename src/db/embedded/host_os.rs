//! What the embedded cluster needs from the operating system: where the
//! PostgreSQL binaries are, which unprivileged user runs them when we are
//! root (PostgreSQL refuses to run as root), and whether that user can reach
//! a directory at all.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Finds the directory holding `initdb`, `postgres` and `pg_isready`:
/// `PESPRO_PG_BINDIR`, then `initdb` on PATH, then `pg_config --bindir`,
/// then the newest `/usr/lib/postgresql/<version>/bin`.
pub(super) fn find_bin_dir() -> Option<PathBuf> {
    let has_all = |dir: &Path| ["initdb", "postgres", "pg_isready"].iter().all(|b| dir.join(b).is_file());
    if let Some(dir) = std::env::var_os("PESPRO_PG_BINDIR") {
        return Some(PathBuf::from(dir)).filter(|d| has_all(d));
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .find(|dir| has_all(dir));
    if on_path.is_some() {
        return on_path;
    }
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
        .filter(|d| has_all(d));
    if from_pg_config.is_some() {
        return from_pg_config;
    }
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, dir)| has_all(dir))
        .collect();
    versions.sort();
    versions.pop().map(|(_, dir)| dir)
}

/// The account PostgreSQL runs under when this process is root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ServiceUser {
    pub uid: u32,
    pub gid: u32,
}

impl ServiceUser {
    /// `None` when we are not root: PostgreSQL then simply runs as us.
    pub(super) fn when_root() -> Option<Self> {
        // SAFETY: geteuid has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } != 0 {
            return None;
        }
        let passwd = fs::read_to_string("/etc/passwd").unwrap_or_default();
        let find = |name: &str| {
            passwd.lines().find_map(|line| {
                let fields: Vec<&str> = line.split(':').collect();
                if fields.len() < 4 || fields[0] != name {
                    return None;
                }
                Some(Self { uid: fields[2].parse().ok()?, gid: fields[3].parse().ok()? })
            })
        };
        find("postgres").or_else(|| find("nobody")).or(Some(Self { uid: 65534, gid: 65534 }))
    }

    /// Makes `dir` (created if needed) private to this user.
    pub(super) fn own(self, dir: &Path) -> std::io::Result<()> {
        fs::create_dir_all(dir)?;
        std::os::unix::fs::chown(dir, Some(self.uid), Some(self.gid))?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
    }

    /// Whether this user can walk down to `dir`: every ancestor must grant it
    /// search permission. A fresh `mktemp -d` folder (mode 0700, root's) does not.
    pub(super) fn can_reach(self, dir: &Path) -> bool {
        let Ok(dir) = dir.canonicalize() else {
            return false;
        };
        dir.ancestors().skip(1).all(|ancestor| {
            let Ok(meta) = ancestor.metadata() else {
                return false;
            };
            let mode = meta.mode();
            let bit = if meta.uid() == self.uid {
                0o100
            } else if meta.gid() == self.gid {
                0o010
            } else {
                0o001
            };
            mode & bit != 0
        })
    }
}

/// The pid recorded by a postmaster in `data_dir`, if that process still lives.
pub(super) fn live_postmaster(data_dir: &Path) -> Option<i32> {
    let pid: i32 = fs::read_to_string(data_dir.join("postmaster.pid")).ok()?.lines().next()?.trim().parse().ok()?;
    process_alive(pid).then_some(pid)
}

pub(super) fn process_alive(pid: i32) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

pub(super) fn signal(pid: i32, sig: libc::c_int) {
    // SAFETY: sending a signal to a pid we started; failure (already gone) is fine.
    unsafe { libc::kill(pid, sig) };
}

/// An exclusive lock on `path` for as long as the value lives, so two
/// processes starting the cluster at once do not both run `initdb`.
pub(super) struct FileLock {
    /// Closing the file releases the lock.
    _file: fs::File,
}

impl FileLock {
    pub(super) fn acquire(path: &Path) -> std::io::Result<Self> {
        use std::os::fd::AsRawFd;
        let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(path)?;
        // SAFETY: flock on a descriptor we own; it is released when the file closes.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(Self { _file: file })
    }
}

/// The last lines of a log file, for error messages.
pub(super) fn tail(path: &Path, lines: usize) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
