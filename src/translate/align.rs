//! Sentence alignment of an original and its translation.
//!
//! Paragraphs are aligned first, then the sentences inside each group of aligned
//! paragraphs, so a mistake can never wander across the text. Both levels use the same
//! dynamic programme over *beads*: 1:1, 1:0, 0:1, 2:1, 1:2 and 2:2. A bead's cost is
//!
//! * the Gale–Church length cost: how unlikely the two sides' lengths in characters are,
//!   given the ratio of the two whole texts and a variance that grows with length;
//! * plus a prior for the kind of bead (one sentence translated by one is by far the most
//!   common; omissions and merges cost more);
//! * minus the weights of the [anchors](crate::translate::anchors) both sides share:
//!   numbers, dates, names, cognates, dictionary pairs, marks.
//!
//! The programme runs inside a band around the diagonal of the two texts; when the best
//! path comes near the band's edge, the band is doubled and the programme run again, so
//! the band only saves time and never changes the result of a well-behaved text. A
//! thousand sentence pairs align in a few milliseconds (`benches/align.rs`).
//!
//! The parameters are fixed in [`AlignParams::default`]; `examples/eval_align.rs` measures
//! them on held development data.

use std::ops::Range;

use crate::model::LanguageTag;
use crate::translate::anchors::{self, AnchorKind, AnchorSettings, Interner};
use crate::translate::coverage::{self, CoverageSettings};
use crate::translate::dictionary::{Dictionary, DictionarySide};

/// One bead of an alignment: source sentences `source` stand with target sentences
/// `target`. Either range may be empty (a sentence with no counterpart).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Bead {
    /// Source sentence indices.
    pub source: Range<usize>,
    /// Target sentence indices.
    pub target: Range<usize>,
}

impl Bead {
    /// A bead of the given ranges.
    pub(crate) fn new(source: Range<usize>, target: Range<usize>) -> Bead {
        Bead { source, target }
    }

    /// Writes the bead as Vecalign and Bertalign do: `[0, 1]:[0]`, `[2]:[]`.
    pub fn to_beads_line(&self) -> String {
        let list = |r: &Range<usize>| r.clone().map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
        format!("[{}]:[{}]", list(&self.source), list(&self.target))
    }
}

/// The aligner's parameters. The defaults are the fixed, evaluated ones.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignParams {
    /// Gale–Church variance of the length difference per character.
    pub variance: f64,
    /// Cost of a 1:1 bead (−ln of its prior probability).
    pub cost_1_1: f64,
    /// Cost of a 2:1 or 1:2 bead.
    pub cost_2_1: f64,
    /// Cost of a 2:2 bead.
    pub cost_2_2: f64,
    /// Cost of a 1:0 or 0:1 bead.
    pub cost_1_0: f64,
    /// The same four costs for paragraphs, which translators rarely merge or drop.
    pub paragraph_costs: [f64; 4],
    /// Weight of a shared number.
    pub weight_number: f64,
    /// Weight of a shared month of a date.
    pub weight_month: f64,
    /// Weight of a shared capitalised word.
    pub weight_name: f64,
    /// Weight of a shared long word.
    pub weight_cognate: f64,
    /// Weight of a dictionary pair.
    pub weight_dictionary: f64,
    /// Weight of a shared `?`, `!`, `(`, `%`.
    pub weight_mark: f64,
    /// Weight of a shared `:`, `;`, quotation.
    pub weight_weak_mark: f64,
    /// Share of an anchor's weight charged when a bead with two non-empty sides has it on
    /// one side only (a name in the original that the translation lacks says the two do not
    /// belong together, unless the sentence was left out, which a 1:0 bead says).
    pub unmatched: f64,
    /// Most the unmatched anchors of one bead may cost per two sentences, so a long pair whose translation
    /// leaves out a few names still costs less than a 1:0 and a 0:1 bead.
    pub unmatched_cap: f64,
    /// Cost of a 1:0 or 0:1 sentence before the first or after the last sentence of the
    /// other side (the part of the text a partial translation leaves out).
    pub edge_gap: f64,
    /// The same for a paragraph.
    pub paragraph_edge_gap: f64,
    /// Cost of a 1:0 or 0:1 paragraph anywhere when one side has at least a quarter more
    /// paragraphs than the other (a translation of some of the paragraphs).
    pub paragraph_partial_gap: f64,
    /// [`AlignParams::unmatched`] for paragraphs in such a text (0 otherwise: whole
    /// paragraphs hold many anchors a translation renders differently).
    pub paragraph_partial_unmatched: f64,
    /// Gain for each confident pair of the coarse pass a bead holds.
    pub confident: f64,
    /// Cost for each confident pair a bead cuts in two.
    pub conflict: f64,
    /// How anchors are found.
    pub anchors: AnchorSettings,
    /// How the coarse pass finds the part of the text the translation covers.
    pub coverage: CoverageSettings,
    /// Half-width of the first band, in sentences.
    pub band: usize,
}

impl Default for AlignParams {
    fn default() -> Self {
        AlignParams {
            variance: 6.8,
            cost_1_1: 0.117,
            cost_2_1: 3.1,
            cost_2_2: 4.5,
            cost_1_0: 5.3,
            paragraph_costs: [0.05, 4.0, 6.0, 6.0],
            weight_number: 2.0,
            weight_month: 2.0,
            weight_name: 1.5,
            weight_cognate: 0.7,
            weight_dictionary: 1.0,
            weight_mark: 1.0,
            weight_weak_mark: 0.3,
            unmatched: 0.25,
            unmatched_cap: 5.0,
            edge_gap: 2.0,
            paragraph_edge_gap: 2.0,
            paragraph_partial_gap: 2.5,
            paragraph_partial_unmatched: 0.1,
            confident: 1.0,
            conflict: 2.5,
            anchors: AnchorSettings { name_prefix: 5, cognate_min: 6, cognate_prefix: 5 },
            coverage: CoverageSettings { rare: 4, min_score: 1.4, neighbour: 12 },
            band: 16,
        }
    }
}

