//! PNG output: plotters draws the shapes into an RGB buffer, the text is
//! rasterised on top, `png` encodes it in memory.

use std::cell::RefCell;

use plotters::prelude::*;

use crate::error::ChartError;
use crate::font::CjkFont;
use crate::prepare::Prepared;
use crate::raster;
use crate::text::{render_err, Engine};

pub(crate) fn render(
    prep: &Prepared,
    font: &CjkFont,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ChartError> {
    let mut rgb = vec![0u8; width as usize * height as usize * 3];
    let texts = {
        let backend = BitMapBackend::with_buffer(&mut rgb, (width, height));
        let root = backend.into_drawing_area();
        let engine = Engine::Raster {
            font,
            ops: RefCell::new(Vec::new()),
        };
        let (_, engine) = crate::draw::draw(&root, prep, engine, width, height)?;
        root.present().map_err(render_err)?;
        match engine {
            Engine::Raster { ops, .. } => ops.into_inner(),
            Engine::Svg => Vec::new(),
        }
    };
    for op in &texts {
        raster::paint(&mut rgb, (width, height), font, op);
    }
    encode(&rgb, width, height)
}

fn encode(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let enc_err = |e: png::EncodingError| ChartError::Encode(e.to_string());
    // Flat-colour charts compress well; a quarter-megapixel slide ends up
    // around 50–100 KB.
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(enc_err)?;
    writer.write_image_data(rgb).map_err(enc_err)?;
    writer.finish().map_err(enc_err)?;
    Ok(out)
}
