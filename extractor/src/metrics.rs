//! Which metric a number token measures, decided from the words of its clause.
//!
//! The rule is "nearest subject wins": the last indicator word before the number
//! in its clause (地区生产总值, 固定资产投资, 到位资金 … but also the distractors
//! 工业增加值, 财政收入, 占, 比重 …) says what the number is about. A growth clause
//! with no subject of its own ("…160.53亿元,同比增长38.47%") inherits the subject
//! of the clause before it. Anything that does not fit a catalogue key is dropped.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::bounds::last_chars;
use crate::numbers::{Kind, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subj {
    Gdp,
    Fai,
    Funds,
    Trade,
    Fdi,
    ProjInv,
    /// A different indicator (a sub-sector, revenue, consumption …).
    Other,
    /// A share, ratio or rank: never a growth rate.
    Share,
}

const SUBJECTS: &[(&str, Subj)] = &[
    ("地区生产总值", Subj::Gdp),
    ("生产总值", Subj::Gdp),
    ("GDP", Subj::Gdp),
    ("gdp", Subj::Gdp),
    ("经济总量", Subj::Gdp),
    ("经济增速", Subj::Gdp),
    ("经济增幅", Subj::Gdp),
    ("固定资产投资", Subj::Fai),
    ("固投", Subj::Fai),
    ("到位资金", Subj::Funds),
    ("实际到位", Subj::Funds),
    ("资金到位", Subj::Funds),
    ("到位内资", Subj::Funds),
    ("到位外资", Subj::Other),
    ("进出口总额", Subj::Trade),
    ("进出口总值", Subj::Trade),
    ("进出口", Subj::Trade),
    ("实际利用外资", Subj::Fdi),
    ("利用外资", Subj::Fdi),
    ("使用外资", Subj::Fdi),
    ("外商直接投资", Subj::Fdi),
    ("总投资", Subj::ProjInv),
    ("投资总额", Subj::ProjInv),
    ("总投资额", Subj::ProjInv),
    ("引资额", Subj::ProjInv),
    ("计划总投资", Subj::ProjInv),
    ("增加值", Subj::Other),
    ("工业", Subj::Other),
    ("产值", Subj::Other),
    ("收入", Subj::Other),
    ("零售总额", Subj::Other),
    ("消费品", Subj::Other),
    ("税收", Subj::Other),
    ("财政", Subj::Other),
    ("出口", Subj::Other),
    ("进口", Subj::Other),
    ("利润", Subj::Other),
    ("用电量", Subj::Other),
    ("贷款", Subj::Other),
    ("存款", Subj::Other),
    ("人均", Subj::Other),
    ("居民", Subj::Other),
    ("就业", Subj::Other),
    ("投资", Subj::Other),
    ("民间投资", Subj::Other),
    ("工业投资", Subj::Other),
    ("技改投资", Subj::Other),
    ("开发投资", Subj::Other),
    ("项目投资", Subj::Other),
    ("房地产", Subj::Other),
    ("营收", Subj::Other),
    ("销售", Subj::Other),
    ("交易额", Subj::Other),
    ("产量", Subj::Other),
    ("游客", Subj::Other),
    ("年均", Subj::Other),
    ("百分点", Subj::Other),
    ("市场主体", Subj::Other),
    ("一产业", Subj::Other),
    ("二产业", Subj::Other),
    ("三产业", Subj::Other),
    ("二产", Subj::Other),
    ("三产", Subj::Other),
    ("占", Subj::Share),
    ("比重", Subj::Share),
    ("占比", Subj::Share),
    ("完成率", Subj::Share),
    ("贡献率", Subj::Share),
    ("入驻率", Subj::Share),
    ("发生率", Subj::Share),
    ("覆盖率", Subj::Share),
    ("利用率", Subj::Share),
    ("接通率", Subj::Share),
    ("满意度", Subj::Share),
    ("排名", Subj::Share),
    ("位居", Subj::Share),
    ("全年计划", Subj::Share),
];

/// Sub-sectors written right before 固定资产投资 / 地区生产总值.
const SUBSECTOR_PREFIXES: &[&str] = &[
    "单位",
    "工业",
    "民间",
    "民营",
    "制造业",
    "基础设施",
    "技改",
    "农业",
    "房地产",
    "产业",
    "交通",
    "国有",
    "人均",
    "第一产业",
    "第二产业",
    "第三产业",
    "服务业",
    "外商",
    "占",
];

const GROWTH_WORDS: &[(&str, bool)] = &[
    ("增长", false),
    ("增速", false),
    ("增幅", false),
    ("下降", true),
    ("降低", true),
    ("减少", true),
    // "增速回落至4.5%": the rate it fell to.
    ("回落至", false),
    ("回落到", false),
];

fn subject_ac() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(SUBJECTS.iter().map(|p| p.0))
            .expect("static patterns")
    })
}

