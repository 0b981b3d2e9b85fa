package nl.kamerstroom.store.letter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.Official;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.store.outbox.ZaakUpdates;
import nl.kamerstroom.store.people.Member;
import nl.kamerstroom.store.people.Office;
import nl.kamerstroom.store.people.Person;
import nl.kamerstroom.store.zaak.Zaak;

/**
 * Writes one parsed letter inside the caller's transaction, idempotently on the document id: the
 * same parsed result again changes nothing; a different one replaces the letter's questions and
 * answers and keeps each answer text it drops as an {@link AnswerVersion}.
 */
@ApplicationScoped
public class LetterWriter {

    @Inject
    ObjectMapper json;

    @Inject
    ZaakUpdates updates;

    @Inject
    SourceAgreement agreement;

    /** People and offices looked up once per transaction rather than once per letter. */
    public static final class Lookups {
        private final Map<String, Letter> letters = new HashMap<>();
        private final Map<String, Member> members = new HashMap<>();
        private final Map<String, Office> offices = new HashMap<>();
        private final Map<String, List<Person>> persons = new HashMap<>();
        private final Map<String, Instant> deletions = new HashMap<>();
        private final java.util.Set<String> prefetched = new java.util.HashSet<>();
        private final Map<String, Zaak> zaken = new HashMap<>();
        private final java.util.Set<String> prefetchedZaken = new java.util.HashSet<>();

        /**
         * Loads what a poll's letters need to know before they are written, a query each instead
         * of a few per letter: the stored letters with these ids, their source deletions, and
         * the zaken they name (into the session, where {@code Zaak.findById} finds them).
         */
        public void prefetch(java.util.Collection<String> documentIds, java.util.Collection<String> zaakNumbers) {
            if (!documentIds.isEmpty()) {
                Letter.<Letter>list("from Letter l left join fetch l.zaak where l.documentId in ?1", documentIds)
                        .forEach(l -> letters.put(l.documentId, l));
                prefetched.addAll(documentIds);
                deletions.putAll(LetterTombstone.deletions(documentIds));
            }
            if (!zaakNumbers.isEmpty()) {
                Zaak.<Zaak>list("number in ?1", zaakNumbers).forEach(z -> zaken.put(z.number, z));
                prefetchedZaken.addAll(zaakNumbers);
            }
        }

        Zaak zaak(String number) {
            Zaak known = zaken.get(number);
            if (known == null) {
                known = prefetchedZaken.contains(number) ? Zaak.create(number) : Zaak.findOrCreate(number);
                zaken.put(number, known);
            }
            return known;
        }

        Instant deletion(String documentId) {
            return deletions.get(documentId);
        }

        Member member(String name, String party) {
            return members.computeIfAbsent(name + "\u0000" + Objects.toString(party, ""),
                    k -> Member.findOrCreate(name, party));
        }

        Office office(String title) {
            return offices.computeIfAbsent(title, Office::findOrCreate);
        }

        /**
         * The person with this printed name in this office on this date ({@code null} for no name):
         * one per surname and initials, as {@link Person#resolve} decides, created on first sight.
         */
        Person person(String printed, String office, java.time.LocalDate date) {
            String key = Person.key(printed);
            if (key == null) {
                return null;
            }
            List<Person> sameSurname = persons.computeIfAbsent(key, k -> new java.util.ArrayList<>(Person.withKey(k)));
            Person.Sightings sightings = sameSurname.size() < 2 ? null : sightings(sameSurname);
            Person person = Person.resolve(sameSurname, printed, office, date, sightings);
            if (person == null) {
                person = Person.of(printed);
                person.persist();
                sameSurname.add(person);
            } else {
                person.seenAs(printed);
            }
            return person;
        }

