//! Colours and type sizes. Sizes are given for the reference 1200×675 slide
//! and scaled with the image so a 1920×1080 export keeps its proportions.

use plotters::style::RGBColor;

/// Okabe–Ito: distinguishable under the common colour-vision deficiencies and
/// in greyscale print. Yellow is left out (invisible on white). Indexed by
/// series order, so a city keeps its colour as long as callers keep their
/// city order stable.
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0x33, 0x33, 0x33), // near black
];

/// Colour of the `index`-th series.
pub fn series_color(index: usize) -> RGBColor {
    PALETTE[index % PALETTE.len()]
}

pub const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
pub const TEXT: RGBColor = RGBColor(0x1F, 0x23, 0x28);
pub const MUTED: RGBColor = RGBColor(0x57, 0x60, 0x6A);
pub const GRID: RGBColor = RGBColor(0xE6, 0xE8, 0xEB);
pub const AXIS: RGBColor = RGBColor(0x8C, 0x95, 0x9F);

/// Mixes `c` towards white; `t` = 0 keeps the colour, 1 gives white.
pub fn tint(c: RGBColor, t: f64) -> RGBColor {
    let mix = |v: u8| (f64::from(v) + (255.0 - f64::from(v)) * t).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// Pixel sizes (em) and spacing for one image size.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub factor: f64,
}

impl Scale {
    pub fn for_size(width: u32, height: u32) -> Self {
        let factor = (f64::from(width) / 1200.0).min(f64::from(height) / 675.0);
        Self { factor }
    }

    /// A length in pixels at this scale, never below `min` so small images
    /// stay legible (they get crowded instead, and labels thin out).
    fn px(&self, base: f64, min: f64) -> f64 {
        (base * self.factor).max(min).round()
    }

    pub fn title(&self) -> f64 {
        self.px(26.0, 15.0)
    }
    pub fn body(&self) -> f64 {
        self.px(16.0, 13.0)
    }
    pub fn axis(&self) -> f64 {
        self.px(15.0, 12.0)
    }
    pub fn value(&self) -> f64 {
        self.px(14.0, 12.0)
    }
    pub fn small(&self) -> f64 {
        self.px(13.0, 11.0)
    }
    pub fn margin(&self) -> f64 {
        self.px(32.0, 8.0)
    }
    pub fn gap(&self) -> f64 {
        self.px(12.0, 4.0)
    }
    pub fn line_width(&self) -> u32 {
        self.px(3.0, 1.0) as u32
    }
    pub fn marker(&self) -> f64 {
        self.px(5.5, 3.0)
    }
}
