//! An sRGB ICC profile (version 2.1, display class), written by briefbook itself for the
//! PDF's output intent. The colourants are the sRGB primaries adapted to D50 (IEC
//! 61966-2-1, Bradford), the tone curve the sRGB transfer function sampled at 1024 points.
//! Being generated here, it carries the project's own licence and may be redistributed
//! with every PDF.

/// The profile's description, also used as the output intent's condition.
pub(crate) const DESCRIPTION: &str = "sRGB IEC61966-2.1 (briefbook)";

fn s15(v: f64) -> [u8; 4] {
    ((v * 65536.0).round() as i32).to_be_bytes()
}

fn xyz(x: f64, y: f64, z: f64) -> Vec<u8> {
    let mut out = b"XYZ \0\0\0\0".to_vec();
    for v in [x, y, z] {
        out.extend_from_slice(&s15(v));
    }
    out
}

fn text_description(text: &str) -> Vec<u8> {
    let mut out = b"desc\0\0\0\0".to_vec();
    out.extend_from_slice(&(text.len() as u32 + 1).to_be_bytes());
    out.extend_from_slice(text.as_bytes());
    out.push(0);
    // No Unicode or ScriptCode description.
    out.extend_from_slice(&[0; 4 + 4 + 2 + 1 + 67]);
    out
}

fn text(text: &str) -> Vec<u8> {
    let mut out = b"text\0\0\0\0".to_vec();
    out.extend_from_slice(text.as_bytes());
    out.push(0);
    out
}

fn curve() -> Vec<u8> {
    const N: usize = 1024;
    let mut out = b"curv\0\0\0\0".to_vec();
    out.extend_from_slice(&(N as u32).to_be_bytes());
    for i in 0..N {
        let v = i as f64 / (N - 1) as f64;
        let linear = if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) };
        out.extend_from_slice(&((linear * 65535.0).round() as u16).to_be_bytes());
    }
    out
}

/// The profile's bytes.
pub(crate) fn srgb_profile() -> Vec<u8> {
    let curve = curve();
    // (signature, data); equal data is stored once (the three tone curves).
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", text_description(DESCRIPTION)),
        (b"cprt", text("No copyright, use freely")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve.clone()),
        (b"gTRC", curve.clone()),
        (b"bTRC", curve),
    ];
    let table_len = 4 + 12 * tags.len();
    let mut data: Vec<u8> = Vec::new();
    let mut entries: Vec<(&[u8; 4], u32, u32)> = Vec::new();
    let mut stored: Vec<(Vec<u8>, u32)> = Vec::new();
    for (sig, bytes) in &tags {
        let offset = match stored.iter().find(|(b, _)| b == bytes) {
            Some((_, o)) => *o,
            None => {
                while !data.len().is_multiple_of(4) {
                    data.push(0);
                }
                let o = (128 + table_len + data.len()) as u32;
                data.extend_from_slice(bytes);
                stored.push((bytes.clone(), o));
                o
            }
        };
        entries.push((sig, offset, bytes.len() as u32));
    }
    while !data.len().is_multiple_of(4) {
        data.push(0);
    }
    let size = (128 + table_len + data.len()) as u32;
    let mut out = Vec::with_capacity(size as usize);
    out.extend_from_slice(&size.to_be_bytes());
    out.extend_from_slice(&[0; 4]); // preferred CMM
    out.extend_from_slice(&[0x02, 0x10, 0, 0]); // version 2.1
    out.extend_from_slice(b"mntrRGB XYZ ");
    for v in [2026u16, 1, 1, 0, 0, 0] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out.extend_from_slice(b"acsp");
    out.extend_from_slice(&[0; 4]); // platform
    out.extend_from_slice(&[0; 4]); // flags
    out.extend_from_slice(&[0; 8]); // manufacturer, model
    out.extend_from_slice(&[0; 8]); // attributes
    out.extend_from_slice(&[0; 4]); // rendering intent: perceptual
    for v in [0.9642, 1.0, 0.8249] {
        out.extend_from_slice(&s15(v));
    }
    out.extend_from_slice(&[0; 4]); // creator
    out.resize(128, 0);
    out.extend_from_slice(&(entries.len() as u32).to_be_bytes());
    for (sig, offset, len) in entries {
        out.extend_from_slice(sig);
        out.extend_from_slice(&offset.to_be_bytes());
        out.extend_from_slice(&len.to_be_bytes());
    }
    out.extend_from_slice(&data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u32_at(b: &[u8], i: usize) -> u32 {
        u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
    }

    #[test]
    fn header_and_tags_are_well_formed() {
        let p = srgb_profile();
        assert_eq!(u32_at(&p, 0) as usize, p.len());
        assert_eq!(&p[12..24], b"mntrRGB XYZ ");
        assert_eq!(&p[36..40], b"acsp");
        let count = u32_at(&p, 128) as usize;
        let mut sigs = Vec::new();
        for i in 0..count {
            let at = 132 + 12 * i;
            let (offset, len) = (u32_at(&p, at + 4) as usize, u32_at(&p, at + 8) as usize);
            assert!(offset.is_multiple_of(4) && offset + len <= p.len());
            sigs.push(String::from_utf8_lossy(&p[at..at + 4]).into_owned());
            // Each tag's data starts with its type signature.
            assert!([b"desc", b"text", b"XYZ ", b"curv"].iter().any(|t| &p[offset..offset + 4] == *t));
        }
        for required in ["desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"] {
            assert!(sigs.iter().any(|s| s == required), "{required}");
        }
    }
}
