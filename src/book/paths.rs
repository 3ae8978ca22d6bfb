//! The paths a brief names (`corpus`, `memory`) stay inside the brief's folder unless the
//! brief says `allow_outside_paths = true`: a brief received from someone else cannot make
//! briefbook read (or, for the memory, write) files elsewhere on the machine.

use std::path::{Component, Path};

use super::{Key, locate};
use crate::diag::Diagnostic;
use crate::model::Brief;

/// Why a path written in a brief leaves the brief's folder, if it does: it is absolute, or
/// its `..` steps climb above the folder. The check is on the text alone.
pub(crate) fn leaves_folder(path: &str) -> Option<&'static str> {
    let p = Path::new(path.trim());
    if p.is_absolute() || p.has_root() || matches!(p.components().next(), Some(Component::Prefix(_))) {
        return Some("is an absolute path");
    }
    let mut depth = 0i32;
    for c in p.components() {
        match c {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < 0 {
            return Some("leads out of the brief's folder");
        }
    }
    None
}

/// The keys of `[brief]` that name a path, with their values.
fn path_keys(brief: &Brief) -> [(&'static str, &str); 2] {
    [("corpus", brief.brief.corpus.as_str()), ("memory", brief.brief.memory.as_str())]
}

/// Whether the brief's `key` (`corpus` or `memory`) may be used: it stays inside the
/// brief's folder, or the brief allows paths outside it.
pub(crate) fn path_allowed(brief: &Brief, key: &str) -> bool {
    brief.brief.allow_outside_paths
        || path_keys(brief)
            .iter()
            .filter(|(k, _)| *k == key)
            .all(|(_, v)| v.trim().is_empty() || leaves_folder(v).is_none())
}

/// An error for every path of the brief that leaves its folder without permission, at
/// its line in `text`.
pub(crate) fn check_paths(brief_path: &Path, brief: &Brief, text: &str) -> Vec<Diagnostic> {
    if brief.brief.allow_outside_paths {
        return Vec::new();
    }
    path_keys(brief)
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .filter_map(|(key, value)| {
            let why = leaves_folder(value)?;
            Some(
                Diagnostic::error(format!(
                    "`{key} = \"{}\"` {why}; the paths of a brief stay inside the brief's folder",
                    value.trim()
                ))
                .in_file(brief_path)
                .at(locate(text, &[Key::Name("brief"), Key::Name(key)]))
                .with_hint(
                    "write the path relative to the brief file, or add `allow_outside_paths = true` to [brief] if you trust this brief",
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_and_climbing_paths_leave_the_folder() {
        assert_eq!(leaves_folder("sources"), None);
        assert_eq!(leaves_folder("./a/../b"), None);
        assert_eq!(leaves_folder("a/b/../.."), None);
        assert_eq!(leaves_folder("."), None);
        assert_eq!(leaves_folder("/srv/news"), Some("is an absolute path"));
        assert_eq!(leaves_folder(".."), Some("leads out of the brief's folder"));
        assert_eq!(leaves_folder("a/../../b"), Some("leads out of the brief's folder"));
    }

    #[test]
    fn refused_at_their_line_unless_allowed() {
        let text = "format = 1\n[brief]\ntitle = \"T\"\ncorpus = \"../news\"\nmemory = \"/tmp/m.tmx\"\n";
        let mut brief = Brief::from_toml(text).expect("parses");
        let found: Vec<String> = check_paths(Path::new("b.toml"), &brief, text).iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 2);
        assert!(
            found[0].starts_with(
                "error: b.toml:4:10: `corpus = \"../news\"` leads out of the brief's folder; the paths of a brief stay inside the brief's folder"
            ),
            "{found:?}"
        );
        assert!(found[1].starts_with("error: b.toml:5:10: `memory = \"/tmp/m.tmx\"` is an absolute path"), "{found:?}");
        assert!(!path_allowed(&brief, "corpus"));
        brief.brief.allow_outside_paths = true;
        assert!(check_paths(Path::new("b.toml"), &brief, text).is_empty());
        assert!(path_allowed(&brief, "corpus"));
    }
}
