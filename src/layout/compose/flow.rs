//! The flow: blocks set one after another down the pages.
//!
//! Page breaking is greedy, with the rules a careful compositor follows: a paragraph never
//! leaves a single line at the foot of a page (orphan) or at the head of the next (widow);
//! a heading is never the last thing on a page (the caller says how much must follow it);
//! table rows that do not fit are split with both columns continuing on the next page, each
//! part at least two lines, under the repeated column headers.

use std::collections::BTreeMap;

use super::super::text::Line;
use super::super::{Color, Heading, Item, LinkTarget, Page, Role, StructNode, TextRun};
use super::Ctx;

/// Where the baseline of a line of `size` stands in a line box of `leading` from `top`.
pub(super) fn baseline(top: f32, leading: f32, size: f32) -> f32 {
    top + (leading - size) / 2.0 + 0.8 * size
}

/// A column of a table: left edge (from the text block's left) and width of its box.
#[derive(Debug, Clone, Copy)]
pub(super) struct Column {
    pub x: f32,
    pub width: f32,
}

/// A line of a table cell, with its own line height and indent.
#[derive(Debug, Clone)]
pub(super) struct CellLine {
    pub line: Line,
    pub leading: f32,
    pub indent: f32,
}

/// A table cell: its lines, background and language.
#[derive(Debug, Clone, Default)]
pub(super) struct Cell {
    pub lines: Vec<CellLine>,
    pub fill: Option<Color>,
    pub language: Option<String>,
}

impl Cell {
    /// A cell of lines all set with the same leading.
    pub(super) fn of(lines: Vec<Line>, leading: f32) -> Cell {
        Cell {
            lines: lines.into_iter().map(|line| CellLine { line, leading, indent: 0.0 }).collect(),
            ..Cell::default()
        }
    }

    fn height(&self, from: usize) -> f32 {
        self.lines[from..].iter().map(|l| l.leading).sum()
    }
}

/// A table row.
#[derive(Debug, Clone, Default)]
pub(super) struct Row {
    pub cells: Vec<Cell>,
    /// Extra space above the row (between paragraph groups).
    pub space_before: f32,
    /// A rule above the row (between groups); none at the top of a page.
    pub rule_before: bool,
    /// The paragraph the row starts (source number, paragraph from 0): where it lands is
    /// kept for references to it.
    pub anchor: Option<(usize, usize)>,
    /// The whole row is a link (a reference to a paragraph printed before).
    pub link: Option<LinkTarget>,
}

/// A table: columns, an optional header row repeated on every page, rows.
#[derive(Debug, Clone)]
pub(super) struct Table {
    pub columns: Vec<Column>,
    pub header: Option<Row>,
    pub header_fill: Option<Color>,
    /// A rule under the header row: width and colour.
    pub header_rule: Option<(f32, Color)>,
    pub rows: Vec<Row>,
    pub pad_x: f32,
    pub pad_y: f32,
    /// A thin vertical rule between columns.
    pub column_rules: bool,
    pub rule_color: Color,
}

/// Where a block of lines went: the page and baseline of its first line, and the page,
/// top and bottom of each part.
#[derive(Debug, Clone, Default)]
pub(super) struct Placed {
    pub first: Option<(usize, f32)>,
    pub fragments: Vec<(usize, f32, f32)>,
}

/// The body as set: pages, the section of each page, headings, structure.
pub(super) struct Flowed {
    pub pages: Vec<Page>,
    pub page_sections: Vec<String>,
    pub headings: Vec<Heading>,
    pub structure: Vec<StructNode>,
}

