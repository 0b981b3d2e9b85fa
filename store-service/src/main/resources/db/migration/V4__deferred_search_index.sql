-- Dutch full-text maintenance is the store's most expensive write (to_tsvector plus GIN), ~12x a
-- plain insert. A STORED generated column paid it inside every consumer transaction; now the
-- consumer stores plain rows and SearchIndexer fills the vectors in batches a moment later, so a
-- burst of letters is stored at the insert rate and becomes searchable shortly after.
DROP INDEX question_search_idx;
ALTER TABLE question DROP COLUMN search;
ALTER TABLE question ADD COLUMN search tsvector;
CREATE INDEX question_search_idx ON question USING GIN (search) WITH (fastupdate = on);
CREATE INDEX question_unindexed_idx ON question (id) WHERE search IS NULL;