impl AlignParams {
    fn weight(&self, kind: AnchorKind) -> f64 {
        match kind {
            AnchorKind::Number => self.weight_number,
            AnchorKind::Month => self.weight_month,
            AnchorKind::Name => self.weight_name,
            AnchorKind::Cognate => self.weight_cognate,
            AnchorKind::Dictionary => self.weight_dictionary,
            AnchorKind::Mark => self.weight_mark,
            AnchorKind::WeakMark => self.weight_weak_mark,
        }
    }
}

/// One side of a bilingual text: its sentences grouped in paragraphs.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The sentences, in order.
    pub sentences: &'a [&'a str],
    /// The paragraphs as ranges of sentence indices, in order, covering all sentences.
    /// Empty: the whole text is one paragraph.
    pub paragraphs: &'a [Range<usize>],
    /// The language.
    pub language: &'a LanguageTag,
}

/// Sentences prepared for scoring: lengths and anchors of each unit and of each pair of
/// neighbouring units.
struct Units {
    len: Vec<f64>,
    anchors: Vec<Vec<u32>>,
    pairs: Vec<Vec<u32>>,
    /// Summed weights of `anchors` and `pairs`, set by [`Units::weigh`].
    totals: Vec<f64>,
    pair_totals: Vec<f64>,
    /// The units of the other side each unit is a confident pair with (coarse pass).
    partners: Vec<Vec<u32>>,
}

fn total(anchors: &[u32], weights: &[f64]) -> f64 {
    anchors.iter().map(|&a| weights[a as usize]).sum()
}

impl Units {
    fn new(len: Vec<f64>, anchors: Vec<Vec<u32>>) -> Units {
        let pairs = (0..anchors.len())
            .map(|i| match anchors.get(i + 1) {
                Some(next) => merge(&anchors[i], next),
                None => anchors[i].clone(),
            })
            .collect();
        Units { len, anchors, pairs, totals: Vec::new(), pair_totals: Vec::new(), partners: Vec::new() }
    }

    fn weigh(mut self, weights: &[f64]) -> Units {
        self.totals = self.anchors.iter().map(|a| total(a, weights)).collect();
        self.pair_totals = self.pairs.iter().map(|a| total(a, weights)).collect();
        self
    }

    fn total_of(&self, start: usize, count: usize) -> f64 {
        match count {
            1 => self.totals[start],
            _ => self.pair_totals[start],
        }
    }

    /// Units made of consecutive groups of these (paragraphs of sentences).
    fn grouped(&self, groups: &[Range<usize>], weights: &[f64]) -> Units {
        let len =
            groups.iter().map(|g| self.len[g.clone()].iter().sum::<f64>() + g.len().saturating_sub(1) as f64).collect();
        let anchors = groups
            .iter()
            .map(|g| {
                let mut all: Vec<u32> = self.anchors[g.clone()].iter().flatten().copied().collect();
                all.sort_unstable();
                all
            })
            .collect();
        Units::new(len, anchors).weigh(weights)
    }

    /// Sets each unit's partners from confident pairs `(source unit, target unit)`.
    fn partners_from(&mut self, points: &[(usize, usize)], source: bool) {
        self.partners = vec![Vec::new(); self.len.len()];
        for &(i, j) in points {
            let (mine, theirs) = if source { (i, j) } else { (j, i) };
            if let Some(list) = self.partners.get_mut(mine)
                && !list.contains(&(theirs as u32))
            {
                list.push(theirs as u32);
            }
        }
    }

    /// Of the confident partners of units `start..start + count`: how many lie in
    /// `other`, and how many outside it.
    fn partners_in(&self, start: usize, count: usize, other: &Range<usize>) -> (usize, usize) {
        let (mut hit, mut miss) = (0, 0);
        for list in self.partners.get(start..start + count).unwrap_or(&[]) {
            for &p in list {
                if other.contains(&(p as usize)) {
                    hit += 1;
                } else {
                    miss += 1;
                }
            }
        }
        (hit, miss)
    }

    fn anchors_of(&self, start: usize, count: usize) -> &[u32] {
        match count {
            1 => &self.anchors[start],
            _ => &self.pairs[start],
        }
    }

    fn len_of(&self, start: usize, count: usize) -> f64 {
        match count {
            0 => 0.0,
            1 => self.len[start],
            _ => self.len[start] + self.len[start + 1] + 1.0,
        }
    }
}

fn merge(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut v = Vec::with_capacity(a.len() + b.len());
    v.extend_from_slice(a);
    v.extend_from_slice(b);
    v.sort_unstable();
    v
}

/// Sum of weights of the anchors two sorted lists share (as multisets).
fn shared(a: &[u32], b: &[u32], weights: &[f64]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += weights[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// −ln(erfc(x)) for x ≥ 0, without underflow for large x (Numerical Recipes' erfcc,
/// fractional error below 1.2e-7).
fn neg_ln_erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    // erfc(z) = t * exp(-z² + poly)
    z * z - poly - t.ln()
}

/// Steps per unit of the table of [`neg_ln_erfc`].
const TABLE_STEPS: f64 = 256.0;
/// The table covers 0 ≤ x < this.
const TABLE_END: f64 = 8.0;

/// −ln(erfc(x)) from a table with linear interpolation (the programme evaluates it
/// hundreds of thousands of times); the formula past the table's end.
fn length_cost(x: f64) -> f64 {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    if x >= TABLE_END - 1.0 / TABLE_STEPS {
        return neg_ln_erfc(x);
    }
    let table = TABLE.get_or_init(|| {
        (0..=(TABLE_END * TABLE_STEPS) as usize).map(|i| neg_ln_erfc(i as f64 / TABLE_STEPS)).collect()
    });
    let pos = x * TABLE_STEPS;
    let i = pos as usize;
    let frac = pos - i as f64;
    table[i] + (table[i + 1] - table[i]) * frac
}

/// The bead shapes, as (source count, target count).
const SHAPES: [(usize, usize); 6] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)];

