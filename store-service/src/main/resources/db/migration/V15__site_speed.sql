-- The site's pages at 100k stored questions, second round (README "Site", speed).

-- /zaken/{n} shows each document's footnotes and the parser's warnings. They live in the letter's
-- parsed JSON, and reading that (tens of KB per letter, every letter of the zaak) for two short lists
-- was most of the zaak page's work. Kept beside it instead, at write time, by PostgreSQL itself: a
-- generated column costs the writer no code and no extra row, and cannot drift from the JSON it comes
-- from (letters stored before this migration included).
ALTER TABLE letter
    ADD COLUMN footnotes JSONB GENERATED ALWAYS AS (COALESCE(parsed -> 'footnotes', '[]'::jsonb)) STORED,
    ADD COLUMN warnings JSONB GENERATED ALWAYS AS (COALESCE(parsed -> 'warnings', '[]'::jsonb)) STORED;

-- /openstaand keeps its figures until a zaak changes (site.OpenFigures): the newest change, one index
-- lookup per visit instead of a scan of every zaak
CREATE INDEX zaak_updated_at_idx ON zaak (updated_at);
