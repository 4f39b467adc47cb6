//! What a document says about itself, read once before any figure: when it was
//! written (a date line, a speech's "——2016年2月18日在…会议上"), what kind of text
//! it is (a government work report reviewing last year and planning this one, a
//! statistical bulletin of one year, or news), and which place it speaks for (a
//! county report says "全县…" and may never name its city).

use chrono::{Datelike, NaiveDate};

use crate::attribution::{kind_of, relational};
use crate::metrics::floor_boundary;
use crate::places::{Hit, PlaceKind};
use crate::{ArticleMeta, Gazetteer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocKind {
    /// A government work report delivered in `year` (when known): the part before
    /// `plan_at` reviews `year - 1`, the rest plans `year`.
    WorkReport {
        year: Option<i32>,
        plan_at: usize,
    },
    /// A statistical bulletin (or yearbook entry) of one year.
    Bulletin {
        year: i32,
    },
    News,
}

#[derive(Debug, Clone)]
pub(crate) struct DocInfo {
    /// Publication date: the caller's, else a date line of the text.
    pub date: Option<NaiveDate>,
    /// Without any date, the latest year the text reports on (not a plan's
    /// deadline): "now" as far as the text itself tells.
    pub text_year: Option<i32>,
    pub kind: DocKind,
    /// The sub-place of a target city the whole document speaks for, when it is a
    /// county, district or zone document: (city, sub-place).
    pub own: Option<(u16, u16)>,
}

impl DocInfo {
    pub fn read(
        s: &str,
        meta: &ArticleMeta,
        gaz: &Gazetteer,
        places: &[Hit],
        text_year: Option<i32>,
        report_words: bool,
    ) -> DocInfo {
        let date = meta.published.or_else(|| date_line(s));
        let title = meta.title.as_deref().map(|t| crate::text::normalize(t).s);
        let kind = kind(s, title.as_deref(), date, report_words);
        let own = own_place(s, meta, gaz, places);
        DocInfo {
            date,
            text_year,
            kind,
            own,
        }
    }

    /// A news text of `year` with nothing else known (tests).
    #[cfg(test)]
    pub fn for_year(year: i32) -> DocInfo {
        DocInfo {
            date: NaiveDate::from_ymd_opt(year, 12, 31),
            text_year: None,
            kind: DocKind::News,
            own: None,
        }
    }

    /// Year that relative words (今年, 去年) count from.
    pub fn ref_year(&self) -> Option<i32> {
        match (self.date, self.kind) {
            (Some(d), _) => Some(d.year()),
            (None, DocKind::WorkReport { year: Some(y), .. }) => Some(y),
            _ => self.text_year,
        }
    }

    /// Year a bare "全年"/"上半年" means at byte `pos` when the passage names none.
    pub fn base_year(&self, pos: usize) -> Option<i32> {
        match self.kind {
            DocKind::WorkReport {
                year: Some(y),
                plan_at,
            } => Some(if pos < plan_at { y - 1 } else { y }),
            DocKind::WorkReport { year: None, .. } => None,
            DocKind::Bulletin { year } => Some(year),
            DocKind::News => self.ref_year(),
        }
    }

    pub fn plan_at(&self) -> Option<usize> {
        match self.kind {
            DocKind::WorkReport { plan_at, .. } => Some(plan_at),
            _ => None,
        }
    }
}

/// Reads "YYYY-MM-DD", "YYYY/MM/DD", "YYYY.MM.DD" or "YYYY年M月D日" at byte `at`.
fn date_at(s: &str, at: usize) -> Option<(NaiveDate, usize)> {
    let b = s.as_bytes();
    let num = |from: usize, max: usize| -> Option<(u32, usize)> {
        let n = b[from..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count();
        (n > 0).then(|| s[from..from + n].parse().ok().map(|v| (v, from + n)))?
    };
    let (y, p) = num(at, 4)?;
    if p - at != 4 || !(1990..=2035).contains(&y) {
        return None;
    }
    let (sep1, sep2, end_mark) = if s[p..].starts_with('年') {
        ("年", "月", "日")
    } else {
        let c = *b.get(p)?;
        if !matches!(c, b'-' | b'/' | b'.') {
            return None;
        }
        let sep = &s[p..p + 1];
        (sep, sep, "")
    };
    let p = p + sep1.len();
    let (m, p) = num(p, 2)?;
    if !s[p..].starts_with(sep2) {
        return None;
    }
    let (d, p) = num(p + sep2.len(), 2)?;
    if !s[p..].starts_with(end_mark) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
    Some((date, p + end_mark.len()))
}

/// A publication or delivery date printed near the top: a line that is mostly a
/// date (or says 来源/发布/时间), or a speech's "——2016年2月18日在…".
fn date_line(s: &str) -> Option<NaiveDate> {
    let head = &s[..floor_boundary(s, 900)];
    let b = head.as_bytes();
    let mut i = 0;
    while i + 8 <= b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            if let Some((d, end)) = date_at(head, i) {
                let ls = head[..i].rfind('\n').map_or(0, |x| x + 1);
                let le = head[end..].find('\n').map_or(head.len(), |x| end + x);
                let line = &head[ls..le];
                let before = &head[ls..i];
                let speech =
                    before.ends_with("——") || before.ends_with('—') || before.ends_with('(');
                let labelled = [
                    "来源", "发布", "时间", "日期", "编辑", "作者", "浏览", "点击", "稿源",
                ]
                .iter()
                .any(|w| line.contains(w));
                let short = line.chars().count() <= 30;
                let meeting = head[end..].starts_with('在')
                    && head[end..floor_boundary(head, end + 90)].contains("会议");
                if speech || labelled || short || meeting {
                    return Some(d);
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    None
}

const PLAN_MARKERS: &[&str] = &[
    "今年工作",
    "年工作安排",
    "年工作任务",
    "年主要预期目标",
    "主要预期目标",
    "年的主要目标",
    "今年政府工作",
    "年政府工作任务",
    "今年经济社会发展",
    "年经济社会发展的总体要求",
    "今年的总体要求",
];

fn kind(s: &str, title: Option<&str>, date: Option<NaiveDate>, report_words: bool) -> DocKind {
    let head = &s[..floor_boundary(s, 600)];
    for t in [title.unwrap_or(""), head] {
        if let Some(i) = t.find("统计公报").or_else(|| t.find("统计年鉴")) {
            let before = &t[..i];
            if let Some(y) =
                last_year_in(&before[floor_boundary(before, before.len().saturating_sub(120))..])
            {
                return DocKind::Bulletin { year: y };
            }
        }
    }
    // A bulletin signed by a statistics bureau in the spring reports the year
    // before (a quarter's or month's release does not).
    if let Some(d) = date {
        let part_year = ["季度", "上半年", "月份", "个月"]
            .iter()
            .any(|w| head.contains(w));
        if head[..floor_boundary(head, 240)].contains("统计局") && d.month() <= 6 && !part_year {
            return DocKind::Bulletin { year: d.year() - 1 };
        }
    }
    let report = report_words || head.contains("政府工作报告");
    if !report {
        return DocKind::News;
    }
    let plan_at = PLAN_MARKERS
        .iter()
        .filter_map(|m| s.find(m))
        .min()
        .unwrap_or(s.len());
    let year = date.map(|d| d.year()).or_else(|| report_year(s));
    DocKind::WorkReport { year, plan_at }
}

/// The year a work report was delivered, from its own headings: "2015年工作回顾"
/// (→ 2016), "2016年工作安排", "2016年主要预期目标".
fn report_year(s: &str) -> Option<i32> {
    // "2002年营口市政府工作报告": the title names the year it was delivered.
    let head = &s[..floor_boundary(s, 150)];
    if let Some(i) = head.find("政府工作报告") {
        if let Some(y) = last_year_in(&head[..i]) {
            return Some(y);
        }
    }
    // "一、2012年和过去五年工作的回顾": a review heading names the year before.
    for (i, _) in s[..floor_boundary(s, 3000)].match_indices("回顾") {
        let before = &s[floor_boundary(s, i.saturating_sub(48))..i];
        if before.contains("工作") || before.ends_with('的') {
            if let Some(y) = first_year_in(before) {
                return Some(y + 1);
            }
        }
    }
    for (marker, delta) in [
        ("年工作回顾", 1),
        ("年政府工作回顾", 1),
        ("年工作安排", 0),
        ("年主要预期目标", 0),
        ("年的主要目标", 0),
        ("年政府工作任务", 0),
    ] {
        if let Some(i) = s.find(marker) {
            if let Some(y) = year_ending_at(s, i) {
                return Some(y + delta);
            }
        }
    }
    None
}

fn year_ending_at(s: &str, i: usize) -> Option<i32> {
    let head = &s[..i];
    let n = head
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (n == 4).then(|| head[i - 4..].parse().ok())?
}

fn first_year_in(s: &str) -> Option<i32> {
    s.match_indices('年')
        .filter_map(|(i, _)| year_ending_at(s, i))
        .find(|y| (1990..=2035).contains(y))
}

fn last_year_in(s: &str) -> Option<i32> {
    let mut found = None;
    for (i, _) in s.match_indices('年') {
        if let Some(y) = year_ending_at(s, i) {
            if (1990..=2035).contains(&y) {
                found = Some(y);
            }
        }
    }
    found
}

/// The county, district or zone a document speaks for: named in the title or the
/// opening, and the text speaks as a county ("全县", "我区") or names that place
/// more than its city. A city document that lists its counties is not one.
fn own_place(s: &str, meta: &ArticleMeta, gaz: &Gazetteer, places: &[Hit]) -> Option<(u16, u16)> {
    let mut county_refs = 0usize;
    let mut city_refs = 0usize;
    let mut city_names = 0usize;
    let mut subs: Vec<((u16, u16), usize, usize)> = Vec::new(); // place, count, first pos
                                                                // The opening: the first lines of real text (a scraped page may start with
                                                                // tags or navigation).
    let first_cjk = s
        .char_indices()
        .find(|(_, c)| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .map_or(0, |(i, _)| i);
    let opening = floor_boundary(s, first_cjk + 240);
    let title_sub = meta.title.as_deref().and_then(|t| {
        let t = crate::text::normalize(t);
        gaz.scan(&t.s).into_iter().find_map(|h| match kind_of(&h) {
            PlaceKind::Target {
                city,
                sub: Some(sub),
            } => Some((city, sub)),
            _ => None,
        })
    });
    for h in places {
        match kind_of(h) {
            PlaceKind::CountyRef => county_refs += 1,
            PlaceKind::CityRef => city_refs += 1,
            PlaceKind::Target { sub: None, .. } => city_names += 1,
            PlaceKind::Target {
                city,
                sub: Some(sub),
            } if !relational(s, h) => {
                let key = gaz.canonical_sub(city, sub);
                match subs.iter_mut().find(|x| x.0 == key) {
                    Some(x) => x.1 += 1,
                    None => subs.push((key, 1, h.start)),
                }
            }
            _ => {}
        }
    }
    if let Some(t) = title_sub {
        return Some(gaz.canonical_sub(t.0, t.1));
    }
    let (best, n, first) = subs
        .iter()
        .copied()
        .max_by_key(|x| (x.1, usize::MAX - x.2))?;
    let second = subs
        .iter()
        .filter(|x| x.0 != best)
        .map(|x| x.1)
        .max()
        .unwrap_or(0);
    let named_early = first < opening;
    let speaks_as_county =
        county_refs > city_refs || gaz.is_county_city(best.0, best.1) && named_early;
    (named_early && n > second && (speaks_as_county || n > city_names)).then_some(best)
}
