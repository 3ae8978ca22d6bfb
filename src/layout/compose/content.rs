//! The sections of the body: notes, excerpts in their four layouts, meeting cards, key
//! figures and the source list.

use crate::book::{BlockKind, Elsewhere, Excerpt, FigureEntry, MeetingCard, NoteBlock, SectionContent, SourceEntry};
use crate::model::{LanguageTag, Layout};
use crate::translate::{Origin, Row as TRow};

use super::super::fonts::FontRole;
use super::super::text::{Line, ParStyle, Piece};
use super::super::{AnnexPlacement, Color, Heading, LinkTarget, Role};
use super::flow::{Cell, CellLine, Column, Flow, Row, Table};

/// The whole body: every section, then the source list.
pub(super) fn body(flow: &mut Flow<'_>) {
    let book = flow.ctx.book;
    let mut annexes = 0;
    for section in &book.sections {
        if let SectionContent::Annex(a) = &section.content {
            annex(flow, &section.title, a, annexes);
            annexes += 1;
            continue;
        }
        let sect = start_section(flow, &section.title, section.new_page);
        match &section.content {
            SectionContent::Note(blocks) => note(flow, blocks, sect),
            SectionContent::Excerpts(excerpts) => excerpts_of(flow, excerpts, sect),
            SectionContent::Meeting { card, excerpts } => {
                meeting_card(flow, card, sect);
                flow.space(flow.ctx.style.leading);
                excerpts_of(flow, excerpts, sect);
            }
            SectionContent::Figures(entries) => figures(flow, entries, sect),
            SectionContent::Annex(_) => {}
        }
    }
    if !book.sources.is_empty() {
        let new_page = book.page.page_break == crate::model::PageBreak::Before;
        let sect = start_section(flow, &book.labels.sources, new_page);
        sources(flow, &book.sources, sect);
    }
}

fn excerpts_of(flow: &mut Flow<'_>, excerpts: &[Excerpt], sect: usize) {
    if excerpts.is_empty() {
        let style = &flow.ctx.style;
        let pieces =
            [Piece::new(flow.ctx.book.labels.no_excerpts.clone(), style.text_role.italic(), style.body, style.muted)];
        let lines = flow.ctx.set(&pieces, style.geo.text_width(), &ParStyle::PLAIN);
        let p = flow.node(Role::P, Some(sect), None);
        let (x, leading) = (style.geo.left, style.leading);
        flow.lines(&lines, x, leading, Some(p));
    }
    for excerpt in excerpts {
        self::excerpt(flow, excerpt, sect);
    }
}

/// The section's heading, on a new page when `new_page` says so or the flow has none yet,
/// else after what comes before; the heading goes with the first lines that follow it.
/// Returns the section's structure node.
fn start_section(flow: &mut Flow<'_>, title: &str, new_page: bool) -> usize {
    flow.section = title.to_string();
    let style = &flow.ctx.style;
    let lines = flow.ctx.label(title, style.head_role.bold(), style.h1, style.accent, style.geo.text_width());
    let leading = style.h1 * 1.2;
    let after = 5.0 + style.leading * 1.1;
    let height = lines.len() as f32 * leading + after;
    if new_page || flow.pages.is_empty() {
        flow.new_page();
    } else {
        // Room for the heading and the first lines of what follows, or a new page.
        let before = 1.5 * style.leading;
        if flow.y + before + height + 3.0 * style.leading > flow.bottom() {
            flow.new_page();
        } else {
            flow.space(before);
        }
    }
    let page = flow.page_index();
    // A section starting at the head of a page names it in the running head.
    if flow.at_top() {
        flow.page_sections[page] = title.to_string();
    }
    let sect = flow.node(Role::Sect, None, None);
    let h = flow.node(Role::H(1), Some(sect), None);
    let (item, top) = (flow.page().items.len(), flow.y);
    flow.headings.push(Heading { level: 1, title: title.to_string(), page, y: flow.y });
    flow.lines(&lines, style.geo.left, leading, Some(h));
    let (l, r, y) = (style.geo.left, style.geo.right, flow.y + 5.0);
    flow.rule(l, y, r, y, 1.0, style.accent);
    flow.y = y + style.leading * 1.1;
    if flow.page_index() == page {
        flow.keep_with_next(page, item, top);
    }
    sect
}

