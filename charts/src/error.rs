use std::path::PathBuf;

/// Everything that can go wrong while turning a [`crate::ChartSpec`] into an image.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// No usable CJK font: PNG output would show boxes instead of Chinese.
    #[error(
        "no CJK font found for PNG charts (tried: {}); install one with `apt-get install fonts-noto-cjk` \
         or point DASHBOARD_CJK_FONT at a .ttc/.otf/.ttf file that covers Chinese{}",
        .tried.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
        .detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default()
    )]
    FontMissing {
        tried: Vec<PathBuf>,
        /// Why the last candidate was rejected, when it existed but was unusable.
        detail: Option<String>,
    },

    /// Requested image size outside [`crate::MIN_SIZE`]..=[`crate::MAX_SIZE`].
    #[error(
        "chart size {width}×{height} is out of range: width and height must each be between {min} and {max} pixels"
    )]
    InvalidSize {
        width: u32,
        height: u32,
        min: u32,
        max: u32,
    },

    /// A point whose value cannot be placed on an axis (NaN or infinite).
    #[error(
        "value of series {series:?} at period {period:?} is not a finite number; drop the point or fix the data"
    )]
    InvalidValue { series: String, period: String },

    /// plotters refused to draw (should not happen for valid sizes; report it).
    #[error("chart drawing failed: {0}")]
    Render(String),

    /// The PNG encoder failed (out of memory or an internal encoder error).
    #[error("PNG encoding failed: {0}")]
    Encode(String),
}
