//! Paragraphs: styled text broken into lines that fit a width.
//!
//! Break opportunities follow the Unicode line breaking algorithm (UAX #14, crate
//! `unicode-linebreak`); inside words the hyphenation patterns of the paragraph's language
//! add more. The lines are chosen as a whole, by the Knuth–Plass method: every feasible
//! set of breaks is weighed by how far its spaces stretch or shrink, with penalties for
//! hyphens, for two hyphenated lines in a row and for a tight line next to a loose one;
//! the set with the least total demerits wins. Three passes: without hyphenation, with it,
//! and an emergency pass that accepts loose lines. A word wider than the column (a long
//! URL, a number) gets extra break points (after `/ . - _ ? & = #`, then between any two
//! characters), so no line is ever overfull. Justified text has a ragged last line; ragged
//! text keeps its spaces and balances the line ends instead.
//!
//! Spaces are kept as real glyphs (stretched when justified), so text extracted from the
//! PDF has its spaces; an added hyphen is a real `-` glyph.

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use super::fonts::{FontBook, FontId, FontRole, Glyph, Shaped};
use super::hyphen::Hyphenator;
use super::{Color, TextRun};
use crate::model::LanguageTag;

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// The text.
    pub text: String,
    /// Family and style.
    pub role: FontRole,
    /// Size in points.
    pub size: f32,
    /// Colour.
    pub color: Color,
}

impl Piece {
    /// A piece of text.
    pub fn new(text: impl Into<String>, role: FontRole, size: f32, color: Color) -> Piece {
        Piece { text: text.into(), role, size, color }
    }
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ParStyle<'a> {
    /// Language of the text: hyphenation patterns and localised glyph forms.
    pub language: Option<&'a LanguageTag>,
    /// Justified (both edges straight, last line ragged) or ragged right.
    pub justify: bool,
    /// Whether words may be hyphenated.
    pub hyphenate: bool,
}

impl ParStyle<'_> {
    /// Ragged right, no hyphenation: labels, headings, table headers.
    pub(crate) const PLAIN: ParStyle<'static> = ParStyle { language: None, justify: false, hyphenate: false };
}

/// One line of set text; run positions are relative to the line's start and baseline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// The runs of glyphs, left to right.
    pub runs: Vec<TextRun>,
    /// Width in points as set (justified lines fill the measure).
    pub width: f32,
    /// The line ends with a hyphen added by hyphenation.
    pub hyphenated: bool,
    /// The line ends inside a word, which the next line continues (after a hyphen of
    /// the text, inside a long URL, or hyphenated).
    pub continues: bool,
}

impl Line {
    /// The text of the line.
    #[cfg(test)]
    pub(crate) fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// The largest font size on the line.
    pub(crate) fn size(&self) -> f32 {
        self.runs.iter().map(|r| r.size).fold(0.0, f32::max)
    }
}

/// Breaks `pieces` into ragged lines no wider than `width` points, without hyphenation.
pub fn break_lines(fonts: &FontBook, pieces: &[Piece], width: f32) -> Vec<Line> {
    let hyphenator = Hyphenator::new();
    set_paragraph(fonts, &hyphenator, pieces, width, &ParStyle::PLAIN)
}

/// Breaks `pieces` into lines no wider than `width` points, set as `style` says.
pub(crate) fn set_paragraph(
    fonts: &FontBook,
    hyphenator: &Hyphenator,
    pieces: &[Piece],
    width: f32,
    style: &ParStyle<'_>,
) -> Vec<Line> {
    let para = Paragraph::build(fonts, hyphenator, pieces, width, style);
    if para.items.is_empty() {
        return Vec::new();
    }
    let breaks = para.breaks(width, style.justify);
    para.lines(fonts, pieces, &breaks, width, style.justify)
}

/// A glyph of the paragraph, with the piece it comes from and its text range.
#[derive(Debug, Clone, Copy)]
struct PGlyph {
    piece: u32,
    shaped: Shaped,
    /// Byte range of the paragraph text the glyph stands for (empty after the first glyph
    /// of a cluster).
    start: u32,
    end: u32,
}

#[derive(Debug, Clone)]
enum Item {
    Box {
        width: f32,
        glyphs: Range<usize>,
    },
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
        glyphs: Range<usize>,
    },
    Penalty {
        width: f32,
        penalty: f32,
        flagged: bool,
        /// The piece whose style an added hyphen takes; None: nothing is added.
        hyphen: Option<u32>,
    },
}

const INFINITY: f32 = 10_000.0;

/// The penalty for ending a line inside a URL: it breaks where it has to, not to make a
/// nicer line.
const URL_PENALTY: f32 = 100.0;

