package nl.kamerstroom.parse.parser;

import java.time.LocalDate;

/**
 * What the page furniture says about the letter: the labelled fields of a ministry letterhead and
 * the document number printed in an Aanhangsel's footer. Any field may be {@code null}.
 *
 * @param documentNumber "ah-tk-20232024-1092"
 * @param ourReference   "Onze referentie" / "Ons kenmerk"
 * @param yourReference  "Uw referentie" / "Uw kenmerk": in an answer letter, the zaak number
 * @param date           "Datum"
 * @param subject        "Betreft", joined across lines
 */
record Letterhead(String documentNumber, String ourReference, String yourReference, LocalDate date, String subject) {
}
