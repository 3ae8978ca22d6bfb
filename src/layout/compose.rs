//! Composition: the pages of a book — cover, contents, sections, sources — and the
//! running heads, footers and classification banners on them.

use crate::book::{BlockKind, Book, Excerpt, NoteBlock, SectionContent, SourceEntry};
use crate::diag::Diagnostic;
use crate::model::Layout;
use crate::translate::Row;

use super::fonts::{FontBook, FontRole};
use super::text::{Line, Piece, break_lines};
use super::{Color, Heading, Item, LayoutError, LinkTarget, Page, Pages, TextRun};

const MM: f32 = 72.0 / 25.4;
const BODY_SIZE: f32 = 10.5;
const BODY_LEADING: f32 = 14.5;
const CELL_SIZE: f32 = 9.5;
const CELL_LEADING: f32 = 13.0;
const CELL_PAD: f32 = 5.0;
const COLUMN_GAP: f32 = 14.0;

/// Typesets a book: cover, table of contents, sections, source list.
pub fn typeset(book: &Book, fonts: &FontBook, diags: &mut Vec<Diagnostic>) -> Result<Pages, LayoutError> {
    let (width, height) = book.meta.page_size.points();
    let geo = Geometry {
        width,
        height,
        left: 25.0 * MM,
        right: width - 25.0 * MM,
        top: 30.0 * MM,
        bottom: height - 25.0 * MM,
    };

    // The body first: its page numbers depend only on how many pages come before it.
    let mut body = Flow::new(fonts, geo);
    for section in &book.sections {
        body.start_section(&section.title);
        match &section.content {
            SectionContent::Note(blocks) => body.note(blocks),
            SectionContent::Excerpts(excerpts) => {
                for (i, excerpt) in excerpts.iter().enumerate() {
                    if i > 0 {
                        body.space(10.0);
                    }
                    body.excerpt(excerpt, book);
                }
            }
        }
    }
    if !book.sources.is_empty() {
        body.start_section(&book.labels.sources);
        body.sources(&book.sources, &book.labels);
    }

    // Contents: set once to count its pages, then again with the real page numbers.
    let toc_pages = contents(fonts, geo, book, &body.headings, 0).pages.len();
    let offset = 1 + toc_pages;
    let toc = contents(fonts, geo, book, &body.headings, offset);

    let mut pages = vec![cover(fonts, geo, book)];
    let mut page_sections = vec![String::new()];
    for page in toc.pages {
        pages.push(page);
        page_sections.push(book.labels.contents.clone());
    }
    for (page, section) in body.pages.into_iter().zip(body.page_sections) {
        pages.push(page);
        page_sections.push(section);
    }
    for page in &mut pages[offset..] {
        for item in &mut page.items {
            if let Item::Link { target: LinkTarget::Page(p), .. } = item {
                *p += offset;
            }
        }
    }
    let mut headings: Vec<Heading> =
        vec![Heading { level: 1, title: book.labels.contents.clone(), page: 1, y: geo.top }];
    headings.extend(body.headings.into_iter().map(|h| Heading { page: h.page + offset, ..h }));

    decorate(fonts, geo, book, &mut pages, &page_sections);

    let missing = fonts.missing_chars();
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(|c| format!("U+{:04X}", *c as u32)).collect();
        diags.push(
            Diagnostic::warning(format!(
                "no font in fonts/ has the characters {}; they show as empty boxes",
                list.join(", ")
            ))
            .with_hint("add a font that covers them to fonts/"),
        );
    }

    Ok(Pages { width, height, pages, headings, fonts: fonts.faces.iter().map(|f| (f.name.clone(), f.data)).collect() })
}

#[derive(Debug, Clone, Copy)]
struct Geometry {
    width: f32,
    height: f32,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

impl Geometry {
    fn text_width(&self) -> f32 {
        self.right - self.left
    }
}

/// Text flowing down pages.
struct Flow<'a> {
    fonts: &'a FontBook,
    geo: Geometry,
    pages: Vec<Page>,
    page_sections: Vec<String>,
    headings: Vec<Heading>,
    section: String,
    y: f32,
}