struct Scorer<'a> {
    src: &'a Units,
    tgt: &'a Units,
    weights: &'a [f64],
    ratio: f64,
    variance: f64,
    unmatched: f64,
    unmatched_cap: f64,
    /// Costs of the shapes in [`SHAPES`] order.
    shape_costs: [f64; 6],
    /// Cost of a 1:0 or 0:1 bead at the edges below.
    edge_gap: f64,
    /// Source positions (before the first unit, after the last) where a 0:1 bead costs
    /// `edge_gap`; `usize::MAX` where there is no such edge.
    src_edges: [usize; 2],
    /// Likewise target positions, for 1:0 beads.
    tgt_edges: [usize; 2],
    /// Gain for each confident pair a bead holds.
    confident: f64,
    /// Cost for each confident pair a bead cuts (one of its sentences here, the other
    /// elsewhere).
    conflict: f64,
}

/// Tables up to this many cells are filled whole when the coarse pass found nothing.
const SMALL_TABLE: usize = 1_000_000;

/// Cells a banded programme may fill before the band stops growing: about 1,400 × 1,400,
/// plus 30 per sentence, so time stays linear in the input (50,000 sentences against
/// 25,000 without a confident pair stop at a half-width of 32 around the guide).
fn cell_budget(n: usize, m: usize) -> usize {
    2_000_000 + 30 * (n + m)
}

impl Scorer<'_> {
    fn cost(&self, i: usize, di: usize, j: usize, dj: usize, shape: usize) -> f64 {
        let prior = self.shape_costs[shape];
        if dj == 0 {
            let cut = self.src.partners_in(i, di, &(0..0)).1 as f64 * self.conflict;
            return cut + if self.tgt_edges.contains(&j) { self.edge_gap } else { prior };
        }
        if di == 0 {
            let cut = self.tgt.partners_in(j, dj, &(0..0)).1 as f64 * self.conflict;
            return cut + if self.src_edges.contains(&i) { self.edge_gap } else { prior };
        }
        let (hit, miss_s) = self.src.partners_in(i, di, &(j..j + dj));
        let (_, miss_t) = self.tgt.partners_in(j, dj, &(i..i + di));
        let confident = (miss_s + miss_t) as f64 * self.conflict - hit as f64 * self.confident;
        let ls = self.src.len_of(i, di);
        let lt = self.tgt.len_of(j, dj);
        let mean = ((ls + lt / self.ratio) / 2.0).max(1.0);
        let delta = (lt - ls * self.ratio) / (mean * self.variance).sqrt();
        let length = length_cost(delta.abs() / std::f64::consts::SQRT_2);
        let (a, b) = (self.src.anchors_of(i, di), self.tgt.anchors_of(j, dj));
        let gain = shared(a, b, self.weights);
        let unmatched = self.src.total_of(i, di) + self.tgt.total_of(j, dj) - 2.0 * gain;
        prior + length + confident - gain
            + (self.unmatched * unmatched).min(self.unmatched_cap * (di + dj) as f64 / 2.0)
    }

    /// The best beads from (s.start, t.start) to (s.end, t.end), in a band around the
    /// guide through `points` (confident pairs, in the units' own numbering).
    fn align(&self, s: Range<usize>, t: Range<usize>, band: usize, points: &[(usize, usize)]) -> Vec<Bead> {
        let (n, m) = (s.len(), t.len());
        if n == 0 {
            return t.map(|j| Bead::new(s.start..s.start, j..j + 1)).collect();
        }
        if m == 0 {
            return s.map(|i| Bead::new(i..i + 1, t.start..t.start)).collect();
        }
        let inside: Vec<(usize, usize)> = points
            .iter()
            .filter(|p| s.contains(&p.0) && t.contains(&p.1))
            .map(|&(i, j)| (i - s.start, j - t.start))
            .collect();
        let guide = coverage::guide(&inside, n, m);
        // Without a confident pair to follow, a small table is filled whole: a short text
        // against a long one may belong anywhere in it.
        let mut w = if inside.is_empty() && (n + 1) * (m + 1) <= SMALL_TABLE { usize::MAX } else { band };
        let budget = cell_budget(n, m);
        loop {
            let full = w >= n.max(m) && (n + 1) * (m + 1) <= budget;
            let (lo, hi) = if full { (vec![0; n + 1], vec![m; n + 1]) } else { band_rows(&guide, w, m) };
            let (beads, near_edge) = self.banded(s.clone(), t.clone(), &lo, &hi);
            if full || !near_edge {
                return beads;
            }
            w = w.saturating_mul(2);
            let next = band_rows(&guide, w, m);
            let cells: usize = next.0.iter().zip(&next.1).map(|(l, h)| h - l + 1).sum();
            if cells > budget && !beads.is_empty() {
                return beads;
            }
        }
    }

    fn banded(&self, s: Range<usize>, t: Range<usize>, lo: &[usize], hi: &[usize]) -> (Vec<Bead>, bool) {
        let (n, m) = (s.len(), t.len());
        // Row i (0..=n) covers columns lo[i]..=hi[i].
        let mut offset = Vec::with_capacity(n + 2);
        offset.push(0usize);
        for i in 0..=n {
            offset.push(offset[i] + (hi[i] - lo[i] + 1));
        }
        let cells = offset[n + 1];
        let mut cost = vec![f64::INFINITY; cells];
        let mut back = vec![u8::MAX; cells];
        let index = |i: usize, j: usize| -> Option<usize> { (j >= lo[i] && j <= hi[i]).then(|| offset[i] + j - lo[i]) };
        cost[0] = 0.0;
        for i in 0..=n {
            for j in lo[i]..=hi[i] {
                let here = offset[i] + j - lo[i];
                if i == 0 && j == 0 {
                    continue;
                }
                let mut best = f64::INFINITY;
                let mut best_shape = u8::MAX;
                for (k, &(di, dj)) in SHAPES.iter().enumerate() {
                    if di > i || dj > j {
                        continue;
                    }
                    let Some(prev) = index(i - di, j - dj) else { continue };
                    let before = cost[prev];
                    if !before.is_finite() {
                        continue;
                    }
                    let c = before + self.cost(s.start + i - di, di, t.start + j - dj, dj, k);
                    if c < best {
                        best = c;
                        best_shape = k as u8;
                    }
                }
                cost[here] = best;
                back[here] = best_shape;
            }
        }
        // Trace back.
        let mut beads = Vec::new();
        let mut near_edge = false;
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let Some(here) = index(i, j) else { break };
            if (j < lo[i] + 2 && lo[i] > 0) || (j + 2 > hi[i] && hi[i] < m) {
                near_edge = true;
            }
            let shape = back[here];
            if shape == u8::MAX {
                // Unreachable inside this band: widen it.
                return (Vec::new(), true);
            }
            let (di, dj) = SHAPES[shape as usize];
            beads.push(Bead::new(s.start + i - di..s.start + i, t.start + j - dj..t.start + j));
            i -= di;
            j -= dj;
        }
        beads.reverse();
        (beads, near_edge)
    }
}

