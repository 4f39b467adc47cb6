//! Number tokens: a numeral (Arabic, Chinese or mixed) followed by a unit the
//! metrics care about. The scanner finds unit characters first and reads the
//! numeral backwards from them, so text without figures costs almost nothing.

/// What the unit says the number measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Renminbi; value stored in 亿元.
    Cny,
    /// US dollars; value stored in 万美元.
    Usd,
    Percent,
    /// 个 / 项: a count of things.
    Count,
}

/// The unit character that triggered a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Percent,
    Yuan,
    Yi,
    Ge,
    Xiang,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte offset where the numeral starts.
    pub start: usize,
    /// Byte offset just past the unit.
    pub end: usize,
    /// Byte offset where the unit (including 万/亿 multipliers) starts.
    pub unit_start: usize,
    /// Value in the stored unit of `kind`.
    pub value: f64,
    pub kind: Kind,
    /// 余 / 多 between numeral and unit ("12000余人", "两千多个").
    pub more_than: bool,
}

impl Token {
    /// The unit as written ("亿元", "万美元", "%", "个").
    pub fn unit<'a>(&self, s: &'a str) -> &'a str {
        s.get(self.unit_start..self.end).unwrap_or("")
    }
}

const MAX_RUN_CHARS: usize = 40;

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '零' | '〇' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

fn is_multiplier(c: char) -> bool {
    matches!(c, '十' | '百' | '千' | '万' | '亿')
}

fn is_run_char(c: char) -> bool {
    c.is_ascii_digit()
        || c == '.'
        || c == ','
        || is_cn_digit(c)
        || is_multiplier(c)
        || c == '余'
        || c == '多'
}

/// Characters before a numeral that make it vague, ordinal or a placeholder.
fn poisons(c: char) -> bool {
    matches!(
        c,
        'x' | 'X' | '×' | '某' | '几' | '数' | '上' | '第' | '若' | '每' | '_' | '*'
    )
}

/// Reads the token whose unit character starts at byte `at`.
pub fn token_at(s: &str, at: usize, trig: Trigger) -> Option<Token> {
    let after_trig = at + trig_len(trig);
    let next = s[after_trig..].chars().next();
    let (kind, run_end, end) = match trig {
        Trigger::Percent => (Kind::Percent, at, after_trig),
        Trigger::Yuan => {
            let before = s[..at].chars().next_back();
            if before == Some('美') {
                (Kind::Usd, at - '美'.len_utf8(), after_trig)
            } else {
                (Kind::Cny, at, after_trig)
            }
        }
        Trigger::Yi => {
            // "258亿元" is read from its 元; a bare 亿 only counts when nothing
            // else follows ("总投资50亿," / "50亿的项目").
            match next {
                None => {}
                Some(c) if is_bare_yi_follower(c) => {}
                _ => return None,
            }
            (Kind::Cny, after_trig, after_trig)
        }
        Trigger::Ge => {
            let rest = &s[after_trig..];
            if rest.starts_with("百分点")
                || rest.starts_with('月')
                || rest.starts_with('人')
                || rest.starts_with("体")
                || rest.starts_with("工作日")
            {
                return None;
            }
            (Kind::Count, at, after_trig)
        }
        Trigger::Xiang => {
            if next == Some('目') {
                return None;
            }
            (Kind::Count, at, after_trig)
        }
    };

    // Walk back over the numeral.
    let mut start = run_end;
    let mut n = 0;
    for (i, c) in s[..run_end].char_indices().rev() {
        if !is_run_char(c) {
            break;
        }
        n += 1;
        if n > MAX_RUN_CHARS {
            return None;
        }
        start = i;
    }
    let mut run = &s[start..run_end];
    // Punctuation that only delimits ("254个,160.53亿元").
    while let Some(c) = run.chars().next() {
        if c == ',' || c == '.' {
            start += 1;
            run = &run[1..];
        } else {
            break;
        }
    }
    // Thousands separators need exactly three digits after them; any other comma
    // is a list separator and the numeral starts after it.
    if let Some(cut) = bad_comma_cut(run) {
        start += cut;
        run = &s[start..run_end];
    }
    if run.is_empty() {
        return None;
    }
    let before = s[..start].chars().next_back();
    if before.is_some_and(poisons) {
        return None;
    }
    // Ranges ("10-15亿元", "3至5个") are not single figures.
    if let Some(b) = before {
        if matches!(b, '-' | '~' | '—' | '至' | '到' | '–') {
            let bb = s[..start - b.len_utf8()].chars().next_back();
            if bb.is_some_and(|c| c.is_ascii_digit() || is_cn_digit(c)) {
                return None;
            }
        }
    }
    // A digit right after the unit means the token is part of something else
    // ("5%3", a table row); a placeholder x after it too ("1xx个").
    if kind == Kind::Percent && next.is_some_and(|c| c.is_ascii_digit() || c == 'x') {
        return None;
    }

    let (num, more_than) = match run.strip_suffix('余').or_else(|| run.strip_suffix('多')) {
        Some(r) => (r, true),
        None => (run, false),
    };
    let has_ascii = num.bytes().any(|b| b.is_ascii_digit());
    let has_cn_digit = num.chars().any(is_cn_digit);
    if !has_ascii && !has_cn_digit && !num.starts_with(['十', '百', '千']) {
        return None;
    }
    if kind == Kind::Percent && !has_ascii {
        return None;
    }
    let chars: Vec<char> = num.chars().filter(|&c| c != ',').collect();
    let raw = cn_value(&chars)?;
    if !raw.is_finite() || raw < 0.0 {
        return None;
    }
    let has_mult = num.chars().any(is_multiplier);
    if !has_ascii {
        // "一个", "二元结构": a lone Chinese digit is a word, not a figure.
        if kind == Kind::Count && raw < 2.0 {
            return None;
        }
        if matches!(kind, Kind::Cny | Kind::Usd) && !has_mult {
            return None;
        }
    }
    // Where the written unit begins: after the last digit of the numeral (so
    // "亿元"/"万美元" stay in the unit) or, for Chinese numerals, at the trailing
    // 万/亿 if any.
    let digits_end = start
        + num
            .char_indices()
            .filter(|(_, c)| {
                c.is_ascii_digit() || is_cn_digit(*c) || matches!(c, '十' | '百' | '千')
            })
            .map(|(i, c)| i + c.len_utf8())
            .next_back()
            .unwrap_or(num.len());
    let unit_start = match kind {
        Kind::Cny | Kind::Usd => digits_end,
        Kind::Percent | Kind::Count => at,
    };
    let value = match kind {
        Kind::Cny => raw / 1e8,
        Kind::Usd => raw / 1e4,
        Kind::Percent | Kind::Count => raw,
    };
    let sane = match kind {
        Kind::Cny => value < 1e7,
        Kind::Usd => value < 1e9,
        Kind::Percent => value < 1e5,
        Kind::Count => value < 1e8 && value.fract() == 0.0,
    };
    if !sane {
        return None;
    }
    Some(Token {
        start,
        end,
        unit_start,
        value,
        kind,
        more_than,
    })
}

