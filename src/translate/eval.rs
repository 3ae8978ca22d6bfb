//! Evaluation of sentence alignment: the bead-level metric of the alignment literature,
//! the gold formats it is scored against, and a generator of test cases from parallel
//! text whose sentences correspond line by line.
//!
//! **Metric** (as in Vecalign's and Bertalign's `score.py`): beads with an empty side are
//! left out. Strict: a predicted bead is right only if a gold bead is exactly the same.
//! Lax: a predicted bead that is not exactly right but overlaps a gold bead on both sides
//! counts as right. Precision is computed over the predicted beads, recall the same way
//! over the gold beads against the predicted ones; F1 is their harmonic mean. Counts are
//! summed over documents before dividing (micro-average).
//!
//! **Gold formats**: hunalign's *ladder* (`i j` rungs) and Vecalign's *beads*
//! (`[0, 1]:[0]` per line).
//!
//! **Generator**: [`make_case`] turns a parallel document (line N of one file translates
//! line N of the other) into an alignment problem with known answer: lines are grouped into
//! paragraphs, and on one side or the other neighbouring sentences are merged, sentences
//! are split at a comma or near the middle, sentences are left out and paragraphs joined,
//! each at a stated rate, with a fixed-seed random generator so the cases never change.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::translate::align::Bead;

/// Counts for precision and recall, strict and lax.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted beads exactly in the gold.
    pub strict_right_predicted: usize,
    /// Predicted beads overlapping a gold bead on both sides (including the exact ones).
    pub lax_right_predicted: usize,
    /// Predicted beads (with both sides non-empty).
    pub predicted: usize,
    /// Gold beads exactly predicted.
    pub strict_found_gold: usize,
    /// Gold beads overlapping a predicted bead on both sides.
    pub lax_found_gold: usize,
    /// Gold beads (with both sides non-empty).
    pub gold: usize,
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

fn prf(right: usize, predicted: usize, found: usize, gold: usize) -> Prf {
    let precision = if predicted == 0 { 0.0 } else { right as f64 / predicted as f64 };
    let recall = if gold == 0 { 0.0 } else { found as f64 / gold as f64 };
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Prf { precision, recall, f1 }
}

impl Counts {
    /// Strict precision, recall, F1.
    pub fn strict(&self) -> Prf {
        prf(self.strict_right_predicted, self.predicted, self.strict_found_gold, self.gold)
    }

    /// Lax precision, recall, F1.
    pub fn lax(&self) -> Prf {
        prf(self.lax_right_predicted, self.predicted, self.lax_found_gold, self.gold)
    }

    /// Adds another document's counts.
    pub fn add(&mut self, other: &Counts) {
        self.strict_right_predicted += other.strict_right_predicted;
        self.lax_right_predicted += other.lax_right_predicted;
        self.predicted += other.predicted;
        self.strict_found_gold += other.strict_found_gold;
        self.lax_found_gold += other.lax_found_gold;
        self.gold += other.gold;
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// (exactly right, right with overlap, total) of `test` beads against `gold`.
fn judge(test: &[&Bead], gold: &[&Bead]) -> (usize, usize, usize) {
    let exact: std::collections::HashSet<&Bead> = gold.iter().copied().collect();
    let mut strict = 0;
    let mut lax = 0;
    for b in test {
        if exact.contains(b) {
            strict += 1;
            lax += 1;
        } else if gold.iter().any(|g| overlaps(&g.source, &b.source) && overlaps(&g.target, &b.target)) {
            lax += 1;
        }
    }
    (strict, lax, test.len())
}

/// Scores predicted beads against gold beads of one document.
pub fn score(gold: &[Bead], predicted: &[Bead]) -> Counts {
    let both = |b: &&Bead| !b.source.is_empty() && !b.target.is_empty();
    let gold: Vec<&Bead> = gold.iter().filter(both).collect();
    let test: Vec<&Bead> = predicted.iter().filter(both).collect();
    let (sp, lp, np) = judge(&test, &gold);
    let (sg, lg, ng) = judge(&gold, &test);
    Counts {
        strict_right_predicted: sp,
        lax_right_predicted: lp,
        predicted: np,
        strict_found_gold: sg,
        lax_found_gold: lg,
        gold: ng,
    }
}

/// Parses a hunalign ladder: one rung `i j` per line (0-based sentence indices);
/// consecutive rungs delimit a bead. Returns the beads or the line of the first error.
pub fn parse_ladder(text: &str) -> Result<Vec<Bead>, String> {
    let mut rungs: Vec<(usize, usize)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
            return Err(format!("line {}: expected `i j`, found `{line}`", n + 1));
        };
        let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else {
            return Err(format!("line {}: expected two numbers, found `{line}`", n + 1));
        };
        if let Some(&(pa, pb)) = rungs.last()
            && (a < pa || b < pb)
        {
            return Err(format!("line {}: rung `{line}` goes backwards", n + 1));
        }
        rungs.push((a, b));
    }
    Ok(rungs
        .windows(2)
        .map(|w| Bead::new(w[0].0..w[1].0, w[0].1..w[1].1))
        .filter(|b| !(b.source.is_empty() && b.target.is_empty()))
        .collect())
}

