//! Facts as CSV for spreadsheets, fast enough for exports of any size.
//!
//! Decoding each row into owned Rust values through sqlx costs microseconds per row
//! (about 90k rows/s measured), and formatting the CSV inside SQLite is slower still.
//! So this one read path talks to SQLite directly (rusqlite on the same bundled library),
//! on a blocking thread, reading each cell as a borrowed slice and writing it straight into
//! the CSV buffer; full chunks go to the caller through a small bounded channel, so memory
//! stays flat whatever the table size and a slow reader slows the query instead of
//! piling up rows.
//!
//! Cells follow RFC 4180: quoted only when they hold a quote, comma or line break, inner
//! quotes doubled. Text that starts like a spreadsheet formula is prefixed with `'` so it
//! shows as text; numbers are written bare and stay numbers.

use std::{borrow::Cow, path::PathBuf};

use futures_core::Stream;
use rusqlite::types::ValueRef;

use crate::{
    facts::{FactFilter, SqlValue},
    model::FactRow,
    Db, StoreError,
};

/// Excel needs the byte-order mark to open UTF-8 CSV with Chinese text intact.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// First characters that make a spreadsheet evaluate a cell.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Bytes gathered before a chunk is handed over.
const CHUNK_BYTES: usize = 64 * 1024;
/// Chunks in flight between the query thread and the reader.
const CHANNEL_CHUNKS: usize = 4;

/// A text cell that could run as a formula gets a leading `'`.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

impl Db {
    /// The facts the filter matches as CSV (BOM and header first), in chunks of about 64 KB.
    pub fn facts_csv(
        &self,
        filter: FactFilter,
    ) -> impl Stream<Item = Result<Vec<u8>, StoreError>> + Send + 'static {
        let path = self.path().to_owned();
        let (tx, mut rx) = tokio::sync::mpsc::channel(CHANNEL_CHUNKS);
        tokio::task::spawn_blocking(move || {
            if let Err(e) = write_csv(&path, &filter, &tx) {
                // The receiver may be gone (client left): then nobody needs the error.
                let _ = tx.blocking_send(Err(e));
            }
        });
        async_stream::stream! {
            while let Some(chunk) = rx.recv().await {
                yield chunk;
            }
        }
    }
}

type Sender = tokio::sync::mpsc::Sender<Result<Vec<u8>, StoreError>>;

/// Marks a reader that went away, so the query stops quietly.
struct Closed;

/// Fact columns read per row; article and city names come from maps loaded first, which
/// spares SQLite two index lookups per row.
const FACT_COLUMNS: &str =
    "SELECT f.scope, f.period, f.metric, f.value, f.unit, f.bound, f.label, f.quote, \
     f.id, f.article_id, f.city, f.span_start, f.span_end, f.rule, f.confidence FROM facts f";

