//! Extraction engine: Chinese article text in, attributed economic figures out.
//!
//! Pure: no IO, no database, no network. One call, [`extract`], turns the stored
//! text of an article plus its metadata into [`Fact`]s, each with the city and
//! period it belongs to, the value in the unit of `eval/metrics.md`, and the exact
//! quote and character span it came from.
//!
//! The flow, one module a step:
//! - [`text`] normalises the text (line breaks, full-width and traditional
//!   characters, page debris) with an offset map back to the original;
//! - `places` scans it once (Aho-Corasick) for unit characters, time words, place
//!   names and the few markers the document readers need;
//! - `document` reads what the article says about itself (date, kind, own place),
//!   `periods` resolves time expressions against it;
//! - [`numbers`] reads each number backwards from its unit; `metrics` decides which
//!   catalogue metric it measures (`lists` pairs 分别 lists, `tables` reads tables);
//! - `dating` and `attribution` decide its period and its place; [`bounds`] its bound.
//!
//! Everything is linear in the article length.

mod attribution;
pub mod bounds;
pub mod catalog;
mod dating;
mod document;
mod lists;
mod metrics;
pub mod numbers;
mod periods;
mod places;
mod tables;
pub mod text;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

pub use bounds::Bound;
pub use places::{CityDef, Gazetteer};

use attribution::{enumerated, kind_of, main_city, project_name, relational, zones};
use dating::{
    clause_end_of, cumulative_comparison, event_date, mentions_event, multi_year, text_year,
    EVENT_METRICS,
};
use document::DocInfo;
use metrics::{clause_start, floor_boundary, Candidate};
use numbers::{token_at, Token};
use periods::{Resolved, TimeExpr};
use places::{Hit, Marker, Pat, PlaceKind};

/// What the caller knows about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub file_name: String,
    pub title: Option<String>,
    pub published: Option<chrono::NaiveDate>,
    /// A city key; a hint only, the text decides when it disagrees.
    pub city_hint: Option<String>,
}

/// One figure found in an article.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Fact {
    /// City key, or `None` when the figure is about another or an anonymised place.
    pub city: Option<String>,
    /// County/district/zone/project when narrower than the city (or the other
    /// place when `city` is `None`).
    pub scope: Option<String>,
    /// "2023", "2023-H1", "2023-Q1", "2023-05", "2023-02-01", or "" when unknown.
    pub period: String,
    pub metric: String,
    /// Normalised to the stored unit of the metric.
    pub value: f64,
    /// Unit as written in the text.
    pub unit: String,
    pub bound: Bound,
    pub label: String,
    /// Exact substring of the input: `text.chars().skip(span.0).take(span.1 - span.0)`.
    pub quote: String,
    /// Character offsets `[start, end)` in the input text.
    pub span: (usize, usize),
    pub rule: String,
    pub confidence: f32,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Extraction {
    pub facts: Vec<Fact>,
    /// The city the article is mainly about (key), if any.
    pub main_city: Option<String>,
    /// The date the text itself prints (a date line, "——2016年2月18日在…会议上"),
    /// read only when the caller gave none: what relative periods resolved against.
    #[serde(default)]
    pub published: Option<chrono::NaiveDate>,
}

