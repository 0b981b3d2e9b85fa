-- A letter is one source document as parsed. Its questions and answers hang off it; a zaak is
-- the Tweede Kamer case that ties the letters of one set of written questions together.
-- Natural keys: letter.document_id; (letter, position) for questions and answers.

CREATE SEQUENCE letter_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE question_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE answer_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE zaak (
    number        VARCHAR(16)  PRIMARY KEY,
    first_seen_at TIMESTAMPTZ  NOT NULL
);

CREATE TABLE letter (
    id              BIGINT        PRIMARY KEY,
    document_id     VARCHAR(200)  NOT NULL UNIQUE,
    sha256          CHAR(64)      NOT NULL,
    -- hash of the parsed result: a redelivered or replayed event with the same result changes nothing
    result_hash     CHAR(64)      NOT NULL,
    kind            VARCHAR(20)   NOT NULL,
    zaak_number     VARCHAR(16)   REFERENCES zaak (number),
    zaak_numbers    JSONB         NOT NULL,
    document_number VARCHAR(100),
    our_reference   VARCHAR(100),
    subject         TEXT,
    submitted_date  DATE,
    received_date   DATE,
    letter_date     DATE,
    source          VARCHAR(32)   NOT NULL,
    source_id       VARCHAR(200),
    content_type    VARCHAR(100),
    fetched_at      TIMESTAMPTZ,
    parsed_at       TIMESTAMPTZ   NOT NULL,
    parser_version  VARCHAR(40),
    parsed          JSONB         NOT NULL,
    stored_at       TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX letter_zaak_idx ON letter (zaak_number);

CREATE TABLE question (
    id        BIGINT       PRIMARY KEY,
    letter_id BIGINT       NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
    position  INT          NOT NULL,
    number    VARCHAR(20)  NOT NULL,
    text      TEXT         NOT NULL,
    footnotes JSONB        NOT NULL,
    UNIQUE (letter_id, position)
);

CREATE TABLE answer (
    id               BIGINT  PRIMARY KEY,
    letter_id        BIGINT  NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
    position         INT     NOT NULL,
    question_numbers JSONB   NOT NULL,
    text             TEXT    NOT NULL,
    footnotes        JSONB   NOT NULL,
    UNIQUE (letter_id, position)
);