/// Text flowing down pages.
pub(super) struct Flow<'c> {
    pub ctx: &'c Ctx<'c>,
    pub pages: Vec<Page>,
    pub page_sections: Vec<String>,
    pub headings: Vec<Heading>,
    pub structure: Vec<StructNode>,
    /// The running-head name of the current section.
    pub section: String,
    pub y: f32,
    /// Links to entries of the source list: (page, item index, source number).
    source_links: Vec<(usize, usize, usize)>,
    /// Where each source-list entry landed: page, top.
    pub source_anchors: BTreeMap<usize, (usize, f32)>,
    /// A heading that nothing has followed yet: it moves to the next page with what
    /// follows it, so no page ends with a heading.
    keep: Option<Kept>,
    /// Pages before the body (cover, contents): page numbers the body prints add them.
    pub page_offset: usize,
    /// Where each paragraph was first printed: (source number, paragraph from 0) -> page,
    /// top.
    pub printed: BTreeMap<(usize, usize), (usize, f32)>,
}

/// A heading waiting for what follows it: its page, its first item, its top, and its
/// entry in the headings.
#[derive(Debug, Clone, Copy)]
pub(super) struct Kept {
    page: usize,
    item: usize,
    top: f32,
    heading: usize,
}

impl<'c> Flow<'c> {
    pub(super) fn new(ctx: &'c Ctx<'c>) -> Self {
        Flow {
            ctx,
            pages: Vec::new(),
            page_sections: Vec::new(),
            headings: Vec::new(),
            structure: Vec::new(),
            section: String::new(),
            y: ctx.style.geo.bottom + 1.0,
            source_links: Vec::new(),
            source_anchors: BTreeMap::new(),
            keep: None,
            page_offset: 0,
            printed: BTreeMap::new(),
        }
    }

    /// Notes that paragraph `paragraph` of source `source` starts here (the first time only).
    pub(super) fn printed_at(&mut self, source: usize, paragraph: usize, page: usize, top: f32) {
        self.printed.entry((source, paragraph)).or_insert((page, top));
    }

    /// The pages, with links to source-list entries pointing at them.
    pub(super) fn finish(mut self) -> Flowed {
        for (page, item, source) in std::mem::take(&mut self.source_links) {
            let target = match self.source_anchors.get(&source) {
                Some(&(p, y)) => LinkTarget::Place { page: p, y },
                None => continue,
            };
            if let Some(Item::Link { target: t, .. }) = self.pages.get_mut(page).and_then(|p| p.items.get_mut(item)) {
                *t = target;
            }
        }
        Flowed {
            pages: self.pages,
            page_sections: self.page_sections,
            headings: self.headings,
            structure: self.structure,
        }
    }

    pub(super) fn top(&self) -> f32 {
        self.ctx.style.geo.top
    }

    pub(super) fn bottom(&self) -> f32 {
        self.ctx.style.geo.bottom
    }

    pub(super) fn at_top(&self) -> bool {
        !self.pages.is_empty() && self.y <= self.top() + 0.01
    }

    pub(super) fn new_page(&mut self) {
        let old_y = self.y;
        self.pages.push(Page::default());
        self.page_sections.push(self.section.clone());
        self.y = self.top();
        if let Some(kept) = self.keep.take() {
            self.carry_over(kept, old_y);
        }
    }

    /// Says that what was drawn since `item` on `page`, from `top` (a heading and what
    /// belongs to it), goes with what follows: if the next page starts before anything
    /// else is set, it moves there.
    /// A heading kept already on the same page (a section heading over a document's
    /// title) stays kept too: the whole run of headings moves together.
    pub(super) fn keep_with_next(&mut self, page: usize, item: usize, top: f32) {
        if let Some(k) = self.keep
            && k.page == page
            && k.item <= item
        {
            return;
        }
        let heading = self.headings.len().saturating_sub(1);
        self.keep = (top > self.top() + 0.01).then_some(Kept { page, item, top, heading });
    }

    /// The heading waiting for what follows, if any.
    pub(super) fn kept(&self) -> Option<Kept> {
        self.keep
    }

    /// Keeps `kept` with what follows again (a caption set under a heading belongs to it),
    /// if it is still on the current page.
    pub(super) fn keep_again(&mut self, kept: Option<Kept>) {
        if let Some(k) = kept
            && k.page == self.page_index()
        {
            self.keep = Some(k);
        }
    }

