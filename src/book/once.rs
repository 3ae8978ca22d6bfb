//! Each paragraph printed once: a paragraph an earlier section printed is not printed
//! again by a later one, which refers to it instead ("See ¶ 3 of [1], p. 7, The meeting in
//! the press"), unless the later section says `repeat = true`.
//!
//! Resolving walks the sections in book order, so "earlier" is "earlier in the book"; the
//! page of the reference is only known once the book is laid out, and comes from there.

use std::collections::BTreeMap;

use crate::translate::Row;

/// A paragraph of an excerpt that an earlier section printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elsewhere {
    /// The paragraph, from 0, in the original.
    pub paragraph: usize,
    /// The section that printed it (index in the book's sections).
    pub section: usize,
    /// That section's heading.
    pub section_title: String,
}

/// The paragraphs printed so far: (original document, paragraph) -> section and heading.
#[derive(Debug, Default)]
pub(super) struct Printed {
    at: BTreeMap<(String, usize), (usize, String)>,
}

impl Printed {
    /// Takes out of `rows` (of document `original`, for section `section` titled `title`)
    /// the paragraphs printed before and returns where they were; the rest count as printed
    /// here. With `repeat`, every row stays (and the first print stays the one referred to).
    pub(super) fn take(
        &mut self,
        original: &str,
        rows: &mut Vec<Row>,
        section: usize,
        title: &str,
        repeat: bool,
    ) -> Vec<Elsewhere> {
        let mut elsewhere: Vec<Elsewhere> = Vec::new();
        if !repeat {
            rows.retain(|row| {
                let Some(p) = row.paragraph else { return true };
                match self.at.get(&(original.to_string(), p)) {
                    Some((s, t)) if *s != section => {
                        if !elsewhere.iter().any(|e| e.paragraph == p) {
                            elsewhere.push(Elsewhere { paragraph: p, section: *s, section_title: t.clone() });
                        }
                        false
                    }
                    _ => true,
                }
            });
        }
        for p in rows.iter().filter_map(|r| r.paragraph) {
            self.at.entry((original.to_string(), p)).or_insert_with(|| (section, title.to_string()));
        }
        elsewhere
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(paragraphs: &[usize]) -> Vec<Row> {
        paragraphs
            .iter()
            .map(|&p| Row { original: Some(format!("¶{p}")), paragraph: Some(p), ..Row::default() })
            .collect()
    }

    #[test]
    fn a_paragraph_printed_before_is_referred_to() {
        let mut printed = Printed::default();
        let mut first = rows(&[0, 2]);
        assert!(printed.take("a", &mut first, 0, "Meeting", false).is_empty());
        let mut second = rows(&[0, 1, 1, 2, 3]);
        let elsewhere = printed.take("a", &mut second, 1, "Press", false);
        let kept: Vec<_> = second.iter().filter_map(|r| r.paragraph).collect();
        assert_eq!(kept, [1, 1, 3]);
        let at: Vec<_> = elsewhere.iter().map(|e| (e.paragraph, e.section, e.section_title.as_str())).collect();
        assert_eq!(at, [(0, 0, "Meeting"), (2, 0, "Meeting")]);
        // Another document's paragraphs are its own.
        let mut other = rows(&[0]);
        assert!(printed.take("b", &mut other, 1, "Press", false).is_empty());
        // With repeat, everything stays; references still point at the first print.
        let mut again = rows(&[0, 1]);
        assert!(printed.take("a", &mut again, 2, "Topic", true).is_empty());
        assert_eq!(again.len(), 2);
        let mut last = rows(&[1]);
        let elsewhere = printed.take("a", &mut last, 3, "Last", false);
        assert_eq!(elsewhere[0].section_title, "Press");
    }
}
