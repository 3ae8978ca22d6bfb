//! Composition: the pages of a book — cover, contents, sections, sources — and the
//! running heads, footers, classification banners and watermark on them.
//!
//! The body is set first, as one flow of blocks down the pages ([`flow`]); the contents
//! are then set twice (to count their pages, then with the right numbers), and the page
//! furniture goes on last, when the number of pages is known.

mod content;
mod flow;
mod front;

use crate::book::Book;
use crate::diag::Diagnostic;
use crate::model::Family;

use super::fonts::{FontBook, FontRole};
use super::hyphen::Hyphenator;
use super::text::{Line, ParStyle, Piece, set_paragraph};
use super::{Color, Heading, Item, LayoutError, LinkTarget, Pages, Role, StructNode};

const MM: f32 = 72.0 / 25.4;

/// Page geometry in points from the top-left corner.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    pub(super) fn text_width(&self) -> f32 {
        self.right - self.left
    }
}

/// Sizes, faces and colours, resolved from the brief's page setup and theme.
#[derive(Debug, Clone)]
pub(crate) struct Style {
    pub geo: Geometry,
    /// Body size and line height.
    pub body: f32,
    pub leading: f32,
    /// Table cells.
    pub cell: f32,
    pub cell_leading: f32,
    /// Labels, citations, running heads.
    pub small: f32,
    pub title: f32,
    pub h1: f32,
    pub h2: f32,
    pub h3: f32,
    /// Body family (regular) and heading family (regular).
    pub text_role: FontRole,
    pub head_role: FontRole,
    pub text: Color,
    pub accent: Color,
    pub muted: Color,
    pub rule: Color,
    pub shade: Color,
    pub machine: Color,
    pub stale: Color,
    pub justify: bool,
    pub hyphenate: bool,
}

impl Style {
    fn of(book: &Book) -> Style {
        let (width, height) = book.meta.page_size.points();
        let page = &book.page;
        let theme = &book.theme;
        let geo = Geometry {
            width,
            height,
            left: page.margin_left.get() * MM,
            right: width - page.margin_right.get() * MM,
            top: page.margin_top.get() * MM,
            bottom: height - page.margin_bottom.get() * MM,
        };
        let body = page.base_size.get().clamp(5.0, 30.0);
        let ratio = page.line_height.get().clamp(1.0, 3.0);
        let cell = (body - 1.0).max(5.0);
        let role = |f: Family| FontRole { sans: f == Family::Sans, bold: false, italic: false };
        Style {
            geo,
            body,
            leading: (body * ratio * 2.0).round() / 2.0,
            cell,
            cell_leading: (cell * ratio * 2.0).round() / 2.0,
            small: (body * 0.76 * 2.0).round() / 2.0,
            title: theme.title_size.get().clamp(8.0, 72.0),
            h1: theme.heading_size.get().clamp(8.0, 48.0),
            h2: theme.subheading_size.get().clamp(6.0, 36.0),
            h3: (body + 0.5).max(theme.subheading_size.get() - 1.5),
            text_role: role(theme.body_font),
            head_role: role(theme.heading_font),
            text: theme.text_color.into(),
            accent: theme.accent_color.into(),
            muted: theme.muted_color.into(),
            rule: theme.rule_color.into(),
            shade: theme.shade_color.into(),
            machine: theme.machine_color.into(),
            stale: theme.stale_color.into(),
            justify: page.justify,
            hyphenate: page.hyphenate,
        }
    }
}

/// What every stage of composition needs.
pub(crate) struct Ctx<'a> {
    pub fonts: &'a FontBook,
    pub hyphenator: Hyphenator,
    pub style: Style,
    pub book: &'a Book,
}

impl Ctx<'_> {
    /// Sets a paragraph of pieces at `width`.
    pub(super) fn set(&self, pieces: &[Piece], width: f32, style: &ParStyle<'_>) -> Vec<Line> {
        set_paragraph(self.fonts, &self.hyphenator, pieces, width, style)
    }

    /// Sets one string, ragged, without hyphenation.
    pub(super) fn label(&self, text: &str, role: FontRole, size: f32, color: Color, width: f32) -> Vec<Line> {
        self.set(&[Piece::new(text, role, size, color)], width, &ParStyle::PLAIN)
    }

    /// Body paragraphs: justified and hyphenated as the page setup says.
    pub(super) fn body_style<'l>(&self, language: &'l crate::model::LanguageTag) -> ParStyle<'l> {
        ParStyle { language: Some(language), justify: self.style.justify, hyphenate: self.style.hyphenate }
    }
}