fn write_csv(path: &PathBuf, filter: &FactFilter, tx: &Sender) -> Result<(), StoreError> {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(crate::db::BUSY_TIMEOUT)?;
    // One read transaction: the maps and the rows come from the same snapshot.
    conn.execute_batch("BEGIN")?;
    // Article ids are dense row ids: a vector indexed by id is the cheapest lookup.
    let mut articles: Vec<Option<(String, String)>> = Vec::new();
    for row in conn
        .prepare("SELECT id, file_name, ifnull(published, '') FROM articles")?
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?))))?
    {
        let (id, names) = row?;
        let id = usize::try_from(id).unwrap_or(0);
        if articles.len() <= id {
            articles.resize(id + 1, None);
        }
        articles[id] = Some(names);
    }
    // A handful of cities: a linear scan beats hashing.
    let cities: Vec<(String, String)> = conn
        .prepare("SELECT key, name_zh FROM cities")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;

    let (sql, args) = filter.select_sql_from(FACT_COLUMNS);
    let mut stmt = conn.prepare(&sql)?;
    let params = rusqlite::params_from_iter(args.iter().map(|a| match a {
        SqlValue::Text(s) => rusqlite::types::Value::Text(s.clone()),
        SqlValue::Int(i) => rusqlite::types::Value::Integer(*i),
    }));
    let mut rows = stmt.query(params)?;

    let mut out = Vec::with_capacity(CHUNK_BYTES + 8 * 1024);
    out.extend_from_slice(BOM);
    out.extend_from_slice(header().as_bytes());
    while let Some(row) = rows.next()? {
        let text = |i: usize| -> Result<&str, rusqlite::Error> {
            Ok(match row.get_ref(i)? {
                ValueRef::Text(t) => std::str::from_utf8(t).unwrap_or(""),
                _ => "",
            })
        };
        let article_id: i64 = row.get(9)?;
        let (file_name, published) = usize::try_from(article_id)
            .ok()
            .and_then(|id| articles.get(id)?.as_ref())
            .map(|(f, p)| (f.as_str(), p.as_str()))
            .unwrap_or(("", ""));
        let city_key = text(10)?;
        let city = cities
            .iter()
            .find(|(k, _)| k == city_key)
            .map(|(_, n)| n.as_str())
            .unwrap_or("");
        // Column order of FactRow::COLUMNS.
        push_text(&mut out, file_name);
        push_text(&mut out, city);
        for i in 0..3 {
            push_text(&mut out, text(i)?); // scope, period, metric
        }
        push_number(&mut out, row.get_ref(3)?); // value
        for i in 4..8 {
            push_text(&mut out, text(i)?); // unit, bound, label, quote
        }
        push_number(&mut out, row.get_ref(8)?); // id
        push_number(&mut out, row.get_ref(9)?); // article_id
        push_text(&mut out, city_key);
        push_number(&mut out, row.get_ref(11)?); // span_start
        push_number(&mut out, row.get_ref(12)?); // span_end
        push_text(&mut out, text(13)?); // rule
        push_number(&mut out, row.get_ref(14)?); // confidence
        push_text(&mut out, published);
        // push_* end every cell with a comma: the last one becomes the line break.
        if let Some(last) = out.last_mut() {
            *last = b'\n';
        }
        if out.len() >= CHUNK_BYTES && send(&mut out, tx).is_err() {
            return Ok(());
        }
    }
    let _ = send(&mut out, tx);
    Ok(())
}

/// The header line, names in [`FactRow::COLUMNS`] order.
fn header() -> String {
    let mut line = FactRow::COLUMNS.join(",");
    line.push('\n');
    line
}

/// One text cell and its comma, quoted only when RFC 4180 needs it (a quote, comma or line
/// break inside), and neutralised when it starts like a formula.
fn push_text(out: &mut Vec<u8>, cell: &str) {
    let bytes = cell.as_bytes();
    // Every formula start is ASCII, so the first byte decides.
    let formula = bytes
        .first()
        .is_some_and(|b| matches!(b, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    if bytes
        .iter()
        .any(|b| matches!(b, b'"' | b',' | b'\n' | b'\r'))
    {
        out.push(b'"');
        if formula {
            out.push(b'\'');
        }
        for &b in bytes {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        if formula {
            out.push(b'\'');
        }
        out.extend_from_slice(bytes);
    }
    out.push(b',');
}

/// One number cell and its comma, written bare (`5.3`, `127`, `0.95`).
fn push_number(out: &mut Vec<u8>, value: ValueRef<'_>) {
    use std::io::Write as _;
    let _ = match value {
        ValueRef::Integer(n) => write!(out, "{n}"),
        ValueRef::Real(x) => write!(out, "{x}"),
        _ => Ok(()),
    };
    out.push(b',');
}

fn send(out: &mut Vec<u8>, tx: &Sender) -> Result<(), Closed> {
    let full = std::mem::replace(out, Vec::with_capacity(CHUNK_BYTES + 8 * 1024));
    tx.blocking_send(Ok(full)).map_err(|_| Closed)
}
