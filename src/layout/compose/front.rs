//! The front of the book (cover, contents) and the page furniture on every page: running
//! head, footer with the page counter, classification banners, watermark.

use super::super::fonts::FontRole;
use super::super::text::{Line, ParStyle, Piece};
use super::super::{Color, Heading, Item, LinkTarget, Page, Role, StructNode, TextRun};
use super::flow::{Flow, Flowed, baseline};
use super::{Ctx, MM};

/// The colour conventionally used for a classification marking.
pub(crate) fn marking_color(marking: &str) -> Color {
    let m = marking.to_uppercase();
    if m.contains("TOP SECRET") || (m.contains("SECRET") && !m.contains("UNCLASS")) {
        Color::rgb(0xb0, 0x1c, 0x1c)
    } else if m.contains("CONFIDENTIAL") || m.contains("SENSITIVE") {
        Color::rgb(0x1f, 0x4e, 0xa8)
    } else if m.contains("RESTRICTED") {
        Color::rgb(0xb8, 0x5c, 0x00)
    } else {
        Color::rgb(0x2e, 0x7d, 0x32)
    }
}

/// The cover page.
pub(super) fn cover(ctx: &Ctx<'_>, structure: &mut Vec<StructNode>) -> Page {
    let mut flow = Flow::new(ctx);
    flow.new_page();
    let (book, style) = (ctx.book, &ctx.style);
    let meta = &book.meta;
    let labels = &book.labels;
    let geo = style.geo;
    let w = geo.text_width();
    let sect = flow.node(Role::Sect, None, None);
    let head = style.head_role;

    // Who prepared it, small above the title.
    if !meta.prepared_by.is_empty() {
        let l = ctx.label(&meta.prepared_by.to_uppercase(), head.bold(), style.small, style.muted, w);
        let node = flow.node(Role::P, Some(sect), None);
        flow.lines(&l, geo.left, style.small * 1.5, Some(node));
    }
    let band_top = geo.top + 0.22 * (geo.bottom - geo.top);
    flow.y = band_top;
    let title = ctx.set(&[Piece::new(meta.title.clone(), head.bold(), style.title, style.accent)], w, &ParStyle::PLAIN);
    let node = flow.node(Role::H(1), Some(sect), None);
    flow.lines(&title, geo.left, style.title * 1.18, Some(node));
    if !meta.subtitle.is_empty() {
        flow.y += 0.3 * style.title;
        let sub = ctx.label(&meta.subtitle, head, style.title * 0.55, style.muted, w);
        let node = flow.node(Role::P, Some(sect), None);
        flow.lines(&sub, geo.left, style.title * 0.55 * 1.3, Some(node));
    }
    flow.y += 0.6 * style.title;
    let y = flow.y;
    flow.rule(geo.left, y, geo.left + 50.0 * MM, y, 2.4, style.accent);
    flow.y += 1.2 * style.title;

    let field = |flow: &mut Flow<'_>, label: &str, value: &str| {
        let l = ctx.label(&label.to_uppercase(), head.bold(), style.small * 0.92, style.muted, w);
        let node = flow.node(Role::P, Some(sect), None);
        flow.lines(&l, geo.left, style.small * 1.5, Some(node));
        let v = ctx.set(&[Piece::new(value, style.text_role, style.body * 1.12, style.text)], w, &ParStyle::PLAIN);
        flow.lines(&v, geo.left, style.body * 1.12 * 1.35, Some(node));
        flow.y += 0.9 * style.body;
    };
    for m in &book.meetings {
        let mut line = m.name.clone();
        let extra: Vec<&str> = [m.dates.as_deref(), m.place.as_deref()].into_iter().flatten().collect();
        if !extra.is_empty() {
            line.push_str(" — ");
            line.push_str(&extra.join(", "));
        }
        field(&mut flow, &labels.meeting, &line);
    }
    // The fields stand in the lower part of the page.
    flow.y = flow.y.max(geo.top + 0.58 * (geo.bottom - geo.top));
    if !meta.prepared_for.is_empty() {
        field(&mut flow, &labels.prepared_for, &meta.prepared_for);
    }
    if !meta.prepared_by.is_empty() {
        field(&mut flow, &labels.prepared_by, &meta.prepared_by);
    }
    if let Some(d) = meta.date {
        field(&mut flow, &labels.brief_date, &labels.date(d));
    }
    if !meta.classification.is_empty() {
        let color = marking_color(&meta.classification);
        let text = meta.classification.to_uppercase();
        let size = style.body * 1.35;
        let lines = ctx.label(&text, head.bold(), size, Color::WHITE, w - 20.0);
        let lh = size * 1.3;
        let h = lines.len() as f32 * lh + 1.2 * size;
        let y = geo.bottom - h;
        flow.rect(geo.left, y, w, h, color);
        let node = flow.node(Role::P, Some(sect), None);
        for (i, line) in lines.iter().enumerate() {
            let b = baseline(y + 0.6 * size + i as f32 * lh, lh, size);
            flow.place(line, geo.left + (w - line.width) / 2.0, b, Some(node));
        }
    }
    let Flowed { mut pages, structure: s, .. } = flow.finish();
    let base = structure.len();
    structure.extend(s.into_iter().map(|n| StructNode { parent: n.parent.map(|p| p + base), ..n }));
    let mut page = pages.pop().unwrap_or_default();
    for item in &mut page.items {
        if let Item::Text(run) = item
            && let Some(t) = &mut run.tag
        {
            *t += base;
        }
    }
    page
}

