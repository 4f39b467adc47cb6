//! Place vocabulary and the one automaton that scans an article.
//!
//! The gazetteer (the three target cities and their sub-places, supplied by the
//! caller) is merged with a built-in list of other Chinese provinces and cities,
//! anonymised place patterns ("xx市"), self-references ("全市", "我区") and the few
//! other trigger words the scanner needs (unit characters, time characters, the
//! "本报讯" section marker). A single leftmost-longest Aho-Corasick pass over the
//! normalised text yields every hit in order.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::numbers::Trigger;
use crate::text::map_char;

/// A target city: its key, Chinese name, other spellings and the places inside it
/// (county-level cities, counties, districts, development zones, ports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityDef {
    pub key: String,
    pub name_zh: String,
    pub aliases: Vec<String>,
    pub subplaces: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlaceKind {
    /// A target city (sub = None) or one of its sub-places.
    Target { city: u16, sub: Option<u16> },
    /// Another city, county or district.
    Foreign,
    /// A province ("吉林省", "全省").
    Province,
    /// The whole country or a multi-province region.
    National,
    /// "xx市", "某县": deliberately anonymised.
    Anon,
    /// "全市", "我市": whatever city the passage is about.
    CityRef,
    /// "全县", "我区": whatever county/district the passage is about.
    CountyRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeTrig {
    Nian,
    Yue,
    Jidu,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pat {
    Unit(Trigger),
    Time(TimeTrig),
    Place(PlaceKind),
    Section,
    Marker(Marker),
}

/// Words the document-level readers need, found by the same single scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    /// A table's key-column heading ("城市", "年份").
    TableKey,
    /// "各位代表", "工作回顾": a government work report's own words.
    Report,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub pat: Pat,
}

/// Target cities plus the compiled scanner. Build once, share across articles.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub(crate) cities: Vec<CityDef>,
    /// For each city's sub-place, the index of its canonical (longest) spelling:
    /// "双辽" and "双辽市" are one place.
    canon: Vec<Vec<u16>>,
    ac: AhoCorasick,
    pats: Vec<Pat>,
}

const PROVINCES: &[&str] = &[
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
];
const REGIONS: &[&str] = &[
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
];
/// Other cities, counties and districts, including the neighbours of the three
/// target cities. Names that are also ordinary words (大同, 开封, 日照, 磐石 …) only
/// appear with their 市 suffix.
const FOREIGN: &str = "北京 上海 天津 重庆 香港 澳门 长春 吉林市 辽源 通化 白山市 松原 白城 延边 延吉 公主岭 梅河口 珲春 敦化 集安 榆树市 德惠 蛟河 桦甸 舒兰 扶余 洮南 大安市 \
沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 阜新 辽阳 盘锦 铁岭 朝阳市 葫芦岛 瓦房店 庄河 海城 凤城 凌海 新民市 开原 调兵山 北票 凌源 兴城 \
太原 大同市 阳泉 长治市 晋城 朔州 晋中 运城 忻州 吕梁 孝义 介休 永济 河津 原平 古交 高平市 怀仁 \
呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟 锡林郭勒 阿拉善 \
哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭 \
石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 雄安 \
济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照市 临沂 德州 聊城 滨州 菏泽 薛城 \
郑州 开封市 洛阳 平顶山 安阳 鹤壁 新乡市 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源 \
合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山市 滁州 阜阳 宿州 六安 亳州 池州 宣城 叶集 \
南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 昆山 江阴 \
杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 义乌 \
福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 晋江 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶 \
武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 \
长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西 \
广州 深圳 珠海 汕头 佛山 韶关 湛江 肇庆 江门 茂名 惠州 梅州 汕尾 阳江 清远 东莞 潮州 揭阳 云浮 \
南宁 柳州 桂林 梧州 海口 三亚 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 \
贵阳 遵义 六盘水 安顺 毕节 铜仁 昆明 曲靖 玉溪 昭通 丽江 大理 拉萨 \
西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 商洛 兰州 嘉峪关 金昌 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 \
西宁 银川 石嘴山 吴忠 固原 中卫 乌鲁木齐 克拉玛依 喀什 \
俄罗斯 日本 韩国 朝鲜 蒙古国 美国 德国 欧盟";

const ANON: &[&str] = &[
    "xx市", "XX市", "xx县", "XX县", "xx区", "XX区", "xx省", "XX省", "xx州", "XX州", "xx镇", "XX镇",
    "x市", "X市", "x县", "X县", "某市", "某县", "某区", "某省", "xx", "XX",
];
const CITY_REF: &[&str] = &["全市", "我市", "本市", "该市", "市本级", "全市域"];
const COUNTY_REF: &[&str] = &[
    "全县", "我县", "本县", "该县", "全区", "我区", "本区", "该区", "全旗",
];
const NATIONAL: &[&str] = &["全国", "中国", "我国", "东北四省区", "东北地区", "东三省"];

