//! Normalisation of stored article text into the form the rules read, with an
//! offset map back to the original so every quote is an exact substring.
//!
//! What changes: line breaks inside paragraphs are joined (PDF hard wraps and page
//! breaks cut sentences and numbers), spaces disappear (PDF extraction scatters them
//! between CJK characters and inside numbers), full-width ASCII becomes half-width,
//! and traditional characters become simplified. Paragraph breaks that look real
//! survive as a single '\n'. Every output char maps to exactly one input char, so a
//! norm span maps back to `[orig(first), orig(last) + 1)`.

use std::sync::OnceLock;

/// A paragraph of the normalised text (between two kept '\n').
#[derive(Debug, Clone, Copy)]
pub struct Paragraph {
    /// Byte offset in the normalised text.
    pub start: usize,
    /// Short and unterminated: a headline, which opens a new section.
    pub headline: bool,
}

#[derive(Debug, Clone, Copy, Default)]
struct CharMap {
    at: u32,
    orig: u32,
    orig_b: u32,
}

#[derive(Debug, Default)]
pub struct Norm {
    pub s: String,
    /// For each normalised char: its byte offset in `s`, and the char index and
    /// byte offset of the original char it came from.
    map: Vec<CharMap>,
    pub paragraphs: Vec<Paragraph>,
}

impl Norm {
    /// Maps a byte span of the normalised text to a char span of the original.
    pub fn orig_span(&self, start: usize, end: usize) -> (usize, usize) {
        match self.norm_chars(start, end) {
            Some((first, last)) => (
                self.map[first].orig as usize,
                self.map[last].orig as usize + 1,
            ),
            None => (0, 0),
        }
    }

    /// Maps a byte span of the normalised text to a byte span of `orig`.
    pub fn orig_byte_span(&self, orig: &str, start: usize, end: usize) -> (usize, usize) {
        match self.norm_chars(start, end) {
            Some((first, last)) => {
                let b = self.map[last].orig_b as usize;
                let len = orig[b..].chars().next().map_or(0, char::len_utf8);
                (self.map[first].orig_b as usize, b + len)
            }
            None => (0, 0),
        }
    }

    /// First and last normalised char index covered by a byte span.
    fn norm_chars(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if self.map.is_empty() || start >= end {
            return None;
        }
        let first = self.map.partition_point(|m| (m.at as usize) < start);
        let past = self.map.partition_point(|m| (m.at as usize) < end);
        if first >= self.map.len() || past == 0 || past <= first {
            return None;
        }
        Some((first, past - 1))
    }

    /// Index of the paragraph containing byte `pos`.
    pub fn paragraph_of(&self, pos: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.start <= pos)
            .saturating_sub(1)
    }
}

const HEADLINE_MAX_CHARS: usize = 40;

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | ':' | '…')
}