/// The pages of an annex (the `index`th of the book): each on a page of its own, scaled
/// (aspect kept) to fit between the rule under the running head and the rule over the
/// footer, centred there, so the book's head and footer, stamped on it, stand clear of
/// it. When that would shrink it to less than 80% of what fits the whole page (a tall
/// page in a wide book with deep margins), it fits the whole page instead and the head
/// and footer are stamped over it. The running head names the section. What follows
/// starts on a new page.
fn annex(flow: &mut Flow<'_>, title: &str, annex: &crate::book::annex::Annex, index: usize) {
    // Space between the annex page and the rules of the running head and the footer.
    const GAP: f32 = 3.0;
    flow.section = title.to_string();
    flow.release();
    let geo = flow.ctx.style.geo;
    let (_, top, _, bottom) = super::front::furniture(&flow.ctx.style);
    // Tagged as a section of figures, one a page, each described by its alternate text
    // (the pages are drawn as they are: their own tags are not carried over).
    let sect = flow.node(Role::Sect, None, None);
    let count = annex.pages.len();
    for (i, p) in annex.pages.iter().enumerate() {
        let figure = flow.node(Role::Figure, Some(sect), None);
        flow.structure[figure].alt =
            Some(format!("{title}: page {} of {count} of the attached document {}", i + 1, annex.file));
        flow.new_page();
        let page = flow.page_index();
        if i == 0 {
            flow.headings.push(Heading { level: 1, title: title.to_string(), page, y: flow.top() });
        }
        let (pw, ph) = (p.width.max(1.0), p.height.max(1.0));
        let whole = (geo.width / pw).min(geo.height / ph);
        let band = (top + GAP, bottom - GAP);
        let between = (geo.width / pw).min((band.1 - band.0).max(0.0) / ph);
        let (scale, (from, to)) = if between >= 0.8 * whole { (between, band) } else { (whole, (0.0, geo.height)) };
        let (w, h) = (pw * scale, ph * scale);
        let (x, y) = ((geo.width - w) / 2.0, from + (to - from - h) / 2.0);
        flow.page().annex = Some(AnnexPlacement { annex: index, page: i, x, y, scale, tag: Some(figure) });
    }
    // Nothing more goes on the annex's last page.
    flow.y = flow.bottom() + 1.0;
}

fn pieces_of(spans: &[crate::book::Span], base: FontRole, size: f32, color: Color) -> Vec<Piece> {
    spans
        .iter()
        .map(|s| {
            let mut role = base;
            role.bold |= s.bold;
            role.italic |= s.italic;
            Piece::new(s.text.clone(), role, size, color)
        })
        .collect()
}

fn note(flow: &mut Flow<'_>, blocks: &[NoteBlock], sect: usize) {
    let ctx = flow.ctx;
    let style = &ctx.style;
    let lang = &ctx.book.meta.language;
    let mut list: Option<usize> = None;
    for (i, block) in blocks.iter().enumerate() {
        let pieces = pieces_of(&block.spans, style.text_role, style.body, style.text);
        match &block.kind {
            BlockKind::Heading(level) => {
                list = None;
                let text: String = block.spans.iter().map(|s| s.text.as_str()).collect();
                let level = if *level <= 2 { 2 } else { 3 };
                flow.heading(&text, level, Some(sect), 2.0 * style.leading);
            }
            BlockKind::Paragraph => {
                list = None;
                let lines = ctx.set(&pieces, style.geo.text_width(), &ctx.body_style(lang));
                let p = flow.node(Role::P, Some(sect), None);
                flow.lines(&lines, style.geo.left, style.leading, Some(p));
                flow.space(style.leading * 0.5);
            }
            BlockKind::Item { marker, depth } => {
                let l = *list.get_or_insert_with(|| flow.node(Role::L, Some(sect), None));
                let li = flow.node(Role::LI, Some(l), None);
                let indent = 1.6 * style.body * (*depth as f32 + 1.0);
                let x = style.geo.left + indent;
                let w = style.geo.text_width() - indent;
                let lines = ctx.set(&pieces, w, &ctx.body_style(lang));
                let placed = flow.lines(&lines, x, style.leading, Some(li));
                if let Some((page, base)) = placed.first {
                    let numbered = marker.ends_with('.');
                    let role = if numbered { style.text_role } else { style.text_role.bold() };
                    let m = ctx.label(marker, role, style.body, style.accent, indent);
                    if let Some(m) = m.first() {
                        let mx = x - m.width - 0.45 * style.body;
                        // The marker goes beside the item's first line, wherever that landed.
                        flow.place_on(page, m, mx, base, Some(li));
                    }
                }
                let next_is_item = matches!(blocks.get(i + 1).map(|b| &b.kind), Some(BlockKind::Item { .. }));
                flow.space(if next_is_item { style.leading * 0.2 } else { style.leading * 0.5 });
                if !next_is_item {
                    list = None;
                }
            }
        }
    }
}