/// The band of half-width `w` around a guide: for each row, its first and last column,
/// widened so that each row's columns overlap the next row's and the corners are inside.
fn band_rows(guide: &(Vec<usize>, Vec<usize>), w: usize, m: usize) -> (Vec<usize>, Vec<usize>) {
    let (glo, ghi) = guide;
    let n = glo.len() - 1;
    let mut lo: Vec<usize> = glo.iter().map(|l| l.saturating_sub(w)).collect();
    let mut hi: Vec<usize> = ghi.iter().map(|h| h.saturating_add(w).min(m)).collect();
    lo[0] = 0;
    hi[n] = m;
    for i in (0..n).rev() {
        lo[i] = lo[i].min(lo[i + 1]);
    }
    for i in 1..=n {
        hi[i] = hi[i].max(hi[i - 1]);
    }
    (lo, hi)
}

/// Aligns the sentences of two texts: paragraphs first, then sentences inside aligned
/// paragraphs. Beads cover every sentence of both sides, in order. `forced` beads (an
/// analyst's fixes, in order and not overlapping) are kept as they are and the rest is
/// aligned around them.
pub fn align(
    source: Side<'_>,
    target: Side<'_>,
    dictionary: Option<&Dictionary>,
    forced: &[Bead],
    params: &AlignParams,
) -> Vec<Bead> {
    let mut interner = Interner::default();
    let src = prepare(&source, dictionary.map(|d| (d, DictionarySide::Source)), params, &mut interner);
    let tgt = prepare(&target, dictionary.map(|d| (d, DictionarySide::Target)), params, &mut interner);
    let weights: Vec<f64> = interner.kinds().iter().map(|&k| params.weight(k)).collect();
    let (mut src, mut tgt) = (src.weigh(&weights), tgt.weigh(&weights));
    // The coarse pass: confident pairs, from anchors that name something.
    let content: Vec<f64> = interner
        .kinds()
        .iter()
        .map(|&k| match k {
            AnchorKind::Number | AnchorKind::Name | AnchorKind::Cognate | AnchorKind::Dictionary => params.weight(k),
            AnchorKind::Month | AnchorKind::Mark | AnchorKind::WeakMark => 0.0,
        })
        .collect();
    let points = coverage::chain(&src.anchors, &tgt.anchors, &content, &params.coverage);
    src.partners_from(&points, true);
    tgt.partners_from(&points, false);
    let cover = coverage_of(&points, &src.len, &tgt.len, params.coverage.neighbour);
    let ratio = cover.ratio;
    let sentence_costs =
        [params.cost_1_1, params.cost_1_0, params.cost_1_0, params.cost_2_1, params.cost_2_1, params.cost_2_2];
    let [p11, p10, p21, p22] = params.paragraph_costs;
    let paragraph_costs = [p11, p10, p10, p21, p21, p22];
    let src_paras = paragraphs_of(&source);
    let tgt_paras = paragraphs_of(&target);

    let mut out = Vec::new();
    let (mut s0, mut t0) = (0, 0);
    let mut gaps: Vec<(Range<usize>, Range<usize>, Option<&Bead>)> = Vec::new();
    for f in forced {
        if f.source.start < s0 || f.target.start < t0 || f.source.end > src.len.len() || f.target.end > tgt.len.len() {
            continue;
        }
        gaps.push((s0..f.source.start, t0..f.target.start, Some(f)));
        s0 = f.source.end;
        t0 = f.target.end;
    }
    gaps.push((s0..src.len.len(), t0..tgt.len.len(), None));
    let (n_all, m_all) = (src.len.len(), tgt.len.len());
    let sentences = Scorer {
        src: &src,
        tgt: &tgt,
        weights: &weights,
        ratio,
        variance: params.variance,
        unmatched: params.unmatched,
        unmatched_cap: params.unmatched_cap,
        shape_costs: sentence_costs,
        edge_gap: params.edge_gap,
        src_edges: cover.src_edges,
        tgt_edges: cover.tgt_edges,
        confident: params.confident,
        conflict: params.conflict,
    };
    for (s, t, fixed) in gaps {
        let sp = clip(&src_paras, &s);
        let tp = clip(&tgt_paras, &t);
        if sp.len() <= 1 && tp.len() <= 1 {
            out.extend(sentences.align(s, t, params.band, &points));
        } else {
            let mut sg = src.grouped(&sp, &weights);
            let mut tg = tgt.grouped(&tp, &weights);
            let para_pairs = paragraph_pairs(&points, &sp, &tp);
            sg.partners_from(&para_pairs, true);
            tg.partners_from(&para_pairs, false);
            // The text's edges, where the coarse pass expects them, in paragraph numbers.
            let edge = |r: &Range<usize>, all: usize, count: usize, edges: [usize; 2]| {
                [
                    if r.start == 0 && edges[0] == 0 { 0 } else { usize::MAX },
                    if r.end == all && edges[1] == all { count } else { usize::MAX },
                ]
            };
            let mut groups = Scorer {
                src: &sg,
                tgt: &tg,
                weights: &weights,
                ratio,
                variance: params.variance,
                // Paragraphs hold many anchors a translation renders differently; charging
                // for them would make long paragraphs look like omissions.
                unmatched: 0.0,
                unmatched_cap: 0.0,
                shape_costs: paragraph_costs,
                edge_gap: params.paragraph_edge_gap,
                src_edges: edge(&s, n_all, sp.len(), cover.src_edges),
                tgt_edges: edge(&t, m_all, tp.len(), cover.tgt_edges),
                confident: params.confident,
                conflict: params.conflict,
            };
            // A side with many more paragraphs than the other has paragraphs the other
            // lacks (a translation of some of them): leaving one unpaired is common.
            let (np, mp) = (sp.len(), tp.len());
            if np.abs_diff(mp) >= 4 && (np * 4 > mp * 5 || mp * 4 > np * 5) {
                for k in [1, 2] {
                    groups.shape_costs[k] = groups.shape_costs[k].min(params.paragraph_partial_gap);
                }
                // And a paragraph paired with one whose anchors it lacks is likely not its
                // translation but a neighbour of the one left out.
                groups.unmatched = params.paragraph_partial_unmatched;
                groups.unmatched_cap = params.unmatched_cap;
            }
            let para_points = paragraph_points(&para_pairs);
            for pb in groups.align(0..sp.len(), 0..tp.len(), params.band, &para_points) {
                let ss = span(&sp, &pb.source, s.start);
                let ts = span(&tp, &pb.target, t.start);
                out.extend(sentences.align(ss, ts, params.band, &points));
            }
        }
        if let Some(f) = fixed {
            out.push(f.clone());
        }
    }
    fix_empty_positions(&mut out);
    out
}