/// Normalises `text`; see the module doc.
pub fn normalize(text: &str) -> Norm {
    // Character conversion keeps every char at its byte offset (CJK to CJK, three
    // bytes each), so offsets into `src` are offsets into `text`.
    let converted;
    let src = if looks_traditional(text) {
        converted = fast2s::convert(text);
        if converted.len() == text.len() {
            converted.as_str()
        } else {
            text
        }
    } else {
        text
    };
    let skips = artefacts(src);
    let table = trad_table();
    let mut skip_i = 0usize;
    let wrapped = looks_hard_wrapped(text);
    let mut n = Norm {
        s: String::with_capacity(text.len()),
        map: Vec::with_capacity(text.len() / 2),
        paragraphs: vec![Paragraph {
            start: 0,
            headline: false,
        }],
    };
    let mut newlines = 0usize;
    let mut first_newline_idx = (0u32, 0u32);
    let mut space_seen = false;
    // Char counts of the current and previous line (non-space chars only).
    let mut line_len = 0usize;
    let mut prev_line_len = 0usize;
    let mut para_len = 0usize;
    let mut last: Option<char> = None;
    let mut last2: Option<char> = None;

    let mut last_ws = (0u32, 0u32);
    let mut digit_run = 0usize;
    // The line before the break holds clause punctuation: a sentence cut by a
    // hard wrap, not a headline.
    let mut line_comma = false;
    let mut prev_line_comma = false;
    // Byte offset where the current line's text starts, and whether the previous
    // line opened with a section number ("一、", "(二)"): such a line is a heading
    // even with commas in it.
    let mut line_start: Option<usize> = None;
    let mut prev_line_numbered = false;
    for (i, (b, raw)) in src.char_indices().enumerate() {
        while skip_i < skips.len() && skips[skip_i].1 <= b {
            skip_i += 1;
        }
        if skip_i < skips.len() && skips[skip_i].0 <= b {
            continue;
        }
        let i = i as u32;
        let b = b as u32;
        let c = map_char_in(raw, table);
        if c == '\n' {
            if newlines == 0 {
                first_newline_idx = (i, b);
            }
            newlines += 1;
            if line_len > 0 {
                prev_line_len = line_len;
                prev_line_comma = line_comma;
                prev_line_numbered = line_start.is_some_and(|at| numbered(&src[at..]));
            }
            line_comma = false;
            line_start = None;
            line_len = 0;
            continue;
        }
        if c == ' ' {
            space_seen = true;
            last_ws = (i, b);
            continue;
        }
        if newlines > 0 {
            let ended = match last {
                Some(l) if is_terminator(l) => true,
                Some('”' | '’' | ')') => last2.is_some_and(is_terminator),
                _ => false,
            };
            // A short line is a headline unless the break visibly cuts a number,
            // date or clause in two.
            let cut = last.is_some_and(|l| l.is_ascii_digit() || matches!(l, '.' | ',' | '、'))
                || c.is_ascii_digit() && !starts_with_year(&src[b as usize..])
                || matches!(
                    c,
                    '日' | '月'
                        | '年'
                        | '元'
                        | '亿'
                        | '万'
                        | '%'
                        | '个'
                        | '项'
                        | '.'
                        | ','
                        | '、'
                        | '。'
                );
            // A numbered heading ("一、…", "(二)…") stands on its own line even in
            // hard-wrapped text.
            let heading = numbered(&src[b as usize..])
                || prev_line_numbered && prev_line_len < HEADLINE_MAX_CHARS;
            let boundary = last.is_some()
                && if wrapped {
                    ended || heading
                } else {
                    ended
                        || (prev_line_len < HEADLINE_MAX_CHARS
                            && !cut
                            && (!prev_line_comma
                                || prev_line_numbered
                                || starts_with_year(&src[b as usize..])))
                };
            if boundary {
                if let Some(p) = n.paragraphs.last_mut() {
                    p.headline = para_len < HEADLINE_MAX_CHARS && !ended;
                }
                push(&mut n, '\n', first_newline_idx.0, first_newline_idx.1);
                n.paragraphs.push(Paragraph {
                    start: n.s.len(),
                    headline: false,
                });
                para_len = 0;
                last = None;
            }
            newlines = 0;
            space_seen = false;
        } else if space_seen {
            // Keep a separator between two digit groups so "2021 12" stays two
            // numbers, but join thousands groups ("1 245.6亿元").
            if last.is_some_and(|l| l.is_ascii_digit())
                && c.is_ascii_digit()
                && !(digit_run <= 3 && thousands_group(&src[b as usize..]))
            {
                push(&mut n, ' ', last_ws.0, last_ws.1);
            }
            space_seen = false;
        }
        digit_run = if c.is_ascii_digit() { digit_run + 1 } else { 0 };
        if line_start.is_none() {
            line_start = Some(b as usize);
        }
        line_comma |= matches!(c, ',' | '、' | ';');
        push(&mut n, c, i, b);
        line_len += 1;
        para_len += 1;
        last2 = last;
        last = Some(c);
    }
    if let Some(p) = n.paragraphs.last_mut() {
        let ended = last.is_some_and(is_terminator);
        p.headline = para_len > 0 && para_len < HEADLINE_MAX_CHARS && !ended;
    }
    n
}

/// A line opening with a section number: "一、", "(二)", "（三）", "3.", "4、".
fn numbered(line: &str) -> bool {
    let mut it = line.chars();
    let (a, b, c) = (it.next(), it.next(), it.next());
    let cn = |x: Option<char>| x.is_some_and(|x| "一二三四五六七八九十".contains(x));
    match (a, b, c) {
        (Some('(' | '（'), b, Some(')' | '）')) => cn(b) || b.is_some_and(|x| x.is_ascii_digit()),
        (a, Some('、' | '.' | '．'), _) => cn(a) || a.is_some_and(|x| x.is_ascii_digit()),
        _ => false,
    }
}