impl Gazetteer {
    pub fn new(cities: Vec<CityDef>) -> Self {
        let mut strings: Vec<String> = Vec::new();
        let mut pats: Vec<Pat> = Vec::new();
        let add = |s: &str, p: Pat, strings: &mut Vec<String>, pats: &mut Vec<Pat>| {
            let s: String = s
                .chars()
                .map(map_char)
                .filter(|c| !c.is_whitespace())
                .collect();
            if s.is_empty() || strings.contains(&s) {
                return;
            }
            strings.push(s);
            pats.push(p);
        };
        for (ci, c) in cities.iter().enumerate() {
            let t = Pat::Place(PlaceKind::Target {
                city: ci as u16,
                sub: None,
            });
            add(&c.name_zh, t, &mut strings, &mut pats);
            add(&format!("{}市", c.name_zh), t, &mut strings, &mut pats);
            for a in &c.aliases {
                add(a, t, &mut strings, &mut pats);
            }
        }
        for (ci, c) in cities.iter().enumerate() {
            for (si, s) in c.subplaces.iter().enumerate() {
                let p = Pat::Place(PlaceKind::Target {
                    city: ci as u16,
                    sub: Some(si as u16),
                });
                add(s, p, &mut strings, &mut pats);
            }
        }
        let place = |k| Pat::Place(k);
        for &p in PROVINCES {
            add(
                &format!("{p}省"),
                place(PlaceKind::Province),
                &mut strings,
                &mut pats,
            );
            add(p, place(PlaceKind::Province), &mut strings, &mut pats);
        }
        for &r in REGIONS {
            add(r, place(PlaceKind::Province), &mut strings, &mut pats);
        }
        add("全省", place(PlaceKind::Province), &mut strings, &mut pats);
        for f in FOREIGN.split_whitespace() {
            add(f, place(PlaceKind::Foreign), &mut strings, &mut pats);
            if !f.ends_with('市') && f.chars().count() >= 2 {
                add(
                    &format!("{f}市"),
                    place(PlaceKind::Foreign),
                    &mut strings,
                    &mut pats,
                );
            }
        }
        for &a in ANON {
            add(a, place(PlaceKind::Anon), &mut strings, &mut pats);
        }
        for &a in CITY_REF {
            add(a, place(PlaceKind::CityRef), &mut strings, &mut pats);
        }
        for &a in COUNTY_REF {
            add(a, place(PlaceKind::CountyRef), &mut strings, &mut pats);
        }
        for &a in NATIONAL {
            add(a, place(PlaceKind::National), &mut strings, &mut pats);
        }
        add("本报讯", Pat::Section, &mut strings, &mut pats);
        for k in crate::tables::KEY_WORDS {
            add(k, Pat::Marker(Marker::TableKey), &mut strings, &mut pats);
        }
        for k in ["各位代表", "工作回顾"] {
            add(k, Pat::Marker(Marker::Report), &mut strings, &mut pats);
        }
        for (s, t) in [
            ("%", Trigger::Percent),
            ("元", Trigger::Yuan),
            ("亿", Trigger::Yi),
            ("个", Trigger::Ge),
            ("项", Trigger::Xiang),
        ] {
            add(s, Pat::Unit(t), &mut strings, &mut pats);
        }
        for (s, t) in [
            ("年", TimeTrig::Nian),
            ("月", TimeTrig::Yue),
            ("季度", TimeTrig::Jidu),
        ] {
            add(s, Pat::Time(t), &mut strings, &mut pats);
        }
        // A DFA: the one scan of every article is the engine's hottest loop, and
        // the table is built once per gazetteer.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&strings)
            .expect("gazetteer patterns are small literal strings");
        let canon = cities
            .iter()
            .map(|c| {
                let stem = |n: &str| n.trim_end_matches(['市', '县', '区']).to_string();
                c.subplaces
                    .iter()
                    .map(|n| {
                        let st = stem(n);
                        let best = c
                            .subplaces
                            .iter()
                            .enumerate()
                            .filter(|(_, m)| stem(m) == st || m.starts_with(n.as_str()))
                            .max_by_key(|(_, m)| m.len())
                            .map_or(0, |(i, _)| i);
                        best as u16
                    })
                    .collect()
            })
            .collect();
        Gazetteer {
            cities,
            canon,
            ac,
            pats,
        }
    }

    /// The canonical spelling's index of sub-place `sub` of `city`.
    pub(crate) fn canonical_sub(&self, city: u16, sub: u16) -> (u16, u16) {
        (city, self.canon[city as usize][sub as usize])
    }

    /// The canonical name of a sub-place.
    pub(crate) fn sub_name(&self, city: u16, sub: u16) -> String {
        let (_, c) = self.canonical_sub(city, sub);
        self.cities[city as usize].subplaces[c as usize].clone()
    }

    /// A county-level city ("霍州市"): its own reports say "全市" of itself.
    pub(crate) fn is_county_city(&self, city: u16, sub: u16) -> bool {
        self.sub_name(city, sub).ends_with('市')
    }

    /// The caller's city definitions, in the order given.
    pub fn cities(&self) -> &[CityDef] {
        &self.cities
    }

    pub(crate) fn city_index(&self, key: &str) -> Option<u16> {
        self.cities
            .iter()
            .position(|c| c.key == key)
            .map(|i| i as u16)
    }

    pub(crate) fn scan(&self, s: &str) -> Vec<Hit> {
        self.ac
            .find_iter(s)
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                pat: self.pats[m.pattern().as_usize()],
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::new(vec![CityDef {
            key: "siping".into(),
            name_zh: "四平".into(),
            aliases: vec!["四平市".into()],
            subplaces: vec!["双辽市".into(), "双辽".into(), "梨树县".into()],
        }])
    }

    #[test]
    fn longest_place_wins() {
        let g = gaz();
        let hits = g.scan("吉林省四平市双辽市和枣庄市,xx市");
        let kinds: Vec<_> = hits.iter().map(|h| h.pat).collect();
        assert_eq!(
            kinds,
            vec![
                Pat::Place(PlaceKind::Province),
                Pat::Place(PlaceKind::Target { city: 0, sub: None }),
                Pat::Place(PlaceKind::Target {
                    city: 0,
                    sub: Some(0)
                }),
                Pat::Place(PlaceKind::Foreign),
                Pat::Place(PlaceKind::Anon),
            ]
        );
    }
}
