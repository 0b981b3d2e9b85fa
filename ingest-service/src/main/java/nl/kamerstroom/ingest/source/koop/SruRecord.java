package nl.kamerstroom.ingest.source.koop;

import java.time.LocalDate;
import java.util.List;

/**
 * One KOOP SRU record, as far as ingest uses it.
 *
 * @param identifier     e.g. {@code ah-tk-20182019-2411}, {@code ah-1271549}, {@code kv-tk-2025Z03250}
 * @param modified       the record's modification stamp (the most precise one it has): the cursor and the "unchanged" test
 * @param modifiedDate   its date, for the CQL date cursor
 * @param xmlUrl         the FRBR XML manifestation
 */
public record SruRecord(String identifier, String title, String publicatienaam, String modified,
        LocalDate modifiedDate, LocalDate date, String xmlUrl, List<String> indieners, List<String> ontvangers) {
}
