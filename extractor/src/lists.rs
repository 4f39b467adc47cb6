//! Enumerations: "翼城、乡宁、浮山分别增长49.8%、36.9%和27%", "地区生产总值和固定
//! 资产投资分别增长6.5%和12%". The n-th value belongs to the n-th item listed
//! before 分别, and only when the two lists have the same length.

use crate::metrics::floor_boundary;

/// Where a value sits in a 分别 list.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    /// Byte range of the item this value belongs to.
    pub item: (usize, usize),
    /// Byte range of all items (for the subject they share).
    pub items: (usize, usize),
    /// Byte offset of 分别.
    pub fenbie: usize,
    /// The verb after 分别 says the values are declines ("分别下降").
    pub negative: bool,
    /// Some item reads like a place name ("古塔区", "黑山县").
    pub place_like: bool,
}

const ITEM_SEPS: &[char] = &['、', '和', '与', '及', '同'];
/// Words that may stand between 分别 and the values, and between values.
const FILLER: &[&str] = &[
    "比上年",
    "同比",
    "较上年",
    "增长",
    "增速",
    "下降",
    "降低",
    "回落",
    "达到",
    "完成",
    "实现",
    "分别",
    "约",
    "为",
    "达",
    "是",
    "了",
    "至",
    "左右",
    "以上",
    "和",
    "及",
    "与",
    "、",
    ",",
    "亿美元",
    "万美元",
    "亿元",
    "万元",
    "亿",
    "万",
    "元",
    "个",
    "项",
    "%",
    "百分点",
    "个百分点",
];

/// Strips one filler word, number or separator off the front of `w`.
fn strip_one(w: &str) -> Option<&str> {
    let digits = w
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == '-')
        .last()
        .map(|(i, c)| i + c.len_utf8());
    if let Some(n) = digits {
        return Some(&w[n..]);
    }
    FILLER.iter().find_map(|f| w.strip_prefix(f))
}

fn starts_with_number(w: &str) -> bool {
    let w = w.strip_prefix(['-', '−']).unwrap_or(w);
    w.starts_with(|c: char| c.is_ascii_digit())
}

/// Counts the numbers in `w` if it is nothing but list material; `None` if
/// other words intervene.
fn count_values(w: &str) -> Option<usize> {
    let mut n = 0;
    let mut rest = w;
    while !rest.is_empty() {
        let before = rest;
        if starts_with_number(rest) {
            n += 1;
        }
        rest = strip_one(rest)?;
        if rest.len() == before.len() {
            return None;
        }
    }
    Some(n)
}

/// The list slot of the value starting at byte `start` (token end `end`), if any.
pub(crate) fn locate(s: &str, ss: usize, start: usize, end: usize) -> Option<Slot> {
    let sentence = &s[ss..start];
    let fb = ss + sentence.rfind("分别")?;
    let after_fb = fb + "分别".len();
    // "分别完成固定资产投资36.2亿元、28.5亿元": a verb and subject may stand
    // between 分别 and the first value.
    let first = s[after_fb..start]
        .find(|c: char| c.is_ascii_digit() || c == '-')
        .map_or(start, |i| after_fb + i);
    if s[after_fb..first].chars().count() > 16 {
        return None;
    }
    let index = count_values(&s[first..start])?;
    // The values after this one, to the end of the list.
    let hi = floor_boundary(s, end + 240);
    let tail_end = s[end..hi]
        .find(['。', ';', '\n', ',', '(', ':'])
        .map_or(hi, |i| end + i);
    let mut after = 0;
    let mut rest = &s[end..tail_end];
    while let Some(r) = strip_one(rest) {
        if starts_with_number(rest) {
            after += 1;
        }
        if r.len() == rest.len() {
            break;
        }
        rest = r;
    }
    let total = index + 1 + after;
    let (mut items_at, mut items) = items_before(s, ss, fb)?;
    if items.len() == 1 && total > 1 && items_at > ss {
        // "一季度、上半年、前三季度,全市地区生产总值分别增长…", "排名前三的城市分别为
        // 太原、长治、运城,地区生产总值分别为…": the items stand in the clause before.
        let (at, prev) = items_before(s, ss, items_at - 1)?;
        let prev_fb = s[at..items_at]
            .find("分别为")
            .map(|i| at + i + "分别为".len());
        let (at, prev) = match prev_fb {
            Some(f) => (f, split_items(s, f, items_at - 1)),
            None => (at, prev),
        };
        if prev.len() == total {
            items_at = at;
            items = prev;
        }
    }
    if items.len() != total || total < 2 {
        return None;
    }
    let verb = &s[after_fb..start];
    let negative = verb.contains("下降") || verb.contains("降低") || verb.contains("减少");
    let place_like = items
        .iter()
        .any(|&(a, b)| s[a..b].ends_with(['区', '县', '市', '旗', '镇', '乡']));
    Some(Slot {
        item: items[index],
        items: (items_at, fb),
        fenbie: fb,
        negative,
        place_like,
    })
}

