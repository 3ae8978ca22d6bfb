//! Plain-text tables for the command line: columns padded to their widest cell, the last
//! column left ragged so long titles do not push everything to the right.

use std::io::{self, Write};

/// Writes `header` and `rows` as an aligned table to `out`.
pub(super) fn write_table<const N: usize>(
    out: &mut impl Write,
    header: [&str; N],
    rows: &[[String; N]],
) -> io::Result<()> {
    let mut widths = [0usize; N];
    for (i, h) in header.iter().enumerate() {
        widths[i] = h.chars().count();
    }
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let header = header.map(String::from);
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == N {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', widths[i] - cell.chars().count() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_all_but_the_last_column() {
        let mut out = Vec::new();
        let rows = [["ë-1".to_string(), "sq".into(), "Titulli".into()], ["b".into(), "en".into(), "T".into()]];
        write_table(&mut out, ["ID", "LANG", "TITLE"], &rows).expect("write");
        assert_eq!(String::from_utf8(out).expect("utf8"), "ID   LANG  TITLE\në-1  sq    Titulli\nb    en    T\n");
    }
}
