-- Issue 14, a minister is a person: a 'Gericht aan' ZaakActor names the office (Functie, kept in
-- naam as before) and the person who held it (ActorNaam, kept here), so the published metadata can
-- carry both (SourceMetadata.addressedTo). NULL for rows stored before, and for askers.
ALTER TABLE tk_zaak_actor ADD COLUMN persoon VARCHAR(300);