struct Paragraph {
    /// The largest font size, for the ragged-right allowance.
    em: f32,
    text: String,
    /// Byte ranges of `text` that are URLs or e-mail addresses: never hyphenated, broken
    /// only after [`is_url_break`] characters.
    urls: Vec<Range<usize>>,
    glyphs: Vec<PGlyph>,
    items: Vec<Item>,
}

/// Where a piece of the normalised text comes from.
struct Span {
    range: Range<usize>,
    piece: u32,
}

impl Paragraph {
    fn build(
        fonts: &FontBook,
        hyphenator: &Hyphenator,
        pieces: &[Piece],
        width: f32,
        style: &ParStyle<'_>,
    ) -> Paragraph {
        let (text, spans) = normalise(pieces);
        let em = pieces.iter().map(|p| p.size).fold(1.0, f32::max);
        let urls = url_ranges(&text);
        let mut para = Paragraph { em, text, urls, glyphs: Vec::new(), items: Vec::new() };
        let language = style.language.map(LanguageTag::as_str);
        let language = (language, fonts.language_id(language));
        let hyphenate = if style.hyphenate { style.language } else { None };
        let mut last = 0;
        let mut space: Option<(u32, Vec<Shaped>)> = None;
        let opportunities: Vec<(usize, BreakOpportunity)> = linebreaks(&para.text).collect();
        for (at, opportunity) in opportunities {
            // Inside a URL the line breaking algorithm's opportunities do not count: it
            // gets its own break points (see `break_inside`).
            if para.in_url(at) {
                continue;
            }
            let segment = last..at;
            last = at;
            let content_end = para.text[segment.clone()].trim_end_matches(' ').len() + segment.start;
            let mut content = segment.start..content_end;
            let soft_hyphen = para.text[content.clone()].ends_with('\u{ad}');
            if soft_hyphen {
                content.end -= '\u{ad}'.len_utf8();
            }
            let first_box = para.items.len();
            if !content.is_empty() {
                para.content(fonts, pieces, &spans, content.clone(), language);
                para.break_inside(fonts, pieces, hyphenator, hyphenate, first_box);
            }
            let has_space = content_end < at;
            let is_end = at == para.text.len();
            if is_end {
                break;
            }
            if opportunity == BreakOpportunity::Mandatory {
                para.items.push(Item::Glue { width: 0.0, stretch: INFINITY, shrink: 0.0, glyphs: 0..0 });
                para.items.push(Item::Penalty { width: 0.0, penalty: -INFINITY, flagged: false, hyphen: None });
                continue;
            }
            if has_space {
                let piece = span_at(&spans, content_end);
                let start = para.glyphs.len();
                let p = &pieces[piece as usize];
                // Every space of a piece shapes alike: shaped once (clusters from 0).
                if space.as_ref().is_none_or(|(of, _)| *of != piece) {
                    let mut shaped = Vec::new();
                    fonts.shape_in(" ", p.role, p.size, language, 0, &mut shaped);
                    space = Some((piece, shaped));
                }
                let shaped = space.as_ref().map_or(&[][..], |(_, s)| s.as_slice());
                let w: f32 = shaped.iter().map(|g| g.advance).sum();
                let end = content_end + 1;
                for (i, g) in shaped.iter().enumerate() {
                    let (s, e) = if i == 0 { (content_end, end) } else { (end, end) };
                    let g = Shaped { cluster: g.cluster + content_end, ..*g };
                    para.glyphs.push(PGlyph { piece, shaped: g, start: s as u32, end: e as u32 });
                }
                para.items.push(Item::Glue {
                    width: w,
                    stretch: if style.justify { w / 2.0 } else { 0.0 },
                    shrink: if style.justify { w / 3.0 } else { 0.0 },
                    glyphs: start..para.glyphs.len(),
                });
            } else if soft_hyphen {
                let piece = span_at(&spans, content.end.saturating_sub(1));
                let w = hyphen_width(fonts, &pieces[piece as usize]);
                para.items.push(Item::Penalty { width: w, penalty: 50.0, flagged: true, hyphen: Some(piece) });
            } else if !content.is_empty() {
                let explicit = para.text[content.clone()].ends_with(['-', '\u{2010}', '\u{2013}', '\u{2014}']);
                let penalty = if explicit { 50.0 } else { 0.0 };
                para.items.push(Item::Penalty { width: 0.0, penalty, flagged: explicit, hyphen: None });
            }
        }
        // Break points for anything wider than the line.
        para.emergency_breaks(width);
        if !para.items.is_empty() {
            para.items.push(Item::Glue { width: 0.0, stretch: INFINITY, shrink: 0.0, glyphs: 0..0 });
            para.items.push(Item::Penalty { width: 0.0, penalty: -INFINITY, flagged: false, hyphen: None });
        }
        para
    }

