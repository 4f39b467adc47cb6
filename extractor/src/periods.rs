//! Time expressions ("2023年一季度", "上半年", "1-5月", "截至11月底", "去年") and
//! their resolution to the period syntax of metrics.md.
//!
//! Expressions are parsed where the scanner found 年/月/季度, then resolved in
//! document order: an explicit year sets the "narrative year" that later bare
//! expressions (全年, 上半年, 一季度) inherit, because a speech reviewing 2021
//! means 2021 by 全年 even when it is read in 2022.

use chrono::Datelike;

use crate::document::DocInfo;
use crate::metrics::floor_boundary;
use crate::places::TimeTrig;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearRef {
    Explicit(i32),
    /// Relative to the article's reference year (今年 = 0, 去年 = -1).
    Rel(i32),
    /// Whatever year the passage is talking about.
    Narrative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TKind {
    Year,
    Half(u8),
    /// Quarter; `true` when cumulative from January (前三季度).
    Quarter(u8, bool),
    /// Month; `true` when cumulative from January (1-5月, 截至5月).
    Month(u8, bool),
    Day(u8, u8),
    /// "过去五年", "十四五" style spans: no single period, and they stop carry-over.
    Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeExpr {
    pub start: usize,
    pub end: usize,
    pub kind: TKind,
    pub year: YearRef,
    /// "到2025年": a deadline of a plan, not the year the passage reports on.
    pub deadline: bool,
    /// Opens its clause ("2022年,全市…", "截至2021年11月,…"): only such
    /// expressions set the year later bare expressions (全年, 上半年) refer to;
    /// "在2022年度全省考核中" does not.
    pub leading: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub start: usize,
    pub end: usize,
    pub period: String,
    /// Label prefix for cumulative periods ("1-5月累计").
    pub cumulative: Option<String>,
    /// True when the year came from the article date or the narrative.
    pub year_guessed: bool,
    /// Opens its clause and sets the year of what follows ("2020年,…", "上半年,").
    pub leading: bool,
    /// A multi-year span ("过去五年"): figures under it have no single period.
    pub span: bool,
    /// A plan's deadline ("到2025年").
    pub deadline: bool,
}

fn prev_char(s: &str, at: usize) -> Option<(usize, char)> {
    s[..at].char_indices().next_back()
}

fn cn_small(c: char) -> Option<u8> {
    Some(match c {
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// Reads a small number (1..=31) written in Arabic or Chinese digits that ends at
/// byte `at`. Returns (value, start byte).
fn small_number_before(s: &str, at: usize) -> Option<(u8, usize)> {
    let head = &s[..at];
    let digits: usize = head
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits > 0 {
        if digits > 2 {
            return None;
        }
        let v: u8 = head[at - digits..].parse().ok()?;
        return Some((v, at - digits));
    }
    // Chinese: 一 … 十二, 二十一 …
    let mut start = at;
    let mut chars = Vec::new();
    for (i, c) in head.char_indices().rev() {
        if cn_small(c).is_some() && chars.len() < 3 {
            chars.push(c);
            start = i;
        } else {
            break;
        }
    }
    chars.reverse();
    let v = cn_small_number(&chars)?;
    Some((v, start))
}

/// 一 … 九十九 written with at most one 十.
fn cn_small_number(chars: &[char]) -> Option<u8> {
    Some(match chars {
        [a] => cn_small(*a)?,
        ['十', b] => 10 + cn_small(*b)?,
        [a, '十'] => cn_small(*a)? * 10,
        [a, '十', b] => cn_small(*a)? * 10 + cn_small(*b)?,
        _ => return None,
    })
}

/// Reads a small number starting at byte `at`. Returns (value, end byte).
fn small_number_after(s: &str, at: usize) -> Option<(u8, usize)> {
    let tail = &s[at..];
    let digits = tail.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits > 0 {
        if digits > 2 {
            return None;
        }
        let v: u8 = tail[..digits].parse().ok()?;
        return Some((v, at + digits));
    }
    let mut chars = Vec::new();
    let mut end = at;
    for (i, c) in tail.char_indices() {
        if cn_small(c).is_some() && chars.len() < 3 {
            chars.push(c);
            end = at + i + c.len_utf8();
        } else {
            break;
        }
    }
    let v = cn_small_number(&chars)?;
    Some((v, end))
}

fn ends_with_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.ends_with(w))
}

/// Parses the time expression around a trigger at byte `at` (the 年/月/季度).
pub(crate) fn parse_at(s: &str, at: usize, trig: TimeTrig) -> Option<TimeExpr> {
    let mut e = match trig {
        TimeTrig::Nian => parse_nian(s, at),
        TimeTrig::Yue => parse_month(s, at, None),
        TimeTrig::Jidu => parse_quarter(s, at, None),
    }?;
    let before = &s[..e.start];
    // "山西省2024年前三季度,…": a place may open the clause before the year.
    let place_opened = {
        let tail = crate::bounds::last_chars(before, 6);
        let word = match tail
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, ',' | ';' | ':' | '。' | '!' | '?' | '\n'))
        {
            Some((i, c)) => &tail[i + c.len_utf8()..],
            None if tail.len() == before.len() => tail,
            None => "",
        };
        (2..=5).contains(&word.chars().count()) && word.ends_with(['省', '市', '县', '区'])
    };
    e.leading = place_opened
        || before.is_empty()
        || before.ends_with([
            ',', ';', ':', '。', '!', '?', '\n', '、', '(', ')', '”', '“',
        ])
        || ends_with_any(
            before,
            &[
                "截至",
                "截止",
                "截止到",
                "进入",
                "本报讯",
                "根据",
                "据",
                "讯",
                "从",
            ],
        ) && !e.deadline;
    Some(e)
}

fn parse_nian(s: &str, at: usize) -> Option<TimeExpr> {
    let after = at + '年'.len_utf8();
    let head = &s[..at];
    let tail = &s[after..];
    // Explicit four-digit year.
    let digits = head
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 4 {
        let ystart = at - 4;
        let y: i32 = head[ystart..].parse().ok()?;
        if !(1949..=2100).contains(&y) {
            return None;
        }
        let before = &s[..ystart];
        // "比2010年增长58%", "较2022年": the base of a comparison, not a period.
        if ends_with_any(before, &["比", "较", "比上"]) && !tail.starts_with("以来") {
            return None;
        }
        let deadline = ends_with_any(before, &["到", "至", "力争到", "预计到"])
            || tail.starts_with("远景")
            // "2025年前完成" is a deadline; "2024年前三季度", "前5个月" are periods.
            || tail.starts_with('前')
                && !tail['前'.len_utf8()..].starts_with(|c: char| {
                    c.is_ascii_digit() || "一二三四五六七八九十两".contains(c)
                });
        let mut e = follow_year(s, ystart, after, YearRef::Explicit(y), deadline);
        if let TKind::Month(m, false) = e.kind {
            if ends_with_any(before, &["截至", "截止", "截止到"]) {
                e.kind = month_kind(m, true);
            }
        }
        return Some(e);
    }
    if digits > 0 {
        // "23年", "10年" (durations) are not years we can trust.
        return None;
    }
    let (start, year, kind) = if head.ends_with("上半") {
        (at - 6, YearRef::Narrative, TKind::Half(1))
    } else if head.ends_with("下半") {
        (at - 6, YearRef::Narrative, TKind::Half(2))
    } else if head.ends_with("过去的一") || head.ends_with("过去一") || head.ends_with("上一")
    {
        let n = if head.ends_with("过去的一") {
            12
        } else if head.ends_with("过去一") {
            9
        } else {
            6
        };
        (at - n, YearRef::Rel(-1), TKind::Year)
    } else if head.ends_with('今') || head.ends_with("本") {
        (at - 3, YearRef::Rel(0), TKind::Year)
    } else if head.ends_with('去') || head.ends_with('上') {
        // "比上年", "去年同期": the comparison base, not the reported period.
        let base = &s[..at - 3];
        if ends_with_any(base, &["比", "较", "同", "与", "于", "超"]) || tail.starts_with("同期")
        {
            return None;
        }
        (at - 3, YearRef::Rel(-1), TKind::Year)
    } else if head.ends_with('明') {
        (at - 3, YearRef::Rel(1), TKind::Year)
    } else if head.ends_with("前") && !head.ends_with("年前") {
        (at - 3, YearRef::Rel(-2), TKind::Year)
    } else if head.ends_with('全') || head.ends_with('当') || head.ends_with('同') {
        (at - 3, YearRef::Narrative, TKind::Year)
    } else if tail.starts_with('底') || tail.starts_with('末') || tail.starts_with('初') {
        (at, YearRef::Narrative, TKind::Year)
    } else if let Some((_, st)) = small_number_before(s, at) {
        // "过去五年", "近三年", "五年来": spans of years.
        let b = &s[..st];
        if tail.starts_with('来') && &s[st..at] == "一" && !ends_with_any(b, &["过去", "近", "这"])
        {
            // "一年来": the year under review.
            return Some(TimeExpr {
                start: st,
                end: after + '来'.len_utf8(),
                kind: TKind::Year,
                year: YearRef::Narrative,
                deadline: false,
                leading: false,
            });
        }
        if ends_with_any(b, &["过去", "近", "这", "前"]) || tail.starts_with('来') {
            return Some(TimeExpr {
                start: st,
                end: after,
                kind: TKind::Span,
                year: YearRef::Narrative,
                deadline: false,
                leading: false,
            });
        }
        return None;
    } else {
        return None;
    };
    if kind == TKind::Year {
        let (y, k) = (year, kind);
        if matches!(y, YearRef::Rel(_)) {
            return Some(follow_year(s, start, after, y, false));
        }
        return Some(TimeExpr {
            start,
            end: after,
            kind: k,
            year: y,
            deadline: false,
            leading: false,
        });
    }
    Some(TimeExpr {
        start,
        end: after,
        kind,
        year,
        deadline: false,
        leading: false,
    })
}

/// After "2023年"/"今年": a half, quarter, month range or day may follow.
fn follow_year(s: &str, start: usize, after: usize, year: YearRef, deadline: bool) -> TimeExpr {
    // Only the next few characters can continue the expression ("年一季度",
    // "年1-5月"); looking further would rescan the rest of the text per year.
    let tail = &s[after..floor_boundary(s, after + 15)];
    let mk = |end, kind| TimeExpr {
        start,
        end,
        kind,
        year,
        deadline,
        leading: false,
    };
    if tail.starts_with("上半年") {
        return mk(after + 9, TKind::Half(1));
    }
    if tail.starts_with("下半年") {
        return mk(after + 9, TKind::Half(2));
    }
    if let Some(q) = tail.find("季度") {
        if q <= 9 {
            if let Some(mut e) = parse_quarter(s, after + q, Some(year)) {
                if e.start >= after {
                    e.start = start;
                    e.deadline = deadline;
                    return e;
                }
            }
        }
    }
    if let Some(m) = tail.find('月') {
        if m <= 9 {
            if let Some(mut e) = parse_month(s, after + m, Some(year)) {
                if e.start >= after {
                    e.start = start;
                    e.deadline = deadline;
                    return e;
                }
            }
        }
    }
    let end = if tail.starts_with('度') {
        after + 3
    } else {
        after
    };
    mk(end, TKind::Year)
}

fn parse_quarter(s: &str, at: usize, year: Option<YearRef>) -> Option<TimeExpr> {
    let head = &s[..at];
    let end = at + "季度".len();
    let (q, cum, mut start) = if head.ends_with("前三") {
        (3, true, at - 6)
    } else if head.ends_with("前两") || head.ends_with("前二") {
        (2, true, at - 6)
    } else if let Some((c_at, c)) = prev_char(s, at) {
        let q = match c {
            '一' | '1' => 1,
            '二' | '2' => 2,
            '三' | '3' => 3,
            '四' | '4' => 4,
            _ => return None,
        };
        (q, false, c_at)
    } else {
        return None;
    };
    if s[..start].ends_with('第') {
        start -= 3;
    }
    Some(TimeExpr {
        start,
        end,
        kind: TKind::Quarter(q, cum),
        year: year.unwrap_or(YearRef::Narrative),
        deadline: false,
        leading: false,
    })
}

fn parse_month(s: &str, at: usize, year: Option<YearRef>) -> Option<TimeExpr> {
    let head = &s[..at];
    let mut end = at + '月'.len_utf8();
    // "前5个月"
    if head.ends_with('个') {
        let (m, st) = small_number_before(s, at - 3)?;
        if !s[..st].ends_with('前') || !(1..=12).contains(&m) {
            return None;
        }
        return Some(TimeExpr {
            start: st - 3,
            end,
            kind: month_kind(m, true),
            year: year.unwrap_or(YearRef::Narrative),
            deadline: false,
            leading: false,
        });
    }
    let (m, mut start) = small_number_before(s, at)?;
    if !(1..=12).contains(&m) {
        return None;
    }
    let mut cum = false;
    // "1-5月", "1至5月"
    if let Some((sep_at, sep)) = prev_char(s, start) {
        if matches!(sep, '-' | '—' | '~' | '至' | '到' | '–') {
            if let Some((first, st)) = small_number_before(s, sep_at) {
                if first == 1 {
                    cum = true;
                    start = st;
                } else {
                    return None;
                }
            }
        }
    }
    let before = &s[..start];
    if before.ends_with("截至") || before.ends_with("截止") || before.ends_with("截止到") {
        cum = true;
        start -= 6;
    }
    if before.bytes().last().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    let tail = &s[end..];
    if tail.starts_with('份') || tail.starts_with('底') || tail.starts_with('末') {
        end += 3;
    } else if !cum {
        if let Some((d, dend)) = small_number_after(s, end) {
            if s[dend..].starts_with('日') && (1..=31).contains(&d) {
                return Some(TimeExpr {
                    start,
                    end: dend + 3,
                    kind: TKind::Day(m, d),
                    year: year.unwrap_or(YearRef::Narrative),
                    deadline: false,
                    leading: false,
                });
            }
        }
    }
    Some(TimeExpr {
        start,
        end,
        kind: month_kind(m, cum),
        year: year.unwrap_or(YearRef::Narrative),
        deadline: false,
        leading: false,
    })
}

fn month_kind(m: u8, cum: bool) -> TKind {
    if cum && m == 12 {
        TKind::Year
    } else {
        TKind::Month(m, cum)
    }
}

/// Resolves expressions in document order. `doc` gives the years bare and
/// relative words count from; `sections` are byte offsets where the narrative
/// year resets.
pub(crate) fn resolve_all(exprs: &[TimeExpr], doc: &DocInfo, sections: &[usize]) -> Vec<Resolved> {
    let mut out = Vec::with_capacity(exprs.len());
    let mut narrative: Option<i32> = None;
    let mut sec_i = 0;
    for e in exprs {
        while sec_i < sections.len() && sections[sec_i] <= e.start {
            narrative = None;
            sec_i += 1;
        }
        let (mut year, guessed) = match e.year {
            YearRef::Explicit(y) => (Some(y), false),
            YearRef::Rel(k) => (doc.ref_year().map(|r| r + k), true),
            YearRef::Narrative => match narrative {
                Some(y) => (Some(y), false),
                None => (doc.base_year(e.start), true),
            },
        };
        // "11月" in a text of February: last November, not a future one.
        if guessed && matches!(e.year, YearRef::Narrative) {
            if let (Some(d), Some(y), TKind::Month(m, _) | TKind::Day(m, _)) =
                (doc.date, year, e.kind)
            {
                if y == d.year() && u32::from(m) > d.month() {
                    year = Some(y - 1);
                }
            }
        }
        let sets_narrative = !e.deadline
            && match e.kind {
                TKind::Year | TKind::Half(_) | TKind::Quarter(..) => true,
                TKind::Month(_, cum) => cum,
                TKind::Day(..) | TKind::Span => false,
            };
        if sets_narrative && e.leading && !matches!(e.year, YearRef::Narrative) {
            narrative = year;
        }
        let (period, cumulative) = match (year, e.kind) {
            (_, TKind::Span) | (None, _) => (String::new(), None),
            (Some(y), TKind::Year) => (format!("{y}"), None),
            (Some(y), TKind::Half(h)) => (format!("{y}-H{h}"), None),
            (Some(y), TKind::Quarter(q, cum)) => (
                format!("{y}-Q{q}"),
                (cum && q > 1).then(|| {
                    if q == 3 {
                        "前三季度累计"
                    } else {
                        "上半年累计"
                    }
                    .to_string()
                }),
            ),
            (Some(y), TKind::Month(m, cum)) => (
                format!("{y}-{m:02}"),
                (cum && m > 1).then(|| format!("1-{m}月累计")),
            ),
            (Some(y), TKind::Day(m, d)) => (format!("{y}-{m:02}-{d:02}"), None),
        };
        out.push(Resolved {
            start: e.start,
            end: e.end,
            period,
            cumulative,
            year_guessed: guessed,
            leading: e.leading && sets_narrative,
            span: e.kind == TKind::Span,
            deadline: e.deadline,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str, trig: &str, t: TimeTrig, ref_year: i32) -> String {
        let at = s.find(trig).unwrap();
        let e = parse_at(s, at, t).unwrap();
        let doc = DocInfo::for_year(ref_year);
        let r = resolve_all(&[e], &doc, &[]);
        r[0].period.clone()
    }

    #[test]
    fn explicit_and_relative() {
        assert_eq!(one("2022年,全市", "年", TimeTrig::Nian, 2023), "2022");
        assert_eq!(one("2022年度考核", "年", TimeTrig::Nian, 2023), "2022");
        assert_eq!(one("今年以来", "年", TimeTrig::Nian, 2023), "2023");
        assert_eq!(one("去年全市", "年", TimeTrig::Nian, 2023), "2022");
        assert_eq!(one("上半年全市", "年", TimeTrig::Nian, 2023), "2023-H1");
        assert_eq!(one("2023年一季度", "年", TimeTrig::Nian, 2020), "2023-Q1");
        assert_eq!(one("2023年1-5月", "年", TimeTrig::Nian, 2020), "2023-05");
        assert_eq!(
            one("截至2021年11月,全区", "年", TimeTrig::Nian, 2022),
            "2021-11"
        );
        assert_eq!(one("过去的一年,", "年", TimeTrig::Nian, 2022), "2021");
        assert_eq!(
            one("2023年8月3日召开", "年", TimeTrig::Nian, 2023),
            "2023-08-03"
        );
    }

    #[test]
    fn months_and_quarters() {
        assert_eq!(one("1-5月,全市", "月", TimeTrig::Yue, 2023), "2023-05");
        assert_eq!(
            one("前三季度,全市", "季度", TimeTrig::Jidu, 2023),
            "2023-Q3"
        );
        assert_eq!(one("一季度全市", "季度", TimeTrig::Jidu, 2023), "2023-Q1");
        assert_eq!(one("2月1日,", "月", TimeTrig::Yue, 2023), "2023-02-01");
        assert_eq!(one("截至10月底,", "月", TimeTrig::Yue, 2023), "2023-10");
        assert_eq!(one("前5个月,", "月", TimeTrig::Yue, 2023), "2023-05");
    }

    #[test]
    fn comparison_bases_and_words_are_not_periods() {
        assert!(parse_at("比上年增长", 6, TimeTrig::Nian).is_none());
        assert!(parse_at("好于去年同期", 9, TimeTrig::Nian).is_none());
        assert!(parse_at("青年", 3, TimeTrig::Nian).is_none());
        assert!(parse_at("年产20万吨", 0, TimeTrig::Nian).is_none());
        assert!(parse_at("三年行动", 3, TimeTrig::Nian).is_none());
        let s = "过去五年";
        let e = parse_at(s, s.find('年').unwrap(), TimeTrig::Nian).unwrap();
        assert_eq!(e.kind, TKind::Span);
    }
}
