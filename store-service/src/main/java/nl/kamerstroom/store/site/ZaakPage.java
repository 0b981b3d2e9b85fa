package nl.kamerstroom.store.site;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.store.api.ZaakView;

/**
 * What {@code /zaken/{nummer}} shows: the zaak as the API gives it ({@link ZaakView}), its
 * timeline, its questions grouped with the answer that covers them (a combined answer once), and
 * per document its footnotes, the parser's warnings and a link to the source where one is known.
 */
public record ZaakPage(ZaakView zaak, List<Event> timeline, List<Row> rows, List<Document> documents) {

    /** officielebekendmakingen.nl publishes Kamervragen ("kv-tk-…") and Aanhangsels ("ah-tk-…") under their id. */
    private static final Pattern PUBLISHED_ID = Pattern.compile("^(?:kv|ah)-tk-[0-9A-Za-z-]+$");

    public record Event(LocalDate date, String what, boolean deadline) {
    }

    /** Questions that share one answer, side by side with it and with a further answer if any. */
    public record Row(List<ZaakView.QuestionWithAnswer> questions, ZaakView.AnswerRef answer,
            ZaakView.AnswerRef furtherAnswer) {

        /** "Antwoord op vraag 2" or "Antwoord op vragen 2, 3 en 4". */
        public String answerLabel() {
            return label(answer);
        }

        public String furtherLabel() {
            return label(furtherAnswer);
        }

        /** The numbers the answer covers, "2,3". */
        public String covers() {
            return answer == null ? "" : String.join(",", answer.questionNumbers());
        }

        public boolean combined() {
            return answer != null && answer.questionNumbers().size() > 1;
        }

        private static String label(ZaakView.AnswerRef ref) {
            if (ref == null) {
                return "";
            }
            List<String> n = ref.questionNumbers();
            if (n.size() == 1) {
                return "vraag " + n.get(0);
            }
            return "vragen " + String.join(", ", n.subList(0, n.size() - 1)) + " en " + n.get(n.size() - 1);
        }
    }

    public record Document(String documentId, String kind, LocalDate date, boolean deleted, String sourceUrl,
            List<Footnote> footnotes, List<String> warnings) {
    }

    /** A footnote; its url only when it is http(s), so a "javascript:" link in a letter never becomes one here. */
    public record Footnote(String number, String text, String url) {

        static Footnote of(ParsedLetter.Footnote f) {
            String url = f.url() != null && WEB_URL.matcher(f.url()).matches() ? f.url() : null;
            return new Footnote(f.number(), f.text() != null ? f.text() : f.url(), url);
        }
    }

    private static final Pattern WEB_URL = Pattern.compile("^https?://\\S+$", Pattern.CASE_INSENSITIVE);

    /** What a document shows besides its text: its footnotes and the parser's warnings (V15's columns). */
    record Notes(List<ParsedLetter.Footnote> footnotes, List<String> warnings) {
    }

    static ZaakPage of(ZaakView.Read read, java.util.Map<String, Notes> notes) {
        ZaakView zaak = read.view();
        List<Event> timeline = new ArrayList<>();
        if (zaak.submittedDate() != null) {
            timeline.add(new Event(zaak.submittedDate(), "Vragen gesteld", false));
        }
        List<Document> documents = new ArrayList<>();
        for (ZaakView.StoredLetter l : read.letters()) {
            LocalDate day = l.receivedDate() != null ? l.receivedDate() : l.letterDate();
            String what = switch (l.kind()) {
                case POSTPONEMENT -> "Uitstelbericht";
                case ANSWER -> "Beantwoord";
                case FURTHER_ANSWER -> "Aanvullend antwoord";
                case WITHDRAWAL -> "Ingetrokken";
                default -> null;
            };
            if (what != null && !l.deleted()) {
                timeline.add(new Event(day, what, false));
            }
            Notes shown = notes.get(l.documentId());
            documents.add(new Document(l.documentId(), kindName(l.kind()), day, l.deleted(),
                    PUBLISHED_ID.matcher(l.documentId()).matches()
                            ? "https://zoek.officielebekendmakingen.nl/" + l.documentId() + ".html" : null,
                    shown == null ? List.of() : shown.footnotes().stream().map(Footnote::of).toList(),
                    shown == null ? List.of("De tekst van dit document kon niet worden gelezen.") : shown.warnings()));
        }
        if (zaak.deadline() != null) {
            timeline.add(new Event(zaak.deadline(), "Uiterste antwoorddatum", true));
        }
        timeline.sort(Comparator.comparing(Event::date, Comparator.nullsLast(Comparator.naturalOrder())));
        return new ZaakPage(zaak, timeline, rows(zaak.questions()), documents);
    }

    /** Consecutive questions answered together form one row, so a combined answer is shown once. */
    static List<Row> rows(List<ZaakView.QuestionWithAnswer> questions) {
        List<Row> rows = new ArrayList<>();
        for (ZaakView.QuestionWithAnswer q : questions) {
            Row last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (last != null && q.answer() != null && last.answer() != null
                    && Objects.equals(last.answer().questionNumbers(), q.answer().questionNumbers())
                    && Objects.equals(last.furtherAnswer(), q.furtherAnswer())) {
                last.questions().add(q);
            } else {
                List<ZaakView.QuestionWithAnswer> group = new ArrayList<>();
                group.add(q);
                rows.add(new Row(group, q.answer(), q.furtherAnswer()));
            }
        }
        return rows;
    }

    public boolean hasWarnings() {
        return documents.stream().anyMatch(d -> !d.warnings().isEmpty());
    }

    public boolean hasFootnotes() {
        return documents.stream().anyMatch(d -> !d.footnotes().isEmpty());
    }

    public static String kindName(LetterKind kind) {
        return switch (kind) {
            case QUESTIONS -> "Schriftelijke vragen";
            case POSTPONEMENT -> "Uitstelbericht";
            case ANSWER -> "Antwoord";
            case FURTHER_ANSWER -> "Aanvullend antwoord";
            case WITHDRAWAL -> "Intrekking";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
