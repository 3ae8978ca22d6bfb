//! `briefbook events merge|set|split|add|remove`: the analyst's changes to meetings,
//! written into the corpus folder's `events.toml` by the same code the app uses
//! ([`crate::corpus::find::event_edit`]), keeping the file's comments and layout.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::corpus::find::corrections::{Clear, MentionRef};
use crate::corpus::find::event_edit::{self, EventEdit, EventFields};
use crate::model::{EventKind, PartialDate};
use clap::{Args, Subcommand};

/// A change of the meetings.
#[derive(Debug, Subcommand)]
pub(super) enum EventsCommand {
    /// Fold meetings into one: the first (or --into) keeps its id, the others become its aliases.
    Merge {
        /// The meetings (ids or aliases), two or more.
        #[arg(required = true, num_args = 1..)]
        ids: Vec<String>,
        /// The meeting that stays [default: the first].
        #[arg(long, value_name = "ID")]
        into: Option<String>,
        #[command(flatten)]
        at: Folder,
    },
    /// Correct fields of a meeting: name, kind, organisation, place, venue, dates ...
    Set {
        /// The meeting (id or alias).
        id: String,
        #[command(flatten)]
        fields: FieldArgs,
        #[command(flatten)]
        at: Folder,
    },
    /// Move a mention off its meeting, onto another (--onto) or onto a new one.
    Split {
        /// The mention as `events --mentions` prints it: document#paragraph:offset (e.g. article-3#2:15).
        mention: MentionRef,
        /// The meeting it goes to [default: a new meeting].
        #[arg(long, value_name = "ID")]
        onto: Option<String>,
        #[command(flatten)]
        at: Folder,
    },
    /// Add a meeting the documents do not make clear (--kind is needed).
    Add {
        /// Its id [default: made of organisation, first day, kind and place].
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        #[command(flatten)]
        fields: FieldArgs,
        #[command(flatten)]
        at: Folder,
    },
    /// Remove a false meeting (kept in events.toml as `remove = true`, so it does not come back).
    Remove {
        /// The meeting (id or alias).
        id: String,
        #[command(flatten)]
        at: Folder,
    },
}

/// The corpus folder whose events.toml is edited.
#[derive(Debug, Args)]
pub(super) struct Folder {
    /// The corpus folder.
    #[arg(long, value_name = "DIR", default_value = "briefs/sources")]
    corpus: PathBuf,
}

/// Fields of a meeting.
#[derive(Debug, Args)]
pub(super) struct FieldArgs {
    /// Readable name.
    #[arg(long)]
    name: Option<String>,
    /// summit, ministerial, council, conference, visit or meeting.
    #[arg(long)]
    kind: Option<EventKind>,
    /// Organisation (NATO, EU, OSCE ...).
    #[arg(long, value_name = "ORG")]
    organisation: Option<String>,
    /// Place (Brussels, The Hague ...).
    #[arg(long)]
    place: Option<String>,
    /// Building or site inside the place.
    #[arg(long)]
    venue: Option<String>,
    /// First day, month or year: 2026-06-03, 2026-06, 2026, --06-03.
    #[arg(long, value_name = "DATE")]
    start: Option<PartialDate>,
    /// Last day, month or year.
    #[arg(long, value_name = "DATE")]
    end: Option<PartialDate>,
    /// People taking part, separated by commas.
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    participants: Option<Vec<String>>,
    /// Topic ids, separated by commas.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    topics: Option<Vec<String>>,
    /// Fields to empty, separated by commas: organisation, place, venue, dates, participants, topics.
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    clear: Vec<Clear>,
}

impl FieldArgs {
    fn fields(self) -> EventFields {
        let list = |v: Option<Vec<String>>| {
            v.map(|v| v.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
        };
        EventFields {
            name: self.name,
            kind: self.kind,
            organisation: self.organisation,
            place: self.place,
            venue: self.venue,
            start: self.start,
            end: self.end,
            participants: list(self.participants),
            topics: list(self.topics),
            clear: self.clear,
        }
    }
}

/// Runs one change: reads the corpus and its events.toml, edits the file, writes it
/// atomically and prints the meeting as it is now.
pub(super) fn run(command: EventsCommand) -> anyhow::Result<ExitCode> {
    let (edit, folder, verb) = match command {
        EventsCommand::Merge { ids, into, at } => {
            let into = into.unwrap_or_else(|| ids[0].clone());
            (EventEdit::Merge { into, others: ids }, at, "merged into")
        }
        EventsCommand::Set { id, fields, at } => (EventEdit::Set { id, fields: fields.fields() }, at, "corrected"),
        EventsCommand::Split { mention, onto, at } => (EventEdit::Split { mention, onto }, at, "the mention is now on"),
        EventsCommand::Add { id, fields, at } => (EventEdit::Add { id, fields: fields.fields() }, at, "added"),
        EventsCommand::Remove { id, at } => (EventEdit::Remove { id }, at, "removed"),
    };
    let opened = super::corpus::open(&folder.corpus, false)?;
    let mut corpus = opened.corpus;
    let path = corpus.corrections_path();
    let text = event_edit::read(&path).map_err(anyhow::Error::msg)?;
    let (new, id) = edit.apply_to(&text, &path, &corpus.events, &corpus.found_events)?;
    event_edit::write(&path, &new).map_err(anyhow::Error::msg)?;
    corpus.set_corrections(Some(&new));
    let failed = super::corpus::report(&corpus);
    match corpus.events.iter().find(|e| e.answers_to(&id)) {
        Some(e) => {
            let when = super::corpus::dates(e);
            let place = e.place.as_deref().unwrap_or("-");
            println!("{verb} {}: {} ({}, {when}, {place})", e.id, e.name, e.kind.as_str());
        }
        None => println!("{verb} {id}"),
    }
    eprintln!("wrote {}", path.display());
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
