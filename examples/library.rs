//! briefbook as a library: a brief and its corpus held in memory, made into a PDF without
//! touching the disk (nor the user's cache, which only a corpus on disk uses) until the
//! bytes are written where the caller says.
//!
//! ```sh
//! cargo run --example library -- /tmp/library.pdf
//! cargo run --no-default-features --example library -- /tmp/library.pdf   # the core alone
//! ```

use std::path::Path;

use briefbook::MemoryFiles;

const BRIEF: &str = r#"
format = 1

[brief]
title = "Western Balkans foreign ministers"
date = 2026-03-02
classification = "Unclassified"
language = "en"
corpus = "sources"

[[section]]
title = "Summary"
kind = "note"
text = "Ministers met in Tirana to review **regional cooperation**."

[[section]]
title = "The press"
kind = "documents"
documents = ["tirana-ministers"]
"#;

const ARTICLE: &str = r#"+++
id = "tirana-ministers"
title = "Ministrat e Jashtëm të rajonit u mblodhën në Tiranë"
language = "sq"
publisher = "Example Agency"
published = 2026-03-01
+++

Ministrat e Jashtëm të Ballkanit Perëndimor u mblodhën të shtunën në Tiranë.

Ata diskutuan bashkëpunimin rajonal dhe procesin e zgjerimit të BE-së.
"#;

const TRANSLATION: &str = r#"+++
id = "tirana-ministers.en"
translation_of = "tirana-ministers"
title = "The region's foreign ministers met in Tirana"
language = "en"
+++

The foreign ministers of the Western Balkans met in Tirana on Saturday.

They discussed regional cooperation and the EU enlargement process.
"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "library.pdf".into());
    let mut files = MemoryFiles::new();
    files
        .insert("brief.toml", BRIEF)
        .insert("sources/tirana-ministers.md", ARTICLE)
        .insert("sources/tirana-ministers.en.md", TRANSLATION);
    let mut problems = Vec::new();
    let bytes = briefbook::build_pdf(&files, Path::new("brief.toml"), &mut problems)?;
    for p in &problems {
        eprintln!("{p}");
    }
    std::fs::write(&out, &bytes)?;
    println!("wrote {out} ({} bytes, {} warnings)", bytes.len(), problems.len());
    Ok(())
}