    /// Shapes a stretch of text without break opportunities as one box (cut where the style
    /// changes; kerning inside each style's part).
    fn content(
        &mut self,
        fonts: &FontBook,
        pieces: &[Piece],
        spans: &[Span],
        range: Range<usize>,
        lang: (Option<&str>, u16),
    ) {
        let start = self.glyphs.len();
        let mut shaped = Vec::new();
        for span in spans.iter().filter(|s| s.range.start < range.end && s.range.end > range.start) {
            let part = span.range.start.max(range.start)..span.range.end.min(range.end);
            let p = &pieces[span.piece as usize];
            shaped.clear();
            fonts.shape_in(&self.text[part.clone()], p.role, p.size, lang, part.start, &mut shaped);
            push_glyphs(&mut self.glyphs, &shaped, span.piece, part.end);
        }
        let width = self.glyphs[start..].iter().map(|g| g.shaped.advance).sum();
        self.items.push(Item::Box { width, glyphs: start..self.glyphs.len() });
    }

    /// Whether byte offset `at` lies strictly inside a URL.
    fn in_url(&self, at: usize) -> bool {
        self.urls.iter().any(|u| u.start < at && at < u.end)
    }

    /// Splits the box at `first_item` where a line may end inside it: at the hyphenation
    /// points of its words (in `hyphenate`'s language, when given), and inside URLs and
    /// e-mail addresses after `/ . - _ ? & = #` (never hyphenated).
    fn break_inside(
        &mut self,
        fonts: &FontBook,
        pieces: &[Piece],
        hyphenator: &Hyphenator,
        hyphenate: Option<&LanguageTag>,
        first_item: usize,
    ) {
        let Some(Item::Box { glyphs, .. }) = self.items.get(first_item).cloned() else { return };
        let (Some(first), Some(last)) = (self.glyphs.get(glyphs.start), self.glyphs.get(glyphs.end - 1)) else {
            return;
        };
        let range = first.start as usize..last.end.max(last.start) as usize;
        // Byte offsets (in the paragraph text) where a line may end, and whether a hyphen
        // is added there.
        let mut points: Vec<(usize, bool)> = Vec::new();
        let text = &self.text[range.clone()];
        let mut word_start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let at = range.start + i;
            if self.in_url(at) {
                word_start = None;
                if url_break_before(&self.text, at) {
                    points.push((at, false));
                }
                continue;
            }
            if c.is_alphabetic() && !self.urls.iter().any(|u| u.start == at) {
                word_start.get_or_insert(i);
                continue;
            }
            if let (Some(s), Some(tag)) = (word_start.take(), hyphenate) {
                hyphenator.each_break(tag, &text[s..i], |b| points.push((range.start + s + b, true)));
            }
        }
        if points.is_empty() {
            return;
        }
        points.sort_unstable();
        // Cut the box at glyphs whose cluster starts at a point (never inside a ligature).
        let mut cuts = Vec::new();
        let mut p = points.iter().peekable();
        for gi in glyphs.clone().skip(1) {
            let g = &self.glyphs[gi];
            while p.peek().is_some_and(|&&(x, _)| x < g.start as usize) {
                p.next();
            }
            if g.end > g.start
                && let Some(&&(x, hyphen)) = p.peek()
                && x == g.start as usize
            {
                cuts.push((gi, hyphen));
            }
        }
        if cuts.is_empty() {
            return;
        }
        let mut new_items = Vec::new();
        let mut from = glyphs.start;
        for (cut, hyphen) in cuts.into_iter().chain(std::iter::once((glyphs.end, false))) {
            let width = self.glyphs[from..cut].iter().map(|g| g.shaped.advance).sum();
            new_items.push(Item::Box { width, glyphs: from..cut });
            if cut < glyphs.end {
                if hyphen {
                    let piece = self.glyphs[cut - 1].piece;
                    let w = hyphen_width(fonts, &pieces[piece as usize]);
                    new_items.push(Item::Penalty { width: w, penalty: 50.0, flagged: true, hyphen: Some(piece) });
                } else {
                    new_items.push(Item::Penalty { width: 0.0, penalty: URL_PENALTY, flagged: false, hyphen: None });
                }
            }
            from = cut;
        }
        self.items.splice(first_item..first_item + 1, new_items);
    }

    /// Adds break points inside boxes wider than the line: after URL punctuation first,
    /// then between any two clusters where a stretch would still be too wide.
    fn emergency_breaks(&mut self, width: f32) {
        let mut out = Vec::with_capacity(self.items.len());
        for item in std::mem::take(&mut self.items) {
            let glyphs = match &item {
                Item::Box { width: w, glyphs } if *w > width => glyphs.clone(),
                _ => {
                    out.push(item);
                    continue;
                }
            };
            let mut cuts: Vec<(usize, f32)> = Vec::new();
            let mut acc = 0.0;
            for gi in glyphs.clone() {
                let g = &self.glyphs[gi];
                let starts = gi > glyphs.start && g.end > g.start;
                let after_punct = self.text[..g.start as usize].chars().next_back().is_some_and(is_url_break);
                if starts && after_punct {
                    cuts.push((gi, 100.0));
                    acc = 0.0;
                } else if starts && acc + g.shaped.advance > width {
                    cuts.push((gi, 1000.0));
                    acc = 0.0;
                }
                acc += g.shaped.advance;
            }
            let mut from = glyphs.start;
            for (cut, penalty) in cuts.into_iter().chain(std::iter::once((glyphs.end, 0.0))) {
                let w = self.glyphs[from..cut].iter().map(|g| g.shaped.advance).sum();
                out.push(Item::Box { width: w, glyphs: from..cut });
                if cut < glyphs.end {
                    out.push(Item::Penalty { width: 0.0, penalty, flagged: false, hyphen: None });
                }
                from = cut;
            }
        }
        self.items = out;
    }

    /// The break positions (item indexes), by Knuth–Plass; the last is the final item.
    fn breaks(&self, width: f32, justify: bool) -> Vec<usize> {
        // Ragged text: no stretch in the spaces, 2.5 em of it at each line end.
        let rag = if justify { 0.0 } else { 2.5 * self.em };
        for (tolerance, hyphens) in [(1.0, false), (2.0, true), (f32::INFINITY, true)] {
            if let Some(b) = self.knuth_plass(width, tolerance, hyphens, rag) {
                return b;
            }
        }
        self.greedy(width)
    }

    fn knuth_plass(&self, line_width: f32, tolerance: f32, hyphens: bool, rag: f32) -> Option<Vec<usize>> {
        #[derive(Clone, Copy)]
        struct Node {
            position: usize,
            /// First item of the line that starts after this break.
            start: usize,
            line: usize,
            fitness: u8,
            demerits: f64,
            flagged: bool,
            previous: Option<usize>,
        }
        let n = self.items.len();
        // Prefix sums of width, stretch and shrink.
        let mut sw = vec![0.0f32; n + 1];
        let mut sy = vec![0.0f32; n + 1];
        let mut sz = vec![0.0f32; n + 1];
        for (i, item) in self.items.iter().enumerate() {
            let (w, y, z) = match item {
                Item::Box { width, .. } => (*width, 0.0, 0.0),
                Item::Glue { width, stretch, shrink, .. } => (*width, stretch.min(INFINITY / 10.0), *shrink),
                Item::Penalty { .. } => (0.0, 0.0, 0.0),
            };
            sw[i + 1] = sw[i] + w;
            sy[i + 1] = sy[i] + y;
            sz[i + 1] = sz[i] + z;
        }
        let after = |b: usize| {
            // The next line starts at the first box after a break (spaces and penalties go).
            let mut i = b + 1;
            while i < n && !matches!(self.items[i], Item::Box { .. }) {
                if matches!(self.items[i], Item::Penalty { penalty, .. } if penalty <= -INFINITY) {
                    break;
                }
                i += 1;
            }
            i
        };
        let mut nodes =
            vec![Node { position: 0, start: 0, line: 0, fitness: 1, demerits: 0.0, flagged: false, previous: None }];
        let mut active: Vec<usize> = vec![0];
        let last = n - 1;
        for b in 0..n {
            let (penalty, pen_width, flagged) = match &self.items[b] {
                Item::Penalty { penalty, width, flagged, hyphen } => {
                    if *penalty >= INFINITY || (!hyphens && hyphen.is_some()) {
                        continue;
                    }
                    (*penalty, *width, *flagged)
                }
                Item::Glue { .. } if b > 0 && matches!(self.items[b - 1], Item::Box { .. }) => (0.0, 0.0, false),
                _ => continue,
            };
            let forced = penalty <= -INFINITY;
            let mut best: [Option<(f64, usize)>; 4] = [None; 4];
            let mut keep = Vec::with_capacity(active.len());
            for &a in &active {
                let node = nodes[a];
                let start = node.start;
                if start > b {
                    keep.push(a);
                    continue;
                }
                let natural = sw[b] - sw[start] + pen_width;
                let is_last = b == last;
                let stretch = if is_last { INFINITY } else { sy[b] - sy[start] + rag };
                let shrink = sz[b] - sz[start];
                let ratio = if natural < line_width {
                    if stretch > 0.0 { (line_width - natural) / stretch } else { INFINITY }
                } else if natural > line_width {
                    if shrink > 0.0 { (line_width - natural) / shrink } else { -INFINITY }
                } else {
                    0.0
                };
                if ratio < -1.0 || forced {
                    // This node can end no later line.
                } else {
                    keep.push(a);
                }
                if ratio >= -1.0 && ratio <= tolerance {
                    let badness = 100.0 * f64::from(ratio.abs().min(100.0)).powi(3);
                    let mut demerits = (10.0 + badness).powi(2);
                    if penalty > 0.0 {
                        demerits += f64::from(penalty).powi(2);
                    } else if penalty > -INFINITY {
                        demerits -= f64::from(penalty).powi(2);
                    }
                    if flagged && node.flagged {
                        demerits += 10_000.0;
                    }
                    if is_last {
                        // A hyphen on the line before the last leaves a stub; so does a
                        // last line of a word or two.
                        if node.flagged {
                            demerits += 100_000.0;
                        }
                        if natural < 0.15 * line_width && node.line > 0 {
                            demerits += 100_000.0;
                        }
                    }
                    let fitness: u8 = if ratio < -0.5 {
                        0
                    } else if ratio <= 0.5 {
                        1
                    } else if ratio <= 1.0 {
                        2
                    } else {
                        3
                    };
                    if fitness.abs_diff(node.fitness) > 1 {
                        demerits += 100.0;
                    }
                    let total = node.demerits + demerits;
                    let slot = &mut best[fitness as usize];
                    if slot.is_none_or(|(d, _)| total < d) {
                        *slot = Some((total, a));
                    }
                }
            }
            active = keep;
            let start = after(b);
            for (fitness, slot) in best.iter().enumerate() {
                if let Some((demerits, a)) = slot {
                    nodes.push(Node {
                        position: b,
                        start,
                        line: nodes[*a].line + 1,
                        fitness: fitness as u8,
                        demerits: *demerits,
                        flagged,
                        previous: Some(*a),
                    });
                    active.push(nodes.len() - 1);
                }
            }
            if active.is_empty() {
                return None;
            }
        }
        let best = active
            .iter()
            .copied()
            .filter(|&a| nodes[a].position == last)
            .min_by(|&x, &y| nodes[x].demerits.total_cmp(&nodes[y].demerits))?;
        let mut out = Vec::new();
        let mut at = Some(best);
        while let Some(i) = at {
            if nodes[i].previous.is_some() {
                out.push(nodes[i].position);
            }
            at = nodes[i].previous;
        }
        out.reverse();
        Some(out)
    }

    /// First-fit breaking: the fallback should every pass fail.
    fn greedy(&self, width: f32) -> Vec<usize> {
        let mut out = Vec::new();
        let mut acc = 0.0;
        let mut last_break: Option<usize> = None;
        let mut line_has_box = false;
        for (i, item) in self.items.iter().enumerate() {
            match item {
                Item::Box { width: w, .. } => {
                    if acc + w > width && line_has_box {
                        if let Some(b) = last_break.take() {
                            out.push(b);
                        }
                        acc = 0.0;
                    }
                    acc += w;
                    line_has_box = true;
                }
                Item::Glue { width: w, .. } => {
                    last_break = Some(i);
                    acc += w;
                }
                Item::Penalty { penalty, .. } => {
                    if *penalty <= -INFINITY {
                        out.push(i);
                        acc = 0.0;
                        line_has_box = false;
                        last_break = None;
                    } else {
                        last_break = Some(i);
                    }
                }
            }
        }
        if out.last() != Some(&(self.items.len() - 1)) {
            out.push(self.items.len() - 1);
        }
        out
    }

    /// Sets the lines between the breaks.
    fn lines(&self, fonts: &FontBook, pieces: &[Piece], breaks: &[usize], width: f32, justify: bool) -> Vec<Line> {
        let mut lines = Vec::with_capacity(breaks.len());
        let mut start = 0;
        let last_line = breaks.len().saturating_sub(1);
        for (li, &b) in breaks.iter().enumerate() {
            // Skip discardable items at the line start.
            while start < b && !matches!(self.items[start], Item::Box { .. }) {
                start += 1;
            }
            let mut end = b;
            // Spaces before the break are dropped too.
            while end > start && matches!(self.items[end - 1], Item::Glue { .. }) {
                end -= 1;
            }
            let (mut natural, mut stretch, mut shrink) = (0.0, 0.0, 0.0);
            for item in &self.items[start..end] {
                match item {
                    Item::Box { width, .. } => natural += width,
                    Item::Glue { width, stretch: y, shrink: z, .. } => {
                        natural += width;
                        stretch += y;
                        shrink += z;
                    }
                    Item::Penalty { .. } => {}
                }
            }
            let hyphen = match &self.items[b] {
                Item::Penalty { hyphen: Some(p), width, .. } => {
                    natural += width;
                    Some(*p)
                }
                _ => None,
            };
            // Justified lines but the last stretch to the measure; any line wider than the
            // measure, the last included, shrinks its spaces: the breaker chose it because
            // it fits shrunk, and set at its natural width it would stand past the margin.
            let mut ratio: f32 = 0.0;
            if justify && li != last_line && natural < width && stretch > 0.0 {
                ratio = ((width - natural) / stretch).min(3.0);
            } else if natural > width && shrink > 0.0 {
                ratio = ((width - natural) / shrink).max(-1.0);
            }
            let mut out = LineBuilder::new(&self.text, pieces);
            for item in &self.items[start..end] {
                match item {
                    Item::Box { glyphs, .. } => {
                        for g in &self.glyphs[glyphs.clone()] {
                            out.push(g, g.shaped.advance);
                        }
                    }
                    Item::Glue { width, stretch, shrink, glyphs } => {
                        let set = if ratio >= 0.0 { width + ratio * stretch } else { width + ratio * shrink };
                        let count = glyphs.len().max(1) as f32;
                        for g in &self.glyphs[glyphs.clone()] {
                            out.push(g, set / count);
                        }
                    }
                    Item::Penalty { .. } => {}
                }
            }
            if let Some(p) = hyphen {
                let piece = &pieces[p as usize];
                let mut shaped = Vec::new();
                fonts.shape_into("-", piece.role, piece.size, None, 0, &mut shaped);
                for s in shaped {
                    out.push_extra(p, s, "-");
                }
            }
            let mut line = out.finish();
            line.hyphenated = hyphen.is_some();
            line.continues = li != last_line && matches!(self.items[b], Item::Penalty { .. });
            if !line.runs.is_empty() {
                lines.push(line);
            }
            start = b + 1;
        }
        lines
    }
}

