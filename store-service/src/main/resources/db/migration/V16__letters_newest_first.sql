-- GET /api/letters (newest first, live letters): without this index PostgreSQL sorted every letter for
-- each page (20 ms at 5,000 letters under the text benchmark, which asks for the count this way; it
-- grows with the archive). letter_newest_answers_idx covers only answers.
CREATE INDEX letter_live_newest_idx ON letter (stored_at DESC, id DESC) WHERE deleted_at IS NULL;
