//! Whether a figure is exact, a floor, a ceiling, approximate, or a goal.

use serde::{Deserialize, Serialize};

use crate::numbers::Token;

#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    AtLeast,
    AtMost,
    About,
    Target,
}

impl Bound {
    /// The CSV spelling: exact is the empty string.
    pub fn as_str(&self) -> &'static str {
        match self {
            Bound::Exact => "",
            Bound::AtLeast => "at_least",
            Bound::AtMost => "at_most",
            Bound::About => "about",
            Bound::Target => "target",
        }
    }
}

/// What follows the unit and qualifies the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Suffix {
    None,
    /// "以上"/"以下" used as a modifier ("1000万元以上项目"): the figure is a size
    /// threshold, not an amount.
    Threshold,
    Bound(Bound, usize),
}

const DELIMS: &[char] = &[
    ',', '。', '、', ';', ':', '!', '?', ')', '(', '\n', '”', '"', '，',
];

fn is_delim_or_end(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) => DELIMS.contains(&c) || rest.starts_with("的目标") || rest.starts_with("的增"),
    }
}

pub(crate) fn suffix(s: &str, tok: &Token) -> Suffix {
    let rest = &s[tok.end..];
    for (w, b) in [
        ("以上", Bound::AtLeast),
        ("以下", Bound::AtMost),
        ("以内", Bound::AtMost),
        ("之内", Bound::AtMost),
        ("左右", Bound::About),
        ("上下", Bound::About),
    ] {
        if let Some(r) = rest.strip_prefix(w) {
            if matches!(b, Bound::AtLeast | Bound::AtMost) && !is_delim_or_end(r) {
                return Suffix::Threshold;
            }
            return Suffix::Bound(b, w.len());
        }
    }
    Suffix::None
}

/// Bound words written before the numeral.
pub(crate) fn prefix(before: &str) -> Option<Bound> {
    const AT_MOST: &[&str] = &["不超过", "不足", "不到", "低于", "少于", "未超过"];
    const AT_LEAST: &[&str] = &["超过", "超", "逾", "突破", "高于", "多于", "以上"];
    const ABOUT: &[&str] = &["约", "大约", "近", "接近", "将近", "约为", "约达"];
    if AT_MOST.iter().any(|w| before.ends_with(w)) {
        return Some(Bound::AtMost);
    }
    if AT_LEAST.iter().any(|w| before.ends_with(w)) {
        return Some(Bound::AtLeast);
    }
    if ABOUT.iter().any(|w| before.ends_with(w)) {
        return Some(Bound::About);
    }
    None
}

/// Plan and goal vocabulary. A figure after one of these in its sentence is
/// something a government intends, not something it achieved.
const TARGET_MARKERS: &[&str] = &[
    "力争",
    "确保",
    "目标",
    "预计",
    "预期",
    "争取",
    "计划",
    "拟",
    "确定全年",
    "达产后",
    "投产后",
    "建成后",
    "满产后",
    "全部达产",
    "将达到",
    "将实现",
    "将完成",
    "将新开工",
    "将实施",
    "将突破",
    "要达到",
    "要实现",
    "奋斗目标",
];

/// Words that turn a nearby marker into part of an achievement ("完成全年目标").
const ACHIEVED_BEFORE: &[&str] = &[
    "完成",
    "实现",
    "超额完成",
    "围绕",
    "对标",
    "锚定",
    "紧扣",
    "朝着",
];

/// Finds a target marker in `window` (the sentence up to the figure). Returns the
/// marker when found.
pub(crate) fn target_marker(window: &str) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for &m in TARGET_MARKERS {
        let mut from = 0;
        while let Some(i) = window[from..].find(m) {
            let at = from + i;
            from = at + m.len();
            let after = &window[at + m.len()..];
            if m == "计划" && (after.starts_with("总投资") || after.starts_with("投资")) {
                continue;
            }
            if m == "目标" || m == "计划" {
                let before = &window[..at];
                let tail = last_chars(before, 10);
                if ACHIEVED_BEFORE.iter().any(|w| tail.contains(w)) {
                    continue;
                }
            }
            if best.is_none_or(|(b, _)| at > b) {
                best = Some((at, m));
            }
        }
    }
    best.map(|(_, m)| m)
}

/// The last `n` chars of `s`.
pub(crate) fn last_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ if n == 0 => "",
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_str_matches_csv() {
        assert_eq!(Bound::Exact.as_str(), "");
        assert_eq!(Bound::AtLeast.as_str(), "at_least");
        assert_eq!(Bound::Target.as_str(), "target");
        assert_eq!(
            serde_json::to_string(&Bound::AtMost).unwrap(),
            "\"at_most\""
        );
    }

    #[test]
    fn prefixes() {
        assert_eq!(prefix("增长超过"), Some(Bound::AtLeast));
        assert_eq!(prefix("不超过"), Some(Bound::AtMost));
        assert_eq!(prefix("总投资约"), Some(Bound::About));
        assert_eq!(prefix("总投资"), None);
    }

    #[test]
    fn targets() {
        assert_eq!(target_marker("力争全年地区生产总值增长"), Some("力争"));
        assert_eq!(target_marker("确定全年开复工项目"), Some("确定全年"));
        assert_eq!(target_marker("圆满完成全年目标任务,地区生产总值增长"), None);
        assert_eq!(target_marker("计划总投资"), None);
        assert_eq!(target_marker("上半年全市GDP增长"), None);
    }
}
