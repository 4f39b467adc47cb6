-- Every write made through the server (uploads, deletions), with who made it. Rows are
-- never updated or deleted by the application; article_id is kept as a plain number so an
-- entry outlives the article it describes.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,          -- RFC 3339, UTC
    actor       TEXT    NOT NULL,          -- who: the reviewer name given at login or in the request
    action      TEXT    NOT NULL,          -- article.add, article.delete, …
    article_id  INTEGER,
    detail      TEXT    NOT NULL DEFAULT '{}'  -- JSON: file name, title, fact count …
);
CREATE INDEX audit_log_article ON audit_log (article_id);
