-- Letters a person should look at (issue 12): the parser's reasons, and a disagreement between
-- two sources of the same document (the Tweede Kamer's PDF and KOOP's XML of one ah-tk-… number).
-- needs_review is kept as a column so that the list and the gauge need no JSON scan.
ALTER TABLE letter
    ADD COLUMN review_reasons      JSONB        NOT NULL DEFAULT '[]'::jsonb,
    -- "structure differs from …": set on both letters of a pair that disagree
    ADD COLUMN source_disagreement TEXT,
    -- the document id of the XML letter whose structure counts instead of this one's
    ADD COLUMN superseded_by       VARCHAR(200),
    ADD COLUMN needs_review        BOOLEAN      NOT NULL DEFAULT FALSE;

-- letters stored before this migration keep their parser's reasons in the parsed JSON
UPDATE letter SET review_reasons = parsed -> 'reviewReasons'
    WHERE jsonb_typeof(parsed -> 'reviewReasons') = 'array';
UPDATE letter SET needs_review = TRUE WHERE jsonb_array_length(review_reasons) > 0;

-- GET /api/letters?needsReview=true, newest first; few letters, so a partial index
CREATE INDEX letter_needs_review_idx ON letter (stored_at DESC, id DESC) WHERE needs_review;
-- the letters of one document from other sources
CREATE INDEX letter_document_number_idx ON letter (document_number) WHERE document_number IS NOT NULL;