/// Last subject word in `window`: (start, end, kind), offsets relative to window.
fn last_subject(window: &str) -> Option<(usize, usize, Subj)> {
    subject_ac()
        .find_iter(window)
        .last()
        .map(|m| (m.start(), m.end(), SUBJECTS[m.pattern().as_usize()].1))
}

pub(crate) const CLAUSE_DELIMS: &[char] =
    &[',', ';', ':', '、', '。', '!', '?', '\n', '(', ')', '，'];
const MAX_CLAUSE_BYTES: usize = 240;

/// Start of the clause that contains byte `pos`.
pub(crate) fn clause_start(s: &str, pos: usize) -> usize {
    let lo = floor_boundary(s, pos.saturating_sub(MAX_CLAUSE_BYTES));
    match s[lo..pos].rfind(CLAUSE_DELIMS) {
        Some(i) => lo + i + s[lo + i..].chars().next().map_or(1, char::len_utf8),
        None => lo,
    }
}

/// End of the clause that contains byte `pos`.
pub(crate) fn clause_end(s: &str, pos: usize) -> usize {
    let hi = floor_boundary(s, (pos + MAX_CLAUSE_BYTES).min(s.len()));
    match s[pos..hi].find(CLAUSE_DELIMS) {
        Some(i) => pos + i,
        None => hi,
    }
}

pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A token recognised as a catalogue metric.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub metric: &'static str,
    pub value: f64,
    /// Quote span (bytes, normalised text).
    pub q_start: usize,
    pub q_end: usize,
    /// Where the descriptive label starts (the label runs to the number).
    pub label: String,
    /// The clause the number sits in.
    pub clause: (usize, usize),
    /// The subject was inherited from the previous clause.
    pub inherited: bool,
}

fn strip_fillers_end(mut w: &str) -> &str {
    const FILLERS: &[&str] = &[
        "分别为",
        "分别",
        "完成",
        "实现",
        "达到",
        "累计",
        "共计",
        "合计",
        "总数",
        "个数",
        "数量",
        "数",
        "为",
        "达",
        "共",
        "有",
        "约",
        "近",
        "超过",
        "超",
        "逾",
        "突破",
        "同比",
        "了",
    ];
    loop {
        let before = w;
        for f in FILLERS {
            if let Some(x) = w.strip_suffix(f) {
                w = x;
            }
        }
        if w == before {
            return w;
        }
    }
}

/// Label text: the words between the last time/place expression (or clause
/// start) and the number, capped so it stays short.
fn short_label(s: &str, from: usize, to: usize) -> String {
    let raw = strip_fillers_end(&s[from..to]);
    let trimmed =
        raw.trim_matches(|c: char| CLAUSE_DELIMS.contains(&c) || c == ' ' || c == '“' || c == '”');
    last_chars(trimmed, 20).to_string()
}

/// Classifies `tok`. `label_floor` is the byte after the last time or place
/// expression before the number in its clause (labels start there).
pub(crate) fn classify(s: &str, tok: &Token, label_floor: usize) -> Option<Candidate> {
    let cs = clause_start(s, tok.start);
    let ce = clause_end(s, tok.end);
    let window = &s[cs..tok.start];
    if window.contains("分别") {
        // Lists are paired by `classify_listed`; a 分别 it could not pair is not guessed.
        return None;
    }
    let lf = label_floor.clamp(cs, tok.start);
    match tok.kind {
        Kind::Count => classify_count(s, tok, cs, ce, lf),
        Kind::Percent => classify_percent(s, tok, cs, ce, lf),
        Kind::Cny | Kind::Usd => classify_money(s, tok, cs, ce, lf),
    }
}

/// Whether `w` names an indicator of its own.
pub(crate) fn names_subject(w: &str) -> bool {
    last_subject(w).is_some()
}

