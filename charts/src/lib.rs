//! Chart rendering for the dashboard and the `/charts/*.svg|png` endpoints:
//! chart-ready series in, SVG text or PNG bytes out. No database, no HTTP.
//!
//! Every chart stands on its own when pasted into a slide: title, unit
//! caption, legend by series (city), value labels, periods on the x axis,
//! the sources and the generation date at the bottom. Targets (plans, goals)
//! are drawn hatched and outlined and their labels say "目标", so they are
//! never mistaken for achieved values.
//!
//! ```no_run
//! use charts::*;
//! let spec = ChartSpec {
//!     title: "地区生产总值增长".into(),
//!     unit: "同比增长（%）".into(),
//!     kind: ChartKind::Bar,
//!     width: 1200,
//!     height: 675,
//!     periods: vec!["2023-H1".into()],
//!     series: vec![Series {
//!         name: "四平".into(),
//!         points: vec![Point::new("2023-H1", 5.3, "5.3%")],
//!     }],
//!     source_line: "来源：四平日报 2023-08-04".into(),
//!     generated_line: "生成于 2026-11-23".into(),
//!     lang: Lang::Zh,
//! };
//! let svg: String = render_svg(&spec)?;
//! let png: Vec<u8> = render_png(&spec, &CjkFont::locate()?)?;
//! # Ok::<(), ChartError>(())
//! ```
//!
//! SVG text is left to the viewer's fonts (a CJK-capable `font-family`
//! list), so [`render_svg`] needs no font file. PNG rasterises the text and
//! needs a CJK font: [`CjkFont::locate`] finds Noto Sans CJK at run time.

mod draw;
mod error;
#[cfg(feature = "png")]
mod font;
mod frame;
mod plot;
#[cfg(feature = "png")]
mod png;
mod prepare;
#[cfg(feature = "png")]
mod raster;
mod style;
mod svg;
mod svg_metrics;
mod text;

pub use error::ChartError;
#[cfg(feature = "png")]
pub use font::{CjkFont, FONT_ENV};
pub use style::PALETTE;
pub use svg::escape as escape_xml;

/// Smallest accepted width or height, in pixels.
pub const MIN_SIZE: u32 = 200;
/// Largest accepted width or height, in pixels (bounds memory: 4000×4000 RGB
/// is 48 MB).
pub const MAX_SIZE: u32 = 4000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChartKind {
    /// Grouped bars: one group per period, one bar per series.
    #[default]
    Bar,
    /// One line per series; only neighbouring periods are joined.
    Line,
}

/// Language of the few words the renderer writes itself ("暂无数据",
/// "目标"); everything else comes translated in the spec.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// One value of one series.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Point {
    /// x category; should be one of [`ChartSpec::periods`] (others are
    /// appended to the axis in order of appearance).
    pub period: String,
    /// Must be finite.
    pub value: f64,
    /// Text drawn at the bar or point, e.g. "5.3%", "≥258", "目标 6%". Empty:
    /// the value itself. A target's label gets "目标"/"Target" prefixed
    /// unless it already says so.
    pub label: String,
    /// Shown on hover and focus (SVG): value, unit, period, bound, quote.
    /// May contain line breaks.
    pub tooltip: String,
    /// Where clicking the point leads (SVG), normally the article with the
    /// quote highlighted. Only `http(s)://`, `/…`, `?…` and `#…` are kept.
    pub href: Option<String>,
    /// A plan or goal rather than an achieved figure.
    pub is_target: bool,
}

impl Point {
    /// An achieved value with a label and nothing else.
    pub fn new(period: impl Into<String>, value: f64, label: impl Into<String>) -> Self {
        Self {
            period: period.into(),
            value,
            label: label.into(),
            ..Self::default()
        }
    }
}

/// One legend entry (a city). Colours follow series order, see [`PALETTE`];
/// at most one point per period is drawn (the first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<Point>,
}

/// Everything one chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    pub title: String,
    /// Caption above the y axis, e.g. "同比增长（%）" or "亿元".
    pub unit: String,
    pub kind: ChartKind,
    /// Pixels, [`MIN_SIZE`]..=[`MAX_SIZE`]. Type scales with the size
    /// (reference: 1200×675).
    pub width: u32,
    pub height: u32,
    /// x axis categories, in order.
    pub periods: Vec<String>,
    pub series: Vec<Series>,
    /// e.g. "来源：四平日报 2023-08-04；营口日报 2023-04-03"; wrapped to two
    /// lines at most.
    pub source_line: String,
    /// e.g. "生成于 2026-11-23".
    pub generated_line: String,
    pub lang: Lang,
}

impl Default for ChartSpec {
    fn default() -> Self {
        Self {
            title: String::new(),
            unit: String::new(),
            kind: ChartKind::Bar,
            width: 1200,
            height: 675,
            periods: Vec::new(),
            series: Vec::new(),
            source_line: String::new(),
            generated_line: String::new(),
            lang: Lang::Zh,
        }
    }
}

fn check_size(spec: &ChartSpec) -> Result<(), ChartError> {
    let ok = |v: u32| (MIN_SIZE..=MAX_SIZE).contains(&v);
    if ok(spec.width) && ok(spec.height) {
        Ok(())
    } else {
        Err(ChartError::InvalidSize {
            width: spec.width,
            height: spec.height,
            min: MIN_SIZE,
            max: MAX_SIZE,
        })
    }
}

/// Renders the chart as a standalone SVG document.
///
/// The root `<svg>` carries `aria-label`, `<title>` and `<desc>`; each point
/// gets a transparent hotspot (`class="pt"`, `data-series`, `data-period`,
/// `data-value`, `aria-label` and `<title>` = tooltip) wrapped in `<a href>`
/// when it has a link, else focusable with `tabindex="0"`. All data text is
/// XML-escaped. Works without any font installed.
pub fn render_svg(spec: &ChartSpec) -> Result<String, ChartError> {
    check_size(spec)?;
    let prep = prepare::prepare(spec)?;
    svg::render(&prep, spec.width, spec.height)
}

#[cfg(feature = "png")]
/// Renders the chart as PNG bytes of exactly `width`×`height` pixels (RGB).
pub fn render_png(spec: &ChartSpec, font: &CjkFont) -> Result<Vec<u8>, ChartError> {
    check_size(spec)?;
    let prep = prepare::prepare(spec)?;
    png::render(&prep, font, spec.width, spec.height)
}