/// The confident pairs in paragraph numbers (of `sp` and `tp`), in order.
fn paragraph_pairs(points: &[(usize, usize)], sp: &[Range<usize>], tp: &[Range<usize>]) -> Vec<(usize, usize)> {
    let find = |paras: &[Range<usize>], i: usize| {
        let k = paras.partition_point(|p| p.end <= i);
        (k < paras.len() && paras[k].contains(&i)).then_some(k)
    };
    let mut out: Vec<(usize, usize)> = points.iter().filter_map(|&(i, j)| Some((find(sp, i)?, find(tp, j)?))).collect();
    out.dedup();
    out
}

/// The confident pairs in paragraph numbers, strictly increasing (for the guide).
fn paragraph_points(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in pairs {
        if out.last().is_none_or(|&(pa, pb)| a > pa && b > pb) {
            out.push((a, b));
        }
    }
    out
}

/// What the coarse pass found: the length ratio, and where one side has sentences before
/// or after everything the other side has.
struct Coverage {
    ratio: f64,
    /// Source positions where target-only sentences are expected (0: before, n: after).
    src_edges: [usize; 2],
    /// Target positions where source-only sentences are expected.
    tgt_edges: [usize; 2],
}

/// Sentences one side has beyond the other before a stretch, above which the stretch is
/// taken as left out by the translation (or added to it).
const EDGE_EXTRA: usize = 2;

/// The length ratio and the uncovered edges from the confident pairs. The ratio is target
/// to source length in characters: the whole texts' when the pairs run from end to end, or
/// the covered stretch's when the translation covers part of the original (or the other
/// way round); 1 when there are no pairs and the texts are too different in length to be
/// translations of each other as a whole.
fn coverage_of(points: &[(usize, usize)], src: &[f64], tgt: &[f64], neighbour: usize) -> Coverage {
    let (n, m) = (src.len(), tgt.len());
    let sum = |v: &[f64]| v.iter().sum::<f64>();
    let (ls, lt) = (sum(src), sum(tgt));
    let (Some(&(i1, j1)), Some(&(ik, jk))) = (points.first(), points.last()) else {
        // Nothing to go by: a side much longer than the other may have extra text anywhere.
        let comparable = m * 2 <= n * 3 && n * 2 <= m * 3;
        let ratio = if ls > 0.0 && lt > 0.0 && comparable { lt / ls } else { 1.0 };
        let (s, t) = if comparable {
            ([usize::MAX; 2], [usize::MAX; 2])
        } else if n > m {
            ([usize::MAX; 2], [0, m])
        } else {
            ([0, n], [usize::MAX; 2])
        };
        return Coverage { ratio, src_edges: s, tgt_edges: t };
    };
    let (tail_s, tail_t) = (n - 1 - ik, m - 1 - jk);
    let src_edges =
        [if j1 > i1 + EDGE_EXTRA { 0 } else { usize::MAX }, if tail_t > tail_s + EDGE_EXTRA { n } else { usize::MAX }];
    let tgt_edges =
        [if i1 > j1 + EDGE_EXTRA { 0 } else { usize::MAX }, if tail_s > tail_t + EDGE_EXTRA { m } else { usize::MAX }];
    let whole = src_edges == [usize::MAX; 2] && tgt_edges == [usize::MAX; 2];
    // Between neighbouring pairs (a stretch with text left out on one side is as likely
    // either way, and a long stretch between two pairs may be a gap in the translation).
    let (mut cs, mut ct) = (0.0, 0.0);
    for w in points.windows(2) {
        let ((a, b), (c, d)) = (w[0], w[1]);
        // A stretch with many more sentences on one side holds text the other lacks.
        let (ds, dt) = (c - a, d - b);
        if ds <= neighbour && dt <= neighbour && ds.abs_diff(dt) <= 1 + ds.min(dt) / 4 {
            cs += sum(&src[a + 1..=c]);
            ct += sum(&tgt[b + 1..=d]);
        }
    }
    // The whole texts' ratio, unless one has many more sentences (a translation of some
    // of the paragraphs).
    let agrees = m * 4 <= n * 5 && n * 4 <= m * 5;
    let ratio = if whole && ls > 0.0 && lt > 0.0 && agrees {
        lt / ls
    } else if cs >= 300.0 && ct > 0.0 {
        ct / cs
    } else {
        // Few pairs: the pairs themselves, if they hold enough text.
        let (ps, pt) = (points.iter().map(|p| src[p.0]).sum::<f64>(), points.iter().map(|p| tgt[p.1]).sum::<f64>());
        if ps >= 100.0 && pt > 0.0 { pt / ps } else { 1.0 }
    };
    Coverage { ratio: ratio.clamp(0.25, 4.0), src_edges, tgt_edges }
}

