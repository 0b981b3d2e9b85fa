package nl.kamerstroom.parse.parser;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what is printed on the pages but is not the letter's running text, marks it
 * {@link Line.Role#FURNITURE}, and reads the labelled fields out of it: the ministry letterhead
 * (address block, "Datum", "Betreft", "Onze referentie", "Pagina 1 van 4"), the letterhead repeated
 * at the top of later pages, and the typeset Aanhangsel's header, running footers and ISSN line.
 */
final class PageFurniture {

    private static final Pattern LABEL = Pattern.compile(
            "^(Onze referentie|Uw referentie|Ons kenmerk|Uw kenmerk|Kenmerk|Datum|Betreft|Onderwerp|Bijlage\\(n\\)|Bijlagen|Bijlage|Contactpersoon|Retouradres)(?::|\\s|$)\\s*(.*)$");
    private static final Pattern PAGE_NUMBER = Pattern.compile("^Pagina \\d{1,3} van \\d{1,3}$");
    private static final Pattern POSTCODE = Pattern.compile("^\\d{4} ?[A-Z]{2}(?:\\s|$)");
    /** The footer's document number, alone or with the ISSN line glued to it; never inside a sentence. */
    private static final Pattern DOCUMENT_NUMBER = Pattern.compile("^((?:ah|kv)-tk-\\d{8}-\\d{1,5})\\s*(?:ISSN.*)?$");
    /** pymupdf4llm's rendering of the footer "ah-tk-20232024-387" (hyphens and the "a" lost). */
    private static final Pattern MARKDOWN_DOCUMENT_NUMBER = Pattern.compile("^a?h tk (\\d{8}) (\\d{1,5})$");
    private static final Pattern FOOTER = Pattern.compile(
            "^Tweede Kamer, vergaderjaar \\d{4} ?[–-] ?\\d{4}, Aanhangsel \\d{1,3}$");
    private static final Pattern SESSION = Pattern.compile("(\\d{4}) ?[–-] ?(\\d{4})");
    private static final Pattern BODY_OPENER = Pattern.compile(
            "^(?:In antwoord op|Hierbij|Geachte|Vragen van|Hiermede|Hiermee|Met deze brief|Naar aanleiding van|Mede namens)");

    /** How far into a letter its first-page letterhead can reach, in lines. */
    private static final int LETTERHEAD_REACH = 150;

    private PageFurniture() {
    }

    static Letterhead mark(LetterLines doc, ParagraphBreaks breaks) {
        Fields fields = new Fields();
        List<Line> lines = doc.lines();
        markAanhangselFurniture(lines, fields);
        int zoneEnd = letterheadZoneEnd(lines);
        Set<String> letterheadLines = new HashSet<>();
        for (int i = 0; i <= zoneEnd; i++) {
            Line line = lines.get(i);
            if (line.isContent()) {
                readLabel(lines, i, breaks, fields, true);
                if (line.isContent()) {
                    line.role = Line.Role.FURNITURE;
                }
                if (line.text.length() >= 4 && Text.hasLetter(line.text)) {
                    letterheadLines.add(line.text);
                }
            }
        }
        for (int i = zoneEnd + 1; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (!line.isContent()) {
                continue;
            }
            // A label first, so that its value on the next line goes with it ("Onze referentie" / "6753708").
            readLabel(lines, i, breaks, fields, false);
            if (line.isContent() && (PAGE_NUMBER.matcher(line.text).matches()
                    || (!letterheadLines.isEmpty() && letterheadLines.contains(line.text)))) {
                line.role = Line.Role.FURNITURE;
            }
        }
        return new Letterhead(fields.documentNumber, fields.ourReference, fields.yourReference, fields.date,
                fields.subject);
    }

    /** Running footers, ISSN lines, document numbers and the Aanhangsel's first-page header. */
    private static void markAanhangselFurniture(List<Line> lines, Fields fields) {
        String session = null;
        int headerNumberUntil = -1;
        // The Aanhangsel's title block is on its first page, above the questions' header.
        boolean titlePage = true;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.role == Line.Role.PAGE_BREAK) {
                titlePage = false;
            }
            if (!line.isContent()) {
                continue;
            }
            String t = line.text;
            char first = t.charAt(0);
            if (first == 'T' && FOOTER.matcher(t).matches()) {
                line.role = Line.Role.FURNITURE;
            } else if (first == 'I' && t.startsWith("ISSN ")) {
                line.role = Line.Role.FURNITURE;
            } else if ((first == 'a' || first == 'k' || first == 'h') && isDocumentNumber(t, fields)) {
                line.role = Line.Role.FURNITURE;
            } else if (titlePage && t.contains("Vragen van")) {
                titlePage = false;
            } else if (titlePage && i < LETTERHEAD_REACH) {
                // short lines only: a sentence citing "Aanhangsel van de Handelingen" is content
                if ((t.length() <= 100 && t.contains("Aanhangsel van de Handelingen")) || t.startsWith("Tweede Kamer der Staten-Generaal")
                        || t.startsWith("Vragen gesteld door de leden der Kamer") || t.startsWith("regering gegeven antwoorden")) {
                    line.role = Line.Role.FURNITURE;
                    Matcher s = SESSION.matcher(t);
                    if (s.find()) {
                        session = s.group(1) + s.group(2);
                    }
                    headerNumberUntil = i + 6;
                } else if (first == 'V' && t.startsWith("Vergaderjaar")) {
                    line.role = Line.Role.FURNITURE;
                    Matcher s = SESSION.matcher(t);
                    if (s.find()) {
                        session = s.group(1) + s.group(2);
                    }
                } else if (i <= headerNumberUntil && Text.isDigits(t) && t.length() <= 5) {
                    // The number the Aanhangsel prints under its header: "1092".
                    line.role = Line.Role.FURNITURE;
                    if (session != null && fields.headerNumber == null) {
                        fields.headerNumber = "ah-tk-" + session + "-" + t;
                    }
                }
            }
        }
        if (fields.documentNumber == null) {
            fields.documentNumber = fields.headerNumber;
        }
    }

    /** A footer line holding the document number; remembers the first one. */
    private static boolean isDocumentNumber(String t, Fields fields) {
        if (t.length() > 120) {
            return false;
        }
        Matcher m = DOCUMENT_NUMBER.matcher(t);
        String number = null;
        if (m.matches()) {
            number = m.group(1);
        } else {
            Matcher md = MARKDOWN_DOCUMENT_NUMBER.matcher(t);
            if (md.matches()) {
                number = "ah-tk-" + md.group(1) + "-" + md.group(2);
            }
        }
        if (number != null && fields.documentNumber == null) {
            fields.documentNumber = number;
        }
        return number != null;
    }

    /**
     * The last line of the first page's letterhead, or -1 when the letter has none. The letterhead
     * runs up to the last letterhead line (address, label, page number) before the body starts;
     * two such lines at least, so that one "Datum:" in a memo does not swallow its text.
     */
    private static int letterheadZoneEnd(List<Line> lines) {
        int reach = Math.min(lines.size(), LETTERHEAD_REACH);
        int lastSignal = -1;
        int signals = 0;
        for (int i = 0; i < reach; i++) {
            Line line = lines.get(i);
            if (!line.isContent()) {
                continue;
            }
            String t = line.text;
            if (BODY_OPENER.matcher(t).find() || HeadingRecogniser.recognise(t) != null) {
                break;
            }
            if (isLetterheadSignal(t)) {
                signals++;
                lastSignal = i;
            }
        }
        if (signals < 2) {
            return -1;
        }
        // A label on the zone's last line has its value on the next line(s).
        Matcher label = LABEL.matcher(lines.get(lastSignal).text);
        if (label.find() && label.group(2).isBlank()) {
            int value = nextContent(lines, lastSignal, 3);
            if (value > 0) {
                return value;
            }
        }
        return lastSignal;
    }

    private static boolean isLetterheadSignal(String t) {
        return LABEL.matcher(t).find()
                || t.startsWith("Postbus ")
                || t.startsWith("> Retouradres")
                || t.startsWith("Aan de Voorzitter")
                || t.startsWith("www.")
                || PAGE_NUMBER.matcher(t).matches()
                || POSTCODE.matcher(t).find();
    }

    /**
     * Reads "Label value" or "Label" followed by its value on the next line(s) and marks the value
     * lines as furniture. Outside the first page's letterhead only the labels that letterheads
     * repeat on every page count, so that a sentence starting with "Bijlage" stays text.
     */
    private static void readLabel(List<Line> lines, int i, ParagraphBreaks breaks, Fields fields, boolean inLetterhead) {
        Line line = lines.get(i);
        char first = line.text.charAt(0);
        if ("OUKDBCR".indexOf(first) < 0) {
            return;
        }
        Matcher m = LABEL.matcher(line.text);
        if (!m.find()) {
            return;
        }
        String label = m.group(1);
        String value = m.group(2).strip();
        int valueLine = -1;
        if (value.isEmpty()) {
            valueLine = nextContent(lines, i, 3);
            if (valueLine < 0) {
                return;
            }
            value = lines.get(valueLine).text;
        }
        switch (label) {
            case "Onze referentie", "Ons kenmerk", "Uw referentie", "Uw kenmerk", "Kenmerk" -> {
                if (value.length() > 60 || (!inLetterhead && value.indexOf(' ') >= 0 && !Text.isDigits(value.replace(" ", "")))) {
                    return;
                }
                if (label.startsWith("U")) {
                    fields.yourReference = first(fields.yourReference, value);
                } else {
                    fields.ourReference = first(fields.ourReference, value);
                }
            }
            case "Datum" -> {
                LocalDate date = DutchDates.whole(value);
                if (date == null) {
                    return;
                }
                fields.date = fields.date == null ? date : fields.date;
            }
            case "Betreft", "Onderwerp" -> {
                if (!inLetterhead) {
                    return;
                }
                int end = valueLine < 0 ? i : valueLine;
                StringBuilder subject = new StringBuilder(value);
                end = continueValue(lines, end, breaks, subject);
                if (fields.subject == null) {
                    fields.subject = subject.toString();
                }
                for (int k = i + 1; k <= end; k++) {
                    if (lines.get(k).isContent()) {
                        lines.get(k).role = Line.Role.FURNITURE;
                    }
                }
                line.role = Line.Role.FURNITURE;
                return;
            }
            default -> {
                if (!inLetterhead) {
                    return;
                }
            }
        }
        line.role = Line.Role.FURNITURE;
        if (valueLine >= 0) {
            lines.get(valueLine).role = Line.Role.FURNITURE;
        }
    }

    /** Appends the lines that continue a "Betreft" value; returns the index of its last line. */
    private static int continueValue(List<Line> lines, int from, ParagraphBreaks breaks, StringBuilder value) {
        int last = from;
        int blanks = 0;
        boolean whitespaceOnly = false;
        for (int k = from + 1; k < lines.size() && k <= from + 12; k++) {
            Line line = lines.get(k);
            if (line.isBlank()) {
                blanks++;
                whitespaceOnly |= line.whitespaceOnly;
                continue;
            }
            if (!line.isContent() || breaks.isBreak(blanks, whitespaceOnly) || isLetterheadSignal(line.text)
                    || BODY_OPENER.matcher(line.text).find()) {
                break;
            }
            ParagraphJoiner.appendLine(value, line.text);
            last = k;
            blanks = 0;
            whitespaceOnly = false;
        }
        return last;
    }

    private static int nextContent(List<Line> lines, int from, int maxDistance) {
        for (int k = from + 1; k < lines.size() && k <= from + maxDistance * 2; k++) {
            Line line = lines.get(k);
            if (line.isContent()) {
                return line.text.length() <= 80 ? k : -1;
            }
            if (!line.isBlank()) {
                return -1;
            }
        }
        return -1;
    }

    private static String first(String existing, String candidate) {
        return existing != null ? existing : candidate;
    }

    private static final class Fields {
        String documentNumber;
        String headerNumber;
        String ourReference;
        String yourReference;
        LocalDate date;
        String subject;
    }
}