/// Parses beads in Vecalign's format, one per line: `[0, 1]:[0]`, `[2]:[]`.
pub fn parse_beads(text: &str) -> Result<Vec<Bead>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let err = || format!("line {}: expected `[i, ...]:[j, ...]`, found `{line}`", n + 1);
        let (a, b) = line.split_once("]:[").ok_or_else(err)?;
        let a = a.strip_prefix('[').ok_or_else(err)?;
        let b = b.split(']').next().ok_or_else(err)?;
        let list = |s: &str| -> Result<Vec<usize>, String> {
            s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(|x| x.parse().map_err(|_| err())).collect()
        };
        let (a, b) = (list(a)?, list(b)?);
        let range = |v: &[usize]| -> Result<Range<usize>, String> {
            match (v.first(), v.last()) {
                (Some(&f), Some(&l)) if v.windows(2).all(|w| w[1] == w[0] + 1) => Ok(f..l + 1),
                (None, None) => Ok(0..0),
                _ => Err(format!("line {}: indices of a bead must be consecutive", n + 1)),
            }
        };
        out.push(Bead::new(range(&a)?, range(&b)?));
    }
    Ok(out)
}

/// Maps beads over sentences found by a segmenter back to the gold units the sentences
/// overlap, for end-to-end scoring. `source_units[i]` is the range of gold units source
/// sentence `i` overlaps (likewise `target_units`). Neighbouring beads that share a unit
/// (the segmenter cut a unit in two) become one bead.
pub fn project(beads: &[Bead], source_units: &[Range<usize>], target_units: &[Range<usize>]) -> Vec<Bead> {
    let span = |units: &[Range<usize>], r: &Range<usize>| -> Option<Range<usize>> {
        let first = units.get(r.start)?;
        let last = units.get(r.end.checked_sub(1)?)?;
        Some(first.start..last.end)
    };
    let mut out: Vec<Bead> = Vec::new();
    let (mut s_end, mut t_end) = (0, 0);
    for b in beads {
        let s = span(source_units, &b.source).unwrap_or(s_end..s_end);
        let t = span(target_units, &b.target).unwrap_or(t_end..t_end);
        let shares = out.last().is_some_and(|last| overlaps(&last.source, &s) || overlaps(&last.target, &t));
        match out.last_mut() {
            Some(last) if shares => {
                last.source = last.source.start.min(s.start)..last.source.end.max(s.end);
                last.target = last.target.start.min(t.start)..last.target.end.max(t.end);
            }
            _ => out.push(Bead::new(s, t)),
        }
        s_end = out.last().map_or(0, |b| b.source.end);
        t_end = out.last().map_or(0, |b| b.target.end);
    }
    out
}

/// SplitMix64: a small, fixed pseudo-random generator, so generated cases are the same on
/// every machine and with every version of every crate.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator with this seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number in `range`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Rates of the generator's changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    /// Smallest and largest paragraph, in lines (a line without final punctuation, a
    /// headline or a list item, is always a paragraph of its own).
    pub paragraph_lines: (usize, usize),
    /// Share of neighbouring sentence pairs inside a paragraph merged on one side.
    pub merge: f64,
    /// Share of sentences (of eight words or more) split in two on one side.
    pub split: f64,
    /// Share of sentences left out on one side.
    pub omit: f64,
    /// Share of paragraph breaks removed on one side.
    pub join_paragraphs: f64,
}