/// Extracts every catalogue figure of `text`.
pub fn extract(text: &str, meta: &ArticleMeta, gazetteer: &Gazetteer) -> Extraction {
    let norm = text::normalize(text);
    let s = norm.s.as_str();
    let hits = gazetteer.scan(s);

    let mut units = Vec::new();
    let mut places = Vec::new();
    let mut exprs: Vec<TimeExpr> = Vec::new();
    let mut sections: Vec<usize> = norm
        .paragraphs
        .iter()
        .filter(|p| p.headline)
        .map(|p| p.start)
        .collect();
    let mut consumed = 0usize;
    let mut table_keys = Vec::new();
    let mut report_words = false;
    for h in &hits {
        match h.pat {
            Pat::Unit(t) => units.push((h.start, t)),
            Pat::Place(_) => places.push(*h),
            Pat::Section => sections.push(h.start),
            Pat::Marker(Marker::TableKey) => table_keys.push(h.start),
            Pat::Marker(Marker::Report) => report_words = true,
            Pat::Time(t) => {
                if h.start < consumed {
                    continue;
                }
                if let Some(e) = periods::parse_at(s, h.start, t) {
                    if e.start >= exprs.last().map_or(0, |x: &TimeExpr| x.end) {
                        consumed = e.end;
                        exprs.push(e);
                    }
                }
            }
        }
    }
    sections.sort_unstable();
    sections.dedup();
    // "鞍山市铁东区", "沈阳市铁西区": a district name right after another city is
    // that city's, and so is every bare mention of it in the same text.
    let mut foreign_subs: Vec<(u16, u16)> = Vec::new();
    for i in 1..places.len() {
        let (a, b) = (places[i - 1], places[i]);
        if let (
            true,
            PlaceKind::Target {
                city,
                sub: Some(sub),
            },
        ) = (
            a.end == b.start && matches!(kind_of(&a), PlaceKind::Foreign),
            kind_of(&b),
        ) {
            foreign_subs.push(gazetteer.canonical_sub(city, sub));
        }
    }
    if !foreign_subs.is_empty() {
        for h in places.iter_mut() {
            if let PlaceKind::Target {
                city,
                sub: Some(sub),
            } = kind_of(h)
            {
                if foreign_subs.contains(&gazetteer.canonical_sub(city, sub)) {
                    h.pat = Pat::Place(PlaceKind::Foreign);
                }
            }
        }
    }
    // A year in a headline ("鲅鱼圈区2023年经济运行情况") sets the year of what
    // follows, wherever it stands in the line.
    for e in exprs.iter_mut() {
        let p = norm.paragraph_of(e.start);
        if norm.paragraphs[p].headline && matches!(e.year, periods::YearRef::Explicit(_)) {
            e.leading = true;
        }
    }

    let ctx = Ctx::new(s, meta, gazetteer, places, &exprs, sections, report_words);
    let mut facts = Vec::new();
    let mut seen: HashSet<(&'static str, Option<u16>, String, i64)> = HashSet::new();
    let mut stated: HashSet<(&'static str, Option<u16>, i64)> = HashSet::new();
    for (at, trig) in units {
        let Some(tok) = token_at(s, at, trig) else {
            continue;
        };
        let Some(fact) = ctx.fact_for(&tok) else {
            continue;
        };
        let (f, city_idx) = fact;
        let key = (
            f.metric,
            city_idx,
            f.period.clone(),
            (f.value * 1e6).round() as i64,
        );
        let value_key = (f.metric, city_idx, (f.value * 1e6).round() as i64);
        // The same figure again (a repeated passage, or a re-mention such as
        // "对于集中开工的138个项目…" whose period the sentence does not restate).
        if !seen.insert(key) || f.weak_period && stated.contains(&value_key) {
            continue;
        }
        stated.insert(value_key);
        let (bs, be) = norm.orig_byte_span(text, f.q_start, f.q_end);
        let span = norm.orig_span(f.q_start, f.q_end);
        facts.push(Fact {
            city: city_idx.map(|i| gazetteer.cities[i as usize].key.clone()),
            scope: f.scope,
            period: f.period,
            metric: f.metric.to_string(),
            value: f.value,
            unit: f.unit,
            bound: f.bound,
            label: f.label,
            quote: text[bs..be].to_string(),
            span,
            rule: f.rule,
            confidence: f.confidence,
        });
    }
    let table_keys: Vec<usize> = table_keys
        .into_iter()
        .map(|k| norm.orig_byte_span(text, k, k + 1).0)
        .collect();
    for cell in tables::cells(text, meta.title.as_deref(), &table_keys) {
        let (city_idx, scope) = match &cell.place {
            Some(p) => ctx.named_place(p),
            None => ctx.own().map_or((ctx.main_city, None), |o| o),
        };
        let key = (
            cell.metric,
            city_idx,
            cell.period.clone(),
            (cell.value * 1e6).round() as i64,
        );
        if !seen.insert(key) {
            continue;
        }
        let start = text[..cell.row.0].chars().count();
        let quote = text[cell.row.0..cell.row.1].to_string();
        let end = start + quote.chars().count();
        facts.push(Fact {
            city: city_idx.map(|i| gazetteer.cities[i as usize].key.clone()),
            scope,
            period: cell.period,
            metric: cell.metric.to_string(),
            value: cell.value,
            unit: cell.unit.to_string(),
            bound: Bound::Exact,
            label: catalog::metric(cell.metric)
                .map_or("", |m| m.name_zh)
                .to_string(),
            quote,
            span: (start, end),
            rule: format!("{}/table", cell.metric),
            confidence: 0.7,
        });
    }
    Extraction {
        facts,
        published: if meta.published.is_none() {
            ctx.doc.date
        } else {
            None
        },
        main_city: ctx
            .main_city
            .map(|i| gazetteer.cities[i as usize].key.clone()),
    }
}

/// A fact before its quote is cut from the original text.
struct Draft {
    metric: &'static str,
    scope: Option<String>,
    period: String,
    value: f64,
    unit: String,
    bound: Bound,
    label: String,
    q_start: usize,
    q_end: usize,
    rule: String,
    confidence: f32,
    /// The period was not found in the figure's own sentence.
    weak_period: bool,
}

/// Per-article state shared by all numbers of the article.
struct Ctx<'a> {
    s: &'a str,
    gaz: &'a Gazetteer,
    places: Vec<Hit>,
    times: Vec<Resolved>,
    sections: Vec<usize>,
    main_city: Option<u16>,
    doc: DocInfo,
    /// City hits that name a zone of the city ("营口沿海产业基地"): hit start and
    /// the zone's name, sorted.
    zones: Vec<(usize, String)>,
    /// The day (or, from the date line, the month) of the event a news text
    /// reports: a signing, a 集中开工, a "三个一批" round.
    event: Option<String>,
}

/// A figure's period, the label prefix of a cumulative one ("1-5月累计"), and
/// what the way it was found costs in confidence.
struct Dated {
    period: String,
    cumulative: Option<String>,
    penalty: f32,
    /// Found in the figure's own sentence.
    own: bool,
    /// The passage spans several years ("这五年,…", "五年来,…").
    span: bool,
}

/// How a city was decided, for the confidence.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CitySource {
    Sentence,
    Context,
    MainCity,
    Nothing,
}

