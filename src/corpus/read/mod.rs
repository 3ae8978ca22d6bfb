//! Reading documents: the files of a corpus (disk or memory), their encodings, and the
//! formats briefbook reads (Markdown with front matter, plain text as pasted, HTML, DOCX).

pub mod docx;
pub mod encoding;
pub(crate) mod files;
pub mod frontmatter;
pub mod html;
pub mod plain;
