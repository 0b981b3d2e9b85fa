package nl.kamerstroom.parse.parser;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kamerstroom.events.Official;
import nl.kamerstroom.events.ParsedLetter.Member;

/**
 * Reads the letter's metadata out of the parts that are not questions or answers: the letterhead,
 * the cover letter, the questions' header, the Aanhangsel's "Antwoord van …" line, the closing
 * signature and a trailing "Toelichting".
 *
 * <p>Rules, each applied the same way to every layout:
 * <ul>
 *   <li>subject: what the questions are about, the "over …" clause of the questions' header
 *       (else of the cover letter, else of "Betreft"), so that the question letter, the answer and
 *       a postponement of one zaak carry the same subject; the whole "Betreft" only when there is
 *       no "over …" clause;</li>
 *   <li>zaak numbers: the document's own first, in this order of trust: the one printed with the
 *       questions ("ingezonden …, 2025Z17315"), "Uw referentie" / "Uw kenmerk" in the letterhead,
 *       one in the sentence that names the questions ("de vragen van … (2024Z11889)"); then the
 *       zaken the letter cites elsewhere outside the questions and answers, in printed order. Zaak
 *       numbers inside a question or answer refer to other cases and are left out; Tweede Kamer
 *       document numbers ("2022D22285") are never zaak numbers ({@link ZaakNumbers} takes only Z);</li>
 *   <li>askers: from the questions' header or the cover letter's "de vragen van de leden …"; a
 *       cover sentence's " aan " after its " over " ("… over X. Zij sluiten aan bij …") is not an
 *       addressee, so the members end at " over "; "gesteld door het lid …" where no header is
 *       printed;</li>
 *   <li>answered by: offices ("Minister van Justitie en Veiligheid"), from "Antwoord van …" where
 *       printed, else from the signature; and beside them, in the same order, the persons who held
 *       them ({@link OfficialNames}): the name "Antwoord van minister Van Weel (…)" prints, else the
 *       name under or after the signature, else the office alone (name {@code null});</li>
 * </ul>
 */
final class MetadataExtractor {

    private static final Pattern ANSWERED_BY = Pattern.compile(
            "[Aa]ntwoord van (Minister-President|Minister-president|Minister|Staatssecretaris|minister|staatssecretaris)\\s([^()]{1,80})\\(([^()]{1,160})\\)");
    private static final Pattern ON_BEHALF = Pattern.compile("mede namens (.{1,300}?)\\s?(?:\\(ontvangen|\\.|$)");
    private static final Pattern RECEIVED = Pattern.compile("\\(ontvangen ?");
    private static final Pattern YOUR_LETTER = Pattern.compile("uw brief van (\\d{1,2} ?[a-z]{3,9} ?\\d{4})");
    private static final Pattern PLACE_AND_DATE = Pattern.compile("^(?:Den Haag|'s-Gravenhage|’s-Gravenhage),\\s*(.*)$");
    private static final Pattern BETREFT_OVER = Pattern.compile("(?i)^(?:antwoord(?:en)?|beantwoording|uitstel[^ ]*)\\b.{0,80}? over (.+)$");
    /**
     * A letterhead field glued onto a subject by a text layer or a Word text box anchored in the
     * "Betreft" paragraph: "… politiehonden Ons kenmerk- Bij beantwoording de datum en ons kenmerk vermelden".
     */
    private static final Pattern GLUED_LETTERHEAD = Pattern.compile(
            "\\s*-?\\s*(?:Ons kenmerk|Onze referentie|Uw referentie|Uw kenmerk|Uw brief|Bij beantwoording de datum|Datum \\d|Pagina \\d+ van)\\b.*$",
            Pattern.DOTALL);
    private static final Pattern ZAAK_IN_PARENTHESES = Pattern.compile("\\s*\\(\\d{4}Z\\d{5}\\)");
    /** Where the cover sentence's over-clause ends: ", worden beantwoord", a full stop (a footnote mark may follow it). */
    private static final Pattern COVER_CLAUSE_END = Pattern.compile(", worden| worden beantwoord|, zijn |,? \\(?ingezonden |\\.\\d{0,3}(?:\\s|$)|\\n");
    /** Who asked, where no "Vragen van …" header is printed: "vragen gesteld door de leden …". */
    private static final Pattern ASKED_BY = Pattern.compile(
            "(?:gesteld|ingediend) door ((?:het|de) (?:[Kk]amer)?(?:lid|leden) .{1,400}?)(?= over | aan | inzake |\\s?\\(ingezonden|\\. |, worden|$)");

