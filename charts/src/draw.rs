//! Lays the chart out top to bottom (title, unit + legend, plot, footer) on
//! any plotters backend, so SVG and PNG are the same picture.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::error::ChartError;
use crate::frame;
use crate::plot::{self, Hotspot, Region};
use crate::prepare::Prepared;
use crate::style::{self, Scale};
use crate::text::{render_err, Engine, Typo};

pub(crate) fn draw<'e, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    prep: &Prepared,
    engine: Engine<'e>,
    width: u32,
    height: u32,
) -> Result<(Vec<Hotspot>, Engine<'e>), ChartError> {
    root.fill(&style::BACKGROUND).map_err(render_err)?;
    let sc = Scale::for_size(width, height);
    let (w, h) = (f64::from(width), f64::from(height));
    let t = Typo { root, engine };

    let y = frame::title(&t, prep, sc, w)?;
    let y = frame::header(&t, prep, sc, w, y)?;
    let footer = frame::layout_footer(&t, prep, sc, w)?;
    let footer_top = h - frame::footer_bottom_margin(sc) - footer.height;
    frame::footer(&t, prep, &footer, sc, w, h)?;

    let m = sc.margin();
    let region = Region {
        left: m,
        top: y + sc.gap(),
        right: w - m,
        bottom: footer_top - sc.gap(),
    };
    let hotspots = plot::plot(&t, prep, sc, region)?;
    Ok((hotspots, t.engine))
}