/// The items listed before the 分别 at `fb`: the clause before it (a comma,
/// semicolon or colon ends it), split at 、和与及. A 分别 that opens its clause
/// ("…分别完成…亿元,分别增长…%") reuses the items of the 分别 before it.
fn items_before(s: &str, ss: usize, fb: usize) -> Option<(usize, Vec<(usize, usize)>)> {
    let is_ = s[ss..fb]
        .rfind([',', ';', ':', '。', '\n'])
        .map_or(ss, |i| ss + i + 1);
    if is_ == fb {
        let prev = ss + s[ss..is_].rfind("分别")?;
        return items_before(s, ss, prev);
    }
    Some((is_, split_items(s, is_, fb)))
}

fn split_items(s: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut at = from;
    let text = &s[from..to];
    for (i, c) in text.char_indices() {
        // "太和区", "和平区": 和 inside a name is not a separator.
        let in_name = c == '和'
            && (text[i + c.len_utf8()..].starts_with(['区', '县', '市', '平'])
                || text[..i].ends_with(['、', '和']));
        if ITEM_SEPS.contains(&c) && !in_name {
            items.push((at, from + i));
            at = from + i + c.len_utf8();
        }
    }
    items.push((at, to));
    items.retain(|(a, b)| b > a);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot_text(s: &str, value: &str) -> Option<String> {
        let start = s.find(value)?;
        let ss = 0;
        locate(s, ss, start, start + value.len()).map(|sl| s[sl.item.0..sl.item.1].to_string())
    }

    #[test]
    fn pairs_values_with_items() {
        let s = "上半年,翼城、乡宁、浮山、曲沃分别增长49.8%、36.9%、27%和26.1%。";
        assert_eq!(slot_text(s, "36.9%").as_deref(), Some("乡宁"));
        assert_eq!(slot_text(s, "26.1%").as_deref(), Some("曲沃"));
        let s = "全年地区生产总值和固定资产投资分别增长6.5%和12%,居全省前列。";
        assert_eq!(slot_text(s, "12%").as_deref(), Some("固定资产投资"));
    }

    #[test]
    fn a_second_list_reuses_the_items_of_the_first() {
        let s = "2023年,铁西区、铁东区分别完成固定资产投资36.2亿元、28.5亿元,分别增长11.3%、9.7%。";
        assert_eq!(slot_text(s, "28.5亿元").as_deref(), Some("铁东区"));
        assert_eq!(slot_text(s, "9.7%").as_deref(), Some("铁东区"));
        let s = "增速分别为6.3%、-1.2%";
        assert!(slot_text(s, "1.2%").is_none());
        let s = "鲅鱼圈区、老边区增速分别为6.3%、-1.2%。";
        assert_eq!(slot_text(s, "1.2%").as_deref(), Some("老边区增速"));
    }

    #[test]
    fn lengths_must_agree() {
        assert!(slot_text("城镇和农村居民收入分别增长8.5%。", "8.5%").is_none());
    }
}