    /** The parts of the letter that metadata comes from. */
    record Parts(String preamble, List<String> trailers, List<OfficialNames.Signature> signatures, Letterhead letterhead) {
    }

    /** Everything except kind, questions, answers and footnotes. */
    record Metadata(String documentNumber, List<String> zaakNumbers, String ourReference, String subject,
                    LocalDate submittedDate, LocalDate receivedDate, LocalDate letterDate, List<Member> askers,
                    List<String> addressees, List<String> answeredBy, List<Official> answeredByOfficials) {
    }

    /** The answering offices and, in the same order, who held them. */
    private record Answering(List<String> offices, List<Official> officials) {
        void add(String office, String name) {
            if (!offices.contains(office)) {
                offices.add(office);
                officials.add(OfficialNames.official(name, office));
            }
        }
    }

    private MetadataExtractor() {
    }

    static Metadata extract(Parts parts, List<String> warnings) {
        String preamble = parts.preamble();
        Letterhead letterhead = parts.letterhead();
        QuestionsHeader header = QuestionsHeader.find(preamble);

        header = header == null ? null : repaired(header);
        List<Member> askers = header == null ? askedBy(preamble) : MemberListParser.parse(header.members());
        List<String> addressees = header == null || header.addressees() == null
                ? List.of() : OfficeNames.parseList(header.addressees());

        LocalDate submitted = header == null ? null : header.submitted();
        if (submitted == null) {
            Matcher m = YOUR_LETTER.matcher(preamble);
            if (m.find()) {
                submitted = DutchDates.first(m.group(1));
                if (submitted != null) {
                    warnings.add("submitted date taken from 'uw brief van " + m.group(1) + "'");
                }
            }
        }
        LocalDate received = received(preamble);
        LocalDate letterDate = letterhead.date() != null ? letterhead.date() : placeAndDate(preamble);

        Answering answering = answeredBy(preamble, parts.signatures(), addressees);
        return new Metadata(letterhead.documentNumber(), zaakNumbers(header, parts), letterhead.ourReference(),
                subject(header, letterhead), submitted, received, letterDate, askers, addressees,
                answering.offices(), answering.officials());
    }

    private static String subject(QuestionsHeader header, Letterhead letterhead) {
        if (header != null && header.subject() != null) {
            String subject = withoutLetterhead(header.subject());
            if (!subject.isEmpty()) {
                return subject;
            }
        }
        String betreft = letterhead.subject();
        if (betreft == null || betreft.isBlank()) {
            return null;
        }
        betreft = withoutLetterhead(betreft.strip());
        if (betreft.isEmpty()) {
            return null;
        }
        Matcher m = BETREFT_OVER.matcher(betreft);
        return Text.trimClause(m.matches() ? m.group(1) : betreft);
    }

    private static String withoutLetterhead(String subject) {
        String s = GLUED_LETTERHEAD.matcher(subject).replaceFirst("");
        // "over X (2024Z11889)": the zaak number printed with the subject is not part of it
        return ZAAK_IN_PARENTHESES.matcher(s).replaceAll("").strip();
    }