/// The citation line under an excerpt's title: the source and its translation, by
/// number in the source list.
fn citation(flow: &mut Flow<'_>, excerpt: &Excerpt, parent: usize) {
    let ctx = flow.ctx;
    let (book, style) = (ctx.book, &ctx.style);
    let labels = &book.labels;
    let source = &book.sources[excerpt.source - 1];
    let number = format!("[{}]", source.number);
    // The citation every part of the book uses, then the language and the translation.
    let mut rest = format!("{} · {}", source.cite_rest(labels), source.language);
    if let Some(t) = excerpt.translation_source.map(|n| &book.sources[n - 1]) {
        let mut tr = format!("[{}] {}", t.number, t.language);
        if let Some(name) = &t.translator {
            tr.push_str(", ");
            tr.push_str(&labels.translated_by.replace("{translator}", name));
        }
        rest.push_str(" — ");
        rest.push_str(&tr);
    }
    let size = style.small;
    let pieces = [
        Piece::new(format!("{} ", labels.source), style.head_role, size, style.muted),
        Piece::new(number.clone(), style.head_role.bold(), size, style.accent),
        Piece::new(format!("  {rest}"), style.head_role, size, style.muted),
    ];
    let lines = ctx.set(&pieces, style.geo.text_width(), &ParStyle::PLAIN);
    let node = flow.node(Role::Caption, Some(parent), None);
    let leading = size * 1.35;
    let placed = flow.lines(&lines, style.geo.left, leading, Some(node));
    if let Some((page, base)) = placed.first
        && page == flow.page_index()
    {
        let pre = ctx.fonts.width(&format!("{} ", labels.source), style.head_role, size);
        let w = ctx.fonts.width(&number, style.head_role.bold(), size);
        flow.link_to_source(style.geo.left + pre, base - size, w, size * 1.3, excerpt.source);
    }
}

fn excerpt(flow: &mut Flow<'_>, excerpt: &Excerpt, sect: usize) {
    let ctx = flow.ctx;
    let style = &ctx.style;
    if excerpt.rows.is_empty() && !excerpt.elsewhere.is_empty() {
        // Nothing new: only the references, without the document's title.
        for e in &excerpt.elsewhere {
            reference_lines(flow, excerpt, e, style.geo.left, sect);
        }
        flow.space(style.leading * 0.5);
        return;
    }
    let quote = flow.node(Role::BlockQuote, Some(sect), Some(excerpt.original_language.to_string()));
    let cite_h = style.small * 1.35 * 2.0;
    let then = cite_h + 2.0 * style.cell_leading + 30.0;
    flow.heading(&excerpt.title, 2, Some(quote), then);
    // The title (and a section heading above it) and its citation go together with the
    // first rows that follow.
    let kept = flow.kept();
    citation(flow, excerpt, quote);
    flow.keep_again(kept);
    flow.y += style.leading * 0.5;
    match excerpt.layout {
        Layout::SideBySide => side_by_side(flow, excerpt, quote),
        _ => running_text(flow, excerpt, quote),
    }
    flow.space(style.leading);
}