/// Classifies the value in a 分别 list: the item's own subject ("…和固定资产投资
/// 分别增长…"), else the one the items share or the paragraph set ("各县GDP增速…
/// 翼城、乡宁分别增长…").
pub(crate) fn classify_listed(
    s: &str,
    tok: &Token,
    slot: &crate::lists::Slot,
    para_start: usize,
) -> Option<Candidate> {
    let item = &s[slot.item.0..slot.item.1];
    if tok.kind == Kind::Count {
        // "新开工和续建项目分别为86个和42个", "签约项目和到位资金分别为32个和45.6亿元".
        let listed = &s[slot.items.0..slot.fenbie];
        if !(item.contains("项目") || listed.ends_with("项目")) {
            return None;
        }
        return Some(Candidate {
            metric: "project_count",
            value: tok.value,
            q_start: slot.item.0,
            q_end: tok.end,
            label: short_label(s, slot.item.0, slot.item.1),
            clause: (slot.items.0, clause_end(s, tok.end)),
            inherited: false,
        });
    }
    let (subj, subj_start) = match last_subject(item) {
        Some((a, _, k)) => (k, slot.item.0 + a),
        // "一、二、三产业分别增长…": the items are sectors, not places.
        None if last_subject(&s[slot.items.0..slot.fenbie])
            .is_some_and(|x| matches!(x.2, Subj::Other | Subj::Share)) =>
        {
            return None
        }
        None => {
            // The subject may follow 分别 ("分别完成固定资产投资…") or precede the items.
            let verb_end = s[slot.fenbie..tok.start]
                .find(|c: char| c.is_ascii_digit())
                .map_or(tok.start, |i| slot.fenbie + i);
            match last_subject(&s[slot.fenbie..verb_end]) {
                Some((a, _, k)) => (k, slot.fenbie + a),
                None => {
                    let from = para_start.min(slot.items.0);
                    let (a, _, k) = last_subject(&s[from..slot.fenbie])?;
                    (k, from + a)
                }
            }
        }
    };
    if has_subsector_prefix(s, subj_start) {
        return None;
    }
    let verb = &s[slot.fenbie..tok.start];
    let growth = GROWTH_WORDS.iter().any(|(g, _)| verb.contains(g))
        || ["增速", "增幅", "增长"]
            .iter()
            .any(|g| s[subj_start.min(slot.fenbie)..slot.fenbie].contains(g));
    let metric = match (tok.kind, subj) {
        (Kind::Percent, Subj::Gdp) if growth => "gdp_growth_pct",
        (Kind::Percent, Subj::Fai) if growth => "fixed_asset_investment_growth_pct",
        (Kind::Percent, Subj::Funds) if growth => "funds_in_place_growth_pct",
        (Kind::Percent, Subj::Trade) if growth => "trade_growth_pct",
        (Kind::Cny, Subj::Gdp) if !growth => "gdp_total_yi",
        (Kind::Cny, Subj::Fai) if !growth => "fixed_asset_investment_yi",
        (Kind::Cny, Subj::Funds) if !growth => "funds_in_place_yi",
        (Kind::Cny, Subj::ProjInv) if !growth => "project_investment_yi",
        (Kind::Usd, Subj::Fdi) if !growth => "foreign_capital_10k_usd",
        _ => return None,
    };
    let minus = s[..tok.start].ends_with(['-', '−']);
    let value = if (slot.negative ^ minus) && tok.kind == Kind::Percent {
        -tok.value
    } else {
        tok.value
    };
    let q_start = if tok.end - slot.item.0 <= 110 {
        slot.item.0
    } else {
        slot.fenbie
    };
    Some(Candidate {
        metric,
        value,
        q_start,
        q_end: tok.end,
        label: short_label(s, slot.item.0, slot.item.1),
        clause: (slot.items.0, clause_end(s, tok.end)),
        inherited: false,
    })
}

