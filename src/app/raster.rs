//! Paints a laid-out page into an image for the preview, from the same glyph outlines
//! (the fonts the PDF embeds) with tiny-skia, so the preview shows exactly what the PDF
//! will: the same line breaks, the same glyphs, the same colours.

use std::collections::HashMap;

use rustybuzz::ttf_parser::{self, GlyphId, OutlineBuilder};
use tiny_skia::{FillRule, Paint, Path, PathBuilder, Pixmap, Rect, Stroke, Transform};

use crate::layout::{Color, Item, Pages, TextRun};

/// Glyph outlines in font units, kept between pages and refreshes.
#[derive(Default)]
pub(crate) struct GlyphCache {
    /// (font data address, glyph id) -> outline (None: an empty glyph such as a space).
    paths: HashMap<(usize, u16), Option<Path>>,
    /// font data address -> units per em.
    upem: HashMap<usize, f32>,
}

struct Builder(PathBuilder);

impl OutlineBuilder for Builder {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

impl GlyphCache {
    fn glyph(&mut self, data: &'static [u8], id: u16) -> (Option<&Path>, f32) {
        let key = data.as_ptr() as usize;
        let upem = *self
            .upem
            .entry(key)
            .or_insert_with(|| ttf_parser::Face::parse(data, 0).map_or(1000.0, |f| f32::from(f.units_per_em())));
        let path = self
            .paths
            .entry((key, id))
            .or_insert_with(|| {
                let face = ttf_parser::Face::parse(data, 0).ok()?;
                let mut b = Builder(PathBuilder::new());
                face.outline_glyph(GlyphId(id), &mut b)?;
                b.0.finish()
            })
            .as_ref();
        (path, upem)
    }
}

fn paint(c: Color) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8((c.r * 255.0) as u8, (c.g * 255.0) as u8, (c.b * 255.0) as u8, 255);
    p.anti_alias = true;
    p
}

/// Paints a run of glyphs under `base`.
fn text(pixmap: &mut Pixmap, pages: &Pages, run: &TextRun, base: Transform, cache: &mut GlyphCache) {
    let Some((_, data)) = pages.fonts.get(run.font) else { return };
    let colour = paint(run.color);
    let mut x = run.x;
    for g in &run.glyphs {
        let (path, upem) = cache.glyph(data, g.id);
        if let Some(path) = path {
            let s = run.size / upem;
            let t = base.pre_concat(Transform::from_row(s, 0.0, 0.0, -s, x + g.x_offset, run.y - g.y_offset));
            pixmap.fill_path(path, &colour, FillRule::Winding, t, None);
        }
        x += g.advance;
    }
}

/// Renders page `index` at `scale` pixels per point. Returns the size and the RGBA pixels
/// (opaque), or None for a page that does not exist or a size of zero.
pub(crate) fn render_page(
    pages: &Pages,
    index: usize,
    scale: f32,
    cache: &mut GlyphCache,
) -> Option<([usize; 2], Vec<u8>)> {
    let page = pages.pages.get(index)?;
    let w = (pages.width * scale).round().max(1.0) as u32;
    let h = (pages.height * scale).round().max(1.0) as u32;
    let mut pixmap = Pixmap::new(w, h)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let base = Transform::from_scale(scale, scale);
    // An annex page is not rendered here: a shaded box shows where it goes.
    if let Some(a) = &page.annex
        && let Some(size) = pages.annexes.get(a.annex).and_then(|x| x.pages.get(a.page))
        && let Some(rect) = Rect::from_xywh(a.x, a.y, size.width * a.scale, size.height * a.scale)
    {
        pixmap.fill_rect(rect, &paint(Color::SHADE), base, None);
    }
    for item in &page.items {
        match item {
            Item::Text(run) => text(&mut pixmap, pages, run, base, cache),
            Item::Rotated { run, degrees } => {
                // Counter-clockwise on the page is clockwise-negative with y pointing down.
                let turn = Transform::from_translate(run.x, run.y)
                    .pre_concat(Transform::from_rotate(-degrees))
                    .pre_concat(Transform::from_translate(-run.x, -run.y));
                text(&mut pixmap, pages, run, base.pre_concat(turn), cache);
            }
            Item::Rect { x, y, w, h, fill } => {
                if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                    pixmap.fill_rect(rect, &paint(*fill), base, None);
                }
            }
            Item::Rule { x1, y1, x2, y2, width, color } => {
                let mut b = PathBuilder::new();
                b.move_to(*x1, *y1);
                b.line_to(*x2, *y2);
                if let Some(path) = b.finish() {
                    let stroke = Stroke { width: width.max(0.25), ..Stroke::default() };
                    pixmap.stroke_path(&path, &paint(*color), &stroke, base, None);
                }
            }
            Item::Link { .. } => {}
        }
    }
    Some(([w as usize, h as usize], pixmap.take()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{FontBook, FontRole, Glyph, Page};

    #[test]
    fn paints_text_and_rectangles() {
        let fonts = FontBook::builtin().expect("fonts");
        let text = "Çështja Брисел";
        let shaped = fonts.shape(text, FontRole::SERIF, 24.0);
        let glyphs = shaped
            .iter()
            .map(|g| Glyph { id: g.id, advance: g.advance, x_offset: g.x_offset, y_offset: g.y_offset, text: 0..0 })
            .collect();
        let run = TextRun {
            x: 10.0,
            y: 60.0,
            font: shaped[0].font,
            size: 24.0,
            color: Color::BLACK,
            text: text.into(),
            glyphs,
            tag: None,
        };
        let page = Page {
            items: vec![Item::Rect { x: 0.0, y: 0.0, w: 100.0, h: 10.0, fill: Color::ACCENT }, Item::Text(run)],
            annex: None,
        };
        let pages = Pages {
            width: 200.0,
            height: 100.0,
            pages: vec![page],
            headings: Vec::new(),
            fonts: fonts.faces.iter().map(|f| (f.name.clone(), f.data)).collect(),
            structure: Vec::new(),
            language: "sq".into(),
            annexes: Vec::new(),
        };
        let mut cache = GlyphCache::default();
        let (size, rgba) = render_page(&pages, 0, 2.0, &mut cache).expect("renders");
        assert_eq!(size, [400, 200]);
        let dark = |x: usize, y: usize| rgba[(y * 400 + x) * 4] < 128;
        // The accent band at the top, white below it.
        assert!(dark(50, 5) && !dark(50, 30));
        // Ink on the text line, none far right of it.
        let ink = (20..380).filter(|&x| (80..125).any(|y| dark(x, y))).count();
        assert!(ink > 100, "{ink} columns with ink");
        assert!(render_page(&pages, 1, 1.0, &mut cache).is_none());
    }
}
