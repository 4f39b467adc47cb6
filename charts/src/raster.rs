//! Text in PNG output, drawn with ab_glyph straight into the RGB buffer
//! after plotters has drawn the shapes (text always sits on top).

use ab_glyph::{point, Font, FontArc, PxScale, ScaleFont};
use plotters::style::text_anchor::HPos;
use plotters::style::RGBColor;

use crate::font::CjkFont;
use crate::text::{Look, BASELINE_FROM_TOP};

/// A piece of text to draw once the shapes are done.
pub(crate) struct TextOp {
    pub text: String,
    pub look: Look,
    pub x: f64,
    pub y: f64,
    pub h: HPos,
    /// Reads bottom to top (rotated 90° counter-clockwise).
    pub vertical: bool,
}

/// ab_glyph scales by ascent − descent; charts think in em.
fn scale(font: &FontArc, em: f64) -> PxScale {
    let upem = font.units_per_em().unwrap_or(1000.0);
    PxScale::from((em * f64::from(font.height_unscaled() / upem)) as f32)
}

/// Advance width of `text` in pixels, kerning included.
pub(crate) fn width(font: &CjkFont, text: &str, look: Look) -> f64 {
    let face = font.face(look.bold);
    let scaled = face.as_scaled(scale(face, look.em));
    let mut w = 0.0f32;
    let mut prev = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            w += scaled.kern(p, id);
        }
        w += scaled.h_advance(id);
        prev = Some(id);
    }
    f64::from(w)
}

/// Paints one text op into an RGB buffer of `size`.
pub(crate) fn paint(rgb: &mut [u8], size: (u32, u32), font: &CjkFont, op: &TextOp) {
    let face = font.face(op.look.bold);
    let px = scale(face, op.look.em);
    let scaled = face.as_scaled(px);
    let w = width(font, &op.text, op.look);
    let start = match op.h {
        HPos::Left => 0.0,
        HPos::Center => -w / 2.0,
        HPos::Right => -w,
    };
    let baseline = (BASELINE_FROM_TOP * op.look.em) as f32;
    let RGBColor(r, g, b) = op.look.color;
    let (iw, ih) = (size.0 as i64, size.1 as i64);

    let mut caret = start as f32;
    let mut prev = None;
    for c in op.text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            caret += scaled.kern(p, id);
        }
        prev = Some(id);
        // Laid out along the text's own axis with y down, then placed.
        let glyph = id.with_scale_and_position(px, point(caret, baseline));
        caret += scaled.h_advance(id);
        let Some(outline) = face.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        outline.draw(|gx, gy, coverage| {
            let lx = f64::from(bounds.min.x) + f64::from(gx);
            let ly = f64::from(bounds.min.y) + f64::from(gy);
            let (sx, sy) = if op.vertical {
                (op.x + ly, op.y - lx - 1.0)
            } else {
                (op.x + lx, op.y + ly)
            };
            let (sx, sy) = (sx.round() as i64, sy.round() as i64);
            if sx < 0 || sy < 0 || sx >= iw || sy >= ih {
                return;
            }
            let i = ((sy * iw + sx) * 3) as usize;
            let a = coverage.clamp(0.0, 1.0);
            for (k, v) in [r, g, b].into_iter().enumerate() {
                let dst = f32::from(rgb[i + k]);
                rgb[i + k] = (dst + (f32::from(v) - dst) * a).round() as u8;
            }
        });
    }
}