impl Default for Rates {
    /// 1-5 lines per paragraph, 10% merges, 5% splits, 2% omissions, 5% paragraph joins.
    fn default() -> Self {
        Rates { paragraph_lines: (1, 5), merge: 0.10, split: 0.05, omit: 0.02, join_paragraphs: 0.05 }
    }
}

/// One side of a generated case.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseSide {
    /// Sentences.
    pub sentences: Vec<String>,
    /// Paragraphs as ranges of sentences.
    pub paragraphs: Vec<Range<usize>>,
    /// For each sentence, the lines of the parallel document it holds (a sentence made up
    /// for one side only holds a line number no other sentence has).
    pub lines: Vec<Vec<usize>>,
}

impl CaseSide {
    /// The paragraph number of each sentence.
    fn paragraph_of(&self) -> Vec<usize> {
        let mut of = vec![0; self.sentences.len()];
        for (p, r) in self.paragraphs.iter().enumerate() {
            for i in r.clone() {
                of[i] = p;
            }
        }
        of
    }

    fn rebuild(&mut self, units: Vec<Unit>) {
        *self = case_side(units);
    }

    fn units(&self) -> Vec<Unit> {
        let of = self.paragraph_of();
        self.sentences
            .iter()
            .zip(&self.lines)
            .zip(of)
            .map(|((t, l), p)| Unit { text: t.clone(), lines: l.clone(), paragraph: p })
            .collect()
    }

    /// Keeps the sentences for which `keep(index)` holds (paragraphs shrink or go).
    pub fn retain(&mut self, mut keep: impl FnMut(usize) -> bool) {
        let units: Vec<Unit> = self.units().into_iter().enumerate().filter(|(i, _)| keep(*i)).map(|u| u.1).collect();
        self.rebuild(units);
    }

    /// Inserts a sentence as a paragraph of its own before sentence `at` (a paragraph it
    /// falls inside is cut in two); it holds `line` only.
    pub fn insert(&mut self, at: usize, text: String, line: usize) {
        let mut units = self.units();
        let at = at.min(units.len());
        // Paragraph numbers are spread out so the new one and a cut can get their own.
        for (i, u) in units.iter_mut().enumerate() {
            u.paragraph = u.paragraph * 4 + if i >= at { 2 } else { 0 };
        }
        let paragraph = if at < units.len() { units[at].paragraph - 1 } else { usize::MAX };
        units.insert(at, Unit { text, lines: vec![line], paragraph });
        self.rebuild(units);
    }
}

/// The right beads of two generated sides (after [`CaseSide::retain`] and
/// [`CaseSide::insert`]): sentences sharing a line belong to one bead; a sentence without
/// any counterpart stands alone.
pub fn gold(source: &CaseSide, target: &CaseSide) -> Vec<Bead> {
    gold_beads(&source.units(), &target.units())
}

/// A generated alignment problem with its answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Case {
    /// The source side.
    pub source: CaseSide,
    /// The target side.
    pub target: CaseSide,
    /// The right beads.
    pub gold: Vec<Bead>,
}

/// A unit while generating: its text, the original lines it holds, and its paragraph.
#[derive(Debug, Clone)]
struct Unit {
    text: String,
    lines: Vec<usize>,
    paragraph: usize,
}

/// Splits a sentence in two: at the comma nearest the middle, or at the word boundary
/// nearest the middle; the first part ends with a full stop, the second starts with a
/// capital.
fn split_sentence(text: &str) -> Option<(String, String)> {
    let words: Vec<(usize, &str)> = text.match_indices(' ').collect();
    if words.len() < 7 {
        return None;
    }
    let middle = text.len() / 2;
    let commas: Vec<usize> =
        text.match_indices(", ").map(|(i, _)| i).filter(|&i| i > text.len() / 5 && i < text.len() * 4 / 5).collect();
    let (cut, skip) = match commas.iter().min_by_key(|&&i| i.abs_diff(middle)) {
        Some(&i) => (i, 2),
        None => {
            let (i, _) = *words.iter().min_by_key(|(i, _)| i.abs_diff(middle))?;
            (i, 1)
        }
    };
    let first = format!("{}.", text[..cut].trim_end_matches([',', ';', ':']));
    let rest = &text[cut + skip..];
    let mut chars = rest.chars();
    let head = chars.next()?;
    let second: String = head.to_uppercase().chain(chars).collect();
    Some((first, second))
}