/// The table of contents: level 1 and 2 headings with dot leaders and page numbers
/// (`offset` is the number of pages before the body), every entry a link.
pub(super) fn contents(ctx: &Ctx<'_>, headings: &[Heading], offset: usize) -> Flowed {
    let mut flow = Flow::new(ctx);
    let (book, style) = (ctx.book, &ctx.style);
    let geo = style.geo;
    flow.section = book.labels.contents.clone();
    flow.new_page();
    let sect = flow.node(Role::Sect, None, None);
    let h = flow.node(Role::H(1), Some(sect), None);
    let title = ctx.label(&book.labels.contents, style.head_role.bold(), style.h1, style.accent, geo.text_width());
    flow.lines(&title, geo.left, style.h1 * 1.2, Some(h));
    let y = flow.y + 5.0;
    flow.rule(geo.left, y, geo.right, y, 1.0, style.accent);
    flow.y = y + style.leading * 1.1;
    let toc = flow.node(Role::TOC, Some(sect), None);
    let number_width = 3.0 * style.body;
    for h in headings.iter().filter(|h| h.level <= 2) {
        let top_level = h.level == 1;
        let (role, size, indent) = if top_level {
            (style.head_role.bold(), style.body, 0.0)
        } else {
            (style.text_role, style.body * 0.95, 1.6 * style.body)
        };
        let leading = if top_level { style.leading * 1.05 } else { style.leading * 0.95 };
        if top_level {
            flow.space(0.5 * style.leading);
        }
        let x = geo.left + indent;
        let w = geo.text_width() - indent - number_width - 1.5 * style.body;
        let lines = ctx.set(&[Piece::new(h.title.clone(), role, size, style.text)], w, &ParStyle::PLAIN);
        let extra = if top_level { 2.0 * style.leading } else { 0.0 };
        flow.ensure(lines.len() as f32 * leading + extra);
        let entry = flow.node(Role::TOCI, Some(toc), None);
        let top = flow.y;
        let page_before = flow.page_index();
        let placed = flow.lines(&lines, x, leading, Some(entry));
        let Some(&(page, last_top, last_bottom)) = placed.fragments.last() else { continue };
        let b = baseline(last_bottom - leading, leading, size);
        let number = (h.page + offset + 1).to_string();
        let num = ctx.label(&number, role, size, style.text, number_width);
        let last_width = lines.last().map_or(0.0, |l| l.width);
        if let Some(n) = num.first() {
            flow.place_on(page, n, geo.right - n.width, b, Some(entry));
            leaders(ctx, &mut flow, page, x + last_width, geo.right - n.width, b, size);
        }
        let link_top = if page == page_before { top } else { last_top };
        flow.pages[page].items.push(Item::Link {
            x: geo.left,
            y: link_top,
            w: geo.text_width(),
            h: last_bottom - link_top,
            target: LinkTarget::Page(h.page + offset),
        });
    }
    flow.finish()
}

/// Dot leaders from `start` to `end` on `baseline`, aligned to a grid so the dots of
/// all entries line up.
fn leaders(ctx: &Ctx<'_>, flow: &mut Flow<'_>, page: usize, start: f32, end: f32, baseline: f32, size: f32) {
    let style = &ctx.style;
    let dot = ctx.fonts.shape(".", style.text_role, size);
    let Some(g) = dot.first() else { return };
    let step = 0.55 * size;
    let left = style.geo.left;
    let first = ((start + 0.5 * size - left) / step).ceil() * step + left;
    let last = end - 0.5 * size;
    if last <= first {
        return;
    }
    let count = ((last - first) / step).floor() as usize + 1;
    let mut run = TextRun {
        x: first,
        y: baseline,
        font: g.font,
        size,
        color: style.muted,
        text: String::new(),
        glyphs: Vec::with_capacity(count),
        tag: None,
    };
    for i in 0..count {
        let s = i as u32;
        run.text.push('.');
        run.glyphs.push(super::super::Glyph { id: g.id, advance: step, x_offset: 0.0, y_offset: 0.0, text: s..s + 1 });
    }
    if let Some(p) = flow.pages.get_mut(page) {
        p.items.push(Item::Text(run));
    }
}

