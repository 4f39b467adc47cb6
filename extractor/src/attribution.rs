//! Which place a text and its figures are about: partners and yardsticks that are
//! not, zones named after their city, entries of enumerations, project names, and
//! the city an article is mainly about.

use crate::bounds;
use crate::metrics::floor_boundary;
use crate::places::{Hit, Pat, PlaceKind};
use crate::{text, ArticleMeta, Gazetteer};

/// A place named as a destination or partner ("赴北京招商", "与长春合作").
pub(crate) fn relational(s: &str, h: &Hit) -> bool {
    let before = bounds::last_chars(&s[..h.start], 2);
    let after = &s[h.end..];
    const BEFORE: &[&str] = &[
        "赴", "到", "去", "往", "与", "同", "和", "向", "鉴", "习", "标", "自", "比", "较", "于",
        "对接", "联系", "携手", "及", "、",
    ];
    if matches!(
        kind_of(h),
        PlaceKind::Target { .. } | PlaceKind::CityRef | PlaceKind::CountyRef
    ) {
        return false;
    }
    BEFORE.iter().any(|w| before.ends_with(w))
        || after.starts_with("等地")
        || after.starts_with("籍")
        || after.starts_with("客商")
}

pub(crate) fn kind_of(h: &Hit) -> PlaceKind {
    match h.pat {
        Pat::Place(k) => k,
        _ => PlaceKind::National,
    }
}

/// Words that end a zone's name.
pub(crate) const ZONE_SUFFIXES: &[&str] = &[
    "经济技术开发区",
    "经济开发区",
    "高新技术产业开发区",
    "开发区",
    "高新区",
    "产业基地",
    "产业园区",
    "工业园区",
    "产业园",
    "工业园",
    "新区",
    "自贸区",
    "片区",
    "示范区",
    "综合保税区",
    "保税区",
];

/// City hits that begin a zone's name ("营口沿海产业基地", "辽宁(营口)沿海产业
/// 基地"): the zone's name, keyed by the hit's start.
pub(crate) fn zones(s: &str, gaz: &Gazetteer, places: &[Hit]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for h in places {
        let PlaceKind::Target { city, sub: None } = kind_of(h) else {
            continue;
        };
        let after = &s[h.end..floor_boundary(s, h.end + 30)];
        let after = after.strip_prefix([')', '市']).unwrap_or(after);
        let stop = after
            .find(|c: char| matches!(c, ',' | '。' | ';' | ':' | '、' | '\n') || c.is_ascii_digit())
            .unwrap_or(after.len());
        let head = &after[..stop];
        if let Some((i, suf)) = ZONE_SUFFIXES
            .iter()
            .filter_map(|suf| head.find(suf).map(|i| (i, suf)))
            .min_by_key(|x| x.0)
        {
            if head[..i].chars().count() <= 6 {
                let name = format!(
                    "{}{}",
                    gaz.cities[city as usize].name_zh,
                    &head[..i + suf.len()]
                );
                out.push((h.start, name));
            }
        }
    }
    out
}

/// A place named in an enumeration ("…、晋中70.5%") rather than as a partner.
pub(crate) fn listed(s: &str, h: &Hit) -> bool {
    s[..h.start].ends_with('、')
}

/// One entry of an enumeration ("晋城78.3%、…、临汾52%"): it speaks for its own
/// entry, not for the sentences after it.
pub(crate) fn enumerated(s: &str, h: &Hit) -> bool {
    if listed(s, h) {
        return true;
    }
    let after = &s[h.end..floor_boundary(s, h.end + 12)];
    let entry_end = after
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '%')))
        .unwrap_or(after.len());
    after[entry_end..].starts_with('、')
}

/// "总投资15亿元的中国海装…项目": the project's name after the figure.
pub(crate) fn project_name(s: &str, from: usize, clause_end: usize) -> Option<String> {
    let rest = &s[from..clause_end];
    let rest = rest.strip_prefix("的")?;
    let name = match rest.find("项目") {
        Some(i) => &rest[..i + "项目".len()],
        None => rest.split("等").next().unwrap_or(rest),
    };
    let name = bounds::last_chars(name, 40);
    (!name.is_empty()).then(|| name.to_string())
}

/// The city an article is about: the caller's hint when the text does not
/// contradict it, else the target city named in the title, else the target city
/// the text names most (if it clearly dominates the other places named).
pub(crate) fn main_city(
    s: &str,
    meta: &ArticleMeta,
    gaz: &Gazetteer,
    places: &[Hit],
) -> Option<u16> {
    let mut counts = vec![0usize; gaz.cities.len()];
    let mut foreign: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut province_refs = 0usize;
    for h in places {
        match kind_of(h) {
            // A city that appears only as one entry of a list of cities is not
            // what the text is about.
            PlaceKind::Target { city, .. } if !enumerated(s, h) => counts[city as usize] += 1,
            PlaceKind::Province if &s[h.start..h.end] == "全省" => province_refs += 1,
            // Places in a list ("晋城78.3%、晋中70.5%、临汾52%") all count.
            PlaceKind::Foreign if !relational(s, h) || listed(s, h) => {
                *foreign.entry(&s[h.start..h.end]).or_default() += 1
            }
            _ => {}
        }
    }
    let max_foreign = foreign.values().copied().max().unwrap_or(0);
    if let Some(hint) = meta.city_hint.as_deref().and_then(|k| gaz.city_index(k)) {
        // A city paper's article may never name its own city ("全市…"); only an
        // article plainly about somewhere else overrides the hint.
        // A province's text that lists its cities keeps its own figures.
        let provincial = province_refs > 0 && foreign.len() >= 3;
        if counts[hint as usize] > 0 || max_foreign < 3 && !provincial {
            return Some(hint);
        }
    }
    if let Some(title) = meta.title.as_deref() {
        let t = text::normalize(title);
        for h in gaz.scan(&t.s) {
            match h.pat {
                Pat::Place(PlaceKind::Target { city, .. }) => return Some(city),
                Pat::Place(PlaceKind::Foreign) => break,
                _ => {}
            }
        }
    }
    let (best, &n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    (n >= 2 && n > max_foreign).then_some(best as u16)
}