/// Three digits and then no digit: the thousands group of "1 245.6".
fn thousands_group(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && b.get(3).is_none_or(|c| !c.is_ascii_digit() && *c != b' ')
}

/// "2020年…" opening a line starts a sentence, not the rest of a cut number.
fn starts_with_year(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && rest[4..].starts_with('年')
}

#[inline]
fn push(n: &mut Norm, c: char, orig: u32, orig_b: u32) {
    n.map.push(CharMap {
        at: n.s.len() as u32,
        orig,
        orig_b,
    });
    n.s.push(c);
}

/// Web-page debris that sits inside words and numbers: pinyin readings after
/// characters ("經(jīng)濟", "聚酯[zhǐ]") and footnote markers ("增长5%[2]").
/// Returns sorted byte ranges to drop.
fn artefacts(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Openers: ( [ & and the full-width （ (EF BC 88) and 【 (E3 80 90).
        let opener = match bytes[i] {
            b'(' | b'[' | b'&' => true,
            0xEF => bytes.get(i + 1..i + 3) == Some(&[0xBC, 0x88]),
            0xE3 => bytes.get(i + 1..i + 3) == Some(&[0x80, 0x90]),
            _ => false,
        };
        if opener {
            let prev = text[..i].chars().next_back();
            if let Some(e) = artefact_at(text, i, prev) {
                out.push((i, e));
                i = e;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The end of the artefact opening at byte `b`, if one does.
fn artefact_at(text: &str, b: usize, prev: Option<char>) -> Option<usize> {
    let c = text[b..].chars().next()?;
    if c == '&' {
        return [
            "&nbsp;",
            "&ensp;",
            "&emsp;",
            "&#160;",
            "&#12288;",
            "&amp;nbsp;",
        ]
        .iter()
        .find(|e| text[b..].starts_with(**e))
        .map(|e| b + e.len());
    }
    let open = c.len_utf8();
    let close: [char; 2] = match c {
        '(' | '（' => [')', '）'],
        _ => [']', '】'],
    };
    let rest = &text[b + open..];
    let (inner_len, close_len) = rest
        .char_indices()
        .take(13)
        .find(|(_, d)| close.contains(d))
        .map(|(j, d)| (j, d.len_utf8()))?;
    let inner = &rest[..inner_len];
    let end = b + open + inner_len + close_len;
    let n = inner.chars().count();
    let after_cjk = prev.is_some_and(is_cjk);
    // "經(jīng)濟", "聚酯[zhǐ]膜片": a pinyin reading after a character.
    let pinyin = after_cjk
        && n > 0
        && n <= 8
        && inner.chars().all(is_pinyin_letter)
        && inner.chars().any(is_pinyin_vowel);
    // "增长5%[2]": a footnote marker.
    let footnote = matches!(c, '[' | '【')
        && (1..=2).contains(&n)
        && inner.bytes().all(|x| x.is_ascii_digit())
        && prev.is_some_and(is_cjk_or_word_end);
    // "固定资产投资(不含农户)增长", "地区生产总值(GDP)1376亿元", "(新口径)": notes
    // on the indicator, which would otherwise cut it from its number.
    let note = matches!(c, '(' | '（')
        && after_cjk
        && n <= 8
        && ANNOTATIONS.iter().any(|a| inner.contains(a));
    (pinyin || footnote || note).then_some(end)
}

/// Parenthesised notes that qualify an indicator without naming anything.
const ANNOTATIONS: &[&str] = &[
    "农户",
    "GDP",
    "gdp",
    "口径",
    "现价",
    "不变价",
    "可比价",
    "下同",
    "初步核算",
    "预计数",
    "快报",
];

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn is_cjk_or_word_end(c: char) -> bool {
    is_cjk(c) || c == '%' || c.is_ascii_alphanumeric() || matches!(c, '。' | ',' | '，' | '.')
}

fn is_pinyin_vowel(c: char) -> bool {
    "aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜê".contains(c)
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || is_pinyin_vowel(c)
}

/// A text is treated as traditional when a few characters of the built-in
/// traditional table occur early on; a simplified text never pays for the full
/// conversion.
fn looks_traditional(text: &str) -> bool {
    let (bits, _) = trad_table();
    let mut n = 0;
    for c in text.chars().take(4000) {
        let u = c as usize;
        if (0x4E00..=0x9FFF).contains(&u) {
            let k = u - 0x4E00;
            if bits[k / 64] & (1 << (k % 64)) != 0 {
                n += 1;
                if n >= 3 {
                    return true;
                }
            }
        }
    }
    false
}

/// PDF text wrapped at a fixed width has many short lines; in such text a line
/// break is almost never a paragraph break unless a sentence ended there.
fn looks_hard_wrapped(text: &str) -> bool {
    let mut lines = 0usize;
    let mut bytes = 0usize;
    for line in text.split('\n') {
        let t = line.trim();
        if !t.is_empty() {
            lines += 1;
            bytes += t.len();
        }
    }
    lines >= 5 && bytes / lines < 100
}

/// Maps one input char: whitespace to ' ' or '\n', full-width ASCII to ASCII,
/// traditional to simplified. Everything else passes through.
#[inline]
pub fn map_char(c: char) -> char {
    map_char_in(c, trad_table())
}

#[inline]
fn map_char_in(c: char, table: &TradTable) -> char {
    let u = c as u32;
    if u < 0x80 {
        return match c {
            '\n' => '\n',
            '\r' | '\t' | ' ' | '\x0b' | '\x0c' => ' ',
            _ => c,
        };
    }
    match u {
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        0x3000 | 0xA0 | 0x200B..=0x200D | 0xFEFF | 0x2028 | 0x2029 => {
            if u == 0x2028 || u == 0x2029 {
                '\n'
            } else {
                ' '
            }
        }
        0x85 => '\n',
        0x4E00..=0x9FFF => trad_to_simp(c, table),
        _ if c.is_whitespace() => ' ',
        _ => c,
    }
}

/// Traditional characters that occur in economic reporting, paired with their
/// simplified form. Only the keyword vocabulary needs to match, not fluent text.
const TRAD_SIMP: &str = "產产總总長长額额資资項项個个億亿萬万達达場场區区縣县貿贸進进實实際际國国\
預预計计劃划標标約约開开復复複复簽签內内兩两於于動动與与東东營营臨临遼辽鮁鲅魚鱼圍围邊边\
蓋盖橋桥樹树陽阳發发經经濟济規规業业類类華华來来為为這这過过後后務务費费導导數数較较畝亩\
噸吨點点門门時时間间運运鐵铁雙双義义鄉乡寧宁澤泽堯尧島岛現现將将確确爭争餘余歷历學学當当\
屆届會会報报議议斷断險险環环擴扩創创設设築筑廠厂礦矿電电氣气車车機机鋼钢煉炼糧粮農农漁渔\
醫医療疗衛卫無无線线網网絡络統统戶户單单屬属鎮镇員员勞劳職职稅税財财價价銷销購购買买賣卖\
貨货輸输郵邮號号記记讓让認认識识證证護护體体積积壓压續续頭头準准備备辦办處处條条權权歲岁\
齊齐級级紀纪紹绍結结給给絕绝維维綠绿緊紧顯显響响頁页順顺領领風风飛飞館馆驗验龍龙並并們们\
傳传優优儲储兒儿兌兑關关興兴養养冊册寫写減减則则剛刚劑剂勁劲勝胜勢势匯汇協协卻却廳厅厲厉\
參参變变叢丛啟启問问園园圖图團团堅坚壞坏壯壮聲声夠够奮奋孫孙寶宝寬宽對对尋寻層层嶺岭幣币\
帶带幫帮廣广庫库廢废彈弹徹彻態态憂忧應应懷怀戰战擇择據据擔担擁拥損损換换攜携書书極极構构\
樂乐樣样檢检歡欢殘残漢汉滅灭滿满潔洁潛潜濱滨灣湾災灾煙烟熱热燈灯爐炉牽牵獎奖獨独獲获畫画\
盡尽監监盤盘眾众礎础碼码禮礼種种稱称穩稳窮穷競竞筆笔範范簡简紅红納纳組组細细終终絲丝綜综\
緒绪編编練练縮缩績绩織织繼继罰罚聯联聽听腦脑舊旧艱艰藝艺蘭兰補补裝装製制視视覽览親亲觀观\
訂订訊讯託托訪访評评試试詢询該该詳详誠诚語语誤误說说課课調调談谈請请論论諮咨謀谋講讲謝谢\
譜谱讀读貝贝負负貢贡貧贫販贩貫贯責责貸贷賀贺賓宾賞赏賦赋質质賽赛贏赢趕赶趨趋跡迹踐践軍军\
軟软載载輔辅輕轻輪轮轄辖轉转遷迁違违遞递適适遲迟選选遺遗還还鄰邻釋释針针銀银鋪铺錢钱錄录\
鍵键鏈链閉闭閒闲閘闸閱阅陣阵陸陆陰阴陳陈隊队階阶隨随隱隐雜杂離离難难靈灵韓韩頂顶須须頻频\
題题顏颜願愿顧顾飯饭飲饮馬马驅驱驟骤鬥斗魯鲁鮮鲜麥麦黃黄臺台佈布週周裡里幾几麼么沒没從从\
話话愛爱樓楼廈厦彙汇壩坝鋁铝銅铜釐厘貳贰攤摊區区張张陝陕廠厂瀋沈鄭郑蘇苏憑凭舉举雲云";

/// Bitmap of CJK chars that have a mapping, and the sorted (traditional, simplified) pairs.
type TradTable = (Vec<u64>, Vec<(char, char)>);

fn trad_table() -> &'static TradTable {
    static TABLE: OnceLock<TradTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let chars: Vec<char> = TRAD_SIMP.chars().filter(|c| !c.is_whitespace()).collect();
        let mut pairs: Vec<(char, char)> = chars
            .chunks_exact(2)
            .map(|p| (p[0], p[1]))
            .filter(|(t, s)| t != s)
            .collect();
        pairs.sort_unstable();
        pairs.dedup_by_key(|p| p.0);
        // A bitmap over the CJK block keeps the common (already simplified) case
        // to one load and one test.
        let mut bits = vec![0u64; (0xA000 - 0x4E00) / 64 + 1];
        for &(t, _) in &pairs {
            let k = t as usize - 0x4E00;
            bits[k / 64] |= 1 << (k % 64);
        }
        (bits, pairs)
    })
}

#[inline]
fn trad_to_simp(c: char, (bits, pairs): &TradTable) -> char {
    let k = c as usize - 0x4E00;
    if bits[k / 64] & (1 << (k % 64)) == 0 {
        return c;
    }
    match pairs.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => pairs[i].1,
        Err(_) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(text: &str, n: &Norm, a: usize, b: usize) -> String {
        let (s, e) = n.orig_span(a, b);
        text.chars().skip(s).take(e - s).collect()
    }

    #[test]
    fn joins_pdf_breaks_inside_numbers_and_dates() {
        let t = "本报讯 2 月 1\n日，投入 8.36 亿\n\n元建设。";
        let n = normalize(t);
        assert_eq!(n.s, "本报讯2月1日,投入8.36亿元建设。");
        let a = n.s.find("8.36").unwrap();
        let b = n.s.find("建设").unwrap();
        assert_eq!(quote(t, &n, a, b), "8.36 亿\n\n元");
    }

    #[test]
    fn full_width_and_traditional() {
        let t = "地區生產總值增長５．３％，項目１２個";
        let n = normalize(t);
        assert_eq!(n.s, "地区生产总值增长5.3%,项目12个");
    }

    #[test]
    fn drops_pinyin_readings_and_footnote_markers() {
        let t = "全市地區(qū)生產(chǎn)總值增長5.1%[2],聚酯[zhǐ]膜片(BOPET)";
        let n = normalize(t);
        assert_eq!(n.s, "全市地区生产总值增长5.1%,聚酯膜片(BOPET)");
        let a = n.s.find("地区").unwrap();
        let b = n.s.find("%").unwrap() + 1;
        assert_eq!(quote(t, &n, a, b), "地區(qū)生產(chǎn)總值增長5.1%");
    }

    #[test]
    fn converts_characters_outside_the_keyword_table() {
        // 鬱 and 龜 are not in the built-in table; the full map converts them.
        let n = normalize("憂鬱的臺灣烏龜,總產值");
        assert_eq!(n.s, "忧郁的台湾乌龟,总产值");
    }

    #[test]
    fn keeps_separator_between_digit_groups() {
        let n = normalize("2021 12个");
        assert_eq!(n.s, "2021 12个");
    }

    #[test]
    fn paragraph_breaks_after_sentences_and_headlines() {
        let t = "标题一行\n\n第一段内容比较长，结束了。\n第二段。";
        let n = normalize(t);
        assert_eq!(n.s, "标题一行\n第一段内容比较长,结束了。\n第二段。");
        assert_eq!(n.paragraphs.len(), 3);
        assert!(n.paragraphs[0].headline);
        assert!(!n.paragraphs[1].headline);
    }
}
