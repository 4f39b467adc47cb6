//! Text measuring and drawing shared by every part of the chart.
//!
//! All text is anchored at its top edge (left, centre or right end): SVG's
//! top anchoring is a fixed baseline offset, which the PNG rasteriser copies,
//! so both formats put text at the same place.

#[cfg(feature = "png")]
use std::cell::RefCell;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform};

use crate::error::ChartError;
#[cfg(feature = "png")]
use crate::font::CjkFont;
#[cfg(feature = "png")]
use crate::raster::{self, TextOp};
use crate::svg_metrics::{self, SVG_FAMILY};

/// Where the baseline sits below the top anchor, in em. Matches the `dy`
/// plotters gives top-anchored SVG text, so PNG and SVG agree.
#[cfg(feature = "png")]
pub const BASELINE_FROM_TOP: f64 = 0.76;
/// Distance from the top anchor to the visual middle of a CJK/digit line,
/// in em.
pub const MID_FROM_TOP: f64 = 0.36;
/// plotters writes `font-size = size / 1.24` into SVG.
const PLOTTERS_SVG_SIZE: f64 = 1.24;

pub fn render_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Render(e.to_string())
}

/// How text is measured and drawn for one output format.
pub enum Engine<'a> {
    /// SVG `<text>` elements via plotters; widths from a table.
    Svg,
    /// Glyphs rasterised from the CJK font after the shapes are drawn.
    #[cfg(feature = "png")]
    Raster {
        font: &'a CjkFont,
        ops: RefCell<Vec<TextOp>>,
    },
    /// Keeps the lifetime in use when the PNG engine is compiled out; never constructed.
    #[cfg(not(feature = "png"))]
    #[allow(dead_code)]
    Never(std::convert::Infallible, std::marker::PhantomData<&'a ()>),
}

pub struct Typo<'r, 'e, DB: DrawingBackend> {
    pub root: &'r DrawingArea<DB, Shift>,
    pub engine: Engine<'e>,
}

/// How a piece of text is set: size in pixels per em, colour, weight.
#[derive(Clone, Copy)]
pub struct Look {
    pub em: f64,
    pub color: RGBColor,
    pub bold: bool,
}

impl Look {
    pub fn new(em: f64, color: RGBColor) -> Self {
        Self {
            em,
            color,
            bold: false,
        }
    }
    pub fn bold(self) -> Self {
        Self { bold: true, ..self }
    }
}

impl<DB: DrawingBackend> Typo<'_, '_, DB> {
    /// Advance width of `text` in pixels.
    pub fn width(&self, text: &str, look: Look) -> Result<f64, ChartError> {
        Ok(match &self.engine {
            Engine::Svg => svg_metrics::width_em(text, look.bold) * look.em,
            #[cfg(feature = "png")]
            Engine::Raster { font, .. } => raster::width(font, text, look),
            #[cfg(not(feature = "png"))]
            Engine::Never(never, _) => match *never {},
        })
    }

    fn put(
        &self,
        text: &str,
        look: Look,
        x: f64,
        y: f64,
        h: HPos,
        vertical: bool,
    ) -> Result<(), ChartError> {
        if text.is_empty() {
            return Ok(());
        }
        match &self.engine {
            Engine::Svg => {
                let weight = if look.bold {
                    FontStyle::Bold
                } else {
                    FontStyle::Normal
                };
                let font = FontDesc::new(
                    FontFamily::Name(SVG_FAMILY),
                    look.em * PLOTTERS_SVG_SIZE,
                    weight,
                );
                let font = if vertical {
                    font.transform(FontTransform::Rotate270)
                } else {
                    font
                };
                let style = TextStyle {
                    font,
                    color: look.color.to_backend_color(),
                    pos: Pos::new(h, VPos::Top),
                };
                self.root
                    .draw_text(text, &style, (x.round() as i32, y.round() as i32))
                    .map_err(render_err)
            }
            #[cfg(not(feature = "png"))]
            Engine::Never(never, _) => match *never {},
            #[cfg(feature = "png")]
            Engine::Raster { ops, .. } => {
                ops.borrow_mut().push(TextOp {
                    text: text.to_string(),
                    look,
                    x,
                    y,
                    h,
                    vertical,
                });
                Ok(())
            }
        }
    }

    /// Draws `text` with its top edge at `y`; `h` says whether `x` is its
    /// left end, centre or right end.
    pub fn draw(&self, text: &str, look: Look, x: f64, y: f64, h: HPos) -> Result<(), ChartError> {
        self.put(text, look, x, y, h, false)
    }

    /// Draws `text` reading bottom to top, its line centred on `cx`. With
    /// `HPos::Left` it starts at `y` and goes up; with `HPos::Right` it ends
    /// at `y` and hangs down.
    pub fn draw_vertical(
        &self,
        text: &str,
        look: Look,
        cx: f64,
        y: f64,
        h: HPos,
    ) -> Result<(), ChartError> {
        self.put(text, look, cx - MID_FROM_TOP * look.em, y, h, true)
    }

    /// `text` cut with an ellipsis so it fits in `max_w` pixels.
    pub fn fit(&self, text: &str, look: Look, max_w: f64) -> Result<String, ChartError> {
        if self.width(text, look)? <= max_w {
            return Ok(text.to_string());
        }
        let chars: Vec<char> = text.chars().collect();
        let mut n = chars.len();
        while n > 0 {
            n -= 1;
            let candidate: String = chars[..n].iter().chain(['…'].iter()).collect();
            if self.width(&candidate, look)? <= max_w {
                return Ok(candidate);
            }
        }
        Ok(String::new())
    }

    /// Breaks `text` into at most `max_lines` lines of `max_w` pixels,
    /// preferring to break after a separator (；, ;, ，, space), and ends the
    /// last line with an ellipsis if text remains.
    pub fn wrap(
        &self,
        text: &str,
        look: Look,
        max_w: f64,
        max_lines: usize,
    ) -> Result<Vec<String>, ChartError> {
        let mut lines = Vec::new();
        let mut rest: Vec<char> = text.chars().collect();
        while !rest.is_empty() && lines.len() < max_lines {
            let whole: String = rest.iter().collect();
            if self.width(&whole, look)? <= max_w {
                lines.push(whole);
                rest.clear();
                break;
            }
            if lines.len() + 1 == max_lines {
                lines.push(self.fit(&whole, look, max_w)?);
                rest.clear();
                break;
            }
            // Longest prefix that fits (binary search: widths grow with length).
            let (mut lo, mut hi) = (1usize, rest.len());
            while lo < hi {
                let mid = (lo + hi).div_ceil(2);
                let s: String = rest[..mid].iter().collect();
                if self.width(&s, look)? <= max_w {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            let mut cut = lo;
            if let Some(sep) = rest[..lo]
                .iter()
                .rposition(|c| matches!(c, '；' | ';' | '，' | ',' | ' ' | '、'))
            {
                if sep + 1 >= lo / 2 {
                    cut = sep + 1;
                }
            }
            lines.push(
                rest[..cut]
                    .iter()
                    .collect::<String>()
                    .trim_end()
                    .to_string(),
            );
            rest.drain(..cut);
            while rest.first() == Some(&' ') {
                rest.remove(0);
            }
        }
        Ok(lines)
    }
}
