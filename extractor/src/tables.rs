//! Figures in plain-text tables: a header row naming the columns ("排名 城市
//! 2018年 2017年 增量 名义增速", "| 年份 | GDP增长率(%) |") and rows of cells under
//! it. Pages of city rankings and statistics portals print their numbers this
//! way, with no sentence around them. Works on the original text, where the
//! spaces that separate cells survive.

/// One figure read from a table cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub metric: &'static str,
    pub value: f64,
    pub unit: &'static str,
    pub period: String,
    /// The row's place cell, when rows are places (else the row is a year).
    pub place: Option<String>,
    /// Byte range of the row in the original text (the quote).
    pub row: (usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    /// A level for this year ("2018年", "2018年GDP(亿元)").
    Year(i32),
    /// A level with the table's year ("GDP(亿元)", "总量").
    Total,
    /// A real growth rate ("增速", "GDP增长率(%)"); nominal growth is not one.
    Growth,
    /// The row's key: a year ("年份") or a place ("城市", "地区").
    KeyYear,
    KeyPlace,
    Ignore,
}

fn split_cells(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    if line.contains('|') {
        let mut at = 0;
        for part in line.split('|') {
            out.push((at, part));
            at += part.len() + 1;
        }
        // Edge cells of "| a | b |" are empty.
        if out.first().is_some_and(|c| c.1.trim().is_empty()) {
            out.remove(0);
        }
        if out.last().is_some_and(|c| c.1.trim().is_empty()) {
            out.pop();
        }
        return out
            .into_iter()
            .map(|(i, c)| (i + (c.len() - c.trim_start().len()), c.trim()))
            .collect();
    }
    let mut start = None;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, &line[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &line[st..]));
    }
    out
}

fn year_of(cell: &str) -> Option<i32> {
    let d: String = cell.chars().take_while(char::is_ascii_digit).collect();
    if d.len() != 4 {
        return None;
    }
    let y: i32 = d.parse().ok()?;
    (1978..=2035).contains(&y).then_some(y)
}

fn classify_col(cell: &str) -> Col {
    let c = crate::text::normalize(cell).s;
    if matches!(c.as_str(), "年份" | "年度" | "时间") {
        return Col::KeyYear;
    }
    if [
        "城市",
        "地区",
        "地市",
        "市州",
        "县区",
        "县(市、区)",
        "名称",
        "区域",
    ]
    .iter()
    .any(|k| c == *k)
    {
        return Col::KeyPlace;
    }
    if c.contains("名义") || c.contains("增量") || c.contains("排名") || c.contains("人均")
    {
        return Col::Ignore;
    }
    if c.contains("增速") || c.contains("增长率") || c.contains("增长(%)") {
        return Col::Growth;
    }
    if let Some(y) = year_of(&c) {
        let rest = &c[4..];
        if rest.is_empty()
            || rest.starts_with('年') && !rest.contains('增') && rest.chars().count() <= 14
        {
            return Col::Year(y);
        }
    }
    if c.contains("GDP") || c.contains("生产总值") || c.contains("总量") {
        return Col::Total;
    }
    Col::Ignore
}

fn number(cell: &str) -> Option<f64> {
    let t = cell.trim().trim_end_matches('%').replace(',', "");
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return None;
    }
    t.parse().ok()
}

/// Words of a table's key column; a line with none of them is no table header.
pub(crate) const KEY_WORDS: &[&str] = &[
    "年份", "年度", "时间", "城市", "地区", "地市", "市州", "县区", "名称", "区域",
];

