-- Short names and zones that real reports use for places inside the three cities
-- ("翼城、乡宁、浮山分别增长…", "营口辽河经济开发区"), found while labelling the
-- development corpus (eval/dev). Short names that are also ordinary words or
-- places elsewhere (永和, 古县, 铁西 alone) stay out.
INSERT INTO city_places (name, city_key, kind) VALUES
    ('营口港', 'yingkou', 'zone'),
    ('辽河经济开发区', 'yingkou', 'zone'),
    ('营口辽河经济开发区', 'yingkou', 'zone'),
    ('老边', 'yingkou', 'district'),
    ('鲅鱼圈经济开发区', 'yingkou', 'zone'),
    ('翼城', 'linfen', 'county'),
    ('襄汾', 'linfen', 'county'),
    ('洪洞', 'linfen', 'county'),
    ('安泽', 'linfen', 'county'),
    ('浮山', 'linfen', 'county'),
    ('乡宁', 'linfen', 'county'),
    ('大宁', 'linfen', 'county'),
    ('汾西', 'linfen', 'county'),
    ('曲沃', 'linfen', 'county'),
    ('襄汾经济技术开发区', 'linfen', 'zone'),
    ('侯马经济开发区', 'linfen', 'zone');
