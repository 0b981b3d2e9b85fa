-- What the sources deleted. Kept apart from letter because a deletion can arrive before the
-- letter it deletes (letters.deleted skips the parser, letters.parsed does not), and because a
-- replay must reach the same state whichever topic it reads first: a letter is deleted when a
-- deletion at or after the moment its stored version was fetched exists.
CREATE TABLE letter_tombstone (
    document_id  VARCHAR(200) PRIMARY KEY,
    deleted_at   TIMESTAMPTZ  NOT NULL,
    source       VARCHAR(32),
    source_id    VARCHAR(200),
    zaak_numbers JSONB        NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL
);
