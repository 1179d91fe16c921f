-- The visitor's region and city at entry, from a trusted proxy's headers or the exposure's
-- attributes, like the country: for breakdowns by region and city (docs/api.md §2). Null when
-- unknown; bounded to the length the writer accepts (EventParser.MAX_PLACE).
ALTER TABLE assignments ADD COLUMN region VARCHAR(100);
ALTER TABLE assignments ADD COLUMN city VARCHAR(100);