    /// Something was set after a kept heading: it stays where it is.
    pub(super) fn release(&mut self) {
        self.keep = None;
    }

    /// Moves a kept heading from the foot of its page to the top of the new last page.
    fn carry_over(&mut self, kept: Kept, old_y: f32) {
        let to = self.pages.len() - 1;
        if kept.page >= to || kept.item > self.pages[kept.page].items.len() {
            return;
        }
        let shift = self.top() - kept.top;
        let moved: Vec<Item> = self.pages[kept.page].items.drain(kept.item..).collect();
        let count = moved.len();
        for mut item in moved {
            match &mut item {
                Item::Text(run) => run.y += shift,
                Item::Rect { y, .. } | Item::Link { y, .. } => *y += shift,
                Item::Rule { y1, y2, .. } => {
                    *y1 += shift;
                    *y2 += shift;
                }
                Item::Rotated { run, .. } => run.y += shift,
            }
            self.pages[to].items.push(item);
        }
        for link in &mut self.source_links {
            if link.0 == kept.page && link.1 >= kept.item && link.1 < kept.item + count {
                *link = (to, link.1 - kept.item, link.2);
            }
        }
        for h in self.headings.iter_mut().skip(kept.heading).filter(|h| h.page == kept.page) {
            h.page = to;
            h.y += shift;
        }
        self.y = old_y + shift;
    }

    pub(super) fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    pub(super) fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// A new element of the structure.
    pub(super) fn node(&mut self, role: Role, parent: Option<usize>, language: Option<String>) -> usize {
        self.structure.push(StructNode { role, parent, language, column: None, alt: None });
        self.structure.len() - 1
    }

    /// The elements of a row's cells, each knowing the column its text is set in (a cell
    /// followed by empty ones, such as a card's title, spans their columns too).
    fn cell_nodes(&mut self, role: Role, parent: usize, row: &Row, table: &Table) -> Vec<usize> {
        let left = self.ctx.style.geo.left;
        let mut out = Vec::with_capacity(row.cells.len());
        for (i, (cell, col)) in row.cells.iter().zip(&table.columns).enumerate() {
            let node = self.node(role, Some(parent), cell.language.clone());
            let empty_after = row.cells[i + 1..].iter().take_while(|c| c.lines.is_empty()).count();
            let last = &table.columns[(i + empty_after).min(table.columns.len() - 1)];
            let (l, r) = (left + col.x + table.pad_x, left + last.x + last.width - table.pad_x);
            self.structure[node].column = Some((l, r));
            out.push(node);
        }
        out
    }

    /// Starts a new page unless `h` points still fit on this one.
    pub(super) fn ensure(&mut self, h: f32) {
        if self.pages.is_empty() || (self.y + h > self.bottom() + 0.01 && !self.at_top()) {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    pub(super) fn space(&mut self, h: f32) {
        if !self.at_top() {
            self.y += h;
        }
    }

    /// Draws a line's runs at `x` on `baseline`, tagged.
    pub(super) fn place(&mut self, line: &Line, x: f32, baseline: f32, tag: Option<usize>) {
        let page = self.page();
        for run in &line.runs {
            page.items.push(Item::Text(TextRun { x: x + run.x, y: baseline, tag, ..run.clone() }));
        }
    }

    /// Draws a line on an earlier page (a list marker beside a first line that moved on).
    pub(super) fn place_on(&mut self, page: usize, line: &Line, x: f32, baseline: f32, tag: Option<usize>) {
        if let Some(p) = self.pages.get_mut(page) {
            for run in &line.runs {
                p.items.push(Item::Text(TextRun { x: x + run.x, y: baseline, tag, ..run.clone() }));
            }
        }
    }

    pub(super) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Color) {
        self.page().items.push(Item::Rect { x, y, w, h, fill });
    }

    pub(super) fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Color) {
        self.page().items.push(Item::Rule { x1, y1, x2, y2, width, color });
    }

