//! The page preview: the real typeset pages of the brief, painted off the UI thread from
//! the layout engine's glyph runs, with zoom and page navigation. Links in the pages (the
//! contents) jump to their page. While a refresh runs the last pages stay in view.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use egui::{Align, Layout, Rect, RichText, Sense, TextureHandle, TextureOptions, Ui, Vec2};

use super::jobs::Jobs;
use crate::layout::{Item, LinkTarget, Pages};

/// Zoom limits.
const ZOOM: std::ops::RangeInclusive<f32> = 0.2..=3.0;

/// State of the preview.
#[derive(Default)]
pub(crate) struct Preview {
    /// The latest pages.
    pub pages: Option<Arc<Pages>>,
    /// The page shown, from 0.
    pub page: usize,
    /// Page images by index: texture and the scale it was painted at.
    textures: HashMap<usize, (TextureHandle, f32)>,
    /// Pages asked of the painter and not yet back, with the scale asked.
    asked: HashMap<usize, f32>,
    /// How long the last refresh took.
    pub took: Option<Duration>,
    /// A refresh is running or due.
    pub refreshing: bool,
    /// The selected section the preview follows (title, and which of the sections of that
    /// title, from 0): its first page is shown as soon as pages with it arrive, until the
    /// user turns the pages.
    follow: Option<(String, usize)>,
}

impl Preview {
    /// New pages arrived: keep the old images until the new ones are painted.
    pub(crate) fn set_pages(&mut self, pages: Option<Arc<Pages>>, took: Duration) {
        self.pages = pages;
        self.took = Some(took);
        self.asked.clear();
        for (_, scale) in self.textures.values_mut() {
            // Mark as outdated: repainted at the next look.
            *scale = -1.0;
        }
        if let Some(p) = &self.pages {
            self.page = self.page.min(p.pages.len().saturating_sub(1));
        }
        self.turn_to_followed();
    }

    /// Turns to the first page of the section titled `title` (the `nth` section of that
    /// title, from 0), now if the pages have it, else when pages with it arrive (a section
    /// just added or renamed is set a moment later).
    pub(crate) fn show_section(&mut self, title: &str, nth: usize) {
        self.follow = Some((title.to_string(), nth));
        self.turn_to_followed();
    }

    /// The followed section's title or place changed (renamed, moved): follow it there,
    /// if the preview follows it still.
    pub(crate) fn refollow(&mut self, title: &str, nth: usize) {
        if self.follow.is_some() {
            self.follow = Some((title.to_string(), nth));
        }
    }

    /// Stops following a section (none is selected).
    pub(crate) fn stop_following(&mut self) {
        self.follow = None;
    }

    fn turn_to_followed(&mut self) {
        let (Some(pages), Some((title, nth))) = (&self.pages, &self.follow) else { return };
        if let Some(h) = pages.headings.iter().filter(|h| h.level == 1 && h.title == *title).nth(*nth) {
            self.page = h.page;
        }
    }

    /// A page image arrived.
    pub(crate) fn painted(
        &mut self,
        ctx: &egui::Context,
        pages_id: usize,
        page: usize,
        scale: f32,
        image: Option<egui::ColorImage>,
    ) {
        if self.asked.get(&page) == Some(&scale) {
            self.asked.remove(&page);
        }
        let current = self.pages.as_ref().is_some_and(|p| Arc::as_ptr(p) as usize == pages_id);
        let (true, Some(image)) = (current, image) else { return };
        let texture = ctx.load_texture(format!("page-{page}"), image, TextureOptions::LINEAR);
        self.textures.insert(page, (texture, scale));
    }

    /// Shows the preview.
    pub(crate) fn ui(&mut self, ui: &mut Ui, zoom: &mut f32, fit_width: &mut bool, jobs: &mut Jobs) {
        let shown = self.page;
        self.pages_ui(ui, zoom, fit_width, jobs);
        // The user turned the pages: the preview no longer follows the selected section.
        if self.page != shown {
            self.follow = None;
        }
    }

