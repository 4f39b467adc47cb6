//! Period labels (`2023`, `2023-H1`, `2023-Q3`, `2023-05`, `2023-05-01`) and the days they cover.

use std::fmt;

/// A calendar day. Periods only need to compare and print days; a date library would add
/// its parser and calendar tables to the browser bundle for that.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// `None` unless the day exists in the Gregorian calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD` exactly (two-digit month and day).
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            b[r.clone()]
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| s[r].parse::<u32>().ok())?
        };
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Self::new(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A parsed period: the first and last day it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub start: Day,
    pub end: Day,
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
            Some(Self {
                start: Day::new(y, first, 1)?,
                end: Day::new(y, last, days_in_month(y, last))?,
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
                let day = Day::parse(label)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
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
        assert_eq!(d("2000-02-29").to_string(), "2000-02-29");
        assert_eq!(Day::parse("1900-02-29"), None);
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
            "2023-02-29",
            "2023-1-01",
            "2023-01-1x",
            "20x3",
            "2023-",
            "2023-1",
            "abcd-Q1",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }
}