impl<'a> Ctx<'a> {
    fn new(
        s: &'a str,
        meta: &ArticleMeta,
        gaz: &'a Gazetteer,
        places: Vec<Hit>,
        exprs: &[TimeExpr],
        sections: Vec<usize>,
        report_words: bool,
    ) -> Self {
        // A work report speaks of "过去的一年" and "今年", or to "各位代表".
        let report = report_words
            || exprs.iter().any(|e| &s[e.start..e.end] == "过去的一年")
                && exprs.iter().any(|e| e.year == periods::YearRef::Rel(0));
        let doc = DocInfo::read(s, meta, gaz, &places, text_year(s, exprs), report);
        let times = periods::resolve_all(exprs, &doc, &sections);
        let main_city = doc
            .own
            .map(|o| o.0)
            .or_else(|| main_city(s, meta, gaz, &places));
        let event = event_date(s, &times, &doc);
        let zones = zones(s, gaz, &places);
        Ctx {
            zones,
            event,
            s,
            gaz,
            places,
            times,
            sections,
            main_city,
            doc,
        }
    }

    fn section_start(&self, pos: usize) -> usize {
        let i = self.sections.partition_point(|&x| x <= pos);
        if i == 0 {
            0
        } else {
            self.sections[i - 1]
        }
    }

