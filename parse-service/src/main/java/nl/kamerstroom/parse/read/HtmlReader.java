package nl.kamerstroom.parse.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.parse.parser.Headings;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;

/**
 * HTML with jsoup. An officielebekendmakingen page marks up its questions ({@code div.vraag}),
 * answers ({@code div.antwoord}), remarks ({@code div.kamervraagopmerking}) and footnotes
 * ({@code div.voet.noot} with a {@code .nootnum}, cited by {@code a.nootnum}): that is read as
 * structure, like KOOP XML. Any other HTML is turned into text, one line per block element, for
 * the text parser.
 */
final class HtmlReader {

    /** A {@code <br>} inside a paragraph: kept as a line break in text, a space in structure. */
    private static final char LINE_BREAK = '\u2028';
    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr",
            "table", "ul", "ol", "section", "article", "header", "footer", "blockquote", "pre", "dt", "dd",
            "hr", "main", "body", "td", "th");
    /** jsoup builds a tree; a hostile page can nest without end. Deeper content is read as flat text. */
    private static final int MAX_DEPTH = 200;

    private HtmlReader() {
    }

    static Document parse(byte[] content) {
        Parser parser = Parser.htmlParser();
        parser.setTrackErrors(0);
        return Jsoup.parse(new String(content, charset(content)), "", parser);
    }

    /** Structured when the page has question or answer markup; else null. */
    static StructuredLetter structured(Document doc) {
        Elements blocks = doc.select("div.vraag, div.antwoord");
        if (blocks.isEmpty()) {
            return null;
        }
        StructuredLetter letter = new StructuredLetter();
        String identifier = doc.select("meta[name=DC.identifier], meta[name=dcterms.identifier]").attr("content");
        letter.documentNumber = identifier.matches("(?:ah|kv)-.*") ? identifier.strip() : null;

        for (Element footnote : doc.select("div.voet.noot, div.noot")) {
            footnote(footnote, letter);
        }
        Set<String> headers = new LinkedHashSet<>();
        for (Element header : doc.select("[class*=kamervraagomschrijving]")) {
            String text = KoopXmlReader.collapse(header.text());
            if (!text.isEmpty()) {
                headers.add(text);
            }
        }
        letter.header.addAll(headers);
        for (Element remark : doc.select("div.kamervraagopmerking")) {
            List<String> paragraphs = new ArrayList<>();
            Set<String> cited = new LinkedHashSet<>();
            paragraphs(remark, paragraphs, cited, new StringBuilder(), 0);
            paragraphs.forEach(p -> letter.remarks.add(KoopXmlReader.collapse(p.replace(LINE_BREAK, ' '))));
        }
        for (Element block : blocks) {
            if (block.parents().stream().anyMatch(p -> p.hasClass("vraag") || p.hasClass("antwoord"))) {
                continue;
            }
            boolean question = block.hasClass("vraag");
            List<String> paragraphs = new ArrayList<>();
            Set<String> cited = new LinkedHashSet<>();
            String printed = null;
            Element heading = block.selectFirst("h1, h2, h3, h4, h5, h6, .stuktitel, .vraagnummer, .antwoordnummer");
            if (heading != null) {
                printed = KoopXmlReader.collapse(heading.text());
                heading.remove();
            }
            StringBuilder current = new StringBuilder();
            paragraphs(block, paragraphs, cited, current, 0);
            end(current, paragraphs);
            paragraphs.replaceAll(p -> KoopXmlReader.collapse(p.replace(LINE_BREAK, ' ')));
            if (printed == null && !paragraphs.isEmpty()
                    && (question ? Headings.isQuestionHeading(paragraphs.get(0)) : Headings.isAnswerHeading(paragraphs.get(0)))) {
                printed = paragraphs.remove(0);
            }
            letter.blocks.add(new StructuredLetter.Block(question ? StructuredLetter.BlockKind.QUESTION
                    : StructuredLetter.BlockKind.ANSWER, printed, List.copyOf(paragraphs), List.copyOf(cited)));
        }
        return letter;
    }

    private static void footnote(Element footnote, StructuredLetter letter) {
        Element num = footnote.selectFirst(".nootnum");
        String number = num == null ? null : KoopXmlReader.collapse(num.text());
        Element copy = footnote.clone();
        copy.select(".nootnum, .note-close, h5").remove();
        String text = KoopXmlReader.collapse(copy.text());
        if (number == null || number.isEmpty()) {
            number = Integer.toString(letter.footnotes.size() + 1);
        }
        Element link = copy.selectFirst("a[href^=http]");
        String url = link == null ? null : link.attr("href");
        letter.footnotes.putIfAbsent(number, new ParsedLetter.Footnote(number, text, url));
    }

    private static void paragraphs(Element element, List<String> paragraphs, Set<String> cited,
                                   StringBuilder current, int depth) {
        for (Node node : element.childNodes()) {
            if (node instanceof TextNode text) {
                current.append(text.getWholeText());
            } else if (node instanceof Element e) {
                if (e.hasClass("nootnum") || (e.tagName().equals("sup") && e.selectFirst(".nootnum") != null)) {
                    String number = KoopXmlReader.collapse(e.text());
                    glue(current, paragraphs, number);
                    if (!number.isEmpty()) {
                        cited.add(number);
                    }
                } else if (e.hasClass("voet") || e.hasClass("noot") || e.tagName().equals("script")
                        || e.tagName().equals("style")) {
                    // footnote bodies are read separately
                } else if (e.tagName().equals("br")) {
                    current.append(LINE_BREAK);
                } else if (depth >= MAX_DEPTH) {
                    current.append(' ').append(e.text()).append(' ');
                } else if (BLOCKS.contains(e.tagName())) {
                    end(current, paragraphs);
                    if (e.tagName().equals("tr")) {
                        List<String> cells = new ArrayList<>();
                        for (Element cell : e.select("> td, > th")) {
                            cells.add(KoopXmlReader.collapse(cell.text()));
                        }
                        String row = String.join(" | ", cells);
                        if (!row.replace("|", "").isBlank()) {
                            paragraphs.add(row);
                        }
                        continue;
                    }
                    paragraphs(e, paragraphs, cited, current, depth + 1);
                    end(current, paragraphs);
                } else {
                    paragraphs(e, paragraphs, cited, current, depth + 1);
                }
            }
        }
    }

    /** Appends a footnote number to the paragraph that cites it (the previous one if the current is empty). */
    static void glue(StringBuilder current, List<String> paragraphs, String number) {
        if (isBlank(current) && !paragraphs.isEmpty()) {
            paragraphs.set(paragraphs.size() - 1, paragraphs.get(paragraphs.size() - 1) + number);
            current.setLength(0);
            return;
        }
        int end = current.length();
        while (end > 0 && Character.isWhitespace(current.charAt(end - 1))) {
            end--;
        }
        current.setLength(end);
        current.append(number);
    }

    /** Without copying the text (a paragraph citing thousands of notes made that quadratic). */
    private static boolean isBlank(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void end(StringBuilder current, List<String> paragraphs) {
        String text = KoopXmlReader.collapse(current.toString());
        current.setLength(0);
        if (!text.isEmpty()) {
            paragraphs.add(text);
        }
    }

    /** Any HTML as text: one line per block element, a blank line between paragraphs. */
    static String text(Document doc) {
        List<String> paragraphs = new ArrayList<>();
        Element body = doc.body() == null ? doc : doc.body();
        StringBuilder current = new StringBuilder();
        paragraphs(body, paragraphs, new LinkedHashSet<>(), current, 0);
        end(current, paragraphs);
        StringBuilder text = new StringBuilder();
        for (String paragraph : paragraphs) {
            for (String line : paragraph.split(String.valueOf(LINE_BREAK))) {
                text.append(line.strip()).append('\n');
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The declared meta charset is rarely wrong for these pages, but UTF-8 is what they use. */
    private static java.nio.charset.Charset charset(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 2048), StandardCharsets.ISO_8859_1).toLowerCase();
        if (head.contains("charset=windows-1252") || head.contains("charset=\"windows-1252\"")
                || head.contains("charset=iso-8859-1") || head.contains("charset=\"iso-8859-1\"")) {
            return java.nio.charset.Charset.forName("windows-1252");
        }
        return StandardCharsets.UTF_8;
    }
}