    /// A link to entry `source` of the source list (resolved when the flow finishes).
    pub(super) fn link_to_source(&mut self, x: f32, y: f32, w: f32, h: f32, source: usize) {
        let page = self.page_index();
        self.page().items.push(Item::Link { x, y, w, h, target: LinkTarget::Page(0) });
        let item = self.pages[page].items.len() - 1;
        self.source_links.push((page, item, source));
    }

    /// Sets lines at `x` with `leading`, breaking pages with widow and orphan control.
    /// Returns where they went.
    pub(super) fn lines(&mut self, lines: &[Line], x: f32, leading: f32, tag: Option<usize>) -> Placed {
        let n = lines.len();
        let mut placed = Placed::default();
        let mut i = 0;
        while i < n {
            if self.pages.is_empty() {
                self.new_page();
            }
            let room = ((self.bottom() - self.y + 0.01) / leading).floor().max(0.0) as usize;
            let rest = n - i;
            let mut take = rest.min(room);
            if take < rest {
                // Orphan: a paragraph does not start with a lone line at the foot.
                if i == 0 && take < 2 && n >= 2 {
                    take = 0;
                }
                // Widow: nor ends with a lone line at the head of the next page.
                if take > 0 && rest - take < 2 {
                    take = rest.saturating_sub(2);
                    if i == 0 && take < 2 {
                        take = 0;
                    }
                }
            }
            if take == 0 {
                if self.at_top() {
                    take = room.max(1).min(rest);
                } else {
                    self.new_page();
                    continue;
                }
            }
            self.release();
            let top = self.y;
            for line in &lines[i..i + take] {
                let size = line.size();
                let b = baseline(self.y, leading, size);
                placed.first.get_or_insert((self.page_index(), b));
                self.place(line, x, b, tag);
                self.y += leading;
            }
            placed.fragments.push((self.page_index(), top, self.y));
            i += take;
            if i < n {
                self.new_page();
            }
        }
        placed
    }

    /// A heading inside a section (level 2 or 3): kept with `then` points of what follows.
    pub(super) fn heading(&mut self, text: &str, level: u8, parent: Option<usize>, then: f32) -> usize {
        let style = &self.ctx.style;
        let size = if level <= 2 { style.h2 } else { style.h3 };
        let role = self.ctx.style.head_role.bold();
        let lines = self.ctx.label(text, role, size, style.accent, style.geo.text_width());
        let leading = size * 1.25;
        let before = if level <= 2 { size * 1.1 } else { size * 0.8 };
        let after = size * 0.45;
        let h = lines.len() as f32 * leading + after;
        if !self.at_top() && self.y + before + h + then > self.bottom() {
            self.new_page();
        }
        self.space(before);
        let node = self.node(super::heading_role(level), parent, None);
        self.headings.push(Heading { level, title: text.to_string(), page: self.page_index(), y: self.y });
        let x = self.ctx.style.geo.left;
        let (page, item, top) = (self.page_index(), self.page().items.len(), self.y);
        let placed = self.lines(&lines, x, leading, Some(node));
        self.y += after;
        if placed.first.is_some_and(|(p, _)| p == page) {
            self.keep_with_next(page, item, top);
        }
        node
    }

    /// Height a table needs to start: its header and the first part of its first row (and
    /// of the second, when the first is a single line such as a "[…]" gap marker).
    pub(super) fn table_start(&self, table: &Table) -> f32 {
        let header = table.header.as_ref().map_or(0.0, |h| row_height(h, table.pad_y));
        let start = |r: &Row| {
            let two: f32 =
                r.cells.iter().map(|c| c.lines.iter().take(2).map(|l| l.leading).sum::<f32>()).fold(0.0, f32::max);
            two + 2.0 * table.pad_y + r.space_before
        };
        let first = table.rows.first().map_or(0.0, start);
        let single = table.rows.first().is_some_and(|r| r.cells.iter().all(|c| c.lines.len() <= 1));
        let second = if single { table.rows.get(1).map_or(0.0, start) } else { 0.0 };
        header + first + second
    }