/// Collects glyphs into runs of one face, size and colour.
struct LineBuilder<'a> {
    text: &'a str,
    pieces: &'a [Piece],
    runs: Vec<TextRun>,
    x: f32,
}

impl<'a> LineBuilder<'a> {
    fn new(text: &'a str, pieces: &'a [Piece]) -> Self {
        LineBuilder { text, pieces, runs: Vec::new(), x: 0.0 }
    }

    fn run_for(&mut self, piece: u32, font: FontId) -> &mut TextRun {
        let p = &self.pieces[piece as usize];
        let same = self.runs.last().is_some_and(|r| r.font == font && r.size == p.size && r.color == p.color);
        if !same {
            self.runs.push(TextRun {
                x: self.x,
                y: 0.0,
                font,
                size: p.size,
                color: p.color,
                text: String::new(),
                glyphs: Vec::new(),
                tag: None,
            });
        }
        let last = self.runs.len() - 1;
        &mut self.runs[last]
    }

    fn push(&mut self, g: &PGlyph, advance: f32) {
        let text = &self.text[g.start as usize..g.end as usize];
        self.push_text(g.piece, g.shaped, advance, text);
    }

    fn push_extra(&mut self, piece: u32, s: Shaped, text: &str) {
        self.push_text(piece, s, s.advance, text);
    }

