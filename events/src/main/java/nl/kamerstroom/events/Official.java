package nl.kamerstroom.events;

/**
 * A person in government office, as a letter or its source names them: "Antwoord van minister Van
 * Weel (Justitie en Veiligheid)", "De Minister van Justitie en Veiligheid, D.M. van Weel", the
 * Tweede Kamer's {@code ZaakActor} "Gericht aan" with {@code ActorNaam} and {@code Functie}. The
 * person is the name; the office is what they held when this letter was written, so that one person
 * with two portfolios stays one person and two people in one office stay two.
 *
 * @param name      the name as printed ("Van Weel", "D.M. van Weel"); {@code null} when only the office is printed
 * @param role      "Minister", "Staatssecretaris" or "Minister-President"; {@code null} when not known
 * @param portfolio the ministry or portfolio as printed ("Justitie en Veiligheid"); {@code null} for the Minister-President
 *                  or a minister without portfolio whose letter names none
 * @param office    the office as the string fields write it ("Minister van Justitie en Veiligheid"), the same
 *                  string {@link ParsedLetter#answeredBy()} and {@link SourceMetadata#addressees()} carry; may be {@code null}
 *                  only when nothing but a name is known
 */
public record Official(String name, String role, String portfolio, String office) {
}
