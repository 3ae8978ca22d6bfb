//! The crate's shape, read from its source: each layer imports only the layers below it
//! (model → corpus → translate → book → layout → pdf → workspace → app/cli), and no file
//! imports one that imports it back, directly or through others; and the modules are
//! private, the public API being what src/lib.rs re-exports at the crate root.
//!
//! Imports are the paths a file names in code (`use` lines and paths written inline), as
//! `crate::…`, `super::…` or `self::…`; doc comments and comments do not count, nor does a
//! file's own `mod tests`. A path is charged to the file of the longest module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first; the modules of one layer may use each other. Modules not named
/// here (diag, fsutil, settings …) are shared helpers every layer may use.
const LAYERS: [&[&str]; 8] =
    [&["model"], &["corpus"], &["translate"], &["book"], &["layout"], &["pdf"], &["workspace"], &["app", "cli"]];

type Module = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file holds: `src/corpus/find/events.rs` → `corpus::find::events`.
fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).expect("under src").with_extension("");
    let mut parts: Module = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts.len() == 1 && (parts[0] == "lib" || parts[0] == "main") {
        parts.clear();
    }
    parts
}

/// The code of a file without comments, string literals and its `#[cfg(test)] mod tests`.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every module path written in `code`, made absolute from the file's module `at`,
/// including each name of a `use a::{b, c::d}` group.
fn paths_in(code: &str, at: &Module) -> Vec<Module> {
    let mut paths = Vec::new();
    let bytes = code.as_bytes();
    let word_start =
        |i: usize| i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(found) = code[from..].find(start) {
            let i = from + found;
            from = i + start.len();
            if !word_start(i) {
                continue;
            }
            let mut base: Module = match start {
                "crate::" => Vec::new(),
                "self::" => at.clone(),
                _ => at[..at.len().saturating_sub(1)].to_vec(),
            };
            let mut rest = &code[i + start.len()..];
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
            let mut prefix = base;
            loop {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if name.is_empty() {
                    if let Some(group) = rest.strip_prefix('{') {
                        expand_group(&prefix, group, &mut paths);
                    }
                    break;
                }
                rest = &rest[name.len()..];
                prefix.push(name);
                match rest.strip_prefix("::") {
                    Some(r) => rest = r,
                    None => break,
                }
            }
            paths.push(prefix);
        }
    }
    paths
}

/// The paths of a `use` group, `group` starting after its `{`: `a, b::{c, d}, e::f}`.
fn expand_group(prefix: &Module, group: &str, paths: &mut Vec<Module>) {
    let mut depth = 0;
    let mut item_start = 0;
    let mut end = group.len();
    let mut items = Vec::new();
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                end = i;
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[item_start..i]);
                item_start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[item_start..end]);
    for item in items {
        let item = item.trim();
        let (head, inner) = match item.find('{') {
            Some(b) => (&item[..b], Some(&item[b + 1..])),
            None => (item, None),
        };
        let mut p = prefix.clone();
        p.extend(
            head.split("::")
                .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
                .filter(|s| !s.is_empty() && s != "self"),
        );
        match inner {
            Some(inner) => expand_group(&p, inner, paths),
            None => paths.push(p),
        }
    }
}

/// The longest module of `modules` that `path` names.
fn resolve<'m>(path: &[String], modules: &'m BTreeSet<Module>) -> Option<&'m Module> {
    (1..=path.len()).rev().find_map(|k| modules.get(&path[..k].to_vec()))
}

fn imports() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<Module> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for file in &files {
        let at = module_of(&src, file);
        let text = std::fs::read_to_string(file).expect("a source file is readable");
        let code = code_of(&text);
        for path in paths_in(&code, &at) {
            if let Some(to) = resolve(&path, &modules)
                && *to != at
                // A module's own children and its parent (`mod x;`, `super::Type`) are
                // one unit with it.
                && !to.starts_with(&at)
                && !at.starts_with(to)
            {
                edges.entry(at.clone()).or_default().insert(to.clone());
            }
        }
    }
    edges
}

fn name(m: &Module) -> String {
    if m.is_empty() { "crate".into() } else { m.join("::") }
}

#[test]
fn layers_import_only_the_layers_below_them() {
    let layer = |m: &Module| m.first().and_then(|top| LAYERS.iter().position(|l| l.contains(&top.as_str())));
    let mut wrong = Vec::new();
    for (from, tos) in imports() {
        for to in tos {
            if let (Some(a), Some(b)) = (layer(&from), layer(&to))
                && b > a
            {
                wrong.push(format!("{} imports {}", name(&from), name(&to)));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layer order:\n{}", wrong.join("\n"));
}

#[test]
fn no_file_imports_one_that_imports_it_back() {
    let edges = imports();
    let mut cycles = Vec::new();
    // Depth-first search; a path back to a module on the stack is a cycle.
    fn visit(
        m: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, u8>,
        stack: &mut Vec<Module>,
        cycles: &mut Vec<String>,
    ) {
        state.insert(m.clone(), 1);
        stack.push(m.clone());
        for next in edges.get(m).into_iter().flatten() {
            match state.get(next) {
                Some(1) => {
                    let from = stack.iter().position(|s| s == next).unwrap_or(0);
                    let mut ring: Vec<String> = stack[from..].iter().map(name).collect();
                    ring.push(name(next));
                    cycles.push(ring.join(" -> "));
                }
                Some(_) => {}
                None => visit(next, edges, state, stack, cycles),
            }
        }
        stack.pop();
        state.insert(m.clone(), 2);
    }
    let mut state = BTreeMap::new();
    for m in edges.keys() {
        if !state.contains_key(m) {
            visit(m, &edges, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_reader_of_imports_sees_use_groups_super_and_inline_paths() {
    let at: Module = vec!["app".into(), "jobs".into()];
    let code = code_of(
        "use super::{problems::{self, Problem}, state};\nuse crate::corpus::find::events;\n\
         // crate::pdf::ignored\nfn f() { let s = \"crate::layout\"; crate::book::resolve(); }\n",
    );
    let paths: BTreeSet<String> = paths_in(&code, &at).iter().map(name).collect();
    for want in ["app::problems", "app::state", "corpus::find::events", "book::resolve"] {
        assert!(paths.iter().any(|p| p.starts_with(want)), "{want} not in {paths:?}");
    }
    assert!(!paths.iter().any(|p| p.starts_with("pdf") || p.starts_with("layout")), "{paths:?}");
}

#[test]
fn the_public_api_is_the_crate_roots_re_exports() {
    // Every module is private; what the crate offers is re-exported at its root. The one
    // exception is the fuzz targets' entry points, a doc-hidden `pub mod fuzzing`.
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).expect("lib.rs");
    let lines: Vec<&str> = lib.lines().map(str::trim).collect();
    let mut public = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = line.strip_prefix("pub mod ") else { continue };
        let hidden = i > 0 && lines[i - 1] == "#[doc(hidden)]";
        if !(hidden && name == "fuzzing;") {
            public.push(*line);
        }
    }
    assert!(
        public.is_empty(),
        "public modules in src/lib.rs (re-export their items at the root instead):\n{}",
        public.join("\n")
    );
    assert!(lines.iter().any(|l| l.starts_with("pub use ")), "src/lib.rs re-exports the public API");
}