/// Sentence range covered by paragraphs `r` of `paras` (empty at the right place when
/// `r` is empty).
fn span(paras: &[Range<usize>], r: &Range<usize>, gap_start: usize) -> Range<usize> {
    if r.is_empty() {
        let at = if r.start == 0 { paras.first().map_or(gap_start, |p| p.start) } else { paras[r.start - 1].end };
        return at..at;
    }
    paras[r.start].start..paras[r.end - 1].end
}

/// Empty sides of beads made before their neighbours were known get the position of the
/// sentence before them, so every bead's ranges are in order.
fn fix_empty_positions(beads: &mut [Bead]) {
    let (mut s, mut t) = (0, 0);
    for b in beads.iter_mut() {
        if b.source.is_empty() {
            b.source = s..s;
        }
        if b.target.is_empty() {
            b.target = t..t;
        }
        s = b.source.end;
        t = b.target.end;
    }
}

fn paragraphs_of(side: &Side<'_>) -> Vec<Range<usize>> {
    if side.paragraphs.is_empty() {
        return std::iter::once(0..side.sentences.len()).collect();
    }
    side.paragraphs.iter().filter(|p| !p.is_empty()).cloned().collect()
}

/// The paragraphs cut to the sentence range `r`.
fn clip(paras: &[Range<usize>], r: &Range<usize>) -> Vec<Range<usize>> {
    paras.iter().map(|p| p.start.max(r.start)..p.end.min(r.end)).filter(|p| p.start < p.end).collect()
}

fn prepare(
    side: &Side<'_>,
    dictionary: Option<(&Dictionary, DictionarySide)>,
    params: &AlignParams,
    interner: &mut Interner,
) -> Units {
    let len = side.sentences.iter().map(|s| s.chars().count() as f64).collect();
    let anchors = side
        .sentences
        .iter()
        .map(|s| anchors::interned(s, side.language, dictionary, &params.anchors, interner))
        .collect();
    Units::new(len, anchors)
}