    fn fact_for(&self, tok: &Token) -> Option<(Draft, Option<u16>)> {
        let s = self.s;
        let ss = sentence_start(s, tok.start);
        // Labels start after the last time or place word of the clause.
        let cs = clause_start(s, tok.start);
        // Expressions never overlap and come in order, so ends are sorted too.
        let ti = self.times.partition_point(|t| t.end <= tok.start);
        let tfloor = ti.checked_sub(1).map_or(0, |i| self.times[i].end);
        let pi = self.places.partition_point(|p| p.end <= tok.start);
        let pfloor = pi.checked_sub(1).map_or(0, |i| self.places[i].end);
        let floor = tfloor.max(pfloor).max(cs);
        let slot = lists::locate(s, ss, tok.start, tok.end);
        let cand: Candidate = match &slot {
            Some(sl) => metrics::classify_listed(s, tok, sl, paragraph_start(s, ss))?,
            None => metrics::classify(s, tok, floor)?,
        };

        let suffix = bounds::suffix(s, tok);
        let mut q_end = cand.q_end;
        let mut bound = Bound::Exact;
        match suffix {
            bounds::Suffix::Threshold => return None,
            bounds::Suffix::Bound(b, len) => {
                bound = b;
                if q_end == tok.end {
                    q_end += len;
                }
            }
            bounds::Suffix::None => {}
        }
        let before = bounds::last_chars(&s[cand.clause.0..tok.start], 4);
        if let Some(b) = bounds::prefix(before) {
            if bound == Bound::Exact || b == Bound::AtMost {
                bound = b;
            }
        }
        if tok.more_than && bound == Bound::Exact {
            bound = Bound::AtLeast;
        }

        let Dated {
            mut period,
            mut cumulative,
            penalty: period_conf,
            own: period_own,
            span: spanned,
        } = self.period_for(tok, ss, cand.metric);
        // "一季度、上半年、前三季度…分别增长…": each value has its item's period.
        if let Some(sl) = &slot {
            if let Some(t) = self
                .times
                .iter()
                .find(|t| t.start >= sl.item.0 && t.end <= sl.item.1 && !t.period.is_empty())
            {
                period = t.period.clone();
                cumulative = t.cumulative.clone();
            }
        }
        let before_tok = &s[ss..tok.start];
        let over_years = spanned || multi_year(before_tok);
        if cand.metric.ends_with("_growth_pct")
            && (cumulative_comparison(before_tok, &period) || over_years)
        {
            return None;
        }
        // "十二五期间…固定资产投资累计完成3560亿元": a total over several years.
        if cand.metric.ends_with("_yi")
            && cand.metric != "project_investment_yi"
            && (before_tok.contains("累计") || s[cand.clause.0..tok.start].contains("增量"))
            && (period.is_empty() || over_years)
        {
            return None;
        }
        // One named project's total investment is an attribute, not a period's
        // figure ("投资126亿元的红嘴新材料产业园项目").
        let named_project = s[tok.end..].starts_with('的')
            && !s[tok.end..floor_boundary(s, tok.end + 24)].contains('个');
        // A running total of projects ("累计开工…项目93个") is a stock: no period.
        let stock = EVENT_METRICS.contains(&cand.metric)
            && s[cand.clause.0..tok.start].contains("累计")
            && !period_own;
        let period = if cand.metric == "project_investment_yi" && named_project || stock {
            String::new()
        } else {
            period
        };

        let mut marker = bounds::target_marker(&s[ss..tok.start]);
        if marker.is_none() && s[ss..].starts_with("其中") && ss > 0 {
            let pss = sentence_start(s, floor_boundary(s, ss - 1));
            marker = bounds::target_marker(&s[pss..ss]);
        }
        if marker.is_none() && self.doc.plan_at().is_some_and(|w| tok.start >= w) {
            let clause = &s[cand.clause.0..tok.start];
            if clause.contains('要') || clause.contains('将') {
                marker = Some("要");
            }
        }
        // Figures under a heading of goals ("二、2024年主要目标任务", "工作安排").
        if marker.is_none() {
            let sec = self.section_start(tok.start);
            let head_end = s[sec..].find('\n').map_or(s.len(), |i| sec + i);
            let heading = &s[sec..head_end];
            if head_end < tok.start
                && heading.chars().count() <= 40
                && ["目标", "预期", "工作安排", "计划"]
                    .iter()
                    .any(|w| heading.contains(w))
            {
                marker = Some("目标");
            }
        }
        // "距离全年增长6.5%的目标": the figure is the goal itself.
        if marker.is_none()
            && ["的目标", "的预期目标", "的年度目标", "的奋斗目标"]
                .iter()
                .any(|w| s[tok.end..].starts_with(w))
        {
            marker = Some("目标");
        }
        if let Some(m) = marker {
            // A "预计" in a work report's review part, or of a year before the
            // text's own, estimates a year already over.
            let past = m == "预计"
                && (period
                    .get(..4)
                    .and_then(|y| y.parse::<i32>().ok())
                    .zip(self.doc.ref_year())
                    .is_some_and(|(y, r)| y < r)
                    || self.doc.plan_at().is_some_and(|p| tok.start < p));
            // A "预计" of a year already over is the reported figure (metrics.md).
            bound = if past { Bound::Exact } else { Bound::Target };
        }

        // A list's items are places, periods or indicators; anything else
        // ("二氧化硫、化学需氧量排放量分别下降…") is not a list of our figures.
        if let Some(sl) = &slot {
            let item = &s[sl.item.0..sl.item.1];
            let (a, b) = sl.items;
            // Counties of other cities are not all in the gazetteer: a name
            // ending like a place ("古塔区", "黑山县") counts.
            let has_place = self.places.iter().any(|h| h.start >= a && h.end <= b) || sl.place_like;
            let has_time = self.times.iter().any(|t| t.start >= a && t.end <= b);
            if !has_place
                && !has_time
                && !metrics::names_subject(item)
                && tok.kind != numbers::Kind::Count
            {
                return None;
            }
        }
        let listed_place = slot.and_then(|sl| {
            let i = self.places.partition_point(|h| h.start < sl.item.0);
            self.places[i..]
                .iter()
                .take_while(|h| h.end <= sl.item.1)
                .find_map(|h| self.place_value(h, true))
        });
        let (city, mut scope, city_src) = match listed_place {
            Some((c, sc)) => (c, sc, CitySource::Sentence),
            None => self.city_for(tok, ss, &cand),
        };
        // "县域经济总量", "17个县(市、区)合计": the counties together, not the city.
        if city.is_some() && scope.is_none() {
            let w = &s[ss..tok.start];
            if ["县域", "县(市、区)", "县(市区)", "各县"]
                .iter()
                .any(|k| w.contains(k))
            {
                scope = Some("县域".to_string());
            }
        }
        let mut confidence: f32 = 0.95;
        confidence -= match city_src {
            CitySource::Sentence => 0.0,
            CitySource::Context => 0.1,
            CitySource::MainCity => 0.2,
            CitySource::Nothing => 0.05,
        };
        confidence -= period_conf;
        if cand.inherited {
            confidence -= 0.05;
        }

        let mut label = cand.label;
        if label.is_empty() {
            label = catalog::metric(cand.metric)
                .map_or("", |m| m.name_zh)
                .to_string();
        }
        if let Some(c) = cumulative {
            label = format!("{c}·{label}");
        }
        let unit = match tok.kind {
            numbers::Kind::Percent => "%".to_string(),
            _ => tok.unit(s).to_string(),
        };
        let rule = format!(
            "{}{}",
            cand.metric,
            if cand.inherited { "/inherited" } else { "" }
        );
        Some((
            Draft {
                metric: cand.metric,
                scope,
                period,
                value: cand.value,
                unit,
                bound,
                label,
                q_start: cand.q_start.min(tok.start),
                q_end: q_end.max(tok.end),
                rule,
                confidence: confidence.clamp(0.05, 1.0),
                weak_period: !period_own,
            },
            city,
        ))
    }