    /**
     * The cover letter's form, "de vragen van het lid X (P) over S, worden beantwoord …", has no
     * addressees: an " aan " found after its " over " belongs to a later sentence. Members then end
     * at " over " and the subject is the over-clause up to the end of its sentence.
     */
    private static QuestionsHeader repaired(QuestionsHeader header) {
        String members = header.members();
        int over = members.indexOf(" over ");
        if (over < 0) {
            return header;
        }
        String rest = members.substring(over + 6) + (header.addressees() == null ? "" : " aan " + header.addressees());
        Matcher stop = COVER_CLAUSE_END.matcher(rest);
        String subject = Text.trimClause(stop.find() ? rest.substring(0, stop.start()) : rest);
        return new QuestionsHeader(members.substring(0, over).strip(), null,
                subject.isEmpty() ? header.subject() : subject, header.submitted(), header.zaak());
    }

    private static List<Member> askedBy(String preamble) {
        Matcher m = ASKED_BY.matcher(preamble.replace("\n\n", " "));
        return m.find() ? MemberListParser.parse(m.group(1)) : List.of();
    }

    private static List<String> zaakNumbers(QuestionsHeader header, Parts parts) {
        Set<String> zaken = new LinkedHashSet<>();
        if (header != null && header.zaak() != null) {
            zaken.add(header.zaak());
        }
        if (parts.letterhead().yourReference() != null) {
            ZaakNumbers.scan(parts.letterhead().yourReference(), zaken::add);
        }
        if (header != null) {
            // the sentence that names the questions: "de vragen van … over … (2024Z11889)"
            String preamble = parts.preamble();
            int at = preamble.indexOf(header.members());
            if (at >= 0) {
                int end = preamble.indexOf("\n\n", at);
                ZaakNumbers.scan(preamble.substring(at, end < 0 ? preamble.length() : Math.min(end, at + 1500)), zaken::add);
            }
        }
        ZaakNumbers.scan(parts.preamble(), zaken::add);
        for (String trailer : parts.trailers()) {
            ZaakNumbers.scan(trailer, zaken::add);
        }
        return new ArrayList<>(zaken);
    }

    private static LocalDate received(String preamble) {
        Matcher m = RECEIVED.matcher(preamble);
        if (!m.find()) {
            return null;
        }
        // "(ontvangen (ontvangen 27 augustus2024)" occurs: take the first date after the word.
        return DutchDates.first(preamble.substring(m.end(), Math.min(preamble.length(), m.end() + 60)));
    }

    /** "Den Haag, 21 november 2025" where the letterhead has no "Datum". */
    private static LocalDate placeAndDate(String preamble) {
        for (String line : preamble.split("\n\n")) {
            Matcher m = PLACE_AND_DATE.matcher(line.strip());
            if (m.matches()) {
                LocalDate date = DutchDates.whole(m.group(1));
                if (date != null) {
                    return date;
                }
            }
        }
        return null;
    }

    private static Answering answeredBy(String preamble, List<OfficialNames.Signature> signatures, List<String> addressees) {
        Answering answering = new Answering(new ArrayList<>(), new ArrayList<>());
        String flat = preamble.replace("\n\n", " ");
        Matcher m = ANSWERED_BY.matcher(flat);
        if (m.find()) {
            answering.add(OfficeNames.fromTitleAndPortfolio(m.group(1), m.group(3), addressees), m.group(2));
            Matcher behalf = ON_BEHALF.matcher(flat.substring(m.end(), Math.min(flat.length(), m.end() + 400)));
            if (behalf.find()) {
                // "mede namens de minister van …": offices, no names
                for (String office : OfficeNames.parseList(behalf.group(1))) {
                    answering.add(office, null);
                }
            }
            return answering;
        }
        for (OfficialNames.Signature signature : signatures) {
            List<String> offices = OfficeNames.parseSignature(signature.officeLine());
            // "De Ministers van A en B," signed by one name: the name cannot be given to either
            String name = offices.size() == 1 ? signature.name() : null;
            for (String office : offices) {
                answering.add(office, name);
            }
        }
        return answering;
    }
}
