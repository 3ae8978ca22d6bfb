//! The aligner's coarse pass: where the translation covers the original.
//!
//! A translation is often partial (the lead only, a summary, a shorter edition) or has
//! lines of its own (photo captions). Before the dynamic programme looks at lengths, pairs
//! of sentences that share anchors rare in both texts (a number, a name, a long word that
//! occurs a few times at most) are taken as confident pairs, and the heaviest chain of them
//! that goes forward in both texts is kept; a pair far from every other pair of the chain
//! is dropped as chance. The chain gives
//!
//! * the *guide*, the path the programme's band follows: through the chain, and from its
//!   ends on to the corners, straight along the side that has sentences the other lacks;
//! * the length ratio of the two languages, measured on the stretches between neighbouring
//!   pairs of the chain, so sentences without counterpart do not skew it.
//!
//! Everything here is linear in the number of sentences (plus a sort of the candidate
//! pairs), whatever part of the text the translation covers.

use std::collections::HashMap;

/// How the coarse pass picks confident pairs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoverageSettings {
    /// An anchor counts only if it occurs in at most this many sentences of each side.
    pub rare: usize,
    /// Smallest summed weight of the rare anchors two sentences share.
    pub min_score: f64,
    /// A pair of the chain is kept only if a neighbour in the chain is at most this many
    /// sentences away on both sides (or the chain has fewer than three pairs).
    pub neighbour: usize,
}

/// The confident pairs `(source sentence, target sentence)`, in order, strictly increasing
/// on both sides. `anchors` are each sentence's sorted anchor ids; `weight[a]` is the
/// weight of anchor `a`, zero for anchors that say nothing on their own (marks, months).
pub(crate) fn chain(
    src: &[Vec<u32>],
    tgt: &[Vec<u32>],
    weight: &[f64],
    settings: &CoverageSettings,
) -> Vec<(usize, usize)> {
    let postings = |side: &[Vec<u32>]| -> HashMap<u32, Vec<u32>> {
        let mut map: HashMap<u32, Vec<u32>> = HashMap::new();
        for (i, anchors) in side.iter().enumerate() {
            let mut last = None;
            for &a in anchors {
                if last == Some(a) || weight.get(a as usize).is_none_or(|&w| w <= 0.0) {
                    continue;
                }
                last = Some(a);
                let list = map.entry(a).or_default();
                // Only whether an anchor is rare matters; stop growing lists that are not.
                if list.len() <= settings.rare {
                    list.push(i as u32);
                }
            }
        }
        map
    };
    let (ps, pt) = (postings(src), postings(tgt));
    let mut pairs: Vec<(u32, u32, f64)> = Vec::new();
    for (a, si) in &ps {
        let Some(tj) = pt.get(a) else { continue };
        if si.len() > settings.rare || tj.len() > settings.rare {
            continue;
        }
        let w = weight[*a as usize] / si.len().max(tj.len()) as f64;
        for &i in si {
            for &j in tj {
                pairs.push((i, j, w));
            }
        }
    }
    // Sum the shares of each pair (hash map order is undone by the sort).
    pairs.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.total_cmp(&b.2)));
    let mut merged: Vec<(u32, u32, f64)> = Vec::with_capacity(pairs.len());
    for (i, j, w) in pairs {
        match merged.last_mut() {
            Some(last) if last.0 == i && last.1 == j => last.2 += w,
            _ => merged.push((i, j, w)),
        }
    }
    merged.retain(|p| p.2 >= settings.min_score);
    // Only a pair that is the best of its source sentence and of its target sentence.
    let mut best_s = vec![0.0f64; src.len()];
    let mut best_t = vec![0.0f64; tgt.len()];
    for &(i, j, w) in &merged {
        best_s[i as usize] = best_s[i as usize].max(w);
        best_t[j as usize] = best_t[j as usize].max(w);
    }
    merged.retain(|&(i, j, w)| w >= best_s[i as usize] && w >= best_t[j as usize]);
    let chain = heaviest_chain(&merged, tgt.len());
    if chain.len() < 3 {
        return chain;
    }
    let near =
        |a: (usize, usize), b: (usize, usize)| b.0 - a.0 <= settings.neighbour && b.1 - a.1 <= settings.neighbour;
    (0..chain.len())
        .filter(|&k| (k > 0 && near(chain[k - 1], chain[k])) || (k + 1 < chain.len() && near(chain[k], chain[k + 1])))
        .map(|k| chain[k])
        .collect()
}