    fn push_text(&mut self, piece: u32, s: Shaped, advance: f32, text: &str) {
        let run = self.run_for(piece, s.font);
        let start = run.text.len() as u32;
        run.text.push_str(text);
        let end = run.text.len() as u32;
        run.glyphs.push(Glyph { id: s.id, advance, x_offset: s.x_offset, y_offset: s.y_offset, text: start..end });
        self.x += advance;
    }

    fn finish(mut self) -> Line {
        // Lines are kept until the whole book is written: no spare capacity (a line's
        // glyphs grow by doubling, a third of it unused on average).
        for run in &mut self.runs {
            run.glyphs.shrink_to_fit();
            run.text.shrink_to_fit();
        }
        self.runs.shrink_to_fit();
        Line { runs: self.runs, width: self.x, hyphenated: false, continues: false }
    }
}

fn push_glyphs(out: &mut Vec<PGlyph>, shaped: &[Shaped], piece: u32, end: usize) {
    // Each cluster's text runs to the next larger cluster start (or the end).
    for (i, g) in shaped.iter().enumerate() {
        let first_of_cluster = i == 0 || shaped[i - 1].cluster != g.cluster;
        let (start, stop) = if first_of_cluster {
            let next = shaped[i + 1..].iter().map(|n| n.cluster).filter(|&c| c > g.cluster).min().unwrap_or(end);
            (g.cluster, next)
        } else {
            (g.cluster, g.cluster)
        };
        out.push(PGlyph { piece, shaped: *g, start: start as u32, end: stop as u32 });
    }
}