/// Merges two sentences into one: a final full stop of the first becomes a semicolon, so a
/// sentence splitter also sees one sentence.
fn merge_sentences(a: &str, b: &str) -> String {
    match a.strip_suffix('.') {
        Some(head) => format!("{head}; {b}"),
        None => format!("{a} {b}"),
    }
}

/// Whether a line ends like a sentence: `.`, `!`, `?` or `…`, perhaps inside closing quotes
/// or brackets.
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end().trim_end_matches(['"', '\'', '”', '’', '»', '«', '“', ')', ']']);
    t.ends_with(['.', '!', '?', '…'])
}

/// Makes an alignment problem from a parallel document: `source[i]` translates `target[i]`.
pub fn make_case(source: &[&str], target: &[&str], rates: &Rates, rng: &mut Rng) -> Case {
    let n = source.len().min(target.len());
    // Paragraphs of random length over the lines; a line without final punctuation (a
    // headline, a list item) is a paragraph of its own, as in a real document.
    let mut para_of = Vec::with_capacity(n);
    let mut p = 0;
    let mut left = 0;
    for i in 0..n {
        let alone = !ends_sentence(source[i]) || !ends_sentence(target[i]);
        if left == 0 || alone {
            let (lo, hi) = rates.paragraph_lines;
            left = lo + rng.below(hi - lo + 1);
            if !para_of.is_empty() {
                p += 1;
            }
        }
        para_of.push(p);
        left -= 1;
        if alone {
            left = 0;
        }
    }
    let units = |lines: &[&str]| -> Vec<Unit> {
        lines[..n]
            .iter()
            .enumerate()
            .map(|(i, t)| Unit { text: t.to_string(), lines: vec![i], paragraph: para_of[i] })
            .collect()
    };
    let mut sides = [units(source), units(target)];
    // Splits.
    for side in &mut sides {
        let mut out = Vec::new();
        for u in side.drain(..) {
            if rng.unit() < rates.split / 2.0
                && let Some((a, b)) = split_sentence(&u.text)
            {
                out.push(Unit { text: a, ..u.clone() });
                out.push(Unit { text: b, ..u });
                continue;
            }
            out.push(u);
        }
        *side = out;
    }
    // Merges inside paragraphs.
    for side in &mut sides {
        let mut out: Vec<Unit> = Vec::new();
        let mut just_merged = false;
        for u in side.drain(..) {
            if let Some(last) = out.last_mut()
                && last.paragraph == u.paragraph
                && !just_merged
                && rng.unit() < rates.merge / 2.0
            {
                last.text = merge_sentences(&last.text, &u.text);
                last.lines.extend(u.lines);
                just_merged = true;
                continue;
            }
            just_merged = false;
            out.push(u);
        }
        *side = out;
    }
    // Omissions.
    for side in &mut sides {
        side.retain(|_| rng.unit() >= rates.omit / 2.0);
    }
    // Paragraph joins: a paragraph takes the number of the one before it.
    for side in &mut sides {
        let mut renumber: BTreeMap<usize, usize> = BTreeMap::new();
        let mut paragraphs: Vec<usize> = side.iter().map(|u| u.paragraph).collect();
        paragraphs.dedup();
        for w in paragraphs.windows(2) {
            let before = renumber.get(&w[0]).copied().unwrap_or(w[0]);
            if rng.unit() < rates.join_paragraphs / 2.0 {
                renumber.insert(w[1], before);
            }
        }
        for u in side.iter_mut() {
            if let Some(&to) = renumber.get(&u.paragraph) {
                u.paragraph = to;
            }
        }
    }
    let [src, tgt] = sides;
    let gold = gold_beads(&src, &tgt);
    Case { source: case_side(src), target: case_side(tgt), gold }
}