/// The chain of pairs, strictly increasing on both sides, with the largest summed weight
/// (a weighted longest increasing subsequence with a Fenwick tree of prefix maxima).
/// `pairs` are sorted by source, then target.
fn heaviest_chain(pairs: &[(u32, u32, f64)], columns: usize) -> Vec<(usize, usize)> {
    // tree[k]: best (weight, pair index) among chains ending at a column < k (1-based).
    let mut tree: Vec<(f64, usize)> = vec![(0.0, usize::MAX); columns + 1];
    let query = |tree: &[(f64, usize)], mut k: usize| {
        let mut best = (0.0, usize::MAX);
        while k > 0 {
            if tree[k].0 > best.0 {
                best = tree[k];
            }
            k &= k - 1;
        }
        best
    };
    let mut total = vec![0.0; pairs.len()];
    let mut before = vec![usize::MAX; pairs.len()];
    let mut start = 0;
    while start < pairs.len() {
        // Pairs of one source sentence may not follow each other: query them all first.
        let mut end = start;
        while end < pairs.len() && pairs[end].0 == pairs[start].0 {
            end += 1;
        }
        for p in start..end {
            let (w, from) = query(&tree, pairs[p].1 as usize);
            total[p] = w + pairs[p].2;
            before[p] = from;
        }
        for p in start..end {
            let mut k = pairs[p].1 as usize + 1;
            while k <= columns {
                if total[p] > tree[k].0 {
                    tree[k] = (total[p], p);
                }
                k += k & k.wrapping_neg();
            }
        }
        start = end;
    }
    let mut out = Vec::new();
    let mut at = (0..pairs.len()).max_by(|&a, &b| total[a].total_cmp(&total[b]).then(b.cmp(&a)));
    while let Some(p) = at {
        out.push((pairs[p].0 as usize, pairs[p].1 as usize));
        at = (before[p] != usize::MAX).then_some(before[p]);
    }
    out.reverse();
    out
}

/// The guide through an `n` × `m` table: for each row `0..=n`, the first and last column
/// the guide path passes. `points` (strictly increasing, inside the table) are joined by
/// straight lines; from the first and the last on, the path goes on with the chain's slope
/// until one text ends and then straight to the corner. Without points: the diagonal.
pub(crate) fn guide(points: &[(usize, usize)], n: usize, m: usize) -> (Vec<usize>, Vec<usize>) {
    let (nf, mf) = (n as f64, m as f64);
    let mut path: Vec<(f64, f64)> = vec![(0.0, 0.0)];
    if let (Some(&(i1, j1)), Some(&(ik, jk))) = (points.first(), points.last()) {
        let (i1, j1, ik, jk) = (i1 as f64, j1 as f64, ik as f64, jk as f64);
        let slope = if ik > i1 && jk > j1 { ((jk - j1) / (ik - i1)).clamp(0.5, 2.0) } else { 1.0 };
        path.push(if j1 >= i1 * slope { (0.0, j1 - i1 * slope) } else { (i1 - j1 / slope, 0.0) });
        path.extend(points.iter().map(|&(i, j)| (i as f64, j as f64)));
        let (ri, rj) = (nf - ik, mf - jk);
        path.push(if rj >= ri * slope { (nf, jk + ri * slope) } else { (ik + rj / slope, mf) });
    }
    path.push((nf, mf));
    let mut lo = vec![usize::MAX; n + 1];
    let mut hi = vec![0; n + 1];
    let mut mark = |i: usize, j: f64| {
        let j = (j.round().max(0.0) as usize).min(m);
        lo[i] = lo[i].min(j);
        hi[i] = hi[i].max(j);
    };
    for w in path.windows(2) {
        let ((ia, ja), (ib, jb)) = (w[0], w[1]);
        let (ra, rb) = ((ia.round() as usize).min(n), (ib.round() as usize).min(n));
        if rb <= ra {
            mark(ra, ja);
            mark(ra, jb);
            continue;
        }
        let at = |i: usize| ja + (jb - ja) * ((i as f64 - ia) / (ib - ia)).clamp(0.0, 1.0);
        for i in ra..rb {
            mark(i, at(i));
            mark(i, at(i + 1));
        }
        mark(rb, jb);
    }
    // Every row is passed (the path is continuous); fill any gap from the row before.
    for i in 1..=n {
        if lo[i] == usize::MAX {
            (lo[i], hi[i]) = (hi[i - 1], hi[i - 1]);
        }
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: CoverageSettings = CoverageSettings { rare: 4, min_score: 1.0, neighbour: 10 };

    #[test]
    fn chain_follows_rare_shared_anchors_and_drops_strays() {
        // Sentence k of the source has anchor 100 + k; the target holds 20 other sentences
        // first, then the translations of source 0..30; anchor 7 is everywhere.
        let src: Vec<Vec<u32>> = (0..40).map(|k| vec![7, 100 + k]).collect();
        let mut tgt: Vec<Vec<u32>> = (0..20).map(|k| vec![7, 500 + k]).collect();
        tgt.extend((0..30).map(|k| vec![7, 100 + k]));
        // A stray: source 35's anchor also far back in the target.
        tgt[2].push(135);
        let mut weight = vec![1.0; 600];
        weight[7] = 1.0;
        let got = chain(&src, &tgt, &weight, &SETTINGS);
        assert_eq!(got, (0..30).map(|k| (k, k + 20)).collect::<Vec<_>>());
    }

    #[test]
    fn guide_goes_straight_where_one_side_has_more() {
        // 10 source rows against 30 target columns; the chain covers the first 10 pairs.
        let points: Vec<(usize, usize)> = (2..8).map(|k| (k, k)).collect();
        let (lo, hi) = guide(&points, 10, 30);
        assert_eq!((lo[0], hi[0]), (0, 1));
        assert_eq!((lo[5], hi[5]), (5, 6));
        assert_eq!((lo[10], hi[10]), (10, 30));
        // No points: the diagonal.
        let (lo, hi) = guide(&[], 4, 8);
        assert_eq!(lo, [0, 2, 4, 6, 8]);
        assert_eq!(hi, [2, 4, 6, 8, 8]);
    }
}
