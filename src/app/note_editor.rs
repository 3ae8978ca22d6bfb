//! A note section: the analyst's text in light Markdown on the left, rendered live on the
//! right from the same parser the book uses, so what shows here is what prints.

use egui::text::{LayoutJob, TextFormat};
use egui::{FontFamily, FontId, RichText, Ui};

use super::fonts;
use crate::book::markdown::{self, BlockKind, NoteBlock};

/// Shows the editor and the rendering of `text`; edits go straight into `text`.
pub(crate) fn ui(ui: &mut Ui, text: &mut String) {
    ui.label(
        RichText::new("Light Markdown: **bold**, *italic*, lists with - or 1., ## headings. The preview on the right is what prints.")
            .small()
            .weak(),
    );
    let height = ui.available_height();
    ui.columns(2, |cols| {
        egui::ScrollArea::vertical().id_salt("note-source").max_height(height).show(&mut cols[0], |ui| {
            ui.add_sized(
                [ui.available_width(), height - 8.0],
                egui::TextEdit::multiline(text).hint_text("Write the note here…").lock_focus(true),
            )
            .accessible_name("Note text");
        });
        egui::ScrollArea::vertical().id_salt("note-rendered").max_height(height).show(&mut cols[1], |ui| {
            render(ui, &markdown::parse(text));
        });
    });
}

/// Paints note blocks: headings, paragraphs and list items with their markers.
pub(crate) fn render(ui: &mut Ui, blocks: &[NoteBlock]) {
    let body = ui.style().text_styles.get(&egui::TextStyle::Body).map_or(14.0, |f| f.size);
    let color = ui.visuals().text_color();
    let strong = ui.visuals().strong_text_color();
    for block in blocks {
        let (size, indent, marker) = match &block.kind {
            BlockKind::Heading(level) => (body + 6.0 - f32::from(*level).min(4.0), 0.0, None),
            BlockKind::Paragraph => (body, 0.0, None),
            BlockKind::Item { marker, depth } => (body, 18.0 * (*depth as f32 + 1.0), Some(marker.clone())),
        };
        let heading = matches!(block.kind, BlockKind::Heading(_));
        let mut job = LayoutJob::default();
        if let Some(m) = marker {
            job.append(&format!("{m} "), 0.0, TextFormat::simple(FontId::proportional(size), color));
        }
        for span in &block.spans {
            let family = if span.bold || heading {
                FontFamily::Name(fonts::BOLD.into())
            } else {
                FontFamily::Name(fonts::SERIF.into())
            };
            let format = TextFormat {
                font_id: FontId::new(size, family),
                color: if span.bold || heading { strong } else { color },
                italics: span.italic,
                ..TextFormat::default()
            };
            job.append(&span.text, 0.0, format);
        }
        job.wrap.max_width = (ui.available_width() - indent).max(40.0);
        ui.horizontal(|ui| {
            ui.add_space(indent);
            ui.add(egui::Label::new(job).wrap());
        });
        ui.add_space(if heading { 2.0 } else { 4.0 });
    }
}
