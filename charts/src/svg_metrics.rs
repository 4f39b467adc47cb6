//! Text widths for laying out SVG, from a table instead of a font file.
//!
//! In SVG the viewer draws the text with whatever CJK font it has, so no
//! single font's metrics are "right". A table of typical widths keeps SVG
//! output independent of what is installed on the server (it renders on a
//! machine with no fonts at all) and identical everywhere. CJK glyphs are
//! full-width in every CJK font, so only Latin text and digits are estimates,
//! and those are taken on the wide side so labels never collide.

/// What the SVG says as `font-family`; the first installed one wins in the
/// viewer. Unquoted multi-word names are valid CSS and avoid quote escaping.
pub(crate) const SVG_FAMILY: &str =
    "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, Noto Sans SC, sans-serif";

/// Width of `text` in em.
pub(crate) fn width_em(text: &str, bold: bool) -> f64 {
    let w: f64 = text.chars().map(advance).sum();
    if bold {
        w * 1.04
    } else {
        w
    }
}

fn advance(c: char) -> f64 {
    match c {
        ' ' => 0.25,
        '!' | '\'' | ',' | '.' | ':' | ';' | '|' | 'i' | 'j' | 'l' | '`' => 0.27,
        '(' | ')' | '[' | ']' | '{' | '}' | 'f' | 't' | 'r' | 'I' => 0.34,
        '0'..='9' => 0.56,
        '%' | '&' | '@' | 'm' | 'w' | 'M' | 'W' => 0.84,
        'a'..='z' => 0.54,
        'A'..='Z' => 0.65,
        c if c.is_ascii() => 0.53,
        '\u{2E80}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF01}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFF}' => 1.0,
        '\u{FF61}'..='\u{FFDF}' => 0.5,
        _ => 0.6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_full_width() {
        assert_eq!(width_em("四平（", false), 3.0);
        assert!((width_em("5.3%", false) - (0.56 * 2.0 + 0.27 + 0.84)).abs() < 1e-9);
    }
}
