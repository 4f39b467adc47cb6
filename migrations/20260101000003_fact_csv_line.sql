-- Each fact's CSV export line, written when the fact is stored. Exports then read one
-- column per row instead of decoding eighteen, which is what bounded their speed.
-- NULL (rows from before this column) means "format from the other columns".
ALTER TABLE facts ADD COLUMN csv_line TEXT;