/// What an excerpt shows, paragraph by paragraph: the rows of a paragraph, or a reference
/// to a paragraph an earlier section printed.
enum Part<'a> {
    Rows(Vec<&'a TRow>),
    Elsewhere(&'a Elsewhere),
}

/// Rows grouped by the original's paragraph, references to paragraphs printed before in
/// their place, each with a gap marker before it where paragraphs of a selection are left
/// out.
fn groups(excerpt: &Excerpt) -> Vec<(bool, Part<'_>)> {
    let mut out: Vec<(bool, Part<'_>)> = Vec::new();
    let mut last: Option<usize> = None;
    let gap = |last: Option<usize>, p: Option<usize>| {
        excerpt.partial
            && match (last, p) {
                (None, Some(p)) => p > 0,
                (Some(l), Some(p)) => p > l + 1,
                _ => false,
            }
    };
    let mut elsewhere: Vec<&Elsewhere> = excerpt.elsewhere.iter().collect();
    elsewhere.sort_by_key(|e| e.paragraph);
    let mut pending = elsewhere.into_iter().peekable();
    for row in &excerpt.rows {
        if let Some((_, Part::Rows(g))) = out.last_mut()
            && row.paragraph.is_some()
            && g.first().is_some_and(|f| f.paragraph == row.paragraph)
        {
            g.push(row);
            continue;
        }
        if let Some(p) = row.paragraph {
            while let Some(e) = pending.next_if(|e| e.paragraph < p) {
                out.push((gap(last, Some(e.paragraph)), Part::Elsewhere(e)));
                last = Some(e.paragraph);
            }
        }
        out.push((gap(last, row.paragraph), Part::Rows(vec![row])));
        last = row.paragraph;
    }
    for e in pending {
        out.push((gap(last, Some(e.paragraph)), Part::Elsewhere(e)));
        last = Some(e.paragraph);
    }
    out
}

/// The reference to a paragraph printed before: its text ("See ¶ 3 of [1], p. 7, The
/// meeting in the press") and where it links to.
fn reference(flow: &Flow<'_>, excerpt: &Excerpt, e: &Elsewhere) -> (String, Option<LinkTarget>) {
    let at = flow.printed.get(&(excerpt.source, e.paragraph)).copied();
    let page = at.map_or_else(|| "–".to_string(), |(p, _)| (p + flow.page_offset + 1).to_string());
    let text = flow
        .ctx
        .book
        .labels
        .cross_reference
        .replace("{paragraph}", &(e.paragraph + 1).to_string())
        .replace("{number}", &excerpt.source.to_string())
        .replace("{page}", &page)
        .replace("{section}", &e.section_title);
    (text, at.map(|(page, y)| LinkTarget::Place { page, y }))
}

/// A reference set as a line of its own (running text, or an excerpt with nothing new).
fn reference_lines(flow: &mut Flow<'_>, excerpt: &Excerpt, e: &Elsewhere, x: f32, parent: usize) {
    let ctx = flow.ctx;
    let style = &ctx.style;
    let (text, target) = reference(flow, excerpt, e);
    let width = style.geo.right - x;
    let lines = ctx.label(&text, style.text_role.italic(), style.cell, style.muted, width);
    let node = flow.node(Role::P, Some(parent), None);
    let placed = flow.lines(&lines, x, style.cell_leading, Some(node));
    if let Some(target) = target {
        let w = lines.iter().map(|l| l.width).fold(0.0, f32::max);
        for (page, top, bottom) in placed.fragments {
            let target = target.clone();
            flow.pages[page].items.push(super::super::Item::Link { x, y: top, w, h: bottom - top, target });
        }
    }
    flow.space(style.leading * 0.3);
}

/// A row of an excerpt's table, set: original, translation (or the "not translated"
/// mark) and the translation's origin note, with whether it is a machine's.
#[derive(Default)]
struct SetRow {
    left: Vec<Line>,
    right: Vec<Line>,
    note: Option<(Vec<Line>, bool)>,
}

fn origin_note(labels: &crate::book::Labels, row: &TRow, qa_marks: bool) -> Option<(String, bool)> {
    let mut parts = Vec::new();
    let mut machine = false;
    match &row.origin {
        Some(Origin::Machine { engine }) => {
            machine = true;
            parts.push(format!("{} · {}", labels.machine_marker, labels.origin_machine.replace("{engine}", engine)));
        }
        Some(Origin::Memory { score }) => parts.push(labels.origin_memory.replace("{score}", &score.to_string())),
        Some(Origin::Edited) => parts.push(labels.origin_edited.clone()),
        Some(Origin::Human { .. }) | None => {}
    }
    if row.stale {
        parts.push(labels.stale_marker.clone());
    }
    if qa_marks && !row.qa.is_empty() {
        let found: Vec<String> = row.qa.iter().map(|q| q.message()).collect();
        parts.push(format!("{}: {}", labels.qa_marker, found.join("; ")));
    }
    (!parts.is_empty()).then(|| (parts.join(" · "), machine))
}

fn side_by_side(flow: &mut Flow<'_>, excerpt: &Excerpt, parent: usize) {
    let ctx = flow.ctx;
    let (book, style) = (ctx.book, &ctx.style);
    let labels = &book.labels;
    let gap = 1.4 * style.body;
    let col = (style.geo.text_width() - gap) / 2.0;
    let pad_x = 0.0;
    let pad_y = 0.25 * style.cell_leading;
    let inner = col - 2.0 * pad_x;
    let columns = [Column { x: 0.0, width: col }, Column { x: col + gap, width: col }];
    let head = |text: String| {
        let lines = ctx.label(&text, style.head_role.bold(), style.small, style.accent, inner);
        Cell::of(lines, style.small * 1.3)
    };
    let left_label = labels.original_column.replace("{language}", &labels.language(&excerpt.original_language));
    let right_label = labels.translation_column.replace("{language}", &labels.language(&excerpt.translation_language));
    let header = Row { cells: vec![head(left_label), head(right_label)], ..Row::default() };
    let orig_lang = &excerpt.original_language;
    let trans_lang = &excerpt.translation_language;
    let set_cell = |text: &Option<String>, lang: &LanguageTag| -> Vec<Line> {
        let par = ParStyle { language: Some(lang), justify: style.justify, hyphenate: style.hyphenate };
        match text {
            Some(t) => ctx.set(&[Piece::new(t.clone(), style.text_role, style.cell, style.text)], inner, &par),
            None => Vec::new(),
        }
    };
    let qa_marks = book.meta.qa_marks;
    // Both cells of every row with the translation's origin note, set in parallel (the
    // paragraphs are independent), in the order the groups below take the rows.
    let mut set_rows = {
        use rayon::prelude::*;
        let set: Vec<SetRow> = excerpt
            .rows
            .par_iter()
            .map(|row| {
                let right = if row.translation.is_none() && row.original.is_some() {
                    // An empty cell says so: the reader knows the text was not translated.
                    ctx.label(&labels.untranslated, style.text_role.italic(), style.small, style.muted, inner)
                } else {
                    set_cell(&row.translation, trans_lang)
                };
                let note = origin_note(labels, row, qa_marks).map(|(note, machine)| {
                    let flagged = qa_marks && !row.qa.is_empty();
                    let color = if row.stale || flagged { Color::rgb(0xa3, 0x2b, 0x2b) } else { style.muted };
                    (ctx.label(&note, style.head_role.bold(), style.small * 0.9, color, inner), machine)
                });
                SetRow { left: set_cell(&row.original, orig_lang), right, note }
            })
            .collect();
        set.into_iter()
    };
    let mut rows = Vec::new();
    let mut any_machine = false;
    let mut any_stale = false;
    let mut any_qa = false;
    let ellipsis = |ctx: &super::Ctx<'_>| ctx.label("[…]", style.text_role, style.cell, style.muted, inner);
    for (gi, (gap_before, part)) in groups(excerpt).into_iter().enumerate() {
        if gap_before {
            let e = ellipsis(ctx);
            rows.push(Row {
                cells: vec![Cell::of(e.clone(), style.cell_leading), Cell::of(e, style.cell_leading)],
                space_before: if gi > 0 { 0.5 * style.cell_leading } else { 0.0 },
                rule_before: gi > 0,
                ..Row::default()
            });
        }
        let group = match part {
            Part::Rows(group) => group,
            Part::Elsewhere(e) => {
                // The reference across the original's column, the whole row a link.
                let (text, link) = reference(flow, excerpt, e);
                let lines = ctx.label(&text, style.text_role.italic(), style.cell, style.muted, inner);
                rows.push(Row {
                    cells: vec![Cell::of(lines, style.cell_leading), Cell::default()],
                    space_before: if gi > 0 && !gap_before { 0.5 * style.cell_leading } else { 0.0 },
                    rule_before: gi > 0 && !gap_before,
                    anchor: None,
                    link,
                });
                continue;
            }
        };
        for (ri, row) in group.iter().enumerate() {
            let set = set_rows.next().unwrap_or_default();
            let mut left = Cell::of(set.left, style.cell_leading);
            left.language = Some(orig_lang.to_string());
            let mut right = Cell::of(set.right, style.cell_leading);
            right.language = Some(trans_lang.to_string());
            if let Some((note_lines, machine)) = set.note {
                any_machine |= machine;
                any_stale |= row.stale;
                any_qa |= qa_marks && !row.qa.is_empty();
                right.lines.extend(note_lines.into_iter().map(|line| CellLine {
                    line,
                    leading: style.small * 1.3,
                    indent: 0.0,
                }));
                right.fill = Some(if row.stale {
                    style.stale
                } else if machine {
                    style.machine
                } else {
                    style.shade
                });
                if !machine && !row.stale {
                    right.fill = None;
                }
            }
            let first = ri == 0;
            rows.push(Row {
                cells: vec![left, right],
                space_before: match (first, gap_before) {
                    (true, true) => 0.0,
                    (true, false) if gi > 0 => 0.5 * style.cell_leading,
                    (true, false) => 0.0,
                    (false, _) => 0.2 * style.cell_leading,
                },
                rule_before: first && gi > 0 && !gap_before,
                anchor: row.paragraph.filter(|_| first).map(|p| (excerpt.source, p)),
                link: None,
            });
        }
    }
    let table = Table {
        columns: columns.to_vec(),
        header: Some(header),
        header_fill: None,
        header_rule: Some((0.8, style.accent)),
        rows,
        pad_x,
        pad_y,
        column_rules: false,
        rule_color: style.rule,
    };
    flow.table(&table, Some(parent));
    legend(flow, any_machine, any_stale, any_qa, parent);
}

fn legend(flow: &mut Flow<'_>, machine: bool, stale: bool, qa: bool, parent: usize) {
    let ctx = flow.ctx;
    let (labels, style) = (&ctx.book.labels, &ctx.style);
    let mut texts = Vec::new();
    if machine {
        texts.push((labels.machine_legend.clone(), style.machine));
    }
    if stale {
        texts.push((labels.stale_legend.clone(), style.stale));
    }
    if qa {
        texts.push((labels.qa_legend.clone(), style.shade));
    }
    if texts.is_empty() {
        return;
    }
    flow.space(0.4 * style.leading);
    for (text, fill) in texts {
        let sw = style.small;
        let lines = ctx.label(&text, style.head_role, style.small, style.muted, style.geo.text_width() - 2.0 * sw);
        let node = flow.node(Role::Caption, Some(parent), None);
        let leading = style.small * 1.4;
        flow.ensure(leading);
        let top = flow.y;
        let x = style.geo.left;
        flow.rect(x, top + (leading - sw) / 2.0, sw, sw, fill);
        flow.lines(&lines, x + 1.6 * sw, leading, Some(node));
    }
}

/// Interleaved, translation-only and original-only excerpts: running paragraphs.
fn running_text(flow: &mut Flow<'_>, excerpt: &Excerpt, parent: usize) {
    let ctx = flow.ctx;
    let (labels, style) = (&ctx.book.labels, &ctx.style);
    let width = style.geo.text_width();
    let left = style.geo.left;
    let join = |rows: &[&TRow], pick: fn(&TRow) -> Option<&String>| -> Option<String> {
        let parts: Vec<&str> = rows.iter().filter_map(|r| pick(r).map(String::as_str)).collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    };
    let mut any_machine = false;
    let mut any_stale = false;
    let mut any_qa = false;
    // An original in another language, shown without translation, says so.
    if excerpt.layout == Layout::Original
        && !excerpt.original_language.same_language(&excerpt.translation_language)
        && excerpt.rows.iter().any(|r| r.original.is_some())
    {
        let mark =
            ctx.label(&format!("[{}]", labels.untranslated), style.text_role.italic(), style.small, style.muted, width);
        let node = flow.node(Role::P, Some(parent), None);
        flow.lines(&mark, left, style.leading, Some(node));
        flow.space(style.leading * 0.3);
    }
    for (gap, part) in groups(excerpt) {
        if gap {
            let e = ctx.label("[…]", style.text_role, style.body, style.muted, width);
            let node = flow.node(Role::P, Some(parent), None);
            flow.lines(&e, left, style.leading, Some(node));
            flow.space(style.leading * 0.4);
        }
        let group = match part {
            Part::Rows(group) => group,
            Part::Elsewhere(e) => {
                reference_lines(flow, excerpt, e, left, parent);
                continue;
            }
        };
        // Where the paragraph starts, for references to it.
        let anchor = group.first().and_then(|r| r.paragraph);
        let anchor_at = |flow: &mut Flow<'_>, placed: &super::flow::Placed| {
            if let (Some(p), Some(&(page, top, _))) = (anchor, placed.fragments.first()) {
                flow.printed_at(excerpt.source, p, page, top);
            }
        };
        let original = join(&group, |r| r.original.as_ref());
        let translation = join(&group, |r| r.translation.as_ref());
        let untranslated = original.is_some()
            && translation.is_none()
            && !excerpt.original_language.same_language(&excerpt.translation_language);
        let show_original = matches!(excerpt.layout, Layout::Interleaved | Layout::Original);
        let show_translation = matches!(excerpt.layout, Layout::Interleaved | Layout::Translation);
        if show_original && let Some(text) = original {
            let lang = &excerpt.original_language;
            let lines =
                ctx.set(&[Piece::new(text, style.text_role, style.body, style.text)], width, &ctx.body_style(lang));
            let node = flow.node(Role::P, Some(parent), Some(lang.to_string()));
            let placed = flow.lines(&lines, left, style.leading, Some(node));
            anchor_at(flow, &placed);
            flow.space(style.leading * if excerpt.layout == Layout::Interleaved { 0.25 } else { 0.5 });
        }
        if show_translation && let Some(text) = translation {
            let lang = &excerpt.translation_language;
            let qa_marks = ctx.book.meta.qa_marks;
            let notes: Vec<(String, bool)> = group.iter().filter_map(|r| origin_note(labels, r, qa_marks)).collect();
            any_qa |= qa_marks && group.iter().any(|r| !r.qa.is_empty());
            let machine = notes.iter().any(|n| n.1);
            any_machine |= machine;
            any_stale |= group.iter().any(|r| r.stale);
            let indent = if excerpt.layout == Layout::Interleaved { 1.2 * style.body } else { 0.0 };
            let color = if excerpt.layout == Layout::Interleaved { style.accent } else { style.text };
            let role = if excerpt.layout == Layout::Interleaved { style.text_role.italic() } else { style.text_role };
            let mut pieces = vec![Piece::new(text, role, style.body, color)];
            if let Some((note, _)) = notes.first() {
                pieces.push(Piece::new(format!("  [{note}]"), style.head_role.bold(), style.small, style.muted));
            }
            let lines = ctx.set(&pieces, width - indent, &ctx.body_style(lang));
            let node = flow.node(Role::P, Some(parent), Some(lang.to_string()));
            let placed = flow.lines(&lines, left + indent, style.leading, Some(node));
            anchor_at(flow, &placed);
            if indent > 0.0 {
                // A bar beside the translation, on each page it spans.
                let bar = if machine { Color::rgb(0xe0, 0xa0, 0x40) } else { style.rule };
                for (page, top, bottom) in placed.fragments {
                    let x = left + 0.35 * style.body;
                    flow.pages[page].items.push(super::super::Item::Rule {
                        x1: x,
                        y1: top + 2.0,
                        x2: x,
                        y2: bottom - 2.0,
                        width: 1.6,
                        color: bar,
                    });
                }
            }
            flow.space(style.leading * 0.6);
        } else if show_translation && untranslated && excerpt.layout == Layout::Interleaved {
            let lines = ctx.label(
                &format!("[{}]", labels.untranslated),
                style.text_role.italic(),
                style.small,
                style.muted,
                width,
            );
            let node = flow.node(Role::P, Some(parent), None);
            flow.lines(&lines, left + 1.2 * style.body, style.leading, Some(node));
            flow.space(style.leading * 0.6);
        }
    }
    legend(flow, any_machine, any_stale, any_qa, parent);
}

fn meeting_card(flow: &mut Flow<'_>, card: &MeetingCard, sect: usize) {
    let ctx = flow.ctx;
    let (book, style) = (ctx.book, &ctx.style);
    let labels = &book.labels;
    let width = style.geo.text_width();
    let label_w = 0.27 * width;
    let pad_x = 0.8 * style.body;
    let columns = vec![Column { x: 0.0, width: label_w }, Column { x: label_w, width: width - label_w }];
    let value_w = width - label_w - 2.0 * pad_x;
    let mut fields: Vec<(&str, String)> = vec![(&labels.card_kind, card.kind.clone())];
    if let Some(d) = &card.dates {
        fields.push((&labels.card_dates, d.clone()));
    }
    if let Some(p) = &card.place {
        fields.push((&labels.card_place, p.clone()));
    }
    if let Some(o) = &card.organisation {
        fields.push((&labels.card_organisation, o.clone()));
    }
    if !card.participants.is_empty() {
        fields.push((&labels.card_participants, card.participants.join(", ")));
    }
    if !card.topics.is_empty() {
        fields.push((&labels.card_topics, card.topics.join(", ")));
    }
    if !card.sources.is_empty() {
        let list: Vec<String> =
            card.sources.iter().filter_map(|n| book.sources.get(n - 1)).map(|s| s.cite(labels)).collect();
        fields.push((&labels.card_sources, list.join("; ")));
    }
    let rows = fields
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let l = ctx.label(
                &label.to_uppercase(),
                style.head_role.bold(),
                style.small * 0.92,
                style.muted,
                label_w - 2.0 * pad_x,
            );
            let v = ctx.set(&[Piece::new(value, style.text_role, style.body, style.text)], value_w, &ParStyle::PLAIN);
            let mut lc = Cell::of(l, style.leading);
            lc.fill = Some(style.shade);
            let mut vc = Cell::of(v, style.leading);
            vc.fill = Some(style.shade);
            Row { cells: vec![lc, vc], space_before: 0.0, rule_before: i > 0, ..Row::default() }
        })
        .collect();
    let name = ctx.label(&card.name, style.head_role.bold(), style.h2, Color::WHITE, width - 2.0 * pad_x);
    let mut name_cell = Cell::of(name, style.h2 * 1.3);
    name_cell.lines.iter_mut().for_each(|l| l.indent = 0.0);
    let header = Row { cells: vec![name_cell, Cell::default()], ..Row::default() };
    let table = Table {
        columns,
        header: Some(header),
        header_fill: Some(style.accent),
        header_rule: None,
        rows,
        pad_x,
        pad_y: 0.35 * style.leading,
        column_rules: false,
        rule_color: Color::WHITE,
    };
    // A card is kept on one page when it fits.
    let h: f32 = table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.lines.len() as f32 * style.leading).fold(0.0, f32::max) + 0.7 * style.leading)
        .sum::<f32>()
        + 3.0 * style.h2;
    flow.ensure(h.min(flow.bottom() - flow.top()));
    flow.table(&table, Some(sect));
}