/// Where the page furniture stands, points from the top: the running head's baseline and
/// the rule under it, the footer's baseline and the rule over it.
pub(super) fn furniture(style: &super::Style) -> (f32, f32, f32, f32) {
    let (geo, small) = (style.geo, style.small * 0.95);
    let head_y = geo.top - 9.0 * MM;
    let rule_y = head_y + 0.45 * small + 2.0;
    let foot_y = geo.bottom + 11.0 * MM;
    let foot_rule = foot_y - small - 3.0;
    (head_y, rule_y, foot_y, foot_rule)
}

/// Running heads, footers, classification banners and the watermark.
pub(super) fn decorate(ctx: &Ctx<'_>, pages: &mut [Page], sections: &[String]) {
    let (book, style) = (ctx.book, &ctx.style);
    let geo = style.geo;
    let total = pages.len();
    let marking = book.meta.classification.to_uppercase();
    let color = marking_color(&marking);
    let small = style.small * 0.95;
    let line = |text: &str, role: FontRole, size: f32, color: Color| -> Option<Line> {
        ctx.label(text, role, size, color, geo.text_width()).into_iter().next()
    };
    let put = |page: &mut Page, line: &Line, x: f32, y: f32| {
        for run in &line.runs {
            page.items.push(Item::Text(TextRun { x: x + run.x, y, tag: None, ..run.clone() }));
        }
    };
    let banner = (!marking.is_empty()).then(|| line(&marking, style.head_role.bold(), style.small, color)).flatten();
    let watermark = (!book.page.watermark.trim().is_empty()).then(|| {
        let text = book.page.watermark.trim().to_uppercase();
        let diagonal = (geo.width * geo.width + geo.height * geo.height).sqrt();
        let natural = ctx.fonts.width(&text, style.head_role.bold(), 100.0).max(1.0);
        let size = (0.6 * diagonal / natural * 100.0).clamp(24.0, 160.0);
        ctx.label(&text, style.head_role.bold(), size, Color::rgb(0xec, 0xec, 0xec), f32::MAX).into_iter().next()
    });
    let title = line(&book.meta.title, style.head_role, small, style.muted);
    for (i, page) in pages.iter_mut().enumerate() {
        if let Some(Some(w)) = &watermark {
            // Diagonal, centred, under everything else.
            let angle: f32 = (geo.height / geo.width).atan().to_degrees().min(55.0);
            let rad = angle.to_radians();
            let (cx, cy) = (geo.width / 2.0, geo.height / 2.0);
            let half = w.width / 2.0;
            let lift = w.size() * 0.35;
            let x = cx - half * rad.cos() + lift * rad.sin();
            let y = cy + half * rad.sin() + lift * rad.cos();
            let mut runs: Vec<Item> = w
                .runs
                .iter()
                .map(|r| Item::Rotated {
                    run: TextRun { x: x + r.x * rad.cos(), y: y - r.x * rad.sin(), tag: None, ..r.clone() },
                    degrees: angle,
                })
                .collect();
            runs.append(&mut page.items);
            page.items = runs;
        }
        if let Some(b) = &banner {
            let x = (geo.width - b.width) / 2.0;
            put(page, b, x, 9.0 * MM);
            put(page, b, x, geo.height - 7.0 * MM);
        }
        if i == 0 {
            continue;
        }
        let (head_y, rule_y, foot_y, foot_rule) = furniture(style);
        let section = line(&sections[i], style.head_role, small, style.muted);
        let room = geo.text_width() - section.as_ref().map_or(0.0, |s| s.width) - 2.0 * style.body;
        if let Some(t) = title.as_ref().filter(|t| t.width <= room) {
            put(page, t, geo.left, head_y);
        }
        if let Some(s) = &section {
            put(page, s, geo.right - s.width, head_y);
        }
        page.items.push(Item::Rule {
            x1: geo.left,
            y1: rule_y,
            x2: geo.right,
            y2: rule_y,
            width: 0.4,
            color: style.rule,
        });
        page.items.push(Item::Rule {
            x1: geo.left,
            y1: foot_rule,
            x2: geo.right,
            y2: foot_rule,
            width: 0.4,
            color: style.rule,
        });
        if let Some(c) = line(&book.labels.page_of(i + 1, total), style.head_role, small, style.muted) {
            put(page, &c, geo.right - c.width, foot_y);
        }
        let mut left = String::new();
        if let Some(d) = book.meta.date {
            left = book.labels.date(d);
        }
        if let Some(l) = line(&left, style.head_role, small, style.muted) {
            put(page, &l, geo.left, foot_y);
        }
    }
}