fn case_side(units: Vec<Unit>) -> CaseSide {
    let mut paragraphs: Vec<Range<usize>> = Vec::new();
    let mut last = None;
    for (i, u) in units.iter().enumerate() {
        if last == Some(u.paragraph) {
            if let Some(p) = paragraphs.last_mut() {
                p.end = i + 1;
            }
        } else {
            paragraphs.push(i..i + 1);
        }
        last = Some(u.paragraph);
    }
    let lines = units.iter().map(|u| u.lines.clone()).collect();
    CaseSide { sentences: units.into_iter().map(|u| u.text).collect(), paragraphs, lines }
}

/// The gold beads: units sharing an original line belong to one bead; units whose lines
/// are gone on the other side stand alone.
fn gold_beads(src: &[Unit], tgt: &[Unit]) -> Vec<Bead> {
    let mut src_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, u) in src.iter().enumerate() {
        for &l in &u.lines {
            src_of.insert(l, i);
        }
    }
    let mut tgt_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (j, u) in tgt.iter().enumerate() {
        for &l in &u.lines {
            tgt_of.insert(l, j);
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < src.len() || j < tgt.len() {
        // A unit with no counterpart at all stands alone where it is.
        if let Some(u) = src.get(i)
            && !u.lines.iter().any(|l| tgt_of.contains_key(l))
        {
            beads.push(Bead::new(i..i + 1, j..j));
            i += 1;
            continue;
        }
        if let Some(u) = tgt.get(j)
            && !u.lines.iter().any(|l| src_of.contains_key(l))
        {
            beads.push(Bead::new(i..i, j..j + 1));
            j += 1;
            continue;
        }
        // Start a bead at the unit with the smaller first line.
        let si = src.get(i).map(|u| u.lines[0]);
        let tj = tgt.get(j).map(|u| u.lines[0]);
        let (mut s_end, mut t_end) = (i, j);
        match (si, tj) {
            (Some(a), Some(b)) if a <= b => s_end = i + 1,
            (Some(_), None) => s_end = i + 1,
            _ => t_end = j + 1,
        }
        // Grow until no unit inside links to a unit outside.
        loop {
            let mut grew = false;
            for u in &src[i..s_end] {
                for l in &u.lines {
                    if let Some(&t) = tgt_of.get(l)
                        && t + 1 > t_end
                    {
                        t_end = t + 1;
                        grew = true;
                    }
                }
            }
            for u in &tgt[j..t_end] {
                for l in &u.lines {
                    if let Some(&s) = src_of.get(l)
                        && s + 1 > s_end
                    {
                        s_end = s + 1;
                        grew = true;
                    }
                }
            }
            if !grew {
                break;
            }
        }
        beads.push(Bead::new(i..s_end, j..t_end));
        i = s_end;
        j = t_end;
    }
    beads
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: Range<usize>, t: Range<usize>) -> Bead {
        Bead::new(s, t)
    }

    #[test]
    fn strict_and_lax() {
        let gold = [b(0..1, 0..1), b(1..3, 1..2), b(3..4, 2..3), b(4..5, 3..3)];
        let test = [b(0..1, 0..1), b(1..2, 1..2), b(2..3, 2..2), b(3..4, 2..3), b(4..5, 3..3)];
        let c = score(&gold, &test);
        // Predicted with both sides: 3; exact 2; lax 3. Gold with both sides: 3; found exactly 2, lax 3.
        assert_eq!((c.predicted, c.strict_right_predicted, c.lax_right_predicted), (3, 2, 3));
        assert_eq!((c.gold, c.strict_found_gold, c.lax_found_gold), (3, 2, 3));
        assert!((c.strict().f1 - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.lax().f1 - 1.0).abs() < 1e-9);
    }

    #[test]
    fn ladder_and_beads_formats() {
        let ladder = parse_ladder("0 0\n1 1\n3 2\n4 2\n4 3\n").expect("ladder");
        assert_eq!(ladder, [b(0..1, 0..1), b(1..3, 1..2), b(3..4, 2..2), b(4..4, 2..3)]);
        let beads = parse_beads("[0]:[0]\n[1, 2]:[1]\n[3]:[]\n[]:[2]\n").expect("beads");
        assert_eq!(beads, [b(0..1, 0..1), b(1..3, 1..2), b(3..4, 0..0), b(0..0, 2..3)]);
        assert_eq!(Bead::new(1..3, 1..2).to_beads_line(), "[1, 2]:[1]");
        assert!(parse_ladder("0 0\n2 1\n1 2\n").is_err());
        assert!(parse_beads("[0, 2]:[1]").is_err());
    }

    #[test]
    fn generated_gold_matches_the_changes() {
        let src: Vec<String> =
            (0..200).map(|i| format!("Source sentence {i}, with some words to make it long enough.")).collect();
        let tgt: Vec<String> =
            (0..200).map(|i| format!("Target sentence {i}, with some words to make it long enough.")).collect();
        let src: Vec<&str> = src.iter().map(String::as_str).collect();
        let tgt: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let case = make_case(&src, &tgt, &Rates::default(), &mut Rng::new(7));
        // The gold covers both sides in order, and every bead's sentences share numbers.
        let (mut s, mut t) = (0, 0);
        let mut shapes = std::collections::BTreeSet::new();
        for g in &case.gold {
            assert_eq!((g.source.start, g.target.start), (s, t));
            s = g.source.end;
            t = g.target.end;
            shapes.insert((g.source.len(), g.target.len()));
            let nums = |side: &CaseSide, r: &Range<usize>| -> std::collections::BTreeSet<String> {
                side.sentences[r.clone()]
                    .iter()
                    .flat_map(|x| {
                        x.split(|c: char| !c.is_ascii_digit())
                            .filter(|d| !d.is_empty())
                            .map(String::from)
                            .collect::<Vec<_>>()
                    })
                    .collect()
            };
            if !g.source.is_empty() && !g.target.is_empty() {
                assert_eq!(nums(&case.source, &g.source), nums(&case.target, &g.target), "{g:?}");
            }
        }
        assert_eq!((s, t), (case.source.sentences.len(), case.target.sentences.len()));
        for shape in [(1, 1), (2, 1), (1, 2), (1, 0), (0, 1)] {
            assert!(shapes.contains(&shape), "no {shape:?} bead in {shapes:?}");
        }
        // Paragraphs cover the sentences.
        assert_eq!(case.source.paragraphs.last().map(|p| p.end), Some(case.source.sentences.len()));
        // Joins are the last change, so without them the same seed gives the same case with
        // every paragraph break; some are gone.
        let unjoined = make_case(&src, &tgt, &Rates { join_paragraphs: 0.0, ..Rates::default() }, &mut Rng::new(7));
        assert_eq!(unjoined.source.paragraphs.len(), unjoined.target.paragraphs.len());
        assert!(case.source.paragraphs.len() + case.target.paragraphs.len() < 2 * unjoined.source.paragraphs.len());
        // Same seed, same case.
        assert_eq!(case, make_case(&src, &tgt, &Rates::default(), &mut Rng::new(7)));
    }

    #[test]
    fn projection_joins_beads_that_share_a_unit() {
        // Source unit 1 was cut in two sentences (1 and 2) that went to two beads.
        let src_units = [0..1, 1..2, 1..2, 2..3];
        let tgt_units = [0..1, 1..2, 2..3];
        let beads = [b(0..1, 0..1), b(1..2, 1..2), b(2..3, 2..2), b(3..4, 2..3)];
        assert_eq!(project(&beads, &src_units, &tgt_units), [b(0..1, 0..1), b(1..2, 1..2), b(2..3, 2..3)]);
    }

    #[test]
    fn splits_at_a_comma_near_the_middle() {
        let (a, b) =
            split_sentence("The ministers met in Brussels on Thursday, and they agreed to spend more on defence.")
                .expect("splits");
        assert_eq!(a, "The ministers met in Brussels on Thursday.");
        assert_eq!(b, "And they agreed to spend more on defence.");
        assert_eq!(merge_sentences("One.", "Two."), "One; Two.");
    }
}