/// The characters a URL or a too-wide word may be broken after.
fn is_url_break(c: char) -> bool {
    matches!(c, '/' | '.' | '-' | '_' | '?' | '&' | '=' | '#')
}

/// Whether a line may end before byte `at` of `text`, inside a URL: after one of the
/// [`is_url_break`] characters, but not between the two slashes of `//` nor before a
/// character that would start the next line with more punctuation.
fn url_break_before(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text[..at].chars().next_back(), text[at..].chars().next()) else {
        return false;
    };
    is_url_break(before) && !is_url_break(after)
}

/// Byte ranges of the URLs and e-mail addresses in `text` (words separated by spaces),
/// without the brackets, quotes and sentence punctuation around them.
fn url_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for word in text.split(' ') {
        let start = offset;
        offset += word.len() + 1;
        let lead = word.len() - word.trim_start_matches(['(', '[', '<', '{', '"', '\'', '«', '“', '‘', '„']).len();
        let core =
            word[lead..].trim_end_matches([')', ']', '>', '}', '"', '\'', '»', '”', '’', '.', ',', ';', ':', '!', '?']);
        if is_url(core) {
            out.push(start + lead..start + lead + core.len());
        }
    }
    out
}

/// Whether a word is a URL (`scheme://…`, `www.…`, `mailto:…`) or an e-mail address.
fn is_url(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let web = lower.contains("://") || lower.starts_with("www.") || lower.starts_with("mailto:");
    let mail = word.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    });
    web || mail
}

