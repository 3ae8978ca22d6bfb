//! How long the built-in lexicon takes to build (gazetteer with the generated places,
//! vocabulary, topics: parse and compile every matcher), as a cold corpus open pays it once
//! per process, and how long a corpus with its own `gazetteer.toml` takes on top (clone and
//! recompile).
//!
//! ```sh
//! cargo run --release --example lexicon_speed
//! ```

use std::path::Path;
use std::time::Instant;

use briefbook::{Lexicon, MemoryFiles};

fn main() {
    let start = Instant::now();
    let lexicon = Lexicon::builtin();
    let built = start.elapsed();
    println!(
        "Lexicon::builtin(): {:.1} ms ({} places, {} organisations)",
        built.as_secs_f64() * 1e3,
        lexicon.places.len(),
        lexicon.organisations.len()
    );

    let mut files = MemoryFiles::new();
    files
        .insert("/corpus/gazetteer.toml", "[[place]]\nname = \"Elbasan\"\ncountry = \"AL\"\nforms = [\"Elbasanit\"]\n");
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        let (extended, _) = Lexicon::load(&files, Path::new("/corpus"));
        best = best.min(start.elapsed().as_secs_f64());
        assert!(!extended.places.is_empty());
    }
    println!("Lexicon::load() with a user gazetteer.toml: {:.1} ms (best of 5)", best * 1e3);
}
