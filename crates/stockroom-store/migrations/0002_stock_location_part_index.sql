-- Stock lists of a location (with its sub-locations) sorted by part count matching items
-- per part first. An index on (location_id, part_id) answers that from the index alone,
-- and serves every lookup the single-column location index served, which it replaces.
CREATE INDEX stock_items_location_part_idx ON stock_items (location_id, part_id);
DROP INDEX stock_items_location_idx;