fn hyphen_width(fonts: &FontBook, piece: &Piece) -> f32 {
    fonts.width("-", piece.role, piece.size)
}

fn span_at(spans: &[Span], at: usize) -> u32 {
    spans.iter().find(|s| s.range.start <= at && at < s.range.end).or(spans.last()).map_or(0, |s| s.piece)
}

/// Joins the pieces into one text in NFC with runs of white space made one space and
/// the ends trimmed; returns the text and where each piece landed.
fn normalise(pieces: &[Piece]) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let start = text.len();
        let nfc: std::borrow::Cow<'_, str> =
            if is_nfc_quick(piece.text.chars()) == unicode_normalization::IsNormalized::Yes {
                piece.text.as_str().into()
            } else {
                piece.text.nfc().collect::<String>().into()
            };
        for c in nfc.chars() {
            let space = c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}');
            if space {
                if !text.is_empty() && !text.ends_with(' ') {
                    text.push(' ');
                }
            } else if !c.is_control() {
                text.push(c);
            }
        }
        if text.len() > start {
            spans.push(Span { range: start..text.len(), piece: i as u32 });
        }
    }
    // Trim the end (the start cannot begin with a space).
    let trimmed = text.trim_end_matches(' ').len();
    text.truncate(trimmed);
    spans.retain_mut(|s| {
        s.range.end = s.range.end.min(trimmed);
        s.range.start < s.range.end
    });
    (text, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(line: &Line) -> String {
        line.text()
    }

    fn set(text: &str, width: f32, lang: &str, justify: bool) -> Vec<Line> {
        let fonts = FontBook::builtin().expect("fonts");
        let tag: LanguageTag = lang.parse().expect("tag");
        let h = Hyphenator::new();
        let style = ParStyle { language: Some(&tag), justify, hyphenate: true };
        set_paragraph(&fonts, &h, &[Piece::new(text, FontRole::SERIF, 10.0, Color::BLACK)], width, &style)
    }

    /// The words of the lines, with hyphenated line ends joined again.
    fn rejoined(lines: &[Line]) -> String {
        let mut out = String::new();
        for l in lines {
            let t = text_of(l);
            if l.hyphenated {
                out.push_str(t.strip_suffix('-').expect("ends with a hyphen"));
            } else if l.continues {
                out.push_str(&t);
            } else {
                out.push_str(&t);
                out.push(' ');
            }
        }
        out.trim_end().to_string()
    }

    const SQ: &str = "Ministrat e Mbrojtjes të vendeve aleate do të mblidhen më 12 shkurt 2026 në selinë e NATO-s në Bruksel, ku pritet të diskutojnë investimet në mbrojtje, mbështetjen për Ukrainën dhe situatën e sigurisë në Ballkanin Perëndimor.";

    #[test]
    fn lines_fit_and_keep_every_character() {
        for justify in [false, true] {
            let lines = set(SQ, 150.0, "sq", justify);
            assert!(lines.len() > 4);
            for line in &lines {
                assert!(line.width <= 150.01, "{} is {} wide", text_of(line), line.width);
            }
            assert_eq!(rejoined(&lines), SQ);
        }
    }

    /// Where the lines end in the paragraph's text (byte offsets, before the space a line
    /// ends at), each with whether a hyphen was added there.
    fn line_ends(lines: &[Line]) -> Vec<(usize, bool)> {
        let mut at = 0;
        let mut out = Vec::new();
        for l in lines {
            let t = text_of(l);
            at += if l.hyphenated { t.len() - 1 } else { t.len() };
            out.push((at, l.hyphenated));
            if !l.continues {
                at += 1;
            }
        }
        out
    }

    #[test]
    fn urls_and_addresses_break_only_after_their_separators_and_are_never_hyphenated() {
        let url = "https://www.nato.int/cps/en/natohq/news-international-summit-preparations.htm";
        let mail = "press.office@foreign-ministry.example.org";
        let text = format!("The programme of the international summit is at {url} and questions go to {mail} today.");
        let ranges: Vec<Range<usize>> = [url, mail]
            .iter()
            .map(|w| {
                let s = text.find(w).expect("in the text");
                s..s + w.len()
            })
            .collect();
        let mut inside = 0;
        // From a width every part between separators fits in (narrower, a part wider than
        // the line is cut between letters as a last resort).
        for width in (96..=240).step_by(6) {
            let width = width as f32;
            for justify in [false, true] {
                let lines = set(&text, width, "en", justify);
                let texts: Vec<String> = lines.iter().map(text_of).collect();
                for line in &lines {
                    assert!(line.width <= width + 0.01, "{width}: {texts:?}");
                }
                for (at, hyphenated) in line_ends(&lines) {
                    if ranges.iter().any(|r| r.start < at && at < r.end) {
                        inside += 1;
                        assert!(!hyphenated, "{width}: hyphenated inside an address: {texts:?}");
                        assert!(text[..at].ends_with(['/', '.', '-', '_', '?', '&', '=', '#']), "{width}: {texts:?}");
                    }
                }
                assert_eq!(rejoined(&lines), text, "{texts:?}");
            }
        }
        assert!(inside > 20, "the widths make lines end inside the addresses ({inside})");
    }

    #[test]
    fn justified_lines_fill_the_measure_but_the_last() {
        let lines = set(SQ, 200.0, "sq", true);
        for line in &lines[..lines.len() - 1] {
            assert!((line.width - 200.0).abs() < 0.05, "{}: {}", text_of(line), line.width);
        }
        assert!(lines.last().expect("lines").width < 199.0);
    }

    #[test]
    fn hyphenation_happens_in_a_narrow_column_and_not_in_unknown_languages() {
        let text =
            "Internationalisation considerations notwithstanding, representatives characteristically procrastinate.";
        let lines = set(text, 110.0, "en", true);
        assert!(lines.iter().any(|l| l.hyphenated), "{:?}", lines.iter().map(text_of).collect::<Vec<_>>());
        assert_eq!(rejoined(&lines), text);
        let lines = set(text, 110.0, "xx", true);
        assert!(!lines.iter().any(|l| l.hyphenated));
        assert!(lines.iter().all(|l| l.width <= 110.01));
    }

    #[test]
    fn styles_make_runs_and_words_cross_pieces() {
        let fonts = FontBook::builtin().expect("fonts");
        let pieces = [
            Piece::new("Albania invests ", FontRole::SERIF, 10.0, Color::BLACK),
            Piece::new("2.03%", FontRole::SERIF_BOLD, 10.0, Color::BLACK),
            Piece::new(", Брисел.", FontRole::SERIF, 10.0, Color::BLACK),
        ];
        let lines = break_lines(&fonts, &pieces, 500.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(text_of(&lines[0]), "Albania invests 2.03%, Брисел.");
        assert_eq!(lines[0].runs.len(), 3);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_not_overflowing() {
        let fonts = FontBook::builtin().expect("fonts");
        let url = "https://telegrafi.com/nato-mblidhet-ne-bruksel-mbrojta-ukraina-dhe-ballkani-perendimor/";
        let lines = break_lines(&fonts, &[Piece::new(url, FontRole::SERIF, 10.0, Color::BLACK)], 80.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| l.width <= 80.01), "{:?}", lines.iter().map(|l| l.width).collect::<Vec<_>>());
        assert_eq!(lines.iter().map(text_of).collect::<String>(), url);
        // URLs break after their punctuation where they can.
        assert!(lines[0].text().ends_with(['/', '.', '-']), "{}", lines[0].text());
        let number = "1234567890".repeat(6);
        let lines = break_lines(&fonts, &[Piece::new(&number, FontRole::SERIF, 10.0, Color::BLACK)], 60.0);
        assert!(lines.iter().all(|l| l.width <= 60.01));
        assert_eq!(lines.iter().map(text_of).collect::<String>(), number);
    }

    #[test]
    fn soft_hyphens_and_spaces_are_normalised() {
        let fonts = FontBook::builtin().expect("fonts");
        let lines =
            break_lines(&fonts, &[Piece::new("  a  b\n\tc\u{ad}d  ", FontRole::SERIF, 10.0, Color::BLACK)], 500.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(text_of(&lines[0]), "a b cd");
    }

    #[test]
    fn empty_and_blank_text_give_no_lines() {
        let fonts = FontBook::builtin().expect("fonts");
        assert!(break_lines(&fonts, &[Piece::new("", FontRole::SERIF, 10.0, Color::BLACK)], 80.0).is_empty());
        assert!(break_lines(&fonts, &[Piece::new("  \n ", FontRole::SERIF, 10.0, Color::BLACK)], 80.0).is_empty());
    }
}