fn trig_len(t: Trigger) -> usize {
    match t {
        Trigger::Percent => 1,
        _ => 3,
    }
}

fn is_bare_yi_follower(c: char) -> bool {
    matches!(
        c,
        ',' | '。'
            | '、'
            | ';'
            | ':'
            | ')'
            | '('
            | '的'
            | '”'
            | '\n'
            | '!'
            | '?'
            | '左'
            | '以'
            | '多'
            | '余'
            | '，'
    )
}

/// Byte offset inside `run` after which the numeral really starts, when a comma
/// in it is not a thousands separator.
fn bad_comma_cut(run: &str) -> Option<usize> {
    let mut cut = None;
    let b = run.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b',' {
            let digits = b[i + 1..].iter().take_while(|x| x.is_ascii_digit()).count();
            let prev_digit = i > 0 && b[i - 1].is_ascii_digit();
            if digits != 3 || !prev_digit {
                cut = Some(i + 1);
            }
        }
    }
    cut
}

/// Value of a numeral made of Arabic digits, Chinese digits and multipliers
/// ("1.2万亿", "三千五百万", "一百二十", "3千万"). `None` when malformed.
pub fn cn_value(chars: &[char]) -> Option<f64> {
    const MULTS: [(char, f64); 5] = [
        ('亿', 1e8),
        ('万', 1e4),
        ('千', 1e3),
        ('百', 1e2),
        ('十', 10.0),
    ];
    for (m, v) in MULTS {
        if let Some(pos) = chars.iter().rposition(|&c| c == m) {
            let left = &chars[..pos];
            let right = &chars[pos + 1..];
            let lv = if left.is_empty() {
                if matches!(m, '十' | '百' | '千') {
                    1.0
                } else {
                    return None;
                }
            } else {
                cn_value(left)?
            };
            let right = match right.first() {
                Some('零' | '〇') => &right[1..],
                _ => right,
            };
            let rv = if right.is_empty() {
                0.0
            } else {
                cn_value(right)?
            };
            if v <= 1e3 && rv >= v {
                return None;
            }
            return Some(lv * v + rv);
        }
    }
    if chars.is_empty() {
        return None;
    }
    if chars.iter().all(|c| c.is_ascii_digit() || *c == '.') {
        if chars.iter().filter(|&&c| c == '.').count() > 1 || chars.last() == Some(&'.') {
            return None;
        }
        let s: String = chars.iter().collect();
        return s.parse::<f64>().ok();
    }
    if chars.len() == 1 {
        return cn_digit(chars[0]);
    }
    None
}