/// Typesets a book: cover, table of contents, sections, source list.
pub fn typeset(book: &Book, fonts: &FontBook, diags: &mut Vec<Diagnostic>) -> Result<Pages, LayoutError> {
    let ctx = Ctx { fonts, hyphenator: Hyphenator::new(), style: Style::of(book), book };
    let geo = ctx.style.geo;

    // References to paragraphs printed before name their page, which counts the cover and
    // contents: the body is set for one page of contents, and again should it take more.
    let references = book.sections.iter().any(|s| match &s.content {
        crate::book::SectionContent::Excerpts(e) | crate::book::SectionContent::Meeting { excerpts: e, .. } => {
            e.iter().any(|e| !e.elsewhere.is_empty())
        }
        _ => false,
    });
    let mut before_body = 2;
    let mut tries = 0;
    let (body, toc) = loop {
        let mut body = flow::Flow::new(&ctx);
        body.page_offset = before_body;
        content::body(&mut body);
        let body = body.finish();

        // Contents: set until its page count settles (page numbers move with it).
        let mut toc_pages = 1;
        let mut toc = front::contents(&ctx, &body.headings, 1 + toc_pages);
        for _ in 0..4 {
            if toc.pages.len() == toc_pages {
                break;
            }
            toc_pages = toc.pages.len();
            toc = front::contents(&ctx, &body.headings, 1 + toc_pages);
        }
        tries += 1;
        if !references || 1 + toc.pages.len() == before_body || tries >= 3 {
            break (body, toc);
        }
        before_body = 1 + toc.pages.len();
    };
    let offset = 1 + toc.pages.len();

    let mut structure: Vec<StructNode> = Vec::new();
    let mut pages = Vec::new();
    let mut page_sections = Vec::new();
    // Cover.
    let cover = front::cover(&ctx, &mut structure);
    pages.push(cover);
    page_sections.push(String::new());
    // Contents: its structure nodes come after the cover's.
    let base = structure.len();
    structure.extend(toc.structure.iter().map(|n| shift_node(n, base)));
    for mut page in toc.pages {
        shift_tags(&mut page, base, 0);
        pages.push(page);
        page_sections.push(book.labels.contents.clone());
    }
    let base = structure.len();
    structure.extend(body.structure.iter().map(|n| shift_node(n, base)));
    for (mut page, section) in body.pages.into_iter().zip(body.page_sections) {
        shift_tags(&mut page, base, offset);
        pages.push(page);
        page_sections.push(section);
    }
    let mut headings: Vec<Heading> =
        vec![Heading { level: 1, title: book.labels.contents.clone(), page: 1, y: geo.top }];
    headings.extend(body.headings.into_iter().map(|h| Heading { page: h.page + offset, ..h }));

    front::decorate(&ctx, &mut pages, &page_sections);

    let missing = fonts.missing_chars();
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(|c| format!("U+{:04X} ‘{c}’", *c as u32)).collect();
        diags.push(
            Diagnostic::warning(format!(
                "no font in fonts/ has the characters {}; they show as empty boxes",
                list.join(", ")
            ))
            .with_hint("add a font that covers them to fonts/"),
        );
    }

    Ok(Pages {
        width: geo.width,
        height: geo.height,
        pages,
        headings,
        fonts: fonts.faces.iter().map(|f| (f.name.clone(), f.data)).collect(),
        structure,
        language: book.meta.language.to_string(),
        annexes: book
            .sections
            .iter()
            .filter_map(|s| match &s.content {
                crate::book::SectionContent::Annex(a) => Some(a.clone()),
                _ => None,
            })
            .collect(),
    })
}

fn shift_node(node: &StructNode, base: usize) -> StructNode {
    StructNode { parent: node.parent.map(|p| p + base), ..node.clone() }
}

/// Moves a flow's structure tags and page links into the book's numbering.
fn shift_tags(page: &mut super::Page, base: usize, offset: usize) {
    for item in &mut page.items {
        match item {
            Item::Text(run) => {
                if let Some(t) = &mut run.tag {
                    *t += base;
                }
            }
            Item::Link { target: LinkTarget::Page(p), .. }
            | Item::Link { target: LinkTarget::Place { page: p, .. }, .. } => {
                *p += offset;
            }
            _ => {}
        }
    }
    if let Some(t) = page.annex.as_mut().and_then(|a| a.tag.as_mut()) {
        *t += base;
    }
}

/// A heading role for a level.
pub(crate) fn heading_role(level: u8) -> Role {
    Role::H(level.clamp(1, 6))
}