    /// Sets a table.
    pub(super) fn table(&mut self, table: &Table, parent: Option<usize>) {
        let node = self.node(Role::Table, parent, None);
        let start = self.table_start(table);
        self.ensure(start);
        let mut header_tagged = false;
        if let Some(h) = &table.header {
            self.header_row(table, h, node, &mut header_tagged);
        }
        for row in &table.rows {
            let tr = self.node(Role::TR, Some(node), None);
            let cells = self.cell_nodes(Role::TD, tr, row, table);
            let mut from = vec![0usize; row.cells.len()];
            let mut first_fragment = true;
            loop {
                let rest: Vec<f32> = row.cells.iter().zip(&from).map(|(c, &f)| c.height(f)).collect();
                if rest.iter().all(|&h| h <= 0.0) && !first_fragment {
                    break;
                }
                let gap = if first_fragment && !self.at_top_of_table(table) { row.space_before } else { 0.0 };
                let avail = self.bottom() - self.y - gap - 2.0 * table.pad_y;
                // How many lines of each cell fit.
                let mut take: Vec<usize> = row
                    .cells
                    .iter()
                    .zip(&from)
                    .map(|(c, &f)| {
                        let mut h = 0.0;
                        let mut k = 0;
                        for l in &c.lines[f..] {
                            if h + l.leading > avail + 0.01 {
                                break;
                            }
                            h += l.leading;
                            k += 1;
                        }
                        k
                    })
                    .collect();
                let all_fit = row.cells.iter().zip(&from).zip(&take).all(|((c, &f), &k)| f + k >= c.lines.len());
                if !all_fit {
                    // Each split cell keeps at least two lines on each side.
                    for ((c, &f), k) in row.cells.iter().zip(&from).zip(take.iter_mut()) {
                        let rest = c.lines.len() - f;
                        if *k < rest {
                            if rest - *k < 2 {
                                *k = rest.saturating_sub(2);
                            }
                            if f == 0 && *k < 2 {
                                *k = 0;
                            }
                        }
                    }
                    // Both cells of a row start together: each must show its first lines here.
                    let short = row
                        .cells
                        .iter()
                        .zip(&from)
                        .zip(&take)
                        .any(|((c, &f), &k)| c.lines.len() > f && k < (c.lines.len() - f).min(2));
                    let nothing = take.iter().all(|&k| k == 0);
                    if (nothing || (first_fragment && short)) && !self.at_top_of_table(table) {
                        self.table_page_break(table, node, &mut header_tagged);
                        continue;
                    }
                    if nothing {
                        // Even a fresh page cannot hold two lines: set what fits.
                        for ((c, &f), k) in row.cells.iter().zip(&from).zip(take.iter_mut()) {
                            *k = (*k).max(1).min(c.lines.len() - f);
                        }
                    }
                }
                if first_fragment {
                    self.space(gap);
                    if row.rule_before && !self.at_top_of_table(table) {
                        let (l, r, y) = self.table_span(table);
                        self.rule(l, y, r, y, 0.4, table.rule_color);
                    }
                    if let Some((source, paragraph)) = row.anchor {
                        let (page, top) = (self.page_index(), self.y);
                        self.printed_at(source, paragraph, page, top);
                    }
                }
                let h = row
                    .cells
                    .iter()
                    .zip(&from)
                    .zip(&take)
                    .map(|((c, &f), &k)| c.lines[f..f + k].iter().map(|l| l.leading).sum::<f32>())
                    .fold(0.0, f32::max);
                self.cells_fragment(table, row, &cells, &from, &take, h);
                for (f, k) in from.iter_mut().zip(&take) {
                    *f += k;
                }
                first_fragment = false;
                let done = row.cells.iter().zip(&from).all(|(c, &f)| f >= c.lines.len());
                if done {
                    break;
                }
                self.table_page_break(table, node, &mut header_tagged);
            }
        }
        let (l, r, _) = self.table_span(table);
        let y = self.y;
        self.rule(l, y, r, y, 0.6, table.rule_color);
    }