fn classify_count(s: &str, tok: &Token, cs: usize, ce: usize, lf: usize) -> Option<Candidate> {
    let window = strip_fillers_end(&s[cs..tok.start]);
    // "各市新建项目集中开工:沈阳市200个、大连市186个": one entry of a list.
    if list_entry(s, window, cs, tok) {
        // The list's heading may be the sentence before ("…1141个新建项目集中开工。
        // 其中,沈阳市200个、…"), within the paragraph.
        let from = floor_boundary(s, cs.saturating_sub(360));
        let from = s[from..cs].rfind('\n').map_or(from, |i| from + i);
        if s[from..cs].contains("项目") && !s[from..cs].contains("项目的") {
            return Some(Candidate {
                metric: "project_count",
                value: tok.value,
                q_start: cs,
                q_end: tok.end,
                label: "项目".to_string(),
                clause: (cs, ce),
                inherited: true,
            });
        }
    }
    const PROJECT_VERBS: &[&str] = &[
        "",
        "开工",
        "开复工",
        "复工",
        "新开工",
        "签约",
        "落地",
        "竣工",
        "投产",
        "在建",
        "建成",
        "开工建设",
    ];
    if PROJECT_VERBS
        .iter()
        .any(|v| window.strip_suffix(v).is_some_and(|w| w.ends_with("项目")))
    {
        return Some(Candidate {
            metric: "project_count",
            value: tok.value,
            q_start: lf,
            q_end: tok.end,
            label: short_label(s, lf, tok.start),
            clause: (cs, ce),
            inherited: false,
        });
    }
    // "138个项目集中开工", "49个市级亿元以上项目"
    let right = &s[tok.end..ce];
    let right = &right[..floor_boundary(right, 42)];
    if let Some(i) = right.find("项目") {
        let gap = &right[..i];
        if gap.bytes().any(|b| b.is_ascii_digit()) || gap.contains(['个', '家', '名', '的']) {
            return None;
        }
        let pend = tok.end + i + "项目".len();
        let rest = &s[pend..ce];
        let verb = [
            "集中开工",
            "开复工",
            "新开工",
            "开工",
            "复工",
            "签约",
            "落地",
            "竣工",
            "投产",
            "在建",
            "续建",
        ]
        .iter()
        .find(|v| rest.starts_with(*v))
        .map_or("", |v| v);
        let label = format!("{}{}", &s[tok.end..pend], verb);
        return Some(Candidate {
            metric: "project_count",
            value: tok.value,
            q_start: tok.start,
            q_end: pend + verb.len(),
            label: last_chars(&label, 20).to_string(),
            clause: (cs, ce),
            inherited: false,
        });
    }
    None
}

fn growth_after(gap: &str) -> Option<(usize, bool)> {
    GROWTH_WORDS
        .iter()
        .filter_map(|(w, neg)| gap.rfind(w).map(|i| (i + w.len(), *neg)))
        .max_by_key(|x| x.0)
}

fn has_subsector_prefix(s: &str, subj_start: usize) -> bool {
    let before = last_chars(&s[..subj_start], 4);
    // "人均国内生产总值", "万元地区生产总值能耗": per-head and per-unit ratios.
    let word = before.rsplit(CLAUSE_DELIMS).next().unwrap_or(before);
    SUBSECTOR_PREFIXES.iter().any(|p| before.ends_with(p))
        || ["人均", "单位"].iter().any(|p| word.contains(p))
        || word.ends_with("万元")
}

