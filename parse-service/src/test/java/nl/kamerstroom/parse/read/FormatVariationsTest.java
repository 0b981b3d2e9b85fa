package nl.kamerstroom.parse.read;

import nl.kamerstroom.formats.Format;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.parse.parser.LetterParser;
import nl.kamerstroom.testsupport.TextPdf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated variations of the real documents parse to the same structure as their source: the
 * KOOP Q/A printouts (numbering and pairing derived from the official XML) as KOOP XML,
 * officielebekendmakingen HTML, DOCX, ODT, PDF and text; the seeds and the corpus texts as PDF,
 * DOCX, ODT and HTML.
 */
class FormatVariationsTest {

    private static final LetterParser PARSER = new LetterParser();
    private final LetterReader reader = new LetterReader();

    static Stream<String> koopPairs() {
        return Letters.KOOP_QA.stream();
    }

    @ParameterizedTest
    @MethodSource("koopPairs")
    void koopPairsReadTheSameFromEveryFormat(String id) throws Exception {
        List<Variants.Pair> pairs = Variants.pairs(Letters.text("koop-qa/" + id + ".txt"));
        List<String> numbers = pairs.stream().flatMap(p -> p.numbers().stream()).toList();
        List<List<String>> groups = pairs.stream().map(Variants.Pair::numbers).toList();
        String text = Variants.aanhangselText(pairs);

        record Variant(String name, byte[] bytes, String type, Format format, boolean exactText) {
        }
        List<Variant> variants = List.of(
                new Variant("KOOP XML", Variants.koopXml(id, pairs), "application/xml", Format.KOOP_XML, true),
                new Variant("HTML", Variants.officialHtml(id, pairs), "text/html", Format.HTML, true),
                new Variant("text", text.getBytes(StandardCharsets.UTF_8), "text/plain", Format.TEXT, false),
                new Variant("DOCX", Variants.docx(text), "application/octet-stream", Format.DOCX, false),
                new Variant("ODT", Variants.odt(text), null, Format.ODT, false),
                new Variant("PDF", TextPdf.render(text), "application/pdf", Format.PDF, false));
        for (Variant variant : variants) {
            String as = id + " as " + variant.name();
            assertThat(LetterReader.detect(variant.bytes(), variant.type())).as(as).isEqualTo(variant.format());
            ParsedLetter letter = reader.read(variant.bytes(), variant.type());
            assertThat(Letters.questionNumbers(letter)).as(as).containsExactlyElementsOf(numbers);
            assertThat(Letters.answerGroups(letter)).as(as).containsExactlyElementsOf(groups);
            for (Variants.Pair pair : pairs) {
                for (String number : pair.numbers()) {
                    String question = KoopXmlGoldenTest.question(letter, number).text();
                    String answer = letter.answerTo(number).text();
                    if (variant.exactText()) {
                        assertThat(question).as(as + " question " + number).isEqualTo(pair.question());
                        assertThat(answer).as(as + " answer " + number).isEqualTo(pair.answer());
                    } else {
                        assertThat(Letters.letters(question)).as(as + " question " + number).isEqualTo(Letters.letters(pair.question()));
                        assertThat(Letters.letters(answer)).as(as + " answer " + number).isEqualTo(Letters.letters(pair.answer()));
                    }
                }
            }
        }
    }

    static Stream<String> textDocuments() {
        return Stream.concat(Stream.of("seeds/000_f6bf631fb9c80b1a.txt", "seeds/001_ac304c379d17da38.txt",
                        "seeds/002_358412831a12e61a.txt"),
                nl.kamerstroom.parse.read.CorpusDocuments.aanhangsels().map(f -> "corpus/" + f));
    }

    @ParameterizedTest
    @MethodSource("textDocuments")
    void seedAndCorpusTextsReadTheSameAsPdfDocxOdtAndHtml(String path) throws Exception {
        String text = Letters.text(path);
        ParsedLetter source = PARSER.parse(text);
        List<Object[]> variants = List.of(
                new Object[] {"DOCX", Variants.docx(text), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
                new Object[] {"ODT", Variants.odt(text), "application/vnd.oasis.opendocument.text"},
                new Object[] {"HTML", Variants.html(text), "text/html"},
                new Object[] {"PDF", TextPdf.render(text), "application/pdf"});
        for (Object[] variant : variants) {
            ParsedLetter letter = reader.read((byte[]) variant[1], (String) variant[2]);
            // the PDF renderer re-wraps lines and moves page breaks, which can move a word (two corpus
            // documents): for PDF the structure must agree, the texts are compared for the others
            assertSameStructure(path + " as " + variant[0], letter, source, !variant[0].equals("PDF"));
        }
    }

    static void assertSameStructure(String as, ParsedLetter letter, ParsedLetter source, boolean texts) {
        assertThat(letter.kind()).as(as).isEqualTo(source.kind());
        assertThat(Letters.questionNumbers(letter)).as(as).isEqualTo(Letters.questionNumbers(source));
        assertThat(Letters.answerGroups(letter)).as(as).isEqualTo(Letters.answerGroups(source));
        assertThat(letter.askers()).as(as).isEqualTo(source.askers());
        assertThat(letter.zaakNumbers()).as(as).isEqualTo(source.zaakNumbers());
        assertThat(letter.submittedDate()).as(as).isEqualTo(source.submittedDate());
        assertThat(letter.receivedDate()).as(as).isEqualTo(source.receivedDate());
        for (ParsedLetter.Question q : texts ? source.questions() : List.<ParsedLetter.Question>of()) {
            assertThat(Letters.letters(KoopXmlGoldenTest.question(letter, q.number()).text()))
                    .as(as + " question " + q.number()).isEqualTo(Letters.letters(q.text()));
        }
    }
}
