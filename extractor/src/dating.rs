//! Which period a figure belongs to, beyond the time words of its own sentence:
//! the event a news text reports, figures spanning several years, comparisons
//! with a base year, and the year an undated text is written in.

use crate::document::{self, DocInfo};
use crate::metrics::{self, floor_boundary};
use crate::periods::{self, Resolved, TimeExpr};
use crate::{sentence_start, MAX_SENTENCE_BYTES};

/// "与“十五”末相比…增长62%", "比2010年增长58%" in a later year: growth over
/// several years, not the year's.
pub(crate) fn cumulative_comparison(before: &str, period: &str) -> bool {
    if before.contains("末相比") || before.contains("期末比") {
        return true;
    }
    // "与2010年相比…增长58%".
    for (i, _) in before.match_indices("年相比") {
        if let Some(base) = i
            .checked_sub(4)
            .and_then(|j| before.get(j..i))
            .and_then(|y| y.parse::<i32>().ok())
        {
            let year: Option<i32> = period.get(..4).and_then(|y| y.parse().ok());
            if year.is_none_or(|y| base < y - 1) {
                return true;
            }
        }
    }
    let year: Option<i32> = period.get(..4).and_then(|y| y.parse().ok());
    for (i, _) in before.match_indices('比') {
        let rest = &before[i + '比'.len_utf8()..];
        let b = rest.as_bytes();
        if b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && rest[4..].starts_with('年') {
            let base: i32 = rest[..4].parse().unwrap_or(0);
            if year.is_none_or(|y| base < y - 1) {
                return true;
            }
        }
    }
    false
}

/// "十二五期间", "过去五年", "五年来": the passage spans several years.
pub(crate) fn multi_year(before: &str) -> bool {
    [
        "五期间",
        "五”期间",
        "五\"期间",
        "五时期",
        "五”时期",
        "过去五年",
        "五年来",
        "五年间",
        "年均",
    ]
    .iter()
    .any(|w| before.contains(w))
}

/// Metrics that an event (a signing, a 集中开工) produces.
pub(crate) const EVENT_METRICS: &[&str] = &[
    "project_count",
    "project_investment_yi",
    "funds_in_place_yi",
];

pub(crate) const EVENT_WORDS: &[&str] = &[
    "集中开工",
    "开复工",
    "开工仪式",
    "签约",
    "奠基",
    "三个一批",
    "开工一批",
    "投产一批",
    "发展大会",
    "推介会",
    "洽谈会",
    "博览会",
    "能博会",
    "招商会",
    "集中竣工",
];

pub(crate) fn mentions_event(w: &str) -> bool {
    EVENT_WORDS.iter().any(|e| w.contains(e))
}

pub(crate) fn clause_end_of(s: &str, pos: usize) -> usize {
    metrics::clause_end(s, pos)
}

/// The day of the event a news text reports: a dated day near the top in a
/// sentence about an event, else the month of the text's own date line.
pub(crate) fn event_date(s: &str, times: &[Resolved], doc: &DocInfo) -> Option<String> {
    if !matches!(doc.kind, document::DocKind::News) {
        return None;
    }
    let head = floor_boundary(s, 900);
    for t in times.iter().take_while(|t| t.start < head) {
        if t.period.len() == 10 {
            let ss = sentence_start(s, t.start);
            let hi = floor_boundary(s, t.end + MAX_SENTENCE_BYTES);
            let se = s[t.end..hi].find(['。', '\n']).map_or(hi, |i| t.end + i);
            if mentions_event(&s[ss..se]) {
                return Some(t.period.clone());
            }
        }
    }
    if !mentions_event(&s[..head]) {
        return None;
    }
    doc.date.map(|d| d.format("%Y-%m").to_string())
}

/// Without a date, "now" as far as the text tells: the latest year it mentions
/// (not a plan's deadline); a year after it when the text opens a passage with
/// that year's results ("2012年,该县…完成…") and also speaks of "去年".
pub(crate) fn text_year(s: &str, exprs: &[TimeExpr]) -> Option<i32> {
    let explicit = |e: &&TimeExpr| match e.year {
        periods::YearRef::Explicit(y) if !e.deadline => Some(y),
        _ => None,
    };
    let latest = exprs.iter().filter_map(|e| explicit(&e)).max()?;
    let opens_results = exprs.iter().any(|e| {
        let hi = floor_boundary(s, e.end + MAX_SENTENCE_BYTES);
        let sentence = &s[e.end..s[e.end..hi].find('。').map_or(hi, |i| e.end + i)];
        e.leading
            && e.kind == periods::TKind::Year
            && explicit(&e) == Some(latest)
            && ["完成", "实现", "增长"]
                .iter()
                .any(|w| sentence.contains(w))
            && !["将", "力争", "预计", "计划"]
                .iter()
                .any(|w| sentence[..floor_boundary(sentence, 45)].contains(w))
    });
    let says_last_year = exprs.iter().any(|e| e.year == periods::YearRef::Rel(-1));
    // "回顾总结了2018年工作": the text is written after the year it reviews.
    let reviewed = exprs
        .iter()
        .filter(|e| {
            let before = &s[floor_boundary(s, e.start.saturating_sub(18))..e.start];
            before.contains("回顾") || before.contains("总结")
        })
        .filter_map(|e| explicit(&e))
        .max();
    let now = if opens_results && says_last_year {
        latest + 1
    } else {
        latest
    };
    Some(reviewed.map_or(now, |r| now.max(r + 1)))
}
