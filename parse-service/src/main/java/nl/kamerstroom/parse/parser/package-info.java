/**
 * The letter parser: text in, {@link nl.kamerstroom.events.ParsedLetter} out. A plain library
 * without framework types; {@link nl.kamerstroom.parse.parser.LetterParser} is the entry point,
 * everything else is package-private.
 *
 * <h2>Representation decisions</h2>
 * <ul>
 *   <li><b>Question numbers</b> are the printed ones ("7", "2a", "2l"), never positions. A heading
 *       naming several questions ("Vraag 2 en 3") gives one question per number, each with the
 *       text printed under that heading; the answer covers all of them ("Antwoord op vragen 7 en
 *       8" → one answer with numbers [7, 8]). Where one "Vraag 2" is printed per sub-item and
 *       answered as "Antwoord 2l", "Antwoord 2m", the question takes its answer's number, with a
 *       warning.</li>
 *   <li><b>Texts</b>: the lines of a paragraph joined with single spaces, paragraphs separated by
 *       a blank line ({@code "\n\n"}); letterheads, running footers, page numbers and footnote
 *       bodies removed. Footnote references stay in the text as printed superscripts, glued to
 *       the word before them ("Ketens.1", "juli 20251"), also where a text layer moved them to a
 *       line of their own.</li>
 *   <li><b>Footnotes</b>: two numbering systems can occur in one letter. The ministry's own
 *       footnotes are superscripts with their text at the page bottom: numbers "1", "2", … The
 *       member's references in the reproduced questions are printed "1)" with, if at all, their
 *       texts after the last answer: numbers "1)", "2)", … Both are kept in
 *       {@code footnotes}, told apart by their printed number; a question or answer lists the
 *       numbers it cites in the same form. References whose texts the letter does not print are
 *       listed with the question and named in a warning.</li>
 *   <li><b>Subject</b>: what the questions are about, the "over …" clause of the questions'
 *       header ("Vragen van het lid X (P) aan … over <i>subject</i> (ingezonden …)"), else of the
 *       cover letter, else of "Betreft"; the whole "Betreft" only when there is no "over" clause.
 *       One rule for every layout, so that question letter, answer and postponement of one zaak
 *       share a subject.</li>
 *   <li><b>Offices</b> (addressees, answeredBy): title and portfolio, "Minister van Justitie en
 *       Veiligheid", never the person's name ("Foort van Oosten", "Minister Bruins Slot"). The
 *       title is capitalised; the portfolio is printed as in the letter ("Staatssecretaris
 *       Binnenlandse Zaken en Koninkrijksrelaties" stays without "van"). An Aanhangsel's
 *       "Antwoord van Minister X (Natuur en Stikstof)" is written the way the addressee is
 *       ("Minister voor Natuur en Stikstof"); "mede namens" adds offices.</li>
 *   <li><b>Persons</b> (answeredByOfficials, one per answering office, in the same order): the
 *       name as printed in "Antwoord van minister Van Weel (…)", else under the closing signature
 *       or after its comma ("D.M. van Weel"), else {@code null} (the office alone); see
 *       {@link nl.kamerstroom.parse.parser.OfficialNames}.</li>
 *   <li><b>Zaak numbers</b>: the one printed with the questions or as "Uw referentie" first,
 *       then others printed outside the questions and answers (a cover letter, a "Toelichting").
 *       A zaak number inside a question or answer refers to another case and is left out.</li>
 *   <li><b>Review reasons</b>: what a person should check, in short stable phrases
 *       ("heading read by inference: …", "answer without a heading attached to question 5",
 *       "heading could not be read as printed: …", "question 9 without an answer", "text left over
 *       between blocks: N of M characters (P %) in no question or answer"). Warnings say more and
 *       include harmless repairs; a letter with no review reason was read as printed.</li>
 *   <li><b>Kinds of notices</b>: a letter that reprints the questions only to say they are
 *       answered late, withdrawn or answered elsewhere is a POSTPONEMENT, WITHDRAWAL or NOTICE
 *       with the reprinted questions; only text outside the questions decides.</li>
 *   <li><b>Dates</b>: submitted from "(ingezonden …)" (else the cover letter's "uw brief van …",
 *       with a warning), received from "(ontvangen …)", the letter date from the letterhead's
 *       "Datum" (or "Den Haag, …"). An Aanhangsel has no letter date.</li>
 * </ul>
 */
package nl.kamerstroom.parse.parser;
