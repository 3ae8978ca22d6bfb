//! The app's fonts: the Noto faces the PDF is set in (so Albanian, Cyrillic and every
//! character the book prints show on screen as in print), with egui's own fonts kept
//! behind them as the fallback for symbols and icons.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::layout::FontBook;

/// The family for document text in the section view (the book's serif).
pub(crate) const SERIF: &str = "serif";
/// The family for headings (bold sans).
pub(crate) const BOLD: &str = "bold";

/// Puts the book's fonts first in every family, egui's defaults after them.
pub(crate) fn install(ctx: &egui::Context) {
    let mut defs = FontDefinitions::default();
    let fallback_prop = defs.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
    let Ok(book) = FontBook::builtin() else {
        // Without the book's fonts egui's own still show Latin text; nothing to add.
        return;
    };
    for face in &book.faces {
        defs.font_data.insert(face.name.clone(), Arc::new(FontData::from_static(face.data)));
    }
    let chain = |first: &[&str]| -> Vec<String> {
        first.iter().map(|s| (*s).to_string()).chain(fallback_prop.iter().cloned()).collect()
    };
    defs.families.insert(FontFamily::Proportional, chain(&["NotoSans-Regular"]));
    defs.families.insert(FontFamily::Name(SERIF.into()), chain(&["NotoSerif-Regular", "NotoSans-Regular"]));
    defs.families.insert(FontFamily::Name(BOLD.into()), chain(&["NotoSans-Bold", "NotoSans-Regular"]));
    if let Some(mono) = defs.families.get_mut(&FontFamily::Monospace) {
        mono.push("NotoSans-Regular".into());
    }
    ctx.set_fonts(defs);
}

/// Every symbol the app's own controls and labels use; each must have a glyph in the
/// fonts above, so none shows as a box (checked by a test).
#[cfg(test)]
pub(crate) const SYMBOLS: &str = "☰⏶⏷🗑➕⚠⛔✔◀▶↺¶−•«»›–…·";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_and_script_has_a_glyph() {
        let ctx = egui::Context::default();
        install(&ctx);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let text = format!("{SYMBOLS} Çështja ë Брисел Україна Ђорђе");
        for family in [FontFamily::Proportional, FontFamily::Name(SERIF.into()), FontFamily::Name(BOLD.into())] {
            let font = egui::FontId::new(14.0, family.clone());
            let missing: String = ctx.fonts_mut(|f| text.chars().filter(|&c| !f.has_glyph(&font, c)).collect());
            assert!(missing.is_empty(), "{family:?} lacks {missing}");
        }
    }
}