fn classify_percent(s: &str, tok: &Token, cs: usize, ce: usize, lf: usize) -> Option<Candidate> {
    let window = &s[cs..tok.start];
    let (subj, inherited, subj_abs) = match last_subject(window) {
        Some((a, b, k)) => ((a + cs, b + cs), false, k),
        None => {
            // "…160.53亿元,同比增长38.47%": the clause is only a growth rate.
            // "按可比价格计算同比增长7.5%": the pricing basis may open it.
            let mut w = window;
            for basis in [
                "按可比价格计算",
                "按可比价计算",
                "按不变价格计算",
                "按不变价计算",
                "按现价计算",
                "按可比口径计算",
            ] {
                w = w.trim_start_matches(basis);
            }
            let w = w
                .trim_start_matches("同比")
                .trim_start_matches("比上年")
                .trim_start_matches("较上年");
            // A short place or scope word may precede it ("四平增长5.3%",
            // "伊通满族自治县增长4.9%").
            let head = &w[..floor_boundary(w, 24 + 6)];
            let starts_growth = GROWTH_WORDS
                .iter()
                .any(|(g, _)| head.find(g).is_some_and(|i| i <= 24));
            if !starts_growth {
                // "临汾市曾以7.6%的GDP增速位居…": the indicator after the rate.
                if let Some(c) = named_after(s, tok, cs, ce, RATES_NAMED_AFTER) {
                    return Some(c);
                }
                // "朔州市以6.8%位居全省第一", "铁东区增速最快,达到8.1%": a ranking
                // or a bare copula under a growth subject named just before.
                return ranked_growth(s, tok, cs, ce);
            }
            if cs == 0 {
                return None;
            }
            // Walk back over subject-less clauses ("…326.5亿元,按不变价格计算,
            // 同比增长4.1%") but not past the sentence.
            let mut end = cs;
            let mut found = None;
            for _ in 0..3 {
                let delim = s[..end].chars().next_back()?;
                if !matches!(delim, ',' | ';' | '、' | '，') {
                    return None;
                }
                let pe = end - delim.len_utf8();
                let pcs = clause_start(s, pe);
                // Rank words of a clause before ("GDP增速排名中") do not end the walk.
                let subject = subject_ac()
                    .find_iter(&s[pcs..pe])
                    .map(|m| (m.start(), m.end(), SUBJECTS[m.pattern().as_usize()].1))
                    .filter(|x| x.2 != Subj::Share)
                    .last();
                if let Some((a, b, k)) = subject {
                    found = Some(((a + pcs, b + pcs), true, k));
                    break;
                }
                if pcs == 0 || pcs >= pe {
                    return None;
                }
                end = pcs;
            }
            found?
        }
    };
    let metric = match subj_abs {
        Subj::Gdp => "gdp_growth_pct",
        Subj::Fai => "fixed_asset_investment_growth_pct",
        Subj::Funds => "funds_in_place_growth_pct",
        Subj::Trade => "trade_growth_pct",
        _ => return None,
    };
    if has_subsector_prefix(s, subj.0) {
        return None;
    }
    // The growth word must sit between subject (or clause start) and number, and
    // the number must follow it closely ("增长了5.3%", "增速为5.3%").
    let gap_from = if inherited { cs } else { subj.1 };
    let gap = &s[gap_from..tok.start];
    // "经济增速为4.8%": the subject itself says growth.
    let (g_end, negative) = match growth_after(gap) {
        Some(g) => g,
        None if s[subj.0..subj.1].ends_with("增速") || s[subj.0..subj.1].ends_with("增幅") => {
            (0, false)
        }
        None => return None,
    };
    // "两年平均增长5.9%", "年均增长": an average over years, not the year's growth;
    // "…生产总值综合能耗下降6.6%": another quantity measured against the subject.
    if gap.contains("平均")
        || ["能耗", "排放", "电耗", "水耗", "用水", "占比", "比重"]
            .iter()
            .any(|w| gap[..g_end].contains(w))
    {
        return None;
    }
    let tail = &gap[g_end..];
    // "增长的预期目标设定为6%": a goal's wording may stand between.
    let goal = tail.contains("目标") && tail.chars().count() <= 12;
    if (tail.chars().count() > 5 && !goal) || tail.contains(['占', '第']) {
        return None;
    }
    let neg_sign = tail.ends_with('-') || tail.ends_with('−');
    let value = if negative ^ neg_sign {
        -tok.value
    } else {
        tok.value
    };
    let q_start = if inherited { cs } else { lf.min(subj.0) };
    let label_from = if inherited { subj.0 } else { lf.min(subj.0) };
    let mut label = short_label(s, label_from, subj.1);
    label.push_str("增长");
    Some(Candidate {
        metric,
        value,
        q_start,
        q_end: tok.end,
        label,
        clause: (cs, ce),
        inherited,
    })
}

fn classify_money(s: &str, tok: &Token, cs: usize, ce: usize, lf: usize) -> Option<Candidate> {
    let window = &s[cs..tok.start];
    let Some((a, b, k)) = last_subject(window) else {
        return inherited_money(s, tok, cs, ce);
    };
    let (sa, sb) = (a + cs, b + cs);
    if let Some(c) = project_investment(s, tok, cs, ce, sa, sb) {
        return Some(c);
    }
    let full_gap = &s[sb..tok.start];
    // "地区生产总值由1090亿元增加到1909亿元", "从2019年的1452.6亿元跃升至…":
    // both ends of a from-to are levels of the subject.
    let gap = from_to_gap(full_gap).unwrap_or(full_gap);
    let gap_chars = gap.chars().count();
    let metric = match (tok.kind, k) {
        (Kind::Cny, Subj::ProjInv) if gap_chars <= 3 => "project_investment_yi",
        (Kind::Cny, Subj::Gdp) if gap_chars <= 6 => "gdp_total_yi",
        (Kind::Cny, Subj::Fai) if gap_chars <= 6 => "fixed_asset_investment_yi",
        (Kind::Cny, Subj::Funds) if gap_chars <= 6 => "funds_in_place_yi",
        (Kind::Usd, Subj::Fdi) if gap_chars <= 6 => "foreign_capital_10k_usd",
        _ => return None,
    };
    // An increment ("增加120亿元") or a ratio is not a level.
    if gap.contains(['增', '占', '比', '减']) || gap.contains("下降") {
        return None;
    }
    if metric != "project_investment_yi" && has_subsector_prefix(s, sa) {
        return None;
    }
    let q_start = lf.min(sa);
    Some(Candidate {
        metric,
        value: tok.value,
        q_start,
        q_end: tok.end,
        label: short_label(s, q_start, tok.start),
        clause: (cs, ce),
        inherited: false,
    })
}