impl<'a> Flow<'a> {
    fn new(fonts: &'a FontBook, geo: Geometry) -> Self {
        Flow {
            fonts,
            geo,
            pages: Vec::new(),
            page_sections: Vec::new(),
            headings: Vec::new(),
            section: String::new(),
            y: geo.bottom + 1.0,
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.page_sections.push(self.section.clone());
        self.y = self.geo.top;
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn ensure(&mut self, h: f32) {
        if self.pages.is_empty() || self.y + h > self.geo.bottom {
            self.new_page();
        }
    }

    fn space(&mut self, h: f32) {
        if self.y > self.geo.top {
            self.y += h;
        }
    }

    fn start_section(&mut self, title: &str) {
        self.section = title.to_string();
        self.new_page();
        let lines = break_lines(
            self.fonts,
            &[Piece::new(title, FontRole::SANS_BOLD, 18.0, Color::ACCENT)],
            self.geo.text_width(),
        );
        self.headings.push(Heading { level: 1, title: title.to_string(), page: self.pages.len() - 1, y: self.y });
        for line in &lines {
            self.y += 22.0;
            let (x, y) = (self.geo.left, self.y);
            self.place(line, x, y);
        }
        self.y += 8.0;
        let (l, r, y) = (self.geo.left, self.geo.right, self.y);
        self.page().items.push(Item::Rule { x1: l, y1: y, x2: r, y2: y, width: 1.2, color: Color::ACCENT });
        self.y += 16.0;
    }

    /// A horizontal rule at the current height.
    fn rule(&mut self, x1: f32, x2: f32, width: f32, color: Color) {
        let y = self.y;
        self.page().items.push(Item::Rule { x1, y1: y, x2, y2: y, width, color });
    }

    fn place(&mut self, line: &Line, x: f32, baseline: f32) {
        let page = self.page();
        for run in &line.runs {
            page.items.push(Item::Text(TextRun { x: x + run.x, y: baseline, ..run.clone() }));
        }
    }

    /// Sets lines at `x`, breaking pages as needed; a paragraph of two or more lines never
    /// leaves a single line alone at the foot or head of a page.
    fn lines(&mut self, lines: &[Line], x: f32, leading: f32) {
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            let room = ((self.geo.bottom - self.y) / leading).floor() as isize;
            let left = (n - i) as isize;
            let orphan = i == 0 && n >= 2 && room < 2;
            let widow = left == 2 && room == 1 && n >= 3 && i > 0;
            if room < 1 || orphan || widow {
                self.new_page();
            }
            self.y += leading;
            let y = self.y - (leading - BODY_SIZE) / 2.0;
            self.place(line, x, y);
        }
    }

    fn paragraph(&mut self, pieces: &[Piece], x: f32, width: f32, leading: f32) {
        let lines = break_lines(self.fonts, pieces, width);
        self.lines(&lines, x, leading);
    }

    fn subheading(&mut self, text: &str, level: u8) {
        let size = if level <= 2 { 12.5 } else { 11.0 };
        let lines = break_lines(
            self.fonts,
            &[Piece::new(text, FontRole::SANS_BOLD, size, Color::ACCENT)],
            self.geo.text_width(),
        );
        // Keep the heading with at least three lines of what follows.
        self.ensure(lines.len() as f32 * (size + 4.0) + 8.0 + 3.0 * BODY_LEADING);
        self.space(8.0);
        self.headings.push(Heading { level: 2, title: text.to_string(), page: self.pages.len() - 1, y: self.y });
        for line in &lines {
            self.y += size + 4.0;
            let (x, y) = (self.geo.left, self.y);
            self.place(line, x, y);
        }
        self.y += 4.0;
    }

    fn note(&mut self, blocks: &[NoteBlock]) {
        for block in blocks {
            let pieces: Vec<Piece> = block
                .spans
                .iter()
                .map(|s| {
                    let role = FontRole { sans: false, bold: s.bold, italic: s.italic };
                    Piece::new(s.text.clone(), role, BODY_SIZE, Color::BLACK)
                })
                .collect();
            match &block.kind {
                BlockKind::Heading(level) => {
                    let text: String = block.spans.iter().map(|s| s.text.as_str()).collect();
                    self.subheading(&text, level + 1);
                }
                BlockKind::Paragraph => {
                    let (x, w) = (self.geo.left, self.geo.text_width());
                    self.paragraph(&pieces, x, w, BODY_LEADING);
                    self.space(6.0);
                }
                BlockKind::Item { marker, depth } => {
                    let indent = 16.0 * (*depth as f32 + 1.0);
                    let x = self.geo.left + indent;
                    let w = self.geo.text_width() - indent;
                    let lines = break_lines(self.fonts, &pieces, w);
                    let first_page = self.pages.len();
                    let y_before = self.y;
                    self.lines(&lines, x, BODY_LEADING);
                    // The marker goes beside the item's first line, wherever that landed.
                    let first_baseline = if self.pages.len() == first_page && first_page > 0 {
                        y_before + BODY_LEADING - (BODY_LEADING - BODY_SIZE) / 2.0
                    } else {
                        self.first_baseline_on_page(x)
                    };
                    let marker_line = break_lines(
                        self.fonts,
                        &[Piece::new(marker.clone(), FontRole::SERIF, BODY_SIZE, Color::ACCENT)],
                        indent,
                    );
                    if let Some(m) = marker_line.first() {
                        let mx = x - m.width - 5.0;
                        self.place(m, mx, first_baseline);
                    }
                    self.space(3.0);
                }
            }
        }
    }

    fn first_baseline_on_page(&mut self, x: f32) -> f32 {
        let top = self.geo.top;
        self.page()
            .items
            .iter()
            .find_map(|i| match i {
                Item::Text(r) if (r.x - x).abs() < 0.01 => Some(r.y),
                _ => None,
            })
            .unwrap_or(top + BODY_LEADING)
    }

    fn excerpt(&mut self, excerpt: &Excerpt, book: &Book) {
        let labels = &book.labels;
        let source = &book.sources[excerpt.source - 1];
        let mut cite = format!("{} [{}]", labels.source, source.number);
        if let Some(p) = &source.publisher {
            cite.push_str(" · ");
            cite.push_str(p);
        }
        cite.push_str(" · ");
        cite.push_str(source.date.as_deref().unwrap_or(&labels.no_date));
        cite.push_str(" · ");
        cite.push_str(&source.language);
        if let Some(t) = excerpt.translation_source.map(|n| &book.sources[n - 1]) {
            cite.push_str(&format!(" — [{}] ", t.number));
            cite.push_str(&t.language);
            if let Some(tr) = &t.translator {
                cite.push_str(", ");
                cite.push_str(&labels.translated_by.replace("{translator}", tr));
            }
        }
        self.subheading(&excerpt.title, 2);
        let (x, w) = (self.geo.left, self.geo.text_width());
        self.paragraph(&[Piece::new(cite, FontRole::SANS, 8.0, Color::GREY)], x, w, 11.0);
        self.y += 8.0;

        let rows = &excerpt.rows;
        match excerpt.layout {
            Layout::SideBySide => self.side_by_side(excerpt, book),
            Layout::Interleaved => {
                for row in rows {
                    if let Some(o) = &row.original {
                        self.paragraph(
                            &[Piece::new(o.clone(), FontRole::SERIF, BODY_SIZE, Color::BLACK)],
                            x,
                            w,
                            BODY_LEADING,
                        );
                        self.y += 3.0;
                    }
                    if let Some(t) = &row.translation {
                        let y0 = self.y;
                        let page0 = self.pages.len();
                        self.paragraph(
                            &[Piece::new(t.clone(), FontRole::SERIF_ITALIC, BODY_SIZE, Color::ACCENT)],
                            x + 12.0,
                            w - 12.0,
                            BODY_LEADING,
                        );
                        if self.pages.len() == page0 {
                            let y1 = self.y;
                            self.page().items.push(Item::Rule {
                                x1: x + 3.0,
                                y1: y0 + 2.0,
                                x2: x + 3.0,
                                y2: y1 + 2.0,
                                width: 1.5,
                                color: Color::RULE,
                            });
                        }
                    }
                    self.space(8.0);
                }
            }
            Layout::Translation | Layout::Original => {
                let translation = excerpt.layout == Layout::Translation;
                for row in rows {
                    let text = if translation { &row.translation } else { &row.original };
                    if let Some(t) = text {
                        self.paragraph(
                            &[Piece::new(t.clone(), FontRole::SERIF, BODY_SIZE, Color::BLACK)],
                            x,
                            w,
                            BODY_LEADING,
                        );
                        self.space(6.0);
                    }
                }
            }
        }
    }

    fn table_header(&mut self, left: &str, right: &str, col: f32) {
        let h = 18.0;
        let (x, y, w) = (self.geo.left, self.y, self.geo.text_width());
        self.page().items.push(Item::Rect { x, y, w, h, fill: Color::SHADE });
        for (i, label) in [left, right].into_iter().enumerate() {
            let cx = x + CELL_PAD + i as f32 * (col + COLUMN_GAP);
            let lines = break_lines(
                self.fonts,
                &[Piece::new(label, FontRole::SANS_BOLD, 8.0, Color::ACCENT)],
                col - 2.0 * CELL_PAD,
            );
            if let Some(line) = lines.first() {
                self.place(line, cx, y + 12.0);
            }
        }
        self.y += h;
    }

    fn side_by_side(&mut self, excerpt: &Excerpt, book: &Book) {
        let labels = &book.labels;
        let col = (self.geo.text_width() - COLUMN_GAP) / 2.0;
        let left_label = labels.original_column.replace("{language}", &labels.language(&excerpt.original_language));
        let right_label =
            labels.translation_column.replace("{language}", &labels.language(&excerpt.translation_language));
        self.ensure(18.0 + 2.0 * CELL_PAD + 3.0 * CELL_LEADING);
        self.table_header(&left_label, &right_label, col);
        for row in &excerpt.rows {
            self.table_row(row, col, &left_label, &right_label);
        }
        self.y += 4.0;
    }

    fn table_row(&mut self, row: &Row, col: f32, left_label: &str, right_label: &str) {
        let cell = |text: &Option<String>| {
            text.as_deref()
                .map(|t| {
                    break_lines(
                        self.fonts,
                        &[Piece::new(t, FontRole::SERIF, CELL_SIZE, Color::BLACK)],
                        col - 2.0 * CELL_PAD,
                    )
                })
                .unwrap_or_default()
        };
        let (left, right) = (cell(&row.original), cell(&row.translation));
        let mut done = 0;
        let total = left.len().max(right.len());
        while done < total {
            let room = ((self.geo.bottom - self.y - 2.0 * CELL_PAD) / CELL_LEADING).floor().max(0.0) as usize;
            let rest = total - done;
            // Split a row only when at least two lines fit here and two go over.
            let take = if rest <= room {
                rest
            } else if room >= 2 && rest - room >= 2 {
                room
            } else if room >= 3 {
                room - 1
            } else {
                0
            };
            if take == 0 {
                self.new_page();
                self.table_header(left_label, right_label, col);
                continue;
            }
            let top = self.y;
            for (i, lines) in [&left, &right].into_iter().enumerate() {
                let x = self.geo.left + CELL_PAD + i as f32 * (col + COLUMN_GAP);
                for (k, line) in lines.iter().enumerate().skip(done).take(take) {
                    let baseline = top + CELL_PAD + (k - done + 1) as f32 * CELL_LEADING - 3.5;
                    self.place(line, x, baseline);
                }
            }
            self.y = top + 2.0 * CELL_PAD + take as f32 * CELL_LEADING;
            done += take;
            let (l, r, y) = (self.geo.left, self.geo.right, self.y);
            self.page().items.push(Item::Rule { x1: l, y1: y, x2: r, y2: y, width: 0.5, color: Color::RULE });
            if done < total {
                self.new_page();
                self.table_header(left_label, right_label, col);
            }
        }
    }

    fn sources(&mut self, sources: &[SourceEntry], labels: &crate::book::Labels) {
        let labels_indent = 26.0;
        for s in sources {
            let mut pieces = Vec::new();
            let mut push = |t: String, role| pieces.push(Piece::new(t, role, 9.5, Color::BLACK));
            if let Some(p) = &s.publisher {
                push(format!("{p}. "), FontRole::SERIF);
            }
            push(format!("“{}”. ", s.title), FontRole::SERIF_ITALIC);
            if let Some(d) = &s.date {
                push(format!("{d}. "), FontRole::SERIF);
            }
            let mut tail = s.language.clone();
            if let Some(t) = &s.translator {
                tail.push_str(", ");
                tail.push_str(&labels.translated_by.replace("{translator}", t));
            }
            if let Some(n) = s.translation_of {
                tail.push_str("; ");
                tail.push_str(&labels.translation_of.replace("{number}", &n.to_string()));
            }
            push(format!("{tail}."), FontRole::SERIF);
            let x = self.geo.left + labels_indent;
            let w = self.geo.text_width() - labels_indent;
            let lines = break_lines(self.fonts, &pieces, w);
            let url_lines = s
                .url
                .as_deref()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://") || u.starts_with("mailto:"))
                .map(|u| {
                    (u.to_string(), break_lines(self.fonts, &[Piece::new(u, FontRole::SANS, 8.0, Color::ACCENT)], w))
                });
            let n_lines = lines.len() + url_lines.as_ref().map_or(0, |u| u.1.len());
            self.ensure(n_lines as f32 * 13.0 + 6.0);
            let first = self.y + 13.0 - 2.5;
            let number = break_lines(
                self.fonts,
                &[Piece::new(format!("[{}]", s.number), FontRole::SANS_BOLD, 9.0, Color::ACCENT)],
                labels_indent,
            );
            if let Some(n) = number.first() {
                let lx = self.geo.left;
                self.place(n, lx, first);
            }
            self.lines(&lines, x, 13.0);
            if let Some((url, ulines)) = url_lines {
                let top = self.y;
                self.lines(&ulines, x, 12.0);
                let bottom = self.y;
                let width = ulines.iter().map(|l| l.width).fold(0.0, f32::max);
                if bottom > top {
                    self.page().items.push(Item::Link {
                        x,
                        y: top,
                        w: width,
                        h: bottom - top + 2.0,
                        target: LinkTarget::Uri(url),
                    });
                }
            }
            self.y += 7.0;
        }
    }
}

fn contents<'a>(fonts: &'a FontBook, geo: Geometry, book: &Book, headings: &[Heading], offset: usize) -> Flow<'a> {
    let mut flow = Flow::new(fonts, geo);
    flow.section = book.labels.contents.clone();
    flow.new_page();
    let lines = break_lines(
        fonts,
        &[Piece::new(book.labels.contents.clone(), FontRole::SANS_BOLD, 18.0, Color::ACCENT)],
        geo.text_width(),
    );
    for line in &lines {
        flow.y += 22.0;
        flow.place(line, geo.left, flow.y);
    }
    flow.y += 8.0;
    flow.rule(geo.left, geo.right, 1.2, Color::ACCENT);
    flow.y += 14.0;
    let number_width = 36.0;
    for h in headings {
        let (role, size, indent) =
            if h.level == 1 { (FontRole::SANS_BOLD, 10.5, 0.0) } else { (FontRole::SERIF, 10.0, 16.0) };
        let leading = if h.level == 1 { 17.0 } else { 14.0 };
        if h.level == 1 {
            flow.space(4.0);
        }
        let x = geo.left + indent;
        let w = geo.text_width() - indent - number_width - 10.0;
        let lines = break_lines(fonts, &[Piece::new(h.title.clone(), role, size, Color::BLACK)], w);
        flow.ensure(lines.len() as f32 * leading);
        let top = flow.y;
        flow.lines(&lines, x, leading);
        let baseline = flow.y - (leading - BODY_SIZE) / 2.0;
        let page_number = (h.page + offset + 1).to_string();
        let num = break_lines(fonts, &[Piece::new(page_number, role, size, Color::BLACK)], number_width);
        let last_width = lines.last().map_or(0.0, |l| l.width);
        if let Some(n) = num.first() {
            flow.place(n, geo.right - n.width, baseline);
            // Dot leaders from the end of the title to the number.
            let dot = fonts.shape(".", FontRole::SERIF, size);
            let dot_w = dot.iter().map(|g| g.advance).sum::<f32>() + 2.5;
            let start = x + last_width + 6.0;
            let end = geo.right - n.width - 6.0;
            if end > start + dot_w {
                let count = ((end - start) / dot_w).floor() as usize;
                let mut glyphs = Vec::new();
                for _ in 0..count {
                    for g in &dot {
                        glyphs.push(super::Glyph { advance: dot_w, ..g.clone() });
                    }
                }
                let font = dot.first().map_or(0, |g| g.font);
                let run =
                    TextRun { x: end - count as f32 * dot_w, y: baseline, font, size, color: Color::GREY, glyphs };
                flow.page().items.push(Item::Text(run));
            }
        }
        let bottom = flow.y;
        flow.page().items.push(Item::Link {
            x: geo.left,
            y: top,
            w: geo.text_width(),
            h: bottom - top,
            target: LinkTarget::Page(h.page + offset),
        });
    }
    flow
}