    fn pages_ui(&mut self, ui: &mut Ui, zoom: &mut f32, fit_width: &mut bool, jobs: &mut Jobs) {
        let width = ui.available_width();
        if *fit_width && let Some(p) = &self.pages {
            // Whole percent steps, so a resize by a pixel does not repaint the pages.
            *zoom = (((width - 20.0) / p.width) * 100.0).floor().clamp(20.0, 300.0) / 100.0;
        }
        let n = self.pages.as_ref().map_or(0, |p| p.pages.len());
        ui.horizontal(|ui| {
            ui.label(RichText::new("Preview").heading());
            if self.refreshing {
                ui.add(egui::Spinner::new().size(14.0)).on_hover_text("Updating the pages");
            } else if let Some(t) = self.took {
                ui.label(RichText::new(format!("set in {} ms", t.as_millis())).small().weak());
            }
        });
        ui.horizontal(|ui| {
            let prev = ui.add_enabled(self.page > 0, egui::Button::new("◀")).on_hover_text("Previous page (Page Up)");
            if prev.accessible_name("Previous page").clicked() {
                self.page -= 1;
            }
            let mut shown = self.page + 1;
            let l = ui.label("Page");
            let r = ui.add(egui::DragValue::new(&mut shown).range(1..=n.max(1))).labelled_by(l.id);
            if r.changed() {
                self.page = shown.saturating_sub(1);
            }
            ui.label(format!("of {n}"));
            let next = ui.add_enabled(self.page + 1 < n, egui::Button::new("▶")).on_hover_text("Next page (Page Down)");
            if next.accessible_name("Next page").clicked() {
                self.page += 1;
            }
            ui.separator();
            if ui.button("−").on_hover_text("Zoom out").accessible_name("Zoom out").clicked() {
                *zoom = (*zoom / 1.25).clamp(*ZOOM.start(), *ZOOM.end());
                *fit_width = false;
            }
            ui.label(format!("{:.0} %", *zoom * 100.0));
            if ui.button("+").on_hover_text("Zoom in").accessible_name("Zoom in").clicked() {
                *zoom = (*zoom * 1.25).clamp(*ZOOM.start(), *ZOOM.end());
                *fit_width = false;
            }
            if ui.selectable_label(*fit_width, "Fit").on_hover_text("Fit the page to the panel's width").clicked() {
                *fit_width = !*fit_width;
            }
        });
        // Page Up / Page Down when no text field has the keyboard.
        if !ui.ctx().egui_wants_keyboard_input() {
            let (up, down) = ui.input(|i| (i.key_pressed(egui::Key::PageUp), i.key_pressed(egui::Key::PageDown)));
            if up && self.page > 0 {
                self.page -= 1;
            }
            if down && self.page + 1 < n {
                self.page += 1;
            }
        }
        ui.separator();
        let Some(pages) = self.pages.clone() else {
            ui.label(RichText::new(if self.refreshing { "Setting the pages…" } else { "No pages yet." }).weak());
            return;
        };
        if n == 0 {
            ui.label("The brief has no pages.");
            return;
        }
        let ppp = ui.ctx().pixels_per_point();
        let scale = (*zoom * ppp * 100.0).round() / 100.0;
        let page = self.page;
        // Ask for this page and its neighbours at the current scale.
        for p in [page, page + 1, page.saturating_sub(1)] {
            if p >= n {
                continue;
            }
            let fresh = self.textures.get(&p).is_some_and(|(_, s)| *s == scale);
            if !fresh && self.asked.get(&p) != Some(&scale) {
                self.asked.insert(p, scale);
                jobs.paint(pages.clone(), p, scale);
            }
        }
        let size = Vec2::new(pages.width, pages.height) * *zoom;
        egui::ScrollArea::both().id_salt("preview").auto_shrink(false).show(ui, |ui| {
            ui.with_layout(Layout::top_down(Align::Center), |ui| {
                let (rect, response) = ui.allocate_exact_size(size, Sense::click());
                let response = response.accessible_name(format!("Page {} of {n}", page + 1));
                let painter = ui.painter_at(rect);
                painter.rect_filled(rect.expand(1.0), 0.0, ui.visuals().widgets.noninteractive.bg_stroke.color);
                match self.textures.get(&page) {
                    Some((texture, _)) => {
                        painter.image(
                            texture.id(),
                            rect,
                            Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
                            egui::Color32::WHITE,
                        );
                    }
                    None => {
                        painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
                    }
                }
                // Links: a click on a contents entry goes to its page.
                if let Some(pos) = response.interact_pointer_pos().filter(|_| response.clicked()) {
                    let at = (pos - rect.min) / *zoom;
                    for item in &pages.pages[page].items {
                        if let Item::Link {
                            x,
                            y,
                            w,
                            h,
                            target: LinkTarget::Page(p) | LinkTarget::Place { page: p, .. },
                        } = item
                            && at.x >= *x
                            && at.x <= x + w
                            && at.y >= *y
                            && at.y <= y + h
                        {
                            self.page = (*p).min(n - 1);
                        }
                    }
                }
            });
        });
        // Drop images of pages far away, to bound memory.
        let keep = page.saturating_sub(3)..=page + 3;
        self.textures.retain(|p, _| keep.contains(p));
    }
}