/// One entry of a list of places and values ("…增速:朝阳24%、营口22.5%、铁岭
/// 20.1%"): a short name, and a list mark on one side.
pub(crate) fn list_entry(s: &str, w: &str, cs: usize, tok: &Token) -> bool {
    let n = w.chars().count();
    let name_like = n <= 4 || w.ends_with(['区', '县', '市', '旗', '州', '盟']);
    (1..=7).contains(&n)
        && name_like
        && !w
            .chars()
            .any(|c| c.is_ascii_digit() || CLAUSE_DELIMS.contains(&c))
        && last_subject(w).is_none()
        && ![
            "项目", "投资", "其中", "分别", "增", "降", "比", "合计", "共", "达", "为", "约", "超",
        ]
        .iter()
        .any(|x| w.contains(x))
        && !w.starts_with(['全', '我', '本', '该'])
        && (s[..cs].ends_with(['、', ':']) || s[tok.end..].starts_with('、'))
}

/// A growth rate in a ranking line or a bare copula clause takes the growth
/// subject of the passage just before it (skipping rank words).
fn ranked_growth(s: &str, tok: &Token, cs: usize, ce: usize) -> Option<Candidate> {
    let w = &s[cs..tok.start];
    let after = &s[tok.end..ce];
    let ranking = w.ends_with('以')
        && ["位居", "排名", "居", "位列", "列"]
            .iter()
            .any(|v| after.starts_with(v));
    let copula = !w.is_empty() && strip_fillers_end(w).is_empty();
    let entry = list_entry(s, w, cs, tok);
    if !ranking && !copula && !entry {
        return None;
    }
    // A list's subject may stand in the sentence before ("生产总值…增长14%。高于
    // 全省平均增速的有:朝阳24%、…"); other lines only within their sentence.
    let reach = if entry { 360 } else { 240 };
    let from = floor_boundary(s, cs.saturating_sub(reach));
    let stops: &[char] = if entry { &['\n'] } else { &['。', '\n'] };
    let from = s[from..cs].rfind(stops).map_or(from, |i| from + i);
    let look = &s[from..cs];
    let (k, at) = subject_ac()
        .find_iter(look)
        .map(|m| (SUBJECTS[m.pattern().as_usize()].1, from + m.start()))
        .filter(|(k, _)| *k != Subj::Share)
        .last()?;
    // The passage must speak of growth after its subject ("GDP增速排名", "增速最快").
    if !["增速", "增长", "增幅"]
        .iter()
        .any(|g| s[at..cs].contains(g))
    {
        return None;
    }
    let metric = match k {
        Subj::Gdp => "gdp_growth_pct",
        Subj::Fai => "fixed_asset_investment_growth_pct",
        _ => return None,
    };
    if has_subsector_prefix(s, at) {
        return None;
    }
    Some(Candidate {
        metric,
        value: tok.value,
        q_start: cs,
        q_end: tok.end,
        label: "增长".to_string(),
        clause: (cs, ce),
        inherited: true,
    })
}

/// The part of a subject-to-number gap that still qualifies the number once a
/// from-to frame is taken out: "由" / "从2019年的" before the first value, and
/// "由1090亿元增加到" before the second. `None` when the gap is no such frame.
fn from_to_gap(gap: &str) -> Option<&str> {
    let open = gap.find(['由', '从'])?;
    let rest = &gap[open + 3..];
    // First value: only a year and 的 may stand between 由/从 and the number.
    let first = rest
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '年' | '的' | '底' | '末'));
    if first.is_empty() {
        return Some(&gap[..open]);
    }
    // Second value: the first amount, then a verb of change ending in 到/至.
    let unit = rest.find("亿元").or_else(|| rest.find("万元"))?;
    let verb = &rest[unit + 6..];
    let verbs = [
        "增加到",
        "增长到",
        "提高到",
        "提升到",
        "扩大到",
        "跃升至",
        "增至",
        "增加至",
        "提高至",
        "提升至",
        "达到",
        "预计增至",
    ];
    verbs
        .iter()
        .any(|v| verb.ends_with(v) && verb.len() <= v.len() + 12)
        .then_some(&gap[..open])
}