fn figures(flow: &mut Flow<'_>, entries: &[FigureEntry], sect: usize) {
    let ctx = flow.ctx;
    let (book, style) = (ctx.book, &ctx.style);
    let labels = &book.labels;
    let width = style.geo.text_width();
    if entries.is_empty() {
        let lines = ctx.set(
            &[Piece::new(labels.no_figures.clone(), style.text_role.italic(), style.body, style.muted)],
            width,
            &ParStyle::PLAIN,
        );
        let p = flow.node(Role::P, Some(sect), None);
        flow.lines(&lines, style.geo.left, style.leading, Some(p));
        return;
    }
    let pad_x = 0.5 * style.body;
    let widths = [0.2 * width, 0.52 * width, 0.28 * width];
    let mut x = 0.0;
    let columns: Vec<Column> = widths
        .iter()
        .map(|&w| {
            let c = Column { x, width: w };
            x += w;
            c
        })
        .collect();
    let inner = |i: usize| widths[i] - 2.0 * pad_x;
    let head = |text: &str, i: usize| {
        Cell::of(ctx.label(text, style.head_role.bold(), style.small, style.accent, inner(i)), style.small * 1.4)
    };
    let header = Row {
        cells: vec![head(&labels.figure, 0), head(&labels.figure_context, 1), head(&labels.source, 2)],
        ..Row::default()
    };
    let mut rows = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let fig = ctx.set(
            &[Piece::new(e.text.clone(), style.text_role.bold(), style.cell, style.accent)],
            inner(0),
            &ParStyle::PLAIN,
        );
        let context = ctx.set(
            &[Piece::new(e.context.clone(), style.text_role, style.cell, style.text)],
            inner(1),
            &ParStyle { language: Some(&e.language), justify: false, hyphenate: style.hyphenate },
        );
        let cite = book.sources[e.source - 1].cite(labels);
        let source = ctx.label(&cite, style.head_role, style.small, style.muted, inner(2));
        let mut context_cell = Cell::of(context, style.cell_leading);
        context_cell.language = Some(e.language.to_string());
        if !e.language.same_language(&book.meta.language) {
            // Not translated: the original, said to be one.
            let mark = labels.original_column.replace("{language}", &labels.language(&e.language));
            let mark = ctx.label(&format!("[{mark}]"), style.text_role.italic(), style.small, style.muted, inner(1));
            context_cell.lines.extend(mark.into_iter().map(|line| CellLine {
                line,
                leading: style.small * 1.3,
                indent: 0.0,
            }));
        }
        rows.push(Row {
            cells: vec![Cell::of(fig, style.cell_leading), context_cell, Cell::of(source, style.cell_leading)],
            space_before: 0.0,
            rule_before: i > 0,
            ..Row::default()
        });
    }
    let table = Table {
        columns,
        header: Some(header),
        header_fill: Some(style.shade),
        header_rule: Some((0.6, style.rule)),
        rows,
        pad_x,
        pad_y: 0.3 * style.cell_leading,
        column_rules: false,
        rule_color: style.rule,
    };
    flow.table(&table, Some(sect));
}