/// Every figure of every table in `text` that is about GDP. `keys` are the byte
/// offsets in `text` of key-column words (found by the article's one scan).
pub(crate) fn cells(text: &str, title: Option<&str>, keys: &[usize]) -> Vec<Cell> {
    if keys.is_empty() {
        return Vec::new();
    }
    // A key word is a whole cell: a separator (or the line's end) on both sides.
    let sep = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || matches!(c, '|' | '｜'));
    let mut header_at: Vec<usize> = keys
        .iter()
        .filter(|&&k| {
            let word = KEY_WORDS
                .iter()
                .find(|w| text[k..].starts_with(**w))
                .map_or(0, |w| w.len());
            word > 0 && sep(text[..k].chars().next_back()) && sep(text[k + word..].chars().next())
        })
        .map(|&k| text[..k].rfind('\n').map_or(0, |i| i + 1))
        .collect();
    header_at.dedup();
    if header_at.is_empty() {
        return Vec::new();
    }
    let lines: Vec<(usize, &str)> = {
        let mut v = Vec::new();
        let mut at = 0;
        for l in text.split('\n') {
            v.push((at, l));
            at += l.len() + 1;
        }
        v
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (line_at, line) = lines[i];
        if header_at.binary_search(&line_at).is_err() {
            i += 1;
            continue;
        }
        let head = split_cells(line);
        if head.len() < 2 || !line.contains(['年', '市', '份', '城', '区', '速', '率']) {
            i += 1;
            continue;
        }
        let cols: Vec<Col> = head.iter().map(|c| classify_col(c.1)).collect();
        // "排名 城市 …": a rank column may stand before the key.
        let key = cols
            .iter()
            .position(|c| matches!(c, Col::KeyYear | Col::KeyPlace));
        let values = cols
            .iter()
            .filter(|c| matches!(c, Col::Year(_) | Col::Total | Col::Growth))
            .count();
        let Some(key) = key.filter(|_| values > 0) else {
            i += 1;
            continue;
        };
        // The table is about GDP when its header or the lines above say so.
        let above: String = std::iter::once(title.unwrap_or(""))
            .chain(lines[i.saturating_sub(3)..=i].iter().map(|l| l.1))
            .collect();
        let above = crate::text::normalize(&above).s;
        if !(above.contains("GDP") || above.contains("生产总值") || above.contains("经济总量"))
        {
            i += 1;
            continue;
        }
        let context_year = {
            let mut y = None;
            for (j, _) in above.match_indices('年') {
                if j >= 4 {
                    if let Some(v) = above.get(j - 4..j).and_then(|x| x.parse::<i32>().ok()) {
                        y = Some(v);
                    }
                }
            }
            y
        };
        let whole_above: String = lines[i.saturating_sub(12)..=i]
            .iter()
            .map(|l| l.1)
            .collect();
        let whole_above = crate::text::normalize(&whole_above).s;
        let part = if whole_above.contains("前三季度") {
            "-Q3"
        } else if whole_above.contains("上半年") {
            "-H1"
        } else if whole_above.contains("一季度") {
            "-Q1"
        } else {
            ""
        };
        let wan = above.contains("万元");
        let mut j = i + 1;
        while j < lines.len() {
            let (row_at, row) = lines[j];
            let cells = split_cells(row);
            if cells.len() != head.len() {
                break;
            }
            let key_cell = cells[key].1;
            let (place, row_year) = match cols[key] {
                Col::KeyYear => match year_of(key_cell) {
                    Some(y) => (None, Some(y)),
                    None => break,
                },
                _ => {
                    if key_cell.is_empty() || number(key_cell).is_some() {
                        break;
                    }
                    (Some(key_cell.to_string()), None)
                }
            };
            for (ci, col) in cols.iter().enumerate() {
                let Some(v) = number(cells[ci].1) else {
                    continue;
                };
                let year = match col {
                    Col::Year(y) => Some(*y),
                    _ => row_year.or(context_year),
                };
                let (metric, unit, value) = match col {
                    Col::Year(_) | Col::Total => {
                        if wan {
                            ("gdp_total_yi", "万元", v / 1e4)
                        } else {
                            ("gdp_total_yi", "亿元", v)
                        }
                    }
                    Col::Growth => ("gdp_growth_pct", "%", v),
                    _ => continue,
                };
                let period = year.map_or(String::new(), |y| {
                    if row_year.is_some() {
                        y.to_string()
                    } else {
                        format!("{y}{part}")
                    }
                });
                let trimmed = row.trim_end();
                let lead = row.len() - row.trim_start().len();
                out.push(Cell {
                    metric,
                    value,
                    unit,
                    period,
                    place: place.clone(),
                    row: (row_at + lead, row_at + trimmed.len()),
                });
            }
            j += 1;
        }
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_offsets(t: &str) -> Vec<usize> {
        let mut v: Vec<usize> = KEY_WORDS
            .iter()
            .flat_map(|k| t.match_indices(k).map(|(i, _)| i))
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn ranking_table_with_year_columns() {
        let t = "2018年前三季度各市GDP排名\n排名 城市 2018年 2017年 增量 名义增速\n1 甲市 2679.82 2342.33 337.49 14.41%\n2 乙市 1145 1034.7 110.3 10.66%\n说明文字。";
        let c = cells(t, None, &key_offsets(t));
        assert_eq!(c.len(), 4);
        assert_eq!(c[0].metric, "gdp_total_yi");
        assert_eq!(c[0].value, 2679.82);
        assert_eq!(c[0].period, "2018-Q3");
        assert_eq!(c[1].period, "2017-Q3");
        assert_eq!(c[3].place.as_deref(), Some("乙市"));
        assert_eq!(
            &t[c[3].row.0..c[3].row.1],
            "2 乙市 1145 1034.7 110.3 10.66%"
        );
    }

    #[test]
    fn pipe_table_of_growth_by_year() {
        let t = "| 年份 | GDP增长率(%) |\n| 2018 | 2.80 |\n| 2017 | 点击查看 |\n| 2016 | 3.40 |\n";
        let c = cells(t, None, &key_offsets(t));
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[0].metric, c[0].value, c[0].period.as_str()),
            ("gdp_growth_pct", 2.8, "2018")
        );
        assert_eq!(c[1].period, "2016");
        assert!(c[0].place.is_none());
    }

    #[test]
    fn tables_about_other_things_are_ignored() {
        let t = "2021年人口数及其构成\n指 标 | 年末人数(人) | 比重(%) |\n全县人口 | 98509 | -- |\n";
        assert!(cells(t, None, &key_offsets(t)).is_empty());
    }
}
