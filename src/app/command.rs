//! User actions. Panels never change the app behind each other's back: menus, buttons and
//! shortcuts push a [`Command`] during the frame and the app applies them all once the
//! frame is drawn (rerun's `UICommand`). The commands without data are [`UiCommand`]s,
//! each with its menu text, tooltip and shortcut.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::translations::EditKey;
use crate::corpus::find::event_edit::EventEdit;
use crate::model::{Layout, Section};
use crate::translate::Aligned;
use crate::workspace::RowChange;

/// An action of the menus and the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiCommand {
    /// Start a new brief on the same corpus.
    New,
    /// Open a brief file.
    Open,
    /// Save the brief to its file.
    Save,
    /// Save the brief to another file.
    SaveAs,
    /// Export the PDF.
    ExportPdf,
    /// Undo the last change to the brief.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Put the cursor in the corpus search box.
    Search,
    /// Move the selected section up.
    MoveSectionUp,
    /// Move the selected section down.
    MoveSectionDown,
    /// Switch between the light and the dark theme.
    ToggleTheme,
    /// Show or hide the page preview.
    TogglePreview,
    /// Show or hide the problems panel.
    ToggleProblems,
    /// Close the window.
    Quit,
}

impl UiCommand {
    /// Every command, in the order the shortcuts are checked (more modifiers first).
    pub const ALL: [UiCommand; 14] = [
        UiCommand::Redo,
        UiCommand::SaveAs,
        UiCommand::New,
        UiCommand::Open,
        UiCommand::Save,
        UiCommand::ExportPdf,
        UiCommand::Undo,
        UiCommand::Search,
        UiCommand::MoveSectionUp,
        UiCommand::MoveSectionDown,
        UiCommand::ToggleTheme,
        UiCommand::TogglePreview,
        UiCommand::ToggleProblems,
        UiCommand::Quit,
    ];

    /// Menu text.
    pub(crate) fn text(self) -> &'static str {
        match self {
            UiCommand::New => "New brief",
            UiCommand::Open => "Open…",
            UiCommand::Save => "Save",
            UiCommand::SaveAs => "Save as…",
            UiCommand::ExportPdf => "Export PDF…",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::Search => "Search the corpus",
            UiCommand::MoveSectionUp => "Move section up",
            UiCommand::MoveSectionDown => "Move section down",
            UiCommand::ToggleTheme => "Dark theme",
            UiCommand::TogglePreview => "Page preview",
            UiCommand::ToggleProblems => "Problems",
            UiCommand::Quit => "Quit",
        }
    }

    /// Tooltip: what the command does.
    pub(crate) fn tooltip(self) -> &'static str {
        match self {
            UiCommand::New => "Start an empty brief on the same corpus",
            UiCommand::Open => "Open a brief file (TOML)",
            UiCommand::Save => "Save the brief to its file",
            UiCommand::SaveAs => "Save the brief to a new file",
            UiCommand::ExportPdf => "Build the briefing book and write it as a PDF",
            UiCommand::Undo => "Undo the last change to the brief",
            UiCommand::Redo => "Redo the change you undid",
            UiCommand::Search => "Search titles and text of the corpus",
            UiCommand::MoveSectionUp => "Move the selected section one place up",
            UiCommand::MoveSectionDown => "Move the selected section one place down",
            UiCommand::ToggleTheme => "Switch between the light and the dark theme",
            UiCommand::TogglePreview => "Show or hide the page preview",
            UiCommand::ToggleProblems => "Show or hide errors and warnings",
            UiCommand::Quit => "Close briefbook (asks to save changes first)",
        }
    }

    /// The keyboard shortcuts.
    pub(crate) fn shortcuts(self) -> Vec<KeyboardShortcut> {
        const CMD: Modifiers = Modifiers::COMMAND;
        const CMD_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };
        match self {
            UiCommand::New => vec![KeyboardShortcut::new(CMD, Key::N)],
            UiCommand::Open => vec![KeyboardShortcut::new(CMD, Key::O)],
            UiCommand::Save => vec![KeyboardShortcut::new(CMD, Key::S)],
            UiCommand::SaveAs => vec![KeyboardShortcut::new(CMD_SHIFT, Key::S)],
            UiCommand::ExportPdf => vec![KeyboardShortcut::new(CMD, Key::E)],
            UiCommand::Undo => vec![KeyboardShortcut::new(CMD, Key::Z)],
            UiCommand::Redo => vec![KeyboardShortcut::new(CMD_SHIFT, Key::Z), KeyboardShortcut::new(CMD, Key::Y)],
            UiCommand::Search => vec![KeyboardShortcut::new(CMD, Key::F)],
            UiCommand::MoveSectionUp => vec![KeyboardShortcut::new(Modifiers::ALT, Key::ArrowUp)],
            UiCommand::MoveSectionDown => vec![KeyboardShortcut::new(Modifiers::ALT, Key::ArrowDown)],
            UiCommand::Quit => vec![KeyboardShortcut::new(CMD, Key::Q)],
            UiCommand::ToggleTheme | UiCommand::TogglePreview | UiCommand::ToggleProblems => Vec::new(),
        }
    }

    /// The first shortcut as text for menus ("Ctrl+S").
    pub(crate) fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts().first().map(|s| ctx.format_shortcut(s)).unwrap_or_default()
    }

    /// A menu button for the command; clicking it pushes the command.
    pub(crate) fn menu_button(self, ui: &mut egui::Ui, enabled: bool, out: &mut Vec<Command>) {
        let button = egui::Button::new(self.text()).shortcut_text(self.shortcut_text(ui.ctx()));
        if ui.add_enabled(enabled, button).on_hover_text(self.tooltip()).clicked() {
            out.push(Command::Ui(self));
            ui.close();
        }
    }
}