fn cn_digit(c: char) -> Option<f64> {
    Some(match c {
        '零' | '〇' => 0.0,
        '一' => 1.0,
        '二' | '两' => 2.0,
        '三' => 3.0,
        '四' => 4.0,
        '五' => 5.0,
        '六' => 6.0,
        '七' => 7.0,
        '八' => 8.0,
        '九' => 9.0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(s: &str, trig_str: &str, trig: Trigger) -> Option<Token> {
        let at = s.rfind(trig_str)?;
        token_at(s, at, trig)
    }

    fn val(s: &str) -> Option<f64> {
        cn_value(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(val("一百二十"), Some(120.0));
        assert_eq!(val("十二亿"), Some(12e8));
        assert_eq!(val("两千"), Some(2000.0));
        assert_eq!(val("三千五百万"), Some(3.5e7));
        assert_eq!(val("一百零五"), Some(105.0));
        assert_eq!(val("1.2万"), Some(12000.0));
        assert_eq!(val("3千万"), Some(3e7));
        assert_eq!(val("1.2万亿"), Some(1.2e12));
        assert_eq!(val("一二"), None);
        assert_eq!(val("万"), None);
        assert_eq!(val("1.2.3"), None);
    }

    #[test]
    fn money_units_normalise() {
        let t = tok("投资总额258亿元的", "元", Trigger::Yuan).unwrap();
        assert_eq!(t.value, 258.0);
        let s = "投资总额258亿元的";
        assert_eq!(t.unit(s), "亿元");
        let t = tok("发放贷款3010万元", "元", Trigger::Yuan).unwrap();
        assert!((t.value - 0.301).abs() < 1e-12);
        let s = "利用外资3.2亿美元";
        let t = tok(s, "元", Trigger::Yuan).unwrap();
        assert_eq!(t.kind, Kind::Usd);
        assert!((t.value - 32000.0).abs() < 1e-9);
        assert_eq!(t.unit(s), "亿美元");
        let t = tok("利用外资973万美元", "元", Trigger::Yuan).unwrap();
        assert_eq!(t.value, 973.0);
        let t = tok("总额1,234.5亿元", "元", Trigger::Yuan).unwrap();
        assert_eq!(t.value, 1234.5);
        let t = tok("达到十二亿元", "元", Trigger::Yuan).unwrap();
        assert_eq!(t.value, 12.0);
        let t = tok("总投资50亿,", "亿", Trigger::Yi).unwrap();
        assert_eq!(t.value, 50.0);
    }

    #[test]
    fn counts_and_percent() {
        let t = tok("项目254个", "个", Trigger::Ge).unwrap();
        assert_eq!(t.value, 254.0);
        let t = tok("新开工项目一百二十个", "个", Trigger::Ge).unwrap();
        assert_eq!(t.value, 120.0);
        let t = tok("两千多个", "个", Trigger::Ge).unwrap();
        assert!(t.more_than);
        assert_eq!(t.value, 2000.0);
        let t = tok("增长,38.47%", "%", Trigger::Percent).unwrap();
        assert_eq!(t.value, 38.47);
        assert!(tok("254个,12个", "个", Trigger::Ge).unwrap().value == 12.0);
    }

    #[test]
    fn words_and_placeholders_are_not_figures() {
        assert!(tok("一个地区", "个", Trigger::Ge).is_none());
        assert!(tok("增长xx%", "%", Trigger::Percent).is_none());
        assert!(tok("增长x.x%", "%", Trigger::Percent).is_none());
        assert!(tok("达到xx亿元", "元", Trigger::Yuan).is_none());
        assert!(tok("达到XX亿元", "元", Trigger::Yuan).is_none());
        assert!(tok("第3个", "个", Trigger::Ge).is_none());
        assert!(tok("多元化", "元", Trigger::Yuan).is_none());
        assert!(tok("二元结构", "元", Trigger::Yuan).is_none());
        assert!(tok("提高1.2个百分点", "个", Trigger::Ge).is_none());
        assert!(tok("10-15亿元", "元", Trigger::Yuan).is_none());
        assert!(tok("百亿级", "亿", Trigger::Yi).is_none());
        assert!(tok("数十亿元", "元", Trigger::Yuan).is_none());
        assert!(tok("1x个", "个", Trigger::Ge).is_none());
    }
}
