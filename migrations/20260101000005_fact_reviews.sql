-- Reviews of extracted figures.
--
-- `facts` holds every figure as it currently stands (extracted, or as last reviewed): that
-- is what the indexed reads, charts and CSV use. `fact_revisions` is the append-only
-- history behind it. A figure's first review also writes revision 0, a copy of what the
-- extractor read, so the original is kept whatever follows; rows here are never updated.
--
-- Revisions are keyed by the article's content hash and the figure's `fact_key` (quote
-- span, metric and value as extracted), not by fact id: re-ingesting or re-extracting the
-- same text creates new fact rows, and the reviews attach to them again.

ALTER TABLE facts ADD COLUMN status TEXT NOT NULL DEFAULT 'extracted'
    CHECK (status IN ('extracted', 'confirmed', 'corrected', 'rejected'));
ALTER TABLE facts ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
-- '<span_start>-<span_end>/<metric>/<value in millionths>' as extracted (integers, so SQL
-- and Rust write the same key); never changed by a review.
ALTER TABLE facts ADD COLUMN fact_key TEXT NOT NULL DEFAULT '';
UPDATE facts SET fact_key = span_start || '-' || span_end || '/' || metric || '/'
    || CAST(round(value * 1000000) AS INTEGER);
-- Export lines now end with the status: rows without a line are formatted from the columns.
UPDATE facts SET csv_line = NULL;
CREATE INDEX facts_status ON facts (status);

CREATE TABLE fact_revisions (
    id           INTEGER PRIMARY KEY,
    content_hash TEXT    NOT NULL,          -- articles.content_hash of the article read
    fact_key     TEXT    NOT NULL,          -- facts.fact_key
    revision     INTEGER NOT NULL,          -- 0: the extractor's reading; 1, 2 …: reviews
    status       TEXT    NOT NULL CHECK (status IN ('extracted', 'confirmed', 'corrected', 'rejected')),
    -- The whole figure after this revision (not a diff), so any revision reads on its own.
    city         TEXT,
    scope        TEXT,
    period       TEXT    NOT NULL,
    metric       TEXT    NOT NULL,
    value        DOUBLE PRECISION NOT NULL,
    unit         TEXT    NOT NULL,
    bound        TEXT    NOT NULL,
    reviewer     TEXT    NOT NULL,
    reason       TEXT    NOT NULL DEFAULT '',
    at           TEXT    NOT NULL,          -- RFC 3339, UTC
    UNIQUE (content_hash, fact_key, revision)
);
