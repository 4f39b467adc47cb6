-- Articles as stored, and every figure extracted from them with its provenance.
-- Kept to portable SQL (no SQLite-only types) so a PostgreSQL backend can follow.

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    file_name    TEXT NOT NULL UNIQUE,      -- source file name; re-ingesting the same name replaces
    title        TEXT,
    source       TEXT,
    url          TEXT,
    published    TEXT,                      -- YYYY-MM-DD, NULL when unknown
    main_city    TEXT REFERENCES cities(key),
    content_hash TEXT NOT NULL UNIQUE,      -- SHA-256 of `text`: the same content is stored once
    text         TEXT NOT NULL,             -- decoded article text; fact spans index into it
    encoding     TEXT NOT NULL,             -- encoding the file was read in (UTF-8, GB18030 …)
    ingested_at  TEXT NOT NULL              -- RFC 3339, UTC
);

CREATE TABLE facts (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,           -- order of the figure in its article
    city        TEXT REFERENCES cities(key),-- NULL: not one of the followed cities
    scope       TEXT,                       -- county/district/zone/project inside the city
    period      TEXT NOT NULL DEFAULT '',   -- 2023, 2023-H1, 2023-Q1, 2023-05, 2023-05-01 or ''
    period_start TEXT,                      -- first and last day the period covers (YYYY-MM-DD),
    period_end   TEXT,                      -- so ranges compare correctly across period kinds
    metric      TEXT NOT NULL,              -- key from the metric catalogue, or other / other_count
    value       DOUBLE PRECISION NOT NULL,  -- normalised to the metric's stored unit
    unit        TEXT NOT NULL,              -- unit as written in the text
    bound       TEXT NOT NULL DEFAULT '',   -- '' exact, at_least, at_most, about, target
    label       TEXT NOT NULL DEFAULT '',
    quote       TEXT NOT NULL,
    span_start  INTEGER NOT NULL,           -- character offsets into articles.text
    span_end    INTEGER NOT NULL,
    rule        TEXT NOT NULL DEFAULT '',
    confidence  DOUBLE PRECISION NOT NULL DEFAULT 1,
    UNIQUE (article_id, seq)
);

CREATE INDEX facts_city_metric_period ON facts (city, metric, period);
CREATE INDEX facts_metric_period ON facts (metric, period_start);
CREATE INDEX facts_article ON facts (article_id);
