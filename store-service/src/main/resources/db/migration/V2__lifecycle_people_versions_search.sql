-- Zaak lifecycle, derived by ZaakLifecycle from the zaak's letters and stored for querying.
ALTER TABLE zaak
    ADD COLUMN status            VARCHAR(20) NOT NULL DEFAULT 'ASKED',
    ADD COLUMN subject           TEXT,
    ADD COLUMN submitted_date    DATE,
    ADD COLUMN deadline          DATE,
    ADD COLUMN answered_date     DATE,
    ADD COLUMN reply_days        INT,
    ADD COLUMN postponed         BOOLEAN     NOT NULL DEFAULT FALSE,
    -- the letter whose questions, askers and addressees represent the zaak (the answer letter if any)
    ADD COLUMN primary_letter_id BIGINT,
    ADD COLUMN updated_at        TIMESTAMPTZ;
CREATE INDEX zaak_status_idx ON zaak (status);
CREATE INDEX zaak_recent_idx ON zaak ((COALESCE(answered_date, submitted_date)) DESC, number DESC);

-- A deletion at the source marks the letter; history is never erased.
ALTER TABLE letter ADD COLUMN deleted_at TIMESTAMPTZ;

-- People and offices are entities of their own: users follow a member, a party, a minister.
CREATE SEQUENCE member_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE member (
    id    BIGINT       PRIMARY KEY,
    name  VARCHAR(200) NOT NULL,
    party VARCHAR(100) NOT NULL DEFAULT '',
    UNIQUE (name, party)
);
CREATE TABLE letter_asker (
    letter_id BIGINT NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES member (id),
    position  INT    NOT NULL,
    PRIMARY KEY (letter_id, position)
);
CREATE INDEX letter_asker_member_idx ON letter_asker (member_id);

CREATE SEQUENCE office_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE office (
    id    BIGINT       PRIMARY KEY,
    title VARCHAR(300) NOT NULL UNIQUE
);
CREATE TABLE letter_addressee (
    letter_id BIGINT NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
    office_id BIGINT NOT NULL REFERENCES office (id),
    position  INT    NOT NULL,
    PRIMARY KEY (letter_id, position)
);
CREATE TABLE letter_answerer (
    letter_id BIGINT NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
    office_id BIGINT NOT NULL REFERENCES office (id),
    position  INT    NOT NULL,
    PRIMARY KEY (letter_id, position)
);
CREATE INDEX letter_addressee_office_idx ON letter_addressee (office_id);
CREATE INDEX letter_answerer_office_idx ON letter_answerer (office_id);

-- Previous texts of an answer, kept when a changed document replaces it.
CREATE SEQUENCE answer_version_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE answer_version (
    id               BIGINT      PRIMARY KEY,
    letter_id        BIGINT      NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
    question_numbers JSONB       NOT NULL,
    text             TEXT        NOT NULL,
    sha256           CHAR(64)    NOT NULL,
    superseded_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX answer_version_letter_idx ON answer_version (letter_id);

-- Dutch full-text search over a question together with the answer that covers it, so that a word
-- only the answer uses still finds the question. fastupdate keeps GIN maintenance off the insert path.
ALTER TABLE question ADD COLUMN answer_text TEXT;
ALTER TABLE question ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('dutch', text || ' ' || COALESCE(answer_text, ''))) STORED;
CREATE INDEX question_search_idx ON question USING GIN (search) WITH (fastupdate = on);
