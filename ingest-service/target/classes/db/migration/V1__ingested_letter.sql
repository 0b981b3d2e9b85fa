-- One row per distinct content ingest has accepted. The sha256 is the dedupe key: the same
-- bytes from any source are one document. published_at is set only after Kafka acknowledged the
-- letters.fetched event, so a row without it is an event still owed.
CREATE SEQUENCE ingested_letter_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE ingested_letter (
    id            BIGINT       PRIMARY KEY,
    document_id   VARCHAR(200) NOT NULL UNIQUE,
    sha256        CHAR(64)     NOT NULL UNIQUE,
    source        VARCHAR(32)  NOT NULL,
    source_id     VARCHAR(200),
    file_name     VARCHAR(500),
    content_type  VARCHAR(100) NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    received_at   TIMESTAMPTZ  NOT NULL,
    published_at  TIMESTAMPTZ
);
