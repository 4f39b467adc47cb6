//! Facts as CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Chinese), RFC 4180
//! quoting, and text cells that cannot be executed as formulas.

use std::borrow::Cow;

use store::model::FactRow;

/// Excel needs the byte-order mark to open UTF-8 CSV with Chinese text intact.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A text cell starting like a formula is prefixed with `'`, which spreadsheets show as text.
/// Numbers are written by [`record`] without this, so `-3.2` stays a number.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The cells of one fact, in [`FactRow::COLUMNS`] order.
pub fn record(row: &FactRow) -> [Cow<'_, str>; 18] {
    let text = |s: &str| neutralise(s).into_owned();
    let opt = |s: &Option<String>| {
        s.as_deref()
            .map(neutralise)
            .unwrap_or_default()
            .into_owned()
    };
    [
        text(&row.article),
        opt(&row.city),
        opt(&row.scope),
        text(&row.period),
        text(&row.metric),
        row.value.to_string(),
        text(&row.unit),
        text(&row.bound),
        text(&row.label),
        text(&row.quote),
        row.id.to_string(),
        row.article_id.to_string(),
        opt(&row.city_key),
        row.span_start.to_string(),
        row.span_end.to_string(),
        text(&row.rule),
        row.confidence.to_string(),
        row.published.clone().unwrap_or_default(),
    ]
    .map(Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for payload in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(neutralise(payload).starts_with('\''), "{payload:?}");
        }
        assert_eq!(neutralise("四平"), "四平");
        let row = FactRow {
            article: "=HYPERLINK(\"x\")".into(),
            city: Some("四平".into()),
            scope: None,
            period: "2023-H1".into(),
            metric: "gdp_growth_pct".into(),
            value: -3.2,
            unit: "%".into(),
            bound: String::new(),
            label: "GDP增长".into(),
            quote: "增长-3.2%".into(),
            id: 1,
            article_id: 2,
            city_key: Some("siping".into()),
            span_start: 3,
            span_end: 9,
            rule: "r".into(),
            confidence: 0.9,
            published: Some("2023-08-04".into()),
        };
        let cells = record(&row);
        assert_eq!(cells[0], "'=HYPERLINK(\"x\")");
        assert_eq!(cells[5], "-3.2");
        assert_eq!(cells.len(), FactRow::COLUMNS.len());
    }
}
