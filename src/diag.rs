//! Diagnostics: problems found in input files, with a location, a message and a hint.
//!
//! Modelled on typst's `SourceDiagnostic`: a diagnostic names the file, the line and column
//! where there is one, says what is wrong and, where it can, what to do about it. Errors stop
//! a build; warnings are reported and the build goes on.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The build goes on; the output may lack something.
    Warning,
    /// The build cannot produce correct output.
    Error,
}

/// A 1-based line and column in a text file (the column counts characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

impl Pos {
    /// The position of byte `offset` in `text` (clamped to the text's end).
    pub(crate) fn of_offset(text: &str, offset: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Pos { line, col }
    }

    /// This position moved down by `lines` lines (for text embedded further down a file).
    pub(crate) fn shifted(self, lines: usize) -> Pos {
        Pos { line: self.line + lines, col: self.col }
    }
}

/// What a problem is about, independent of where its text stands: the section of the brief
/// (index from 0), the document, and the key of the brief file (`section[2].event`,
/// `brief.memory`). Front ends use it to show a problem beside its section without parsing
/// the brief again; any part may be unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// Index (from 0) of the brief's section the problem is in.
    pub section: Option<usize>,
    /// Id of the document the problem is about.
    pub document: Option<String>,
    /// The key of the brief file, written `brief.title`, `section[1].documents[0]`.
    pub key: Option<String>,
}

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in, if it is in a file.
    pub file: Option<PathBuf>,
    /// Where in the file, if known.
    pub pos: Option<Pos>,
    /// What is wrong, as one sentence without a trailing full stop.
    pub message: String,
    /// What the user can do about it.
    pub hint: Option<String>,
    /// What it is about: section, document, brief key.
    pub origin: Origin,
}

impl Diagnostic {
    /// An error with a message and nothing else yet.
    pub(crate) fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: None,
            pos: None,
            message: message.into(),
            hint: None,
            origin: Origin::default(),
        }
    }

    /// A warning with a message and nothing else yet.
    pub(crate) fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(message) }
    }

    /// Names the file the problem is in.
    pub(crate) fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// Sets the position in the file.
    pub(crate) fn at(mut self, pos: Option<Pos>) -> Self {
        self.pos = pos;
        self
    }

    /// Adds a hint.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Says which section of the brief (index from 0) the problem is in.
    pub(crate) fn in_section(mut self, section: usize) -> Self {
        self.origin.section = Some(section);
        self
    }

    /// Says which document the problem is about.
    pub(crate) fn about_document(mut self, id: impl Into<String>) -> Self {
        self.origin.document = Some(id.into());
        self
    }

    /// Says which key of the brief file the problem is at.
    pub(crate) fn at_key(mut self, key: impl Into<String>) -> Self {
        self.origin.key = Some(key.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: ")?;
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(pos) = self.pos {
                write!(f, ":{}:{}", pos.line, pos.col)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Turns a TOML error into a diagnostic at its position; `line_offset` is the number of
/// lines before the TOML text in its file (front matter starts below a `+++` line).
pub(crate) fn from_toml_error(err: &toml::de::Error, file: &Path, text: &str, line_offset: usize) -> Diagnostic {
    let pos = err.span().map(|span| Pos::of_offset(text, span.start).shifted(line_offset));
    let message = err.message().trim_end().trim_end_matches('.').to_string();
    Diagnostic::error(message).in_file(file).at(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\nçë x\n";
        assert_eq!(Pos::of_offset(text, 0), Pos { line: 1, col: 1 });
        assert_eq!(Pos::of_offset(text, 3), Pos { line: 2, col: 1 });
        // "ç" and "ë" are two bytes each; the space after them is the third character.
        assert_eq!(Pos::of_offset(text, 7), Pos { line: 2, col: 3 });
        assert_eq!(Pos::of_offset(text, 999), Pos { line: 3, col: 1 });
    }

    #[test]
    fn display_names_file_line_and_hint() {
        let d = Diagnostic::error("unknown document `x`")
            .in_file("briefs/a.toml")
            .at(Some(Pos { line: 4, col: 14 }))
            .with_hint("run `briefbook docs`");
        assert_eq!(d.to_string(), "error: briefs/a.toml:4:14: unknown document `x`\n  hint: run `briefbook docs`");
    }
}