fn cover(fonts: &FontBook, geo: Geometry, book: &Book) -> Page {
    let mut flow = Flow::new(fonts, geo);
    flow.new_page();
    let meta = &book.meta;
    let w = geo.text_width();
    flow.y = geo.top + 70.0 * MM;
    let title = break_lines(fonts, &[Piece::new(meta.title.clone(), FontRole::SANS_BOLD, 26.0, Color::ACCENT)], w);
    for line in &title {
        flow.y += 32.0;
        flow.place(line, geo.left, flow.y);
    }
    if !meta.subtitle.is_empty() {
        flow.y += 8.0;
        let sub = break_lines(fonts, &[Piece::new(meta.subtitle.clone(), FontRole::SANS, 15.0, Color::GREY)], w);
        for line in &sub {
            flow.y += 20.0;
            flow.place(line, geo.left, flow.y);
        }
    }
    flow.y += 14.0;
    flow.rule(geo.left, geo.left + 60.0 * MM, 2.5, Color::ACCENT);
    flow.y += 24.0;
    let labels = &book.labels;
    let mut fields = Vec::new();
    if !meta.prepared_for.is_empty() {
        fields.push((&labels.prepared_for, meta.prepared_for.clone()));
    }
    if !meta.prepared_by.is_empty() {
        fields.push((&labels.prepared_by, meta.prepared_by.clone()));
    }
    if let Some(d) = meta.date {
        fields.push((&labels.brief_date, labels.date(d)));
    }
    for (label, value) in fields {
        let l = break_lines(fonts, &[Piece::new(label.to_uppercase(), FontRole::SANS_BOLD, 7.5, Color::GREY)], w);
        flow.lines(&l, geo.left, 11.0);
        let v = break_lines(fonts, &[Piece::new(value, FontRole::SERIF, 12.0, Color::BLACK)], w);
        flow.lines(&v, geo.left, 16.0);
        flow.y += 10.0;
    }
    if !meta.classification.is_empty() {
        let color = marking_color(&meta.classification);
        let text = meta.classification.to_uppercase();
        let lines = break_lines(fonts, &[Piece::new(text, FontRole::SANS_BOLD, 16.0, Color::WHITE)], w - 20.0);
        let h = lines.len() as f32 * 20.0 + 14.0;
        let y = geo.bottom - h - 10.0 * MM;
        flow.page().items.push(Item::Rect { x: geo.left, y, w, h, fill: color });
        for (i, line) in lines.iter().enumerate() {
            flow.place(line, geo.left + (w - line.width) / 2.0, y + 7.0 + (i + 1) as f32 * 20.0 - 5.0);
        }
    }
    flow.pages.pop().unwrap_or_default()
}