    /// Period of a figure: a time expression earlier in its sentence, else the last
    /// one earlier in its section (except for a project's total investment, which
    /// is timeless unless its own sentence dates it).
    /// Period of a figure, nearest evidence first: a time expression earlier in
    /// its sentence; else the last one earlier in its paragraph or section; else
    /// the year the text last set for what follows ("2020年,…" above a heading);
    /// else the year the document reports on (a work report's review or plan
    /// part, a bulletin's year). A project's total investment is timeless unless
    /// its own sentence dates it or it totals a dated batch.
    fn period_for(&self, tok: &Token, ss: usize, metric: &str) -> Dated {
        let i = self.times.partition_point(|t| t.end <= tok.start);
        let before = &self.times[..i];
        let own_sentence = before.last().is_some_and(|t| t.start >= ss);
        let found = self.period_evidence(before, ss, tok, metric);
        // A figure of a dated event is the event's, not the whole year's.
        if let (Some(ev), true) = (&self.event, EVENT_METRICS.contains(&metric)) {
            let p = &found.period;
            let para_event = mentions_event(
                &self.s[paragraph_start(self.s, ss)..clause_end_of(self.s, tok.end)],
            );
            let weak = p.is_empty() || p.len() == 4 && ev.starts_with(p.as_str());
            if (p.is_empty() || weak && !own_sentence) && para_event {
                return Dated {
                    period: ev.clone(),
                    cumulative: None,
                    penalty: 0.1,
                    own: false,
                    span: false,
                };
            }
        }
        found
    }

    /// A resolved expression as a figure's period, at the confidence cost `pen`
    /// (more when the year itself was inferred without a date).
    fn dated(&self, t: &Resolved, pen: f32) -> Dated {
        let guessed = if t.year_guessed && self.doc.date.is_none() {
            0.15
        } else {
            0.0
        };
        Dated {
            period: t.period.clone(),
            cumulative: t.cumulative.clone(),
            penalty: pen + guessed,
            own: pen == 0.0,
            span: t.span,
        }
    }