        /**
         * The offices and dates of these persons' stored letters (as the view {@code person_term} groups
         * them; not the letters written earlier in this batch, which LetterStore's FlushMode.COMMIT keeps
         * unflushed), for {@link Person#resolve} to choose between two of one surname.
         */
        private static Person.Sightings sightings(List<Person> persons) {
            List<Long> ids = persons.stream().map(p -> p.id).toList();
            Map<Long, java.util.Set<String>> offices = new HashMap<>();
            Map<Long, java.time.LocalDate[]> terms = new HashMap<>();
            for (Object[] row : LetterOfficial.getEntityManager().createQuery(
                    "select lo.person.id, lo.office, min(coalesce(l.receivedDate, l.letterDate)),"
                            + " max(coalesce(l.receivedDate, l.letterDate)) from LetterOfficial lo join lo.letter l"
                            + " where lo.person.id in ?1 and l.deletedAt is null group by lo.person.id, lo.office",
                    Object[].class).setParameter(1, ids).getResultList()) {
                Long id = (Long) row[0];
                offices.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(officeKey((String) row[1]));
                java.time.LocalDate first = (java.time.LocalDate) row[2];
                java.time.LocalDate last = (java.time.LocalDate) row[3];
                if (first != null) {
                    terms.merge(id, new java.time.LocalDate[] {first, last}, (a, b) -> new java.time.LocalDate[] {
                            a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
                }
            }
            return new Person.Sightings() {
                @Override
                public boolean heldOffice(Person person, String office) {
                    return office != null && offices.getOrDefault(person.id, java.util.Set.of()).contains(officeKey(office));
                }

                @Override
                public long distance(Person person, java.time.LocalDate date) {
                    java.time.LocalDate[] term = terms.get(person.id);
                    if (term == null) {
                        return Long.MAX_VALUE;
                    }
                    if (date.isBefore(term[0])) {
                        return java.time.temporal.ChronoUnit.DAYS.between(date, term[0]);
                    }
                    return date.isAfter(term[1]) ? java.time.temporal.ChronoUnit.DAYS.between(term[1], date) : 0;
                }
            };
        }

        /** Letters written earlier in this transaction are found here, unflushed. */
        Letter letter(String documentId) {
            Letter known = letters.get(documentId);
            if (known != null || prefetched.contains(documentId)) {
                return known;
            }
            return Letter.findByDocumentId(documentId).orElse(null);
        }

        /**
         * The live letters of the same document (same document number) under other document ids:
         * the stored ones and those written earlier in this transaction, which a query cannot see.
         */
        List<Letter> sameDocument(Letter letter) {
            if (letter.documentNumber == null) {
                return List.of();
            }
            Map<String, Letter> found = new java.util.LinkedHashMap<>();
            Letter.<Letter>list("documentNumber = ?1 and documentId <> ?2 and deletedAt is null",
                    letter.documentNumber, letter.documentId).forEach(l -> found.put(l.documentId, l));
            letters.values().stream()
                    .filter(l -> letter.documentNumber.equals(l.documentNumber) && !letter.documentId.equals(l.documentId)
                            && l.deletedAt == null)
                    .forEach(l -> found.put(l.documentId, l));
            return List.copyOf(found.values());
        }

        void written(Letter letter) {
            letters.put(letter.documentId, letter);
        }
    }

    /** @return the letter if it was written, {@code null} if the event changed nothing */
    public Letter write(LetterParsed event, Lookups lookups) {
        String parsedJson = toJson(event.letter());
        String resultHash = sha256(event.sha256() + "\n" + parsedJson);
        Letter letter = lookups.letter(event.documentId());
        Instant deletion = lookups.deletion(event.documentId());
        boolean deleted = LetterTombstone.deletes(deletion, event.fetchedAt());
        if (letter != null && isStale(event, letter)) {
            return null;
        }
        if (letter != null && letter.resultHash.equals(resultHash) && (letter.deletedAt != null) == deleted) {
            // nothing new (a document that came back after its deletion is new, though); a re-parse
            // by a newer parser that read the same still says which parser last produced the letter
            if (!Objects.equals(letter.parserVersion, event.parserVersion()) && event.parserVersion() != null) {
                letter.parserVersion = event.parserVersion();
            }
            return null;
        }
        Instant now = Instant.now();
        ParsedLetter parsed = event.letter();
        boolean isNew = letter == null;
        Map<List<String>, String> oldAnswers = new HashMap<>();
        if (letter == null) {
            letter = new Letter();
            letter.documentId = event.documentId();
            letter.storedAt = now;
        } else {
            letter.answers.forEach(a -> oldAnswers.put(List.copyOf(a.questionNumbers), a.text));
            keepReplacedAnswers(letter, parsed, now);
            letter.questions.clear();
            letter.answers.clear();
            letter.officials.clear();
            // the orphaned rows must be gone before rows with the same (letter, position) come back
            letter.flush();
        }
        letter.sha256 = event.sha256();
        letter.resultHash = resultHash;
        letter.kind = parsed.kind();
        letter.zaakNumbers = List.copyOf(parsed.zaakNumbers());
        letter.zaak = parsed.primaryZaak() == null ? null : lookups.zaak(parsed.primaryZaak());
        letter.documentNumber = parsed.documentNumber();
        letter.ourReference = parsed.ourReference();
        letter.subject = parsed.subject();
        letter.submittedDate = parsed.submittedDate();
        letter.receivedDate = parsed.receivedDate();
        letter.letterDate = parsed.letterDate();
        letter.source = event.source();
        letter.sourceId = event.sourceId();
        letter.contentType = event.contentType();
        letter.fetchedAt = event.fetchedAt();
        letter.parsedAt = event.parsedAt();
        letter.parserVersion = event.parserVersion();
        letter.parsed = parsedJson;
        letter.updatedAt = now;
        letter.deletedAt = deleted ? deletion : null;
        letter.askers.clear();
        for (ParsedLetter.Member m : parsed.askers()) {
            letter.askers.add(lookups.member(m.name(), m.party()));
        }
        letter.addressees.clear();
        for (String title : parsed.addressees()) {
            letter.addressees.add(lookups.office(title));
        }
        letter.answeredBy.clear();
        for (String title : parsed.answeredBy()) {
            letter.answeredBy.add(lookups.office(title));
        }
        writeOfficials(letter, parsed, event.metadata() == null ? List.of() : event.metadata().addressedTo(), lookups);
        int position = 0;
        for (ParsedLetter.Question q : parsed.questions()) {
            Question question = new Question();
            question.letter = letter;
            question.position = ++position;
            question.number = q.number();
            question.text = q.text();
            question.footnotes = List.copyOf(q.footnotes());
            ParsedLetter.Answer answer = parsed.answerTo(q.number());
            question.answerText = answer == null ? null : answer.text();
            letter.questions.add(question);
        }
        position = 0;
        for (ParsedLetter.Answer a : parsed.answers()) {
            Answer answer = new Answer();
            answer.letter = letter;
            answer.position = ++position;
            answer.questionNumbers = List.copyOf(a.questionNumbers());
            answer.text = a.text();
            answer.footnotes = List.copyOf(a.footnotes());
            letter.answers.add(answer);
        }
        letter.reviewReasons = List.copyOf(parsed.reviewReasons());
        agreement.compare(letter, lookups.sameDocument(letter));
        letter.updateNeedsReview();
        letter.persist();
        lookups.written(letter);
        updates.record(letter, parsed, isNew, oldAnswers);
        return letter;
    }

    /**
     * Who answered (each answering office, with the person the letter names for it) and who was
     * addressed (each addressed office, with the person the source names for it; persons the
     * source names for offices the letter does not print come after).
     */
    private static void writeOfficials(Letter letter, ParsedLetter parsed, List<Official> addressedTo, Lookups lookups) {
        int position = 0;
        for (String office : parsed.answeredBy()) {
            Official who = holder(parsed.answeredByOfficials(), office);
            letter.officials.add(official(letter, LetterOfficial.ANSWERED, position++, office, who, lookups));
        }
        position = 0;
        java.util.Set<Official> placed = new java.util.HashSet<>();
        for (String office : parsed.addressees()) {
            Official who = holder(addressedTo, office);
            if (who != null) {
                placed.add(who);
            }
            letter.officials.add(official(letter, LetterOfficial.ADDRESSED, position++, office, who, lookups));
        }
        for (Official who : addressedTo) {
            if (!placed.contains(who) && who.office() != null && !who.office().isBlank()) {
                letter.officials.add(official(letter, LetterOfficial.ADDRESSED, position++, who.office(), who, lookups));
            }
        }
    }

    private static LetterOfficial official(Letter letter, String relation, int position, String office, Official who,
            Lookups lookups) {
        LetterOfficial row = new LetterOfficial();
        row.letter = letter;
        row.relation = relation;
        row.position = position;
        String t = office.strip();
        t = t.length() > LetterBounds.OFFICE_TITLE ? t.substring(0, LetterBounds.OFFICE_TITLE) : t;
        row.office = t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
        row.person = who == null ? null
                : lookups.person(who.name(), row.office, letter.receivedDate != null ? letter.receivedDate : letter.letterDate);
        return row;
    }

    /** The person named for this office: "Minister van X" and "minister van X" are one office. */
    private static Official holder(List<Official> officials, String office) {
        String wanted = officeKey(office);
        for (Official o : officials) {
            if (o.office() != null && o.name() != null && officeKey(o.office()).equals(wanted)) {
                return o;
            }
        }
        return null;
    }

    private static String officeKey(String office) {
        String s = office.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
        return s.startsWith("de ") ? s.substring(3) : s;
    }

    /**
     * An event for content fetched before what is stored, or the same content parsed before what is
     * stored: a replay of history. Applying it would
     * roll the letter back and record a version that never was, so replays stay idempotent.
     */
    private static boolean isStale(LetterParsed event, Letter letter) {
        if (event.fetchedAt() == null || letter.fetchedAt == null) {
            return false;
        }
        if (event.fetchedAt().isBefore(letter.fetchedAt)) {
            return true;
        }
        // the same bytes parsed twice (live, then an operator's re-parse on letters.reparsed): the later
        // parse wins, whichever topic a replay happens to read first
        return event.fetchedAt().equals(letter.fetchedAt) && event.parsedAt() != null && letter.parsedAt != null
                && event.parsedAt().isBefore(letter.parsedAt);
    }

    private static void keepReplacedAnswers(Letter letter, ParsedLetter parsed, Instant now) {
        for (Answer old : letter.answers) {
            boolean kept = parsed.answers().stream().anyMatch(a -> a.questionNumbers().equals(old.questionNumbers)
                    && a.text().equals(old.text));
            if (!kept) {
                AnswerVersion version = new AnswerVersion();
                version.letter = letter;
                version.questionNumbers = List.copyOf(old.questionNumbers);
                version.text = old.text;
                version.sha256 = letter.sha256;
                version.supersededAt = now;
                version.persist();
            }
        }
    }

    private String toJson(ParsedLetter letter) {
        try {
            return json.writeValueAsString(letter);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise the parsed letter", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