/// The colour conventionally used for a classification marking.
pub fn marking_color(marking: &str) -> Color {
    let m = marking.to_uppercase();
    if m.contains("TOP SECRET") || m.contains("SECRET") && !m.contains("UNCLASS") {
        Color::rgb(0xc0, 0x1b, 0x1b)
    } else if m.contains("CONFIDENTIAL") || m.contains("SENSITIVE") {
        Color::rgb(0x1f, 0x4e, 0xa8)
    } else if m.contains("RESTRICTED") {
        Color::rgb(0xc4, 0x62, 0x00)
    } else {
        Color::rgb(0x2e, 0x7d, 0x32)
    }
}

/// Running heads, footers and classification banners.
fn decorate(fonts: &FontBook, geo: Geometry, book: &Book, pages: &mut [Page], sections: &[String]) {
    let total = pages.len();
    let marking = book.meta.classification.to_uppercase();
    let color = marking_color(&marking);
    let line = |text: &str, role, size, color| {
        break_lines(fonts, &[Piece::new(text, role, size, color)], geo.text_width()).into_iter().next()
    };
    let put = |page: &mut Page, line: &Option<Line>, x: f32, y: f32| {
        if let Some(l) = line {
            for run in &l.runs {
                page.items.push(Item::Text(TextRun { x: x + run.x, y, ..run.clone() }));
            }
        }
    };
    let banner = (!marking.is_empty()).then(|| line(&marking, FontRole::SANS_BOLD, 9.0, color)).flatten();
    for (i, page) in pages.iter_mut().enumerate() {
        if let Some(b) = &banner {
            let x = (geo.width - b.width) / 2.0;
            put(page, &Some(b.clone()), x, 11.0 * MM);
            put(page, &Some(b.clone()), x, geo.height - 8.0 * MM);
        }
        if i == 0 {
            continue;
        }
        let head_y = geo.top - 12.0 * MM;
        let title = line(&book.meta.title, FontRole::SANS, 8.0, Color::GREY);
        let section = line(&sections[i], FontRole::SANS, 8.0, Color::GREY);
        let title_room = geo.text_width() - section.as_ref().map_or(0.0, |s| s.width) - 20.0;
        if title.as_ref().is_some_and(|t| t.width <= title_room) {
            put(page, &title, geo.left, head_y);
        }
        if let Some(s) = &section {
            put(page, &section.clone(), geo.right - s.width, head_y);
        }
        page.items.push(Item::Rule {
            x1: geo.left,
            y1: head_y + 4.0,
            x2: geo.right,
            y2: head_y + 4.0,
            width: 0.5,
            color: Color::RULE,
        });
        let foot_y = geo.bottom + 12.0 * MM;
        let counter = line(&book.labels.page_of(i + 1, total), FontRole::SANS, 8.0, Color::GREY);
        if let Some(c) = &counter {
            put(page, &counter.clone(), geo.right - c.width, foot_y);
        }
        if let Some(d) = book.meta.date {
            let date = line(&book.labels.date(d), FontRole::SANS, 8.0, Color::GREY);
            put(page, &date, geo.left, foot_y);
        }
    }
}
