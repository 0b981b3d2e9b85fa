-- Issue 14, a minister is a person: "Minister Van Weel (Justitie en Veiligheid)" is tracked by name
-- and office, so a change of cabinet or portfolio neither merges two people nor splits one.
--
-- person: one row per normalised name (Person.key: case, diacritics and initials left out, the
-- surname from its first particle: "Van Weel", "van Weel", "D.M. van Weel" → "van weel").
CREATE SEQUENCE person_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE person (
    id        BIGINT       PRIMARY KEY,
    name_key  VARCHAR(200) NOT NULL UNIQUE,
    -- the fullest form printed so far ("D.M. van Weel" rather than "Van Weel")
    name      VARCHAR(200) NOT NULL
);

-- letter_official: who answered a letter (relation ANSWERED, one row per answering office, in the
-- order of letter_answerer) and to whom its questions went (ADDRESSED), each with the office held
-- then and the person when the letter or its source names one (NULL: the office alone is known).
-- A person's offices over time (terms of office) are the distinct (person, office) pairs here.
CREATE SEQUENCE letter_official_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE letter_official (
    id        BIGINT       PRIMARY KEY,
    letter_id BIGINT       NOT NULL REFERENCES letter (id) ON DELETE CASCADE,
    relation  VARCHAR(10)  NOT NULL CHECK (relation IN ('ANSWERED', 'ADDRESSED')),
    position  INT          NOT NULL,
    office    VARCHAR(300) NOT NULL,
    person_id BIGINT       REFERENCES person (id),
    UNIQUE (letter_id, relation, position)
);
CREATE INDEX letter_official_person_idx ON letter_official (person_id) WHERE person_id IS NOT NULL;

-- letters stored before: their offices, no persons (a re-parse adds the persons the letters print)
INSERT INTO letter_official (id, letter_id, relation, position, office)
SELECT nextval('letter_official_seq'), a.letter_id, 'ANSWERED', a.position,
       upper(left(o.title, 1)) || substr(o.title, 2)
FROM letter_answerer a JOIN office o ON o.id = a.office_id;
INSERT INTO letter_official (id, letter_id, relation, position, office)
SELECT nextval('letter_official_seq'), a.letter_id, 'ADDRESSED', a.position,
       upper(left(o.title, 1)) || substr(o.title, 2)
FROM letter_addressee a JOIN office o ON o.id = a.office_id;

-- Terms of office as the letters show them: each person with each office, first and last seen.
CREATE VIEW person_term AS
SELECT lo.person_id, p.name, lo.office,
       min(COALESCE(l.received_date, l.letter_date)) AS first_seen,
       max(COALESCE(l.received_date, l.letter_date)) AS last_seen
FROM letter_official lo JOIN person p ON p.id = lo.person_id JOIN letter l ON l.id = lo.letter_id
WHERE l.deleted_at IS NULL
GROUP BY lo.person_id, p.name, lo.office;

-- GET /api/stats/responsiveness reads the live answer letters of every zaak and the zaken with a
-- live letter: both from this index alone (index-only scans) instead of the whole letter table.
CREATE INDEX letter_live_zaak_kind_idx ON letter (zaak_number, kind, id) WHERE deleted_at IS NULL;
