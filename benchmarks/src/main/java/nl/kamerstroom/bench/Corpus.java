package nl.kamerstroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.kamerstroom.testsupport.TextPdf;

/**
 * Letters built from the real corpus ({@code shared/corpus}) and the local stack's samples, each
 * with a zaak number and document number of its own so that every one is a new document and a new
 * zaak: the seed ministry letters as text answers, KOOP XML in the publication's layout (the real
 * {@code <vraag>}/{@code <antwoord>} fragments and Q/A pairs of the corpus under the header KOOP
 * prints), the Aanhangsel PDFs' text layer typeset again as PDF, and the two letters the Tweede
 * Kamer publishes around an answer: the questions themselves and a postponement notice.
 */
final class Corpus {

    private static final String[] MONTHS = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
            "augustus", "september", "oktober", "november", "december"};
    private static final String[] PARTIES = {"VVD", "PVV", "GroenLinks-PvdA", "NSC", "D66", "CDA", "SP", "PvdD",
            "ChristenUnie", "SGP", "JA21", "BBB", "DENK", "Volt"};
    private static final String[] OFFICES = {"Minister van Justitie en Veiligheid", "Minister van Financiën",
            "Minister van Volksgezondheid, Welzijn en Sport", "Minister van Onderwijs, Cultuur en Wetenschap",
            "Minister van Infrastructuur en Waterstaat", "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties",
            "Minister van Economische Zaken en Klimaat", "Minister van Sociale Zaken en Werkgelegenheid"};

    /** Seed 000 and 001: ministry letters with nine and twenty questions, their zaak number in the text. */
    private static final List<String> SEEDS = List.of("000_f6bf631fb9c80b1a.txt", "001_ac304c379d17da38.txt");
    /** A zaak number as the parser reads one ({@code 2025Z17315}). */
    private static final Pattern ANY_ZAAK = Pattern.compile("\\b(?:19|20)\\d{2}Z\\d{5}\\b");
    /** A corpus document id: {@code ah-tk-20232024-1092}. */
    private static final Pattern AH_ID = Pattern.compile("ah-tk-\\d{8}-\\d{1,5}");
    /** A Q/A pairs printout line starting a question or answer: {@code Q2 3   text}. */
    private static final Pattern PAIR_HEAD = Pattern.compile("^([QA])(\\d+[a-z]?(?: \\d+[a-z]?)*)\\s+(.*)$");
    private static final Pattern FRAGMENT = Pattern.compile("(?s)<(vraag|antwoord)\\b.*?</\\1>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern XML_NS = Pattern.compile(" xmlns:xsi=\"[^\"]*\"");
    private static final Pattern TAGS = Pattern.compile("<[^>]+>");

    /** One KOOP publication's question and answer blocks (XML), who asked and who answered. */
    record XmlBase(String id, String blocks, String asker, String addressee, List<String> questions) {
    }

    private final List<String> seeds = new ArrayList<>();
    private final List<XmlBase> xml = new ArrayList<>();
    private final List<String[]> aanhangsels = new ArrayList<>();

    private Corpus() {
    }

    /** {@code corpus}: the directory with {@code raw/}; {@code samples}: deploy/local/samples. */
    static Corpus load(Path corpus, Path samples) throws IOException {
        Corpus c = new Corpus();
        ObjectMapper json = new ObjectMapper();
        for (String seed : SEEDS) {
            c.seeds.add(Files.readString(samples.resolve(seed)));
        }
        for (Path f : list(corpus.resolve("raw/koop-xml-fragments"), ".fragments.xml")) {
            String id = f.getFileName().toString().replace(".fragments.xml", "");
            JsonNode meta = json.readTree(corpus.resolve("raw/koop-xml-fragments/" + id + ".json").toFile()).path("metadata");
            StringBuilder blocks = new StringBuilder();
            List<String> questions = new ArrayList<>();
            // the corpus builder's comment names the elements too: only the markup counts
            Matcher m = FRAGMENT.matcher(COMMENT.matcher(Files.readString(f)).replaceAll(""));
            while (m.find()) {
                String block = XML_NS.matcher(m.group()).replaceAll("");
                blocks.append(block).append('\n');
                if (m.group(1).equals("vraag")) {
                    questions.add(TAGS.matcher(block.replaceAll("(?s)<noot\\b.*?</noot>|<nr\\b.*?</nr>", "")).replaceAll(" ")
                            .replaceAll("\\s+", " ").strip());
                }
            }
            c.xml.add(new XmlBase(id, blocks.toString(), surname(meta.path("indiener").path(0).asText("Jansen")),
                    surname(meta.path("ontvanger").path(0).asText("De Vries")), questions));
        }
        for (Path f : list(corpus.resolve("raw/koop-qa-pairs"), ".txt")) {
            c.xml.add(pairs(f.getFileName().toString().replace(".txt", ""), Files.readAllLines(f)));
        }
        for (Path f : list(corpus.resolve("raw/aanhangsel-pdftext"), ".txt")) {
            String text = Files.readString(f);
            Matcher id = AH_ID.matcher(f.getFileName().toString());
            if (id.find()) {
                c.aanhangsels.add(new String[] {text, id.group()});
            }
        }
        if (c.xml.isEmpty() || c.aanhangsels.isEmpty()) {
            throw new IOException(corpus + " holds no KOOP XML fragments or Aanhangsel texts");
        }
        return c;
    }

    int xmlBases() {
        return xml.size();
    }

    int pdfBases() {
        return aanhangsels.size();
    }

    /** Letter {@code n}: a seed ministry answer (text) with {@code zaak} in place of its own. */
    byte[] textAnswer(int n, String zaak) {
        String seed = seeds.get(Math.floorMod(n, seeds.size()));
        // every zaak number in the seed (the second seed names two: the header's and the footer's
        // "vraagnummer"), so that each letter is one zaak of its own as a real letter is
        return ANY_ZAAK.matcher(seed).replaceAll(zaak).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The KOOP XML of Aanhangsel number {@code number} answering {@code zaak}: corpus blocks of base
     * {@code n}, the header KOOP prints (who asked whom about what, submitted and received dates,
     * the zaak as {@code <kamervraagnummer>}).
     */
    byte[] koopXml(int n, String zaak, int number, LocalDate submitted) {
        XmlBase base = xml.get(Math.floorMod(n, xml.size()));
        LocalDate received = submitted.plusDays(21 + Math.floorMod(n, 40));
        String id = "ah-tk-" + vergaderjaar(received) + "-" + number;
        String office = OFFICES[Math.floorMod(n, OFFICES.length)];
        String party = PARTIES[Math.floorMod(n * 7, PARTIES.length)];
        String xmlText = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<officiele-publicatie xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                + "<metadata><meta name=\"DC.identifier\" content=\"" + id + "\"/>"
                + "<meta name=\"DC.type\" content=\"Aanhangsel van de Handelingen\"/></metadata>\n"
                + "<kamervragen>\n<kamervraagkop>\n<kamervraagnummer>" + zaak + "</kamervraagnummer>\n"
                + "<kamervraagomschrijving type=\"vraag\">Vragen van het lid " + base.asker() + " (" + party + ") aan de "
                + office + " over " + escape(subject(base)) + " (ingezonden <datum isodatum=\"" + submitted + "\">"
                + dutch(submitted) + "</datum>).</kamervraagomschrijving>\n"
                + "<kamervraagomschrijving type=\"antwoord\">Antwoord van " + title(office) + " " + base.addressee()
                + " (ontvangen <datum isodatum=\"" + received + "\">" + dutch(received) + "</datum>)</kamervraagomschrijving>\n"
                + "</kamervraagkop>\n" + base.blocks() + "</kamervragen>\n</officiele-publicatie>\n";
        return xmlText.getBytes(StandardCharsets.UTF_8);
    }

    /** An Aanhangsel's text layer (corpus base {@code n}) typeset as PDF under a number of its own. */
    byte[] pdf(int n, int number, LocalDate received) {
        String[] base = aanhangsels.get(Math.floorMod(n, aanhangsels.size()));
        String id = "ah-tk-" + vergaderjaar(received) + "-" + number;
        return TextPdf.render(base[0].replace(base[1], id));
    }

    /** The questions as the Tweede Kamer publishes them (Document.Soort "Schriftelijke vragen"). */
    byte[] questions(int n, String zaak, LocalDate submitted) {
        XmlBase base = xml.get(Math.floorMod(n, xml.size()));
        StringBuilder text = new StringBuilder();
        text.append(zaak).append("\n(ingezonden ").append(dutch(submitted)).append(")\n\n");
        text.append("Vragen van het lid ").append(base.asker()).append(" (").append(PARTIES[Math.floorMod(n * 7, PARTIES.length)])
                .append(") aan de ").append(OFFICES[Math.floorMod(n, OFFICES.length)]).append(" over ")
                .append(subject(base)).append(".\n\n");
        for (int i = 0; i < base.questions().size(); i++) {
            text.append(i + 1).append("\n").append(base.questions().get(i)).append("\n\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A "Mededeling (uitstel antwoord)": the answer will be late, the three weeks are not enough. */
    byte[] postponement(int n, String zaak, LocalDate submitted, LocalDate sent) {
        XmlBase base = xml.get(Math.floorMod(n, xml.size()));
        String office = OFFICES[Math.floorMod(n, OFFICES.length)];
        String text = "Mededeling\n\n" + "Datum " + dutch(sent) + "\nBetreft Uitstel beantwoording Kamervragen\n\n"
                + "De vragen van het lid " + base.asker() + " (" + PARTIES[Math.floorMod(n * 7, PARTIES.length)]
                + ") aan de " + office + " over " + subject(base) + " (" + zaak + ", ingezonden " + dutch(submitted)
                + ") kunnen tot mijn spijt niet binnen de gebruikelijke termijn van drie weken worden beantwoord. "
                + "Voor de beantwoording is afstemming met andere departementen nodig. "
                + "Ik streef ernaar de vragen zo spoedig mogelijk te beantwoorden.\n\n"
                + "De " + office + ",\n\n" + base.addressee() + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String vergaderjaar(LocalDate date) {
        int start = date.getMonthValue() >= 9 ? date.getYear() : date.getYear() - 1;
        return start + "" + (start + 1);
    }

    static String dutch(LocalDate date) {
        return date.getDayOfMonth() + " " + MONTHS[date.getMonthValue() - 1] + " " + date.getYear();
    }

    private static String subject(XmlBase base) {
        String first = base.questions().isEmpty() ? "het beleid" : base.questions().get(0);
        String[] words = first.replaceAll("[«»\"?]", "").split(" ");
        return "het bericht over " + String.join(" ", java.util.Arrays.copyOfRange(words, Math.min(3, words.length),
                Math.min(9, words.length))).toLowerCase(java.util.Locale.ROOT);
    }

    private static String title(String office) {
        return office.startsWith("Staatssecretaris") ? "Staatssecretaris" : "Minister";
    }

    /** "B.C. Kathmann" → "Kathmann". */
    private static String surname(String name) {
        String[] parts = name.strip().split(" ");
        return parts[parts.length - 1];
    }

    /** The wetsuite Q/A printout (Q1/A1 lines, continuation lines indented) as KOOP XML blocks. */
    private static XmlBase pairs(String id, List<String> lines) {
        StringBuilder blocks = new StringBuilder();
        List<String> questions = new ArrayList<>();
        String kind = null;
        String numbers = null;
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            Matcher head = PAIR_HEAD.matcher(line);
            if (head.matches()) {
                block(blocks, questions, kind, numbers, text);
                kind = head.group(1);
                numbers = head.group(2);
                text.setLength(0);
                text.append(head.group(3));
            } else if (kind != null && !line.isBlank()) {
                text.append(' ').append(line.strip());
            }
        }
        block(blocks, questions, kind, numbers, text);
        return new XmlBase(id, blocks.toString(), "Van der Lee", "Hoekstra", questions);
    }

    private static void block(StringBuilder blocks, List<String> questions, String kind, String numbers, StringBuilder text) {
        if (kind == null) {
            return;
        }
        String[] n = numbers.split(" ");
        String printed = n.length == 1 ? n[0] : String.join(", ", java.util.Arrays.copyOf(n, n.length - 1)) + " en " + n[n.length - 1];
        String element = kind.equals("Q") ? "vraag" : "antwoord";
        blocks.append('<').append(element).append("><nr status=\"officieel\">").append(kind.equals("Q") ? "Vraag " : "Antwoord ")
                .append(printed).append("</nr><al>").append(escape(text.toString().strip())).append("</al></").append(element).append(">\n");
        if (kind.equals("Q")) {
            questions.add(text.toString().strip());
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