    fn period_evidence(&self, before: &[Resolved], ss: usize, tok: &Token, metric: &str) -> Dated {
        let project_inv = metric == "project_investment_yi";
        // A batch ("签约项目42个,总投资210亿元") is dated like its count.
        let batch = project_inv && {
            let w = &self.s[ss..tok.start];
            w.contains("项目") && w.contains('个')
        };
        if let Some(t) = before.last().filter(|t| t.start >= ss) {
            // "9月20日,…2023年第三批…活动,集中开工项目67个": the event's day,
            // not the batch's year, dates the batch.
            if t.period.len() == 4 && EVENT_METRICS.contains(&metric) {
                if let Some(d) = before
                    .iter()
                    .rev()
                    .take_while(|d| d.start >= ss)
                    .find(|d| d.period.len() >= 7 && d.period.starts_with(&t.period))
                {
                    return self.dated(d, 0.0);
                }
            }
            return self.dated(t, 0.0);
        }
        if !project_inv || batch {
            let floor = self
                .section_start(tok.start)
                .max(paragraph_start(self.s, ss));
            let near = before
                .iter()
                .rev()
                .take_while(|t| t.start >= floor)
                .find(|t| t.span || !t.deadline && !t.period.is_empty());
            if let Some(t) = near {
                // Under "这五年,…" / "五年来,…" the figures span those years.
                return self.dated(t, 0.1);
            }
            // Only nearby: a year that opened a passage long before governs a
            // report's sections, not a news story's later, undated asides.
            let reach = tok.start.saturating_sub(LEADING_REACH);
            if let Some(t) = before
                .iter()
                .rev()
                .take_while(|t| t.start >= reach)
                .find(|t| t.leading && !t.deadline)
            {
                if !t.span && !t.period.is_empty() {
                    return self.dated(t, 0.15);
                }
            }
        }
        if !project_inv && !matches!(self.doc.kind, document::DocKind::News) {
            if let Some(y) = self.doc.base_year(tok.start) {
                return Dated {
                    period: y.to_string(),
                    cumulative: None,
                    penalty: 0.2,
                    own: false,
                    span: false,
                };
            }
        }
        Dated {
            period: String::new(),
            cumulative: None,
            penalty: if project_inv { 0.0 } else { 0.3 },
            own: false,
            span: false,
        }
    }

    fn city_for(
        &self,
        tok: &Token,
        ss: usize,
        cand: &Candidate,
    ) -> (Option<u16>, Option<String>, CitySource) {
        let s = self.s;
        let idx = self.places.partition_point(|h| h.start < tok.start);
        let project = (cand.metric == "project_investment_yi")
            .then(|| project_name(s, tok.end, cand.clause.1))
            .flatten();
        // One entry of a list of places ("朝阳24%、营口22.5%"): its own name
        // decides, known place or not.
        let cs = cand.clause.0;
        if metrics::list_entry(s, &s[cs..tok.start], cs, tok) {
            let own = self.places[..idx]
                .iter()
                .rev()
                .take_while(|h| h.start >= cs)
                .find_map(|h| self.place_value(h, true));
            return match own {
                Some((c, sc)) => (c, sc, CitySource::Sentence),
                None => (
                    None,
                    Some(s[cs..tok.start].to_string()),
                    CitySource::Sentence,
                ),
            };
        }
        // Places inside a project's name decide first ("…的中国海装营口…项目").
        if project.is_some() {
            for h in self.places[idx..].iter().take(MAX_LOOKBACK_HITS) {
                if h.start >= cand.clause.1 {
                    break;
                }
                if let Some((c, sc)) = self.place_value(h, false) {
                    return (c, project.clone().or(sc), CitySource::Sentence);
                }
            }
        }
        for h in self.places[..idx].iter().rev().take(MAX_LOOKBACK_HITS) {
            if h.start < ss {
                break;
            }
            if h.end > tok.start || self.relational(h) {
                continue;
            }
            if let Some((c, sc)) = self.place_value(h, true) {
                return (c, project.or(sc), CitySource::Sentence);
            }
        }
        for h in self.places[idx..].iter().take(MAX_LOOKBACK_HITS) {
            if h.start >= cand.clause.1 {
                break;
            }
            if self.relational(h) {
                continue;
            }
            if let Some((c, sc)) = self.place_value(h, false) {
                return (c, project.or(sc), CitySource::Sentence);
            }
        }
        // No place in the sentence: the paragraph's last place, if any.
        let para_start = paragraph_start(s, ss);
        for h in self.places[..idx].iter().rev().take(MAX_LOOKBACK_HITS) {
            if h.start < para_start {
                break;
            }
            if h.start >= ss || self.relational(h) || enumerated(s, h) {
                continue;
            }
            if matches!(kind_of(h), PlaceKind::Province | PlaceKind::National) {
                continue;
            }
            if let Some((c, sc)) = self.place_value(h, false) {
                return (c, project.or(sc), CitySource::Context);
            }
        }
        if let Some((c, sc)) = self.own() {
            return (c, project.or(sc), CitySource::MainCity);
        }
        // A text about one zone of the city ("…沿海产业基地党工委书记…") speaks
        // for that zone.
        if let Some((c, zone)) = self.own_zone() {
            return (Some(c), project.or(Some(zone)), CitySource::MainCity);
        }
        match self.main_city {
            Some(c) => (Some(c), project, CitySource::MainCity),
            None => (None, project, CitySource::Nothing),
        }
    }