/// "投资25亿元的吉美本草项目" (one named project) and "储备项目58个,投资253亿元" (the
/// total of a counted batch) use plain 投资 for a project's total investment; an
/// amount invested in a period ("完成投资", "累计投资") is not one.
fn project_investment(
    s: &str,
    tok: &Token,
    cs: usize,
    ce: usize,
    sa: usize,
    sb: usize,
) -> Option<Candidate> {
    if &s[sa..sb] != "投资" || tok.kind != Kind::Cny {
        return None;
    }
    let gap = &s[sb..tok.start];
    if gap.chars().count() > 2 || !strip_fillers_end(gap).is_empty() {
        return None;
    }
    let before = last_chars(&s[cs..sa], 4);
    if [
        "完成", "累计", "当年", "年度", "计划", "共", "新增", "拉动", "带动", "引导", "吸引",
    ]
    .iter()
    .any(|w| before.ends_with(w))
        && !before.ends_with("项目计划")
    {
        return None;
    }
    let after = &s[tok.end..ce];
    let named = after.starts_with('的') && {
        let name = &after[..floor_boundary(after, 120)];
        // "投资50亿元的北方重工装备制造、…等项目": the sentence names them projects.
        let hi = floor_boundary(s, tok.end + 600);
        let sentence = &s[tok.end..s[tok.end..hi].find('。').map_or(hi, |i| tok.end + i)];
        name.contains("项目") || name.contains("工程") || sentence.contains("项目")
    };
    // "实施梨树县肉牛屠宰加工项目,投资2.09亿元": the project named just before.
    let batch = !named && cs > 0 && {
        let pe = cs - s[..cs].chars().next_back().map_or(1, char::len_utf8);
        let prev = &s[clause_start(s, pe)..pe];
        prev.contains("项目")
            && (prev.ends_with('个')
                || prev.ends_with('项')
                || prev.ends_with("项目")
                || prev.ends_with("工程"))
    };
    // "一期项目计划投资151亿元".
    let own = s[cs..sa].contains("项目");
    if !named && !batch && !own {
        return None;
    }
    Some(Candidate {
        metric: "project_investment_yi",
        value: tok.value,
        q_start: sa,
        q_end: tok.end,
        label: "项目总投资".to_string(),
        clause: (cs, ce),
        inherited: false,
    })
}

/// Indicators written after the value they qualify ("7.6%的GDP增速").
const RATES_NAMED_AFTER: &[(&str, &str)] = &[
    ("的GDP增速", "gdp_growth_pct"),
    ("的地区生产总值增速", "gdp_growth_pct"),
    ("的经济增速", "gdp_growth_pct"),
    ("的固定资产投资增速", "fixed_asset_investment_growth_pct"),
];
const AMOUNTS_NAMED_AFTER: &[(&str, &str)] = &[
    ("的GDP", "gdp_total_yi"),
    ("的地区生产总值", "gdp_total_yi"),
    ("的经济总量", "gdp_total_yi"),
];

