//! CSV downloads of facts and series: streamed row by row, named after what they contain.

use axum::{
    body::{Body, Bytes},
    extract::{RawQuery, State},
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
};
use futures_util::StreamExt;
use store::csv_export::{neutralise, BOM};

use super::{
    error::ApiResult,
    load_series,
    params::{self, FilterParams},
    ApiState,
};

/// Series rows are gathered into chunks of about this size.
const CHUNK_BYTES: usize = 64 * 1024;

#[utoipa::path(get, path = "/api/v1/facts.csv", tag = "facts", params(FilterParams),
    responses((status = 200, description = "All matching facts as CSV (UTF-8 with BOM; limit/offset apply only when given)", content_type = "text/csv"),
              (status = 400, body = super::error::ErrorBody)))]
pub async fn facts_csv(
    State(state): State<ApiState>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let params: FilterParams = params::parse(query.as_deref())?;
    let mut filter = params.to_filter(&state.cities, true)?;
    if params.limit.is_none() {
        filter.limit = None;
    }
    let name = file_name("facts", &state, &filter.cities, &filter.metrics, &params);
    let body = state.db.facts_csv(filter).map(|chunk| {
        chunk.map(Bytes::from).map_err(|e| {
            // Headers are gone already: end the body with an error so the client sees a
            // broken download rather than a silently truncated file.
            tracing::error!("facts.csv stream failed: {e}");
            std::io::Error::other(e.to_string())
        })
    });
    Ok(csv_response(&name, Body::from_stream(body)))
}

const SERIES_COLUMNS: [&str; 15] = [
    "city",
    "city_key",
    "period",
    "metric",
    "counted",
    "value",
    "unit",
    "bound",
    "label",
    "scope",
    "quote",
    "article",
    "published",
    "fact_id",
    "fact_ids",
];

#[utoipa::path(get, path = "/api/v1/series.csv", tag = "facts", params(FilterParams),
    responses((status = 200, description = "The series as CSV (UTF-8 with BOM)", content_type = "text/csv"),
              (status = 400, body = super::error::ErrorBody)))]
pub async fn series_csv(
    State(state): State<ApiState>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let params: FilterParams = params::parse(query.as_deref())?;
    let series = load_series(&state, &params).await?;
    let filter = params.to_filter(&state.cities, false)?;
    let name = file_name("series", &state, &filter.cities, &filter.metrics, &params);
    let mut out = CsvChunks::new(&SERIES_COLUMNS);
    let mut body = Vec::new();
    for p in &series.points {
        let ids = p
            .fact_ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(" ");
        let cells = [
            neutralise(&p.city).into_owned(),
            p.city_key.clone(),
            neutralise(&p.period).into_owned(),
            series.metric.clone(),
            p.counted
                .as_deref()
                .map(neutralise)
                .unwrap_or_default()
                .into_owned(),
            p.value.to_string(),
            series.unit.clone(),
            p.bound.clone(),
            neutralise(&p.label).into_owned(),
            p.scope
                .as_deref()
                .map(neutralise)
                .unwrap_or_default()
                .into_owned(),
            neutralise(&p.quote).into_owned(),
            neutralise(&p.article).into_owned(),
            p.published.clone().unwrap_or_default(),
            p.fact_id.to_string(),
            ids,
        ];
        if let Some(chunk) = out.push(cells.iter().map(String::as_str)) {
            body.extend_from_slice(&chunk);
        }
    }
    body.extend_from_slice(&out.finish());
    Ok(csv_response(&name, Body::from(body)))
}

/// A CSV writer that hands out its output in chunks, starting with the BOM and header.
struct CsvChunks {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvChunks {
    fn new(header: &[&str]) -> Self {
        let mut buf = Vec::with_capacity(CHUNK_BYTES + 4096);
        buf.extend_from_slice(BOM);
        let mut writer = csv::WriterBuilder::new().from_writer(buf);
        // Writing into a Vec cannot fail.
        let _ = writer.write_record(header);
        Self { writer }
    }

    /// Adds a record; returns a chunk when enough bytes have gathered.
    fn push<'a>(&mut self, record: impl IntoIterator<Item = &'a str>) -> Option<Bytes> {
        let _ = self.writer.write_record(record);
        if self.writer.get_ref().len() < CHUNK_BYTES {
            return None;
        }
        Some(self.take())
    }

    fn take(&mut self) -> Bytes {
        let full = std::mem::replace(
            &mut self.writer,
            csv::Writer::from_writer(Vec::with_capacity(CHUNK_BYTES + 4096)),
        );
        // into_inner only fails when flushing fails, which a Vec never does.
        Bytes::from(full.into_inner().unwrap_or_default())
    }

    fn finish(mut self) -> Bytes {
        self.take()
    }
}

fn csv_response(name: &FileName, body: Body) -> Response {
    let disposition = format!(
        "attachment; filename=\"{}\"; filename*=UTF-8''{}",
        name.ascii,
        percent_encode(&name.unicode)
    );
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .unwrap_or(HeaderValue::from_static("attachment")),
            ),
        ],
        body,
    )
        .into_response()
}

/// A download name in Chinese (for browsers, RFC 5987) and in ASCII (for the rest).
struct FileName {
    unicode: String,
    ascii: String,
}

/// e.g. `facts_四平-营口_gdp_growth_pct_2023-2023-H1.csv`: what, which cities, which metrics, which periods.
fn file_name(
    what: &str,
    state: &ApiState,
    cities: &[String],
    metrics: &[String],
    params: &FilterParams,
) -> FileName {
    let names: Vec<&str> = cities
        .iter()
        .filter_map(|k| {
            state
                .cities
                .iter()
                .find(|c| &c.key == k)
                .map(|c| c.name_zh.as_str())
        })
        .collect();
    let mut unicode = vec![what.to_owned()];
    let mut ascii = vec![what.to_owned()];
    if !cities.is_empty() {
        unicode.push(names.join("-"));
        ascii.push(cities.join("-"));
    }
    if !metrics.is_empty() {
        unicode.push(metrics.join("-"));
        ascii.push(metrics.join("-"));
    }
    let from = params.from.as_deref().unwrap_or("");
    let to = params.to.as_deref().unwrap_or("");
    if !from.is_empty() || !to.is_empty() {
        let range = format!("{from}--{to}");
        unicode.push(range.clone());
        ascii.push(range);
    }
    let clean = |s: String| {
        s.chars()
            .filter(|c| c.is_alphanumeric() || "-_.".contains(*c))
            .collect::<String>()
    };
    FileName {
        unicode: format!("{}.csv", clean(unicode.join("_"))),
        ascii: format!("{}.csv", clean(ascii.join("_"))),
    }
}

/// RFC 5987 `attr-char` is ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else is %-encoded UTF-8.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc5987_encoding() {
        assert_eq!(
            percent_encode("facts_四平.csv"),
            "facts_%E5%9B%9B%E5%B9%B3.csv"
        );
        assert_eq!(percent_encode("a b\"c"), "a%20b%22c");
    }

    #[test]
    fn chunks_start_with_bom_and_header() {
        let mut w = CsvChunks::new(&["a", "b"]);
        assert!(w.push(["1", "x,y"]).is_none());
        let bytes = w.finish();
        assert_eq!(&bytes[..], "\u{feff}a,b\n1,\"x,y\"\n".as_bytes());
    }
}
