//! Period labels (`2023`, `2023-H1`, `2023-Q3`, `2023-05`, `2023-05-01`) and the days they cover.

use chrono::{Datelike, NaiveDate};

/// A parsed period: the first and last day it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// The accepted forms, for error messages.
pub const PERIOD_FORMS: &str = "YYYY, YYYY-H1, YYYY-H2, YYYY-Q1…YYYY-Q4, YYYY-MM or YYYY-MM-DD";

impl Period {
    /// Parses a period label; `None` for anything else (including the empty "unknown" period).
    pub fn parse(label: &str) -> Option<Self> {
        let (year, rest) = match label.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (label, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = year.parse().ok()?;
        let months = |first: u32, last: u32| {
            let start = NaiveDate::from_ymd_opt(y, first, 1)?;
            Some(Self {
                start,
                end: last_day(y, last)?,
            })
        };
        match rest {
            None => months(1, 12),
            Some("H1") => months(1, 6),
            Some("H2") => months(7, 12),
            Some(q) if q.len() == 2 && q.starts_with('Q') => {
                let n: u32 = q[1..].parse().ok().filter(|n| (1..=4).contains(n))?;
                months(3 * n - 2, 3 * n)
            }
            Some(r) if r.len() == 2 => {
                let m: u32 = r.parse().ok()?;
                months(m, m)
            }
            Some(r) if r.len() == 5 => {
                let day = NaiveDate::parse_from_str(label, "%Y-%m-%d").ok()?;
                Some(Self {
                    start: day,
                    end: day,
                })
            }
            _ => None,
        }
    }
}

/// Orders period labels the way cumulative figures are reported: by the day they end,
/// the shorter period first on a tie (一季度, 上半年, 前三季度, 全年). Unparseable labels last.
pub fn sort_labels(labels: &mut [String]) {
    labels.sort_by_key(|l| {
        let p = Period::parse(l);
        (
            p.is_none(),
            p.map(|p| (p.end, std::cmp::Reverse(p.start))),
            l.clone(),
        )
    });
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    next.pred_opt().filter(|d| d.year() == year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_every_form() {
        let p = |s| Period::parse(s).map(|p| (p.start, p.end));
        assert_eq!(p("2023"), Some((d("2023-01-01"), d("2023-12-31"))));
        assert_eq!(p("2023-H1"), Some((d("2023-01-01"), d("2023-06-30"))));
        assert_eq!(p("2023-H2"), Some((d("2023-07-01"), d("2023-12-31"))));
        assert_eq!(p("2023-Q1"), Some((d("2023-01-01"), d("2023-03-31"))));
        assert_eq!(p("2023-Q4"), Some((d("2023-10-01"), d("2023-12-31"))));
        assert_eq!(p("2024-02"), Some((d("2024-02-01"), d("2024-02-29"))));
        assert_eq!(p("2023-02-01"), Some((d("2023-02-01"), d("2023-02-01"))));
    }

    #[test]
    fn sorts_like_cumulative_reports() {
        let mut labels: Vec<String> = ["2023", "2023-H2", "2023-Q1", "", "2022", "2023-H1"]
            .map(String::from)
            .to_vec();
        sort_labels(&mut labels);
        assert_eq!(
            labels,
            ["2022", "2023-Q1", "2023-H1", "2023-H2", "2023", ""]
        );
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "23",
            "2023-Q5",
            "2023-Q0",
            "2023-13",
            "2023-H3",
            "2023-02-30",
            "20x3",
            "2023-",
            "2023-1",
            "abcd-Q1",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }
}