/// Aligns two lists of sentences taken as one paragraph each.
pub fn align_sentences(
    source: &[&str],
    source_language: &LanguageTag,
    target: &[&str],
    target_language: &LanguageTag,
    params: &AlignParams,
) -> Vec<Bead> {
    align(
        Side { sentences: source, paragraphs: &[], language: source_language },
        Side { sentences: target, paragraphs: &[], language: target_language },
        None,
        &[],
        params,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LanguageTag {
        s.parse().expect("tag")
    }

    fn beads(list: &[Bead]) -> Vec<String> {
        list.iter().map(Bead::to_beads_line).collect()
    }

    #[test]
    fn length_cost_table_agrees_with_the_formula() {
        for i in 0..2000 {
            let x = f64::from(i) * 0.0051;
            assert!((length_cost(x) - neg_ln_erfc(x)).abs() < 1e-3, "{x}");
        }
    }

    #[test]
    fn erfc_in_log_space() {
        // erfc(0) = 1, erfc(1) = 0.157299..., erfc(5) = 1.5375e-12.
        assert!(neg_ln_erfc(0.0).abs() < 1e-6);
        assert!((neg_ln_erfc(1.0) - 1.849_533).abs() < 1e-4);
        assert!((neg_ln_erfc(5.0) - 27.2006).abs() < 1e-2);
        assert!(neg_ln_erfc(40.0).is_finite());
    }

    #[test]
    fn one_to_one_and_merges() {
        let en = [
            "NATO Defence Ministers will meet on 12 February 2026 in Brussels.",
            "The meeting will be chaired by Secretary General Mark Rutte.",
            "Allies committed to invest 5% of GDP in defence by 2035, and they will discuss how to get there.",
            "Telegrafi will report.",
        ];
        let sq = [
            "Ministrat e Mbrojtjes së NATO-s do të mblidhen më 12 shkurt 2026 në Bruksel.",
            "Takimin do ta drejtojë Sekretari i Përgjithshëm Mark Rutte.",
            "Aleatët u zotuan të investojnë 5% të BPV-së në mbrojtje deri në vitin 2035.",
            "Ata do të diskutojnë si të arrihet kjo.",
            "Telegrafi do të raportojë.",
        ];
        let got = align_sentences(&en, &tag("en"), &sq, &tag("sq"), &AlignParams::default());
        assert_eq!(beads(&got), ["[0]:[0]", "[1]:[1]", "[2]:[2, 3]", "[3]:[4]"]);
    }

    #[test]
    fn omission_and_empty_sides() {
        let en = [
            "Kyiv, 3 March 2025.",
            "President Zelensky met NATO Secretary General Mark Rutte in Kyiv on Monday for 45 minutes.",
            "They spoke for two hours about air defence.",
            "The talks will continue in Brussels next week.",
            "Ukraine asked its partners for more air defence systems.",
            "The Secretary General promised that the Allies would help.",
        ];
        let uk = [
            "Київ, 3 березня 2025 року.",
            "Вони говорили дві години про протиповітряну оборону.",
            "Переговори продовжаться в Брюсселі наступного тижня.",
            "Україна попросила партнерів про нові системи протиповітряної оборони.",
            "Генеральний секретар пообіцяв, що союзники допоможуть.",
        ];
        let got = align_sentences(&en, &tag("en"), &uk, &tag("uk"), &AlignParams::default());
        assert_eq!(beads(&got), ["[0]:[0]", "[1]:[]", "[2]:[1]", "[3]:[2]", "[4]:[3]", "[5]:[4]"]);
        let none: [&str; 0] = [];
        assert_eq!(
            beads(&align_sentences(&none, &tag("en"), &uk[..2], &tag("uk"), &AlignParams::default())),
            ["[]:[0]", "[]:[1]"]
        );
        assert_eq!(
            beads(&align_sentences(&en[..1], &tag("en"), &none, &tag("uk"), &AlignParams::default())),
            ["[0]:[]"]
        );
    }

    #[test]
    fn paragraphs_bound_sentences_and_forced_beads_stay() {
        let en =
            ["One short line here.", "Another one follows it.", "The second paragraph has 7 words.", "And 12 more."];
        let sq =
            ["Një rresht i shkurtër këtu.", "Një tjetër e ndjek.", "Paragrafi i dytë ka 7 fjalë.", "Dhe 12 të tjera."];
        let paras = [0..2, 2..4];
        let (en_tag, sq_tag) = (tag("en"), tag("sq"));
        let run = |forced: &[Bead]| {
            let source = Side { sentences: &en, paragraphs: &paras, language: &en_tag };
            let target = Side { sentences: &sq, paragraphs: &paras, language: &sq_tag };
            beads(&align(source, target, None, forced, &AlignParams::default()))
        };
        assert_eq!(run(&[]), ["[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[3]"]);
        let merged = run(&[Bead::new(0..2, 0..1)]);
        assert_eq!(merged[0], "[0, 1]:[0]");
        assert_eq!(merged[merged.len() - 1], "[3]:[3]");
    }

    #[test]
    fn a_dictionary_tells_which_neighbour_a_sentence_joins() {
        // Three Albanian sentences, two English ones of about the same length: whether the
        // middle sentence went with the first or the last, only the words tell.
        let sq = ["Macja fle mirë.", "Qeni leh fort.", "Zogu këndon."];
        let with_first = ["Cats sleep well, dogs bark.", "Birds sing all day long."];
        let with_last = ["Cats sleep well all day.", "Dogs bark, birds sing."];
        let dict = Dictionary::parse("macja\tcat\nqeni\tdog\nzogu\tbird\nfle\tsleep\nleh\tbark\nkëndon\tsing\n")
            .expect("dictionary");
        let (sq_tag, en_tag) = (tag("sq"), tag("en"));
        let run = |en: &[&str], d: Option<&Dictionary>| {
            let source = Side { sentences: &sq, paragraphs: &[], language: &sq_tag };
            let target = Side { sentences: en, paragraphs: &[], language: &en_tag };
            beads(&align(source, target, d, &[], &AlignParams::default()))
        };
        let first = ["[0, 1]:[0]", "[2]:[1]"];
        let last = ["[0]:[0]", "[1, 2]:[1]"];
        assert_eq!(run(&with_first, Some(&dict)), first);
        assert_eq!(run(&with_last, Some(&dict)), last);
        // Without the dictionary at least one of the two goes wrong.
        assert!(run(&with_first, None) != first || run(&with_last, None) != last);
    }

    #[test]
    fn a_long_text_with_drift_aligns_through_the_band() {
        // 300 sentences; the target drops every 25th, so the path drifts 12 sentences.
        let en: Vec<String> = (0..300).map(|i| format!("Sentence number {i} has {} words in it.", i % 7 + 3)).collect();
        let xx: Vec<String> =
            (0..300).filter(|i| i % 25 != 7).map(|i| format!("Fjalia {i} ka {} fjalë.", i % 7 + 3)).collect();
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        let xx: Vec<&str> = xx.iter().map(String::as_str).collect();
        let params = AlignParams { band: 4, ..AlignParams::default() };
        let got = align_sentences(&en, &tag("en"), &xx, &tag("sq"), &params);
        let dropped: Vec<usize> = got.iter().filter(|b| b.target.is_empty()).map(|b| b.source.start).collect();
        assert_eq!(dropped, (0..300).filter(|i| i % 25 == 7).collect::<Vec<_>>());
        assert_eq!(got.len(), 300);
    }

    /// Sentence `i` of a made-up text in English and in Albanian: numbers and names
    /// shared, lengths varying.
    fn made_up(i: usize) -> (String, String) {
        const NAMES: [&str; 8] = ["Rutte", "Kallas", "Rama", "Kurti", "Vucic", "Plenkovic", "Zelensky", "Mickoski"];
        const PLACES: [&str; 5] = ["Brussels", "Tirana", "Skopje", "Kyiv", "Zagreb"];
        let (name, place, n) = (NAMES[i * 5 % 8], PLACES[i * 3 % 5], i * 7 + 3);
        let tail = ["", " after long talks", " and the rest would go home before the winter"][i % 3];
        let bisht = ["", " pas bisedimeve të gjata", " dhe të tjerët do të ktheheshin në shtëpi para dimrit"][i % 3];
        (
            format!("Minister {name} said that {n} soldiers would stay in {place}{tail}."),
            format!("Ministri {name} tha se {n} ushtarë do të qëndrojnë në {place}{bisht}."),
        )
    }

    fn made_up_texts(n: usize) -> (Vec<String>, Vec<String>) {
        (0..n).map(made_up).unzip()
    }

    #[test]
    fn a_partial_translation_is_aligned_where_it_belongs() {
        // 200 Albanian sentences against 500 English ones: the first 200 translate them.
        let (en, sq) = made_up_texts(500);
        let sq: Vec<&str> = sq[..200].iter().map(String::as_str).collect();
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        let got = align_sentences(&sq, &tag("sq"), &en, &tag("en"), &AlignParams::default());
        let want: Vec<Bead> = (0..200)
            .map(|i| Bead::new(i..i + 1, i..i + 1))
            .chain((200..500).map(|j| Bead::new(200..200, j..j + 1)))
            .collect();
        assert_eq!(got, want);
        // And the other way round: the last 150 of 400 translated.
        let (en, sq) = made_up_texts(400);
        let sq: Vec<&str> = sq.iter().map(String::as_str).collect();
        let en: Vec<&str> = en[250..].iter().map(String::as_str).collect();
        let got = align_sentences(&sq, &tag("sq"), &en, &tag("en"), &AlignParams::default());
        let pairs: Vec<&Bead> = got.iter().filter(|b| !b.source.is_empty() && !b.target.is_empty()).collect();
        assert_eq!(pairs.len(), 150);
        assert!(pairs.iter().all(|b| b.source.start == b.target.start + 250 && b.source.len() == 1), "{pairs:?}");
    }

    #[test]
    fn a_translation_of_some_paragraphs_pairs_them_with_their_originals() {
        // 60 paragraphs of 1-4 sentences; the translation has only some of them (whole),
        // about half of the text.
        let (en, sq) = made_up_texts(150);
        let mut paras = Vec::new();
        let mut at = 0;
        for k in 0.. {
            let len = [1, 3, 2, 4, 2, 1, 3][k % 7];
            if at + len > en.len() {
                break;
            }
            paras.push(at..at + len);
            at += len;
        }
        let keep: Vec<bool> = (0..paras.len()).map(|k| [true, false, false, true, true, false, true][k % 7]).collect();
        let mut en_kept = Vec::new();
        let mut en_paras = Vec::new();
        let mut want = Vec::new();
        for (k, p) in paras.iter().enumerate() {
            if !keep[k] {
                continue;
            }
            let start = en_kept.len();
            for i in p.clone() {
                want.push(Bead::new(i..i + 1, en_kept.len()..en_kept.len() + 1));
                en_kept.push(en[i].as_str());
            }
            en_paras.push(start..en_kept.len());
        }
        let sq: Vec<&str> = sq[..at].iter().map(String::as_str).collect();
        let (sq_tag, en_tag) = (tag("sq"), tag("en"));
        let source = Side { sentences: &sq, paragraphs: &paras, language: &sq_tag };
        let target = Side { sentences: &en_kept, paragraphs: &en_paras, language: &en_tag };
        let got = align(source, target, None, &[], &AlignParams::default());
        let pairs: Vec<Bead> = got.into_iter().filter(|b| !b.source.is_empty() && !b.target.is_empty()).collect();
        assert_eq!(beads(&pairs), beads(&want));
    }

    #[test]
    fn one_line_finds_its_partner_among_many() {
        let (en, sq) = made_up_texts(500);
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        let got = align_sentences(&[sq[321].as_str()], &tag("sq"), &en, &tag("en"), &AlignParams::default());
        let pairs: Vec<&Bead> = got.iter().filter(|b| !b.source.is_empty()).collect();
        assert_eq!(pairs, [&Bead::new(0..1, 321..322)]);
    }

    #[test]
    fn a_long_pair_with_unmatched_names_stays_one_pair() {
        // The translation spells a dozen names so that no anchor meets: the pair still
        // costs less than leaving both sentences out.
        let (mut en, mut sq) = made_up_texts(20);
        en[10] = "Delegations from Aaaland, Bbbland, Ccclandia, Dddoria, Eeeburg, Fffmark, Gggovia, Hhhstan, \
                  Iiiland, Jjjonia, Kkkoria and Llland discussed the Maaastricht Naaational Oooffice report at length \
                  while the Ppparliament of Qqqueensland and the Rrrussel Sssenate observed the whole proceedings."
            .to_string();
        sq[10] = "Delegacionet nga Zzzlanda, Yyylandi, Xxxlandia, Wwwdoria, Vvvburgu, Uuumarku, Tttovia, Ssstani, \
                  Rrrlanda, Qqqonia, Pppkoria dhe Oooland diskutuan gjatë raportin e Nnnzyrës Kombëtare të Mmmastrihtit \
                  ndërsa Lllparlamenti i Kkkuinslandit dhe Senati i Jjjruselit ndoqën të gjitha procedurat."
            .to_string();
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        let sq: Vec<&str> = sq.iter().map(String::as_str).collect();
        let got = align_sentences(&sq, &tag("sq"), &en, &tag("en"), &AlignParams::default());
        assert_eq!(got.len(), 20);
        assert!(got.contains(&Bead::new(10..11, 10..11)), "{:?}", beads(&got));
    }

    #[test]
    fn an_inserted_caption_costs_one_bead_at_most() {
        let (mut en, sq) = made_up_texts(120);
        en.insert(60, "Photo: the harbour at dawn".to_string());
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        let sq: Vec<&str> = sq.iter().map(String::as_str).collect();
        let got = align_sentences(&sq, &tag("sq"), &en, &tag("en"), &AlignParams::default());
        // Every pair is right but the one the caption stands beside or joins.
        let wrong: Vec<&Bead> = got
            .iter()
            .filter(|b| {
                let shift = usize::from(b.source.start >= 60);
                b.target.contains(&60)
                    || b.source.len() != 1
                    || b.target != (b.source.start + shift..b.source.end + shift)
            })
            .collect();
        assert!(wrong.len() <= 1 && wrong.iter().all(|b| b.target.contains(&60)), "{wrong:?}");
    }
}