    /// City and scope a place hit stands for; `None` when the hit says nothing
    /// about the figure's place (a comparison with the province, say).
    fn place_value(&self, h: &Hit, in_sentence: bool) -> Option<(Option<u16>, Option<String>)> {
        let s = self.s;
        let text = &s[h.start..h.end];
        match kind_of(h) {
            PlaceKind::Target { city, sub: None } => {
                // "营口沿海产业基地": a zone of the city, not the city as a whole.
                let zone = self
                    .zones
                    .binary_search_by_key(&h.start, |z| z.0)
                    .ok()
                    .map(|i| self.zones[i].1.clone());
                if zone.is_none() && in_sentence && self.doc.own.is_some() && self.comparative(h) {
                    // "连续三个季度四平地区排名第一" in a county's report.
                    return None;
                }
                Some((Some(city), zone))
            }
            PlaceKind::Target { city, sub } => {
                Some((Some(city), sub.map(|i| self.gaz.sub_name(city, i))))
            }
            PlaceKind::Foreign | PlaceKind::Anon => Some((None, Some(text.to_string()))),
            PlaceKind::Province | PlaceKind::National => {
                if !in_sentence || self.comparative(h) {
                    None
                } else {
                    Some((None, Some(text.to_string())))
                }
            }
            // "在全市排名第一", "居全市前列": the city as a yardstick.
            PlaceKind::CityRef | PlaceKind::CountyRef if self.comparative(h) => None,
            PlaceKind::CityRef => Some(self.resolve_city_ref(h.start)),
            PlaceKind::CountyRef => Some(self.resolve_county_ref(h.start)),
        }
    }

    /// City and scope of a place written in a table cell ("臨汾", "太原市").
    fn named_place(&self, name: &str) -> (Option<u16>, Option<String>) {
        let n = text::normalize(name);
        for h in self.gaz.scan(&n.s) {
            match kind_of(&h) {
                PlaceKind::Target { city, sub } => {
                    return (Some(city), sub.map(|i| self.gaz.sub_name(city, i)))
                }
                PlaceKind::Foreign | PlaceKind::Province | PlaceKind::Anon => {
                    return (None, Some(name.to_string()))
                }
                _ => {}
            }
        }
        (None, Some(name.to_string()))
    }

    /// The zone a text is about: named near the top and at least twice.
    fn own_zone(&self) -> Option<(u16, String)> {
        let (start, name) = self.zones.first()?;
        if *start > 600 || self.zones.iter().filter(|z| z.1 == *name).count() < 2 {
            return None;
        }
        let i = self.places.partition_point(|h| h.start < *start);
        match kind_of(self.places.get(i)?) {
            PlaceKind::Target { city, .. } if self.main_city.is_none_or(|m| m == city) => {
                Some((city, name.clone()))
            }
            _ => None,
        }
    }

    /// The document's own county or district, when it is a county document.
    fn own(&self) -> Option<(Option<u16>, Option<String>)> {
        self.doc
            .own
            .map(|(c, sub)| (Some(c), Some(self.gaz.sub_name(c, sub))))
    }

