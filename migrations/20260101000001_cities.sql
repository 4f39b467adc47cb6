-- Cities the dashboard follows, and the places inside them.
-- A new city is rows here, never code: the extractor's gazetteer is built from these tables.

CREATE TABLE cities (
    key        TEXT PRIMARY KEY,            -- stable ASCII id used in URLs and the API
    name_zh    TEXT NOT NULL UNIQUE,        -- 四平
    name_en    TEXT NOT NULL,               -- Siping
    province   TEXT NOT NULL,               -- 吉林
    sort_order INTEGER NOT NULL DEFAULT 0
);

-- Names that mean the city itself (kind 'alias') or a place inside it
-- (county-level city, county, district, development zone).
CREATE TABLE city_places (
    name     TEXT PRIMARY KEY,
    city_key TEXT NOT NULL REFERENCES cities(key) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('alias', 'county_city', 'county', 'district', 'zone'))
);
CREATE INDEX city_places_city ON city_places(city_key);

INSERT INTO cities (key, name_zh, name_en, province, sort_order) VALUES
    ('siping',  '四平', 'Siping',  '吉林', 1),
    ('yingkou', '营口', 'Yingkou', '辽宁', 2),
    ('linfen',  '临汾', 'Linfen',  '山西', 3);

INSERT INTO city_places (name, city_key, kind) VALUES
    ('四平市', 'siping', 'alias'),
    ('双辽市', 'siping', 'county_city'),
    ('双辽', 'siping', 'county_city'),
    ('梨树县', 'siping', 'county'),
    ('梨树', 'siping', 'county'),
    ('伊通满族自治县', 'siping', 'county'),
    ('伊通县', 'siping', 'county'),
    ('伊通', 'siping', 'county'),
    ('铁西区', 'siping', 'district'),
    ('铁东区', 'siping', 'district'),
    ('四平经济开发区', 'siping', 'zone'),
    ('四平红嘴经济技术开发区', 'siping', 'zone'),
    ('红嘴高新区', 'siping', 'zone'),

    ('营口市', 'yingkou', 'alias'),
    ('站前区', 'yingkou', 'district'),
    ('西市区', 'yingkou', 'district'),
    ('鲅鱼圈区', 'yingkou', 'district'),
    ('鲅鱼圈', 'yingkou', 'district'),
    ('老边区', 'yingkou', 'district'),
    ('盖州市', 'yingkou', 'county_city'),
    ('盖州', 'yingkou', 'county_city'),
    ('大石桥市', 'yingkou', 'county_city'),
    ('大石桥', 'yingkou', 'county_city'),
    ('营口经济技术开发区', 'yingkou', 'zone'),
    ('营口高新区', 'yingkou', 'zone'),
    ('营口自贸区', 'yingkou', 'zone'),
    ('仙人岛能源化工区', 'yingkou', 'zone'),

    ('临汾市', 'linfen', 'alias'),
    ('尧都区', 'linfen', 'district'),
    ('尧都', 'linfen', 'district'),
    ('侯马市', 'linfen', 'county_city'),
    ('侯马', 'linfen', 'county_city'),
    ('霍州市', 'linfen', 'county_city'),
    ('霍州', 'linfen', 'county_city'),
    ('曲沃县', 'linfen', 'county'),
    ('翼城县', 'linfen', 'county'),
    ('襄汾县', 'linfen', 'county'),
    ('洪洞县', 'linfen', 'county'),
    ('古县', 'linfen', 'county'),
    ('安泽县', 'linfen', 'county'),
    ('浮山县', 'linfen', 'county'),
    ('吉县', 'linfen', 'county'),
    ('乡宁县', 'linfen', 'county'),
    ('大宁县', 'linfen', 'county'),
    ('隰县', 'linfen', 'county'),
    ('永和县', 'linfen', 'county'),
    ('蒲县', 'linfen', 'county'),
    ('汾西县', 'linfen', 'county'),
    ('临汾经济开发区', 'linfen', 'zone');