fn sources(flow: &mut Flow<'_>, entries: &[SourceEntry], sect: usize) {
    let ctx = flow.ctx;
    let (labels, style) = (&ctx.book.labels, &ctx.style);
    let hang = 2.4 * style.body;
    let width = style.geo.text_width() - hang;
    let x = style.geo.left + hang;
    let size = style.cell;
    let leading = style.cell_leading;
    let list = flow.node(Role::L, Some(sect), None);
    for s in entries {
        let pieces: Vec<Piece> = s
            .entry(labels)
            .into_iter()
            .map(|(t, title)| {
                let role = if title { style.text_role.italic() } else { style.text_role };
                Piece::new(t, role, size, style.text)
            })
            .collect();
        let lines = ctx.set(&pieces, width, &ParStyle::PLAIN);
        // Any address is shown; only http, https and mailto ones become links.
        let url = s.url.as_deref().filter(|u| !u.trim().is_empty());
        let url_lines =
            url.map(|u| ctx.label(u, style.head_role, style.small, style.accent, width)).unwrap_or_default();
        let url_leading = style.small * 1.35;
        let h = lines.len() as f32 * leading + url_lines.len() as f32 * url_leading;
        if h < 0.4 * (flow.bottom() - flow.top()) {
            flow.ensure(h);
        } else if flow.pages.is_empty() {
            flow.new_page();
        }
        let item = flow.node(Role::LI, Some(list), None);
        let top_page = flow.page_index();
        let top = flow.y;
        let placed = flow.lines(&lines, x, leading, Some(item));
        let anchor = placed.first.map_or((top_page, top), |(p, b)| (p, (b - leading).max(0.0)));
        flow.source_anchors.insert(s.number, anchor);
        if let Some((page, base)) = placed.first {
            let number = ctx.label(&format!("[{}]", s.number), style.head_role.bold(), size * 0.95, style.accent, hang);
            if let Some(n) = number.first() {
                flow.place_on(page, n, style.geo.left, base, Some(item));
            }
        }
        if let Some(u) = url {
            let placed = flow.lines(&url_lines, x, url_leading, Some(item));
            let fragments = if crate::layout::is_safe_uri(u) { placed.fragments } else { Vec::new() };
            for (page, t, b) in fragments {
                let w = url_lines.iter().map(|l| l.width).fold(0.0, f32::max);
                flow.pages[page].items.push(super::super::Item::Link {
                    x,
                    y: t,
                    w,
                    h: b - t,
                    target: LinkTarget::Uri(u.to_string()),
                });
            }
        }
        flow.space(0.55 * leading);
    }
}