    /// "全市" means the city the section is about, else the article's main city;
    /// in a county-level city's own report ("霍州市…全市") it means that city.
    fn resolve_city_ref(&self, pos: usize) -> (Option<u16>, Option<String>) {
        let own_city = self
            .doc
            .own
            .filter(|&(c, sub)| self.gaz.is_county_city(c, sub))
            .and(self.own());
        for h in self.places_back_in_section(pos) {
            match kind_of(h) {
                PlaceKind::Target { city, sub: None } => {
                    return match &own_city {
                        Some(o) if o.0 == Some(city) => o.clone(),
                        _ => (Some(city), None),
                    }
                }
                PlaceKind::Target { sub: Some(_), .. } if own_city.is_some() => {
                    return own_city.unwrap_or_default()
                }
                PlaceKind::Foreign | PlaceKind::Anon => {
                    return (None, Some(self.s[h.start..h.end].to_string()))
                }
                _ => {}
            }
        }
        own_city.unwrap_or((self.main_city, None))
    }

    /// "全区"/"全县" means the last county or district named in the section, else
    /// the document's own; failing both, a county of the article's city that the
    /// text does not name (never the city as a whole).
    fn resolve_county_ref(&self, pos: usize) -> (Option<u16>, Option<String>) {
        for h in self.places_back_in_section(pos) {
            match kind_of(h) {
                PlaceKind::Target {
                    city,
                    sub: Some(sub),
                } => return (Some(city), Some(self.gaz.sub_name(city, sub))),
                PlaceKind::Foreign | PlaceKind::Anon => {
                    return (None, Some(self.s[h.start..h.end].to_string()))
                }
                _ => {}
            }
        }
        self.own().unwrap_or_else(|| match self.main_city {
            Some(c) => (Some(c), Some(UNNAMED_COUNTY.to_string())),
            None => (None, None),
        })
    }

    /// Place mentions before `pos` within its section, nearest first, at most
    /// `MAX_LOOKBACK_HITS` of them, skipping relational ones ("赴长春招商").
    fn places_back_in_section(&self, pos: usize) -> impl Iterator<Item = &Hit> + '_ {
        let sec = self.section_start(pos);
        let idx = self.places.partition_point(|h| h.start < pos);
        self.places[..idx]
            .iter()
            .rev()
            .take(MAX_LOOKBACK_HITS)
            .take_while(move |h| h.start >= sec)
            .filter(move |h| !self.relational(h))
    }

    fn relational(&self, h: &Hit) -> bool {
        relational(self.s, h)
    }

    /// "居全省第二", "高于全省平均", "全省考核": the province as a yardstick.
    fn comparative(&self, h: &Hit) -> bool {
        let before = bounds::last_chars(&self.s[..h.start], 2);
        let after = &self.s[h.end..floor_boundary(self.s, h.end + 12)];
        ["居", "在", "于", "超", "比", "较", "列", "为"]
            .iter()
            .any(|w| before.ends_with(w))
            || [
                "前列", "第", "平均", "考核", "排名", "水平", "部署", "一流", "首位", "领先",
            ]
            .iter()
            .any(|w| after.contains(w))
    }
}

/// Scope of a county figure whose county the text never names ("全县…").
pub const UNNAMED_COUNTY: &str = "未具名县区";

pub(crate) const MAX_SENTENCE_BYTES: usize = 900;
/// How far back (bytes) a year that opened a passage still dates an undated figure.
const LEADING_REACH: usize = 1200;
/// Place lookups walk at most this many hits, so pathological texts stay linear.
const MAX_LOOKBACK_HITS: usize = 64;

pub(crate) fn sentence_start(s: &str, pos: usize) -> usize {
    let lo = floor_boundary(s, pos.saturating_sub(MAX_SENTENCE_BYTES));
    match s[lo..pos].rfind(['。', '!', '?', '\n']) {
        Some(i) => lo + i + s[lo + i..].chars().next().map_or(1, char::len_utf8),
        None => lo,
    }
}

fn paragraph_start(s: &str, pos: usize) -> usize {
    let lo = floor_boundary(s, pos.saturating_sub(4 * MAX_SENTENCE_BYTES));
    match s[lo..pos].rfind('\n') {
        Some(i) => lo + i + 1,
        None => lo,
    }
}