/// The value when its clause names the indicator right after it.
fn named_after(
    s: &str,
    tok: &Token,
    cs: usize,
    ce: usize,
    words: &[(&str, &'static str)],
) -> Option<Candidate> {
    let after = &s[tok.end..ce];
    let &(w, metric) = words.iter().find(|(w, _)| after.starts_with(w))?;
    Some(Candidate {
        metric,
        value: tok.value,
        q_start: cs,
        q_end: tok.end + w.len(),
        label: w.trim_start_matches('的').to_string(),
        clause: (cs, ce),
        inherited: false,
    })
}

/// An amount whose clause names no indicator takes the one just before it:
/// "梨树县GDP总量最高,为172.08亿元" (a bare copula clause), and ranking lines
/// under a heading, "太原市以5573.74亿元位居全省第一".
fn inherited_money(s: &str, tok: &Token, cs: usize, ce: usize) -> Option<Candidate> {
    if tok.kind != Kind::Cny {
        return None;
    }
    let w = &s[cs..tok.start];
    let after = &s[tok.end..ce];
    let ranking = w.ends_with('以')
        && ["位居", "排名", "居", "位列", "列"]
            .iter()
            .any(|v| after.starts_with(v));
    // "四平有着416.92亿元的GDP总量": the indicator after the amount.
    if let Some(c) = named_after(s, tok, cs, ce, AMOUNTS_NAMED_AFTER) {
        return Some(c);
    }
    let stripped = strip_fillers_end(w);
    let total_word = ["总量", "总额", "规模"].contains(&stripped);
    let copula = !w.is_empty() && (stripped.is_empty() || total_word);
    let subj = if ranking {
        let from = floor_boundary(s, cs.saturating_sub(600));
        subject_ac()
            .find_iter(&s[from..cs])
            .map(|m| (SUBJECTS[m.pattern().as_usize()].1, from + m.start()))
            .filter(|(k, _)| *k != Subj::Share)
            .last()
    } else if copula && cs > 0 {
        let pe = cs - s[..cs].chars().next_back()?.len_utf8();
        if !matches!(s[pe..].chars().next(), Some(',' | ';')) {
            return None;
        }
        let pcs = clause_start(s, pe);
        let prev = &s[pcs..pe];
        // "地区生产总值增长4%,达到1686亿元": a growth clause may precede the level.
        let growth_before = GROWTH_WORDS.iter().any(|(g, _)| prev.contains(g));
        if prev.contains('元') || prev.contains('%') && !total_word && !growth_before {
            return None;
        }
        last_subject(prev).map(|(a, _, k)| (k, pcs + a))
    } else {
        None
    }?;
    let metric = match subj.0 {
        Subj::Gdp => "gdp_total_yi",
        Subj::Fai => "fixed_asset_investment_yi",
        Subj::Funds => "funds_in_place_yi",
        _ => return None,
    };
    if has_subsector_prefix(s, subj.1) {
        return None;
    }
    Some(Candidate {
        metric,
        value: tok.value,
        q_start: if ranking {
            cs
        } else {
            subj.1.max(clause_start(s, subj.1))
        },
        q_end: tok.end,
        label: short_label(s, subj.1, subj.1 + 3),
        clause: (cs, ce),
        inherited: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::{token_at, Trigger};

    fn classify_last(s: &str, unit: &str, trig: Trigger) -> Option<(&'static str, f64)> {
        let at = s.rfind(unit)?;
        let tok = token_at(s, at, trig)?;
        classify(s, &tok, 0).map(|c| (c.metric, c.value))
    }

    #[test]
    fn growth_rates() {
        assert_eq!(
            classify_last("上半年全市GDP增长5.3%", "%", Trigger::Percent),
            Some(("gdp_growth_pct", 5.3))
        );
        assert_eq!(
            classify_last(
                "全市实现地区生产总值1234.5亿元,同比增长3.1%",
                "%",
                Trigger::Percent
            ),
            Some(("gdp_growth_pct", 3.1))
        );
        assert_eq!(
            classify_last("1-5月,全市固定资产投资同比下降2.5%", "%", Trigger::Percent),
            Some(("fixed_asset_investment_growth_pct", -2.5))
        );
        assert_eq!(
            classify_last("规模以上工业增加值增长8%", "%", Trigger::Percent),
            None
        );
        assert_eq!(
            classify_last("民营经济增加值占GDP的比重达45%", "%", Trigger::Percent),
            None
        );
        assert_eq!(
            classify_last("财政收入7.3亿元,增长16.1%", "%", Trigger::Percent),
            None
        );
        assert_eq!(
            classify_last("工业固定资产投资增长20%", "%", Trigger::Percent),
            None
        );
    }

    #[test]
    fn money_levels() {
        assert_eq!(
            classify_last("全市实现地区生产总值1234.5亿元", "元", Trigger::Yuan),
            Some(("gdp_total_yi", 1234.5))
        );
        assert_eq!(
            classify_last("总投资127亿元的金钢钢铁", "元", Trigger::Yuan),
            Some(("project_investment_yi", 127.0))
        );
        assert_eq!(classify_last("完成投资64.4亿元", "元", Trigger::Yuan), None);
        assert_eq!(
            classify_last("全市利用外资973万美元", "元", Trigger::Yuan),
            Some(("foreign_capital_10k_usd", 973.0))
        );
    }

    #[test]
    fn project_counts() {
        assert_eq!(
            classify_last("投资总额258亿元的138个项目集中开工", "个", Trigger::Ge),
            Some(("project_count", 138.0))
        );
        assert_eq!(
            classify_last("全年新开工亿元以上项目56个", "个", Trigger::Ge),
            Some(("project_count", 56.0))
        );
        assert_eq!(classify_last("成立了3个调研组", "个", Trigger::Ge), None);
        assert_eq!(classify_last("五个百亿级产业园区", "个", Trigger::Ge), None);
    }
}
