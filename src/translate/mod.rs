//! Translations: which text stands next to which.
//!
//! For now an original and its human translation are paired paragraph by paragraph, which
//! is how the corpus's translations are written; sentence alignment replaces this later.

pub mod align;
pub mod anchors;
pub mod dictionary;
pub mod eval;
pub mod text;

use crate::diag::Diagnostic;
use crate::model::Document;

/// Where a translation came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A human translation kept in the corpus as its own document.
    Human {
        /// The translator, as the document names them.
        translator: Option<String>,
    },
    /// The analyst corrected it (stored in the translation memory).
    Edited,
    /// Found in the translation memory (imported from TMX or XLIFF); `score` is 100 for an
    /// exact match, less for a fuzzy one.
    Memory {
        /// Similarity in percent.
        score: u8,
    },
    /// Machine translation by the named engine, stored in the memory.
    Machine {
        /// Engine name: `deepl`, `libretranslate` ...
        engine: String,
    },
}

/// One row of a side-by-side table: an original segment and its translation. Either side
/// may be missing (a sentence with no counterpart, a text with no translation).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The original text.
    pub original: Option<String>,
    /// The translation.
    pub translation: Option<String>,
    /// Who translated it (when there is a translation).
    pub origin: Option<Origin>,
    /// Index (from 0) of the original's paragraph this row belongs to; rows of one paragraph
    /// share it, so layouts can set paragraph breaks and briefs can exclude paragraphs.
    pub paragraph: Option<usize>,
    /// The translation was made for an earlier version of the original text.
    pub stale: bool,
}

/// Pairs the paragraphs of `original` and `translation` in order. When the counts differ,
/// the extra paragraphs get rows with one side empty and a warning says so.
pub fn pair_paragraphs(original: &Document, translation: &Document) -> (Vec<Row>, Vec<Diagnostic>) {
    let origin = Origin::Human { translator: translation.meta.translator.clone() };
    let n = original.paragraphs.len().max(translation.paragraphs.len());
    let rows = (0..n)
        .map(|i| {
            let t = translation.paragraphs.get(i).map(|p| p.text.clone());
            Row {
                original: original.paragraphs.get(i).map(|p| p.text.clone()),
                origin: t.as_ref().map(|_| origin.clone()),
                translation: t,
                paragraph: (i < original.paragraphs.len()).then_some(i),
                stale: false,
            }
        })
        .collect();
    let mut diagnostics = Vec::new();
    if original.paragraphs.len() != translation.paragraphs.len() {
        diagnostics.push(
            Diagnostic::warning(format!(
                "`{}` has {} paragraphs but its translation `{}` has {}; rows past the shorter text have one side empty",
                original.id(),
                original.paragraphs.len(),
                translation.id(),
                translation.paragraphs.len()
            ))
            .in_file(&translation.path)
            .with_hint("keep the translation paragraph for paragraph with the original"),
        );
    }
    (rows, diagnostics)
}

/// Only the original: rows without translation.
pub fn original_only(original: &Document) -> Vec<Row> {
    original
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| Row { original: Some(p.text.clone()), paragraph: Some(i), ..Row::default() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentMeta, Paragraph};

    fn doc(id: &str, paras: &[&str]) -> Document {
        Document {
            meta: DocumentMeta { id: id.into(), title: id.into(), ..DocumentMeta::default() },
            paragraphs: paras.iter().enumerate().map(|(i, t)| Paragraph::new(*t, i + 1)).collect(),
            path: format!("{id}.md").into(),
        }
    }

    #[test]
    fn pairs_in_order_and_warns_on_mismatch() {
        let (rows, diags) = pair_paragraphs(&doc("o", &["një", "dy"]), &doc("t", &["one", "two"]));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].original.as_deref(), Some("dy"));
        assert_eq!(rows[1].translation.as_deref(), Some("two"));
        assert!(diags.is_empty());
        let (rows, diags) = pair_paragraphs(&doc("o", &["një", "dy", "tre"]), &doc("t", &["one"]));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].translation, None);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("has 3 paragraphs but its translation `t` has 1"));
    }
}
