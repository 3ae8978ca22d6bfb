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
    pub fn new(source: Range<usize>, target: Range<usize>) -> Bead {
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
    /// How anchors are found.
    pub anchors: AnchorSettings,
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
            anchors: AnchorSettings { name_prefix: 5, cognate_min: 6, cognate_prefix: 5 },
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
        Units { len, anchors, pairs, totals: Vec::new(), pair_totals: Vec::new() }
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
    /// Costs of the shapes in [`SHAPES`] order.
    shape_costs: [f64; 6],
}

impl Scorer<'_> {
    fn cost(&self, i: usize, di: usize, j: usize, dj: usize, shape: usize) -> f64 {
        let prior = self.shape_costs[shape];
        if di == 0 || dj == 0 {
            return prior;
        }
        let ls = self.src.len_of(i, di);
        let lt = self.tgt.len_of(j, dj);
        let mean = ((ls + lt / self.ratio) / 2.0).max(1.0);
        let delta = (lt - ls * self.ratio) / (mean * self.variance).sqrt();
        let length = length_cost(delta.abs() / std::f64::consts::SQRT_2);
        let (a, b) = (self.src.anchors_of(i, di), self.tgt.anchors_of(j, dj));
        let gain = shared(a, b, self.weights);
        let unmatched = self.src.total_of(i, di) + self.tgt.total_of(j, dj) - 2.0 * gain;
        prior + length - gain + self.unmatched * unmatched
    }

    /// The best beads from (s.start, t.start) to (s.end, t.end).
    fn align(&self, s: Range<usize>, t: Range<usize>, band: usize) -> Vec<Bead> {
        let (n, m) = (s.len(), t.len());
        if n == 0 {
            return t.map(|j| Bead::new(s.start..s.start, j..j + 1)).collect();
        }
        if m == 0 {
            return s.map(|i| Bead::new(i..i + 1, t.start..t.start)).collect();
        }
        // The band must let a path through even where one text is much longer.
        let slope = (n.max(m) as f64 / n.min(m) as f64).ceil() as usize;
        let mut w = band.max(slope + 4);
        loop {
            let full = w >= n.max(m);
            let (beads, near_edge) = self.banded(s.clone(), t.clone(), if full { usize::MAX } else { w });
            if full || !near_edge {
                return beads;
            }
            w *= 2;
        }
    }

    fn banded(&self, s: Range<usize>, t: Range<usize>, w: usize) -> (Vec<Bead>, bool) {
        let (n, m) = (s.len(), t.len());
        // Row i (0..=n) covers columns lo[i]..=hi[i].
        let mut lo = Vec::with_capacity(n + 1);
        let mut hi = Vec::with_capacity(n + 1);
        let mut offset = Vec::with_capacity(n + 2);
        offset.push(0usize);
        for i in 0..=n {
            let centre = (i * m + n / 2) / n;
            let l = centre.saturating_sub(w);
            let h = centre.saturating_add(w).min(m);
            lo.push(l);
            hi.push(h);
            offset.push(offset[i] + (h - l + 1));
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
    let (src, tgt) = (src.weigh(&weights), tgt.weigh(&weights));
    let (ls, lt): (f64, f64) = (src.len.iter().sum(), tgt.len.iter().sum());
    let ratio = if ls > 0.0 && lt > 0.0 { lt / ls } else { 1.0 };
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
    for (s, t, fixed) in gaps {
        let sp = clip(&src_paras, &s);
        let tp = clip(&tgt_paras, &t);
        let sentences = Scorer {
            src: &src,
            tgt: &tgt,
            weights: &weights,
            ratio,
            variance: params.variance,
            unmatched: params.unmatched,
            shape_costs: sentence_costs,
        };
        if sp.len() <= 1 && tp.len() <= 1 {
            out.extend(sentences.align(s, t, params.band));
        } else {
            let sg = src.grouped(&sp, &weights);
            let tg = tgt.grouped(&tp, &weights);
            let groups = Scorer {
                src: &sg,
                tgt: &tg,
                weights: &weights,
                ratio,
                variance: params.variance,
                // Paragraphs hold many anchors a translation renders differently; charging
                // for them would make long paragraphs look like omissions.
                unmatched: 0.0,
                shape_costs: paragraph_costs,
            };
            for pb in groups.align(0..sp.len(), 0..tp.len(), params.band) {
                let ss = span(&sp, &pb.source, s.start);
                let ts = span(&tp, &pb.target, t.start);
                out.extend(sentences.align(ss, ts, params.band));
            }
        }
        if let Some(f) = fixed {
            out.push(f.clone());
        }
    }
    fix_empty_positions(&mut out);
    out
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
}
