//! Reading documents: the files of a corpus (disk or memory), their encodings, and the
//! formats briefbook reads (Markdown with front matter, plain text as pasted, HTML, DOCX).

pub(crate) mod docx;
pub(crate) mod encoding;
pub(crate) mod files;
pub(crate) mod frontmatter;
pub(crate) mod html;
pub(crate) mod plain;
