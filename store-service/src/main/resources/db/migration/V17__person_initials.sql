-- Issue 14, two people with one surname are two persons: Bruno Bruins ("B.J. Bruins", Medische Zorg,
-- 2018-2020) and Eppo Bruins ("E.E.W. Bruins", OCW, 2024-2025) were one row under V13's surname key.
-- A person is now a surname key and the initials printed before it (Person.initials: the first
-- letter of each initial or given name, lower case, "E.E.W. Bruins" → "eew", "Eppo Bruins" → "e";
-- empty while no letter printed any). Which row a printed name is: Person.resolve.
--
-- Existing rows keep initials '' (surname only): they stay valid, and the first letter that prints
-- initials for that surname gives the row its initials (Person.seenAs); a re-parse of older letters
-- (POST /api/admin/reparse on the parse service) splits what V13 merged.
ALTER TABLE person ADD COLUMN initials VARCHAR(40) NOT NULL DEFAULT '';
ALTER TABLE person DROP CONSTRAINT person_name_key_key;
-- also the index for Person.withKey (its leading column)
ALTER TABLE person ADD CONSTRAINT person_name_key_initials_key UNIQUE (name_key, initials);