/// A change of the rows of an original and its human translation.
#[derive(Debug, Clone, PartialEq)]
pub struct RowsChange {
    /// Id of the original.
    pub original: String,
    /// Id of the translation.
    pub translation: String,
    /// The first changed row as the section showed it.
    pub seen: Aligned,
    /// The change.
    pub change: RowChange,
}

impl RowsChange {
    /// What was done, in words (rows counted from 1).
    pub(crate) fn describe(&self) -> String {
        match &self.change {
            RowChange::Merge { first, last } => {
                format!("Rows {} to {} of {} merged", first + 1, last + 1, self.original)
            }
            RowChange::Split { row, .. } => format!("Row {} of {} split", row + 1, self.original),
            RowChange::Repair { rows, sizes } => format!(
                "Rows {} to {} of {} paired anew as {} row(s)",
                rows.start + 1,
                rows.end,
                self.original,
                sizes.len()
            ),
        }
    }
}

/// The rows offered to the dialog that splits a row or pairs rows anew.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRequest {
    /// Id of the original.
    pub original: String,
    /// Id of the translation.
    pub translation: String,
    /// Consecutive rows of the alignment, from the one the menu was opened on.
    pub rows: Vec<Aligned>,
    /// Split the first row (else pair the first rows anew).
    pub split: bool,
}

/// What to do with a section's paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphToggle {
    /// Section index.
    pub section: usize,
    /// `document-id#N`.
    pub reference: String,
    /// Include (true) or leave out (false).
    pub included: bool,
}

/// Everything the user can ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// A menu or keyboard action.
    Ui(UiCommand),
    /// Open this brief file (after the unsaved-changes prompt, if needed).
    OpenPath(PathBuf),
    /// Save the brief to this file.
    SaveTo(PathBuf),
    /// Export the PDF to this file.
    ExportTo(PathBuf),
    /// Stop the running export.
    CancelExport,
    /// Count what is missing and ask before machine-translating it.
    TranslateMissing,
    /// Machine-translate what is missing (of one section, or the whole brief).
    StartTranslation(Option<usize>),
    /// Stop the running machine translation after its current batch.
    CancelTranslation,
    /// Open the settings dialog.
    OpenSettings,
    /// Save the user's settings.
    SaveSettings(crate::settings::TranslationSettings),
    /// Open an exported PDF in the desktop's viewer.
    OpenPdf(PathBuf),
    /// Pick or unpick a meeting for the brief.
    PickEvent {
        /// Event id.
        id: String,
        /// Picked.
        picked: bool,
    },
    /// Pick or unpick a topic for the brief.
    PickTopic {
        /// Topic id.
        id: String,
        /// Picked.
        picked: bool,
    },
    /// Add a section at the end and select it.
    AddSection(Box<Section>),
    /// Choose the PDF file of the annex section at this index (a path dialog).
    ChooseAnnexFile(usize),
    /// Delete a section.
    DeleteSection(usize),
    /// Move a section from one place to another (indexes before the move).
    MoveSection {
        /// Where it is.
        from: usize,
        /// Where it goes.
        to: usize,
    },
    /// Select a section for editing.
    SelectSection(usize),
    /// Change a section's layout.
    SetLayout {
        /// Section index.
        section: usize,
        /// New layout.
        layout: Layout,
    },
    /// Include or leave out one paragraph of a section.
    SetParagraph(ParagraphToggle),
    /// Save the analyst's translation of a row (`None`: back to the original translation).
    EditTranslation {
        /// Which row.
        key: EditKey,
        /// The new translation.
        text: Option<String>,
    },
    /// Correct the meetings (in the corpus folder's `events.toml`, saved with the brief).
    EditEvents(Box<EventEdit>),
    /// Merge, split or pair anew rows of an original and its human translation (an
    /// alignment fix, saved beside the translation memory with the brief).
    ChangeRows(Box<RowsChange>),
    /// Open the dialog that splits a row or pairs the sentences of rows anew.
    PairRows(Box<PairRequest>),
    /// Restore the brief from the recovery file.
    Recover,
    /// Throw the recovery file away.
    DiscardRecovery,
}