    fn at_top_of_table(&self, table: &Table) -> bool {
        let header = table.header.as_ref().map_or(0.0, |h| row_height(h, table.pad_y));
        self.y <= self.top() + header + 0.01
    }

    fn table_span(&self, table: &Table) -> (f32, f32, f32) {
        let left = self.ctx.style.geo.left;
        let l = table.columns.first().map_or(left, |c| left + c.x);
        let r = table.columns.last().map_or(left, |c| left + c.x + c.width);
        (l, r, self.y)
    }

    fn table_page_break(&mut self, table: &Table, node: usize, header_tagged: &mut bool) {
        self.new_page();
        if let Some(h) = &table.header {
            self.header_row(table, h, node, header_tagged);
        }
    }

    /// The header row; tagged the first time, page furniture when repeated.
    fn header_row(&mut self, table: &Table, header: &Row, node: usize, tagged: &mut bool) {
        self.release();
        let h = row_height(header, table.pad_y);
        let (l, r, _) = self.table_span(table);
        let top = self.y;
        if let Some(fill) = table.header_fill {
            self.rect(l, top, r - l, h, fill);
        }
        let cells: Vec<Option<usize>> = if *tagged {
            vec![None; header.cells.len()]
        } else {
            let tr = self.node(Role::TR, Some(node), None);
            self.cell_nodes(Role::TH, tr, header, table).into_iter().map(Some).collect()
        };
        *tagged = true;
        let left = self.ctx.style.geo.left;
        for ((cell, col), tag) in header.cells.iter().zip(&table.columns).zip(cells) {
            let mut y = top + table.pad_y;
            for l in &cell.lines {
                let b = baseline(y, l.leading, l.line.size());
                self.place(&l.line, left + col.x + table.pad_x + l.indent, b, tag);
                y += l.leading;
            }
        }
        if let Some((width, color)) = table.header_rule {
            let y = top + h - 0.5 * width;
            for col in &table.columns {
                self.rule(left + col.x, y, left + col.x + col.width, y, width, color);
            }
        }
        self.y = top + h;
    }

    fn cells_fragment(&mut self, table: &Table, row: &Row, tags: &[usize], from: &[usize], take: &[usize], h: f32) {
        self.release();
        let top = self.y;
        let left = self.ctx.style.geo.left;
        let height = h + 2.0 * table.pad_y;
        for (cell, col) in row.cells.iter().zip(&table.columns) {
            if let Some(fill) = cell.fill {
                self.rect(left + col.x, top, col.width, height, fill);
            }
        }
        if table.column_rules {
            for col in table.columns.iter().skip(1) {
                let x = left + col.x - 0.0;
                self.rule(x, top, x, top + height, 0.4, table.rule_color);
            }
        }
        for (ci, (cell, col)) in row.cells.iter().zip(&table.columns).enumerate() {
            let mut y = top + table.pad_y;
            for l in &cell.lines[from[ci]..from[ci] + take[ci]] {
                let b = baseline(y, l.leading, l.line.size());
                self.place(&l.line, left + col.x + table.pad_x + l.indent, b, Some(tags[ci]));
                y += l.leading;
            }
        }
        if let Some(target) = &row.link {
            let (l, r, _) = self.table_span(table);
            self.page().items.push(Item::Link { x: l, y: top, w: r - l, h: height, target: target.clone() });
        }
        self.y = top + height;
    }
}

fn row_height(row: &Row, pad_y: f32) -> f32 {
    row.cells.iter().map(|c| c.height(0)).fold(0.0, f32::max) + 2.0 * pad_y
}
