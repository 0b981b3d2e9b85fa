package nl.kamerstroom.parse.read;

import nl.kamerstroom.formats.Format;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official KOOP XML fragments are ground truth: the XML path must reproduce their numbering
 * and pairing exactly. The expected numbers come from the wetsuite printout next to each fragment
 * file (its keys are the {@code <nr>} numbers, read by another program), the counts from the corpus
 * manifest, the details below from reading the fragments; and the plain texts in that printout (the
 * same document, extracted by another program) must agree with ours.
 */
class KoopXmlGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LetterReader reader = new LetterReader();

    static Stream<Arguments> documents() {
        // identifier, questions per the corpus manifest
        return Stream.of(Arguments.of("ah-tk-20172018-1547", 48), Arguments.of("ah-tk-20182019-3616", 8),
                Arguments.of("ah-tk-20192020-2197", 9), Arguments.of("ah-tk-20202021-876", 16),
                Arguments.of("ah-tk-20222023-2824", 15), Arguments.of("ah-tk-20232024-260", 10));
    }

    private ParsedLetter read(String id) throws ReadException {
        return reader.read(Letters.bytes("koop-xml/" + id + ".fragments.xml"), "application/xml");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void reproducesTheOfficialNumberingAndPairing(String id, int questionCount) throws Exception {
        JsonNode printout = JSON.readTree(Letters.bytes("koop-xml/" + id + ".json")).get("vraagdata");
        List<String> numbers = new ArrayList<>();
        List<List<String>> groups = new ArrayList<>();
        for (Iterator<String> keys = printout.fieldNames(); keys.hasNext(); ) {
            List<String> group = List.of(keys.next().split(" "));
            numbers.addAll(group);
            groups.add(group);
        }

        ParsedLetter letter = read(id);

        assertThat(LetterReader.detect(Letters.bytes("koop-xml/" + id + ".fragments.xml"), null)).isEqualTo(Format.KOOP_XML);
        assertThat(letter.kind()).isEqualTo(LetterKind.ANSWER);
        assertThat(letter.documentNumber()).isEqualTo(id);
        assertThat(Letters.questionNumbers(letter)).hasSize(questionCount).containsExactlyElementsOf(numbers);
        assertThat(Letters.answerGroups(letter)).containsExactlyElementsOf(groups);
        assertThat(letter.warnings()).isEmpty();
        assertThat(letter.questions()).allSatisfy(q -> assertThat(q.text()).isNotBlank().doesNotStartWith("Vraag"));
        assertThat(letter.answers()).allSatisfy(a -> assertThat(a.text()).isNotBlank().doesNotStartWith("Antwoord"));
        // every cited footnote is printed, numbered 1..n through the document
        List<String> footnotes = letter.footnotes().stream().map(ParsedLetter.Footnote::number).toList();
        assertThat(footnotes).containsExactlyElementsOf(Stream.iterate(1, i -> i + 1).limit(footnotes.size()).map(String::valueOf).toList());
        assertThat(letter.footnotes()).allSatisfy(f -> assertThat(f.text()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("documents")
    void textsAgreeWithTheSameDocumentExtractedByAnotherProgram(String id, int questionCount) throws Exception {
        JsonNode printout = JSON.readTree(Letters.bytes("koop-xml/" + id + ".json")).get("vraagdata");
        ParsedLetter letter = read(id);
        for (Iterator<Map.Entry<String, JsonNode>> it = printout.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String first = entry.getKey().split(" ")[0];
            ParsedLetter.Question question = question(letter, first);
            ParsedLetter.Answer answer = letter.answerTo(first);
            String ours = Letters.letters(question.text() + notes(letter, question.footnotes()));
            String oursAnswer = Letters.letters(answer.text() + notes(letter, answer.footnotes()));
            // their plain text drops lists and most of a footnote (keeping the tail after a link, as a
            // paragraph of its own): every paragraph of theirs must be in ours or its footnotes, in letters
            for (String paragraph : Letters.split(entry.getValue().get("vraag").get(0).asText())) {
                assertThat(ours).as(id + " question " + first).contains(Letters.letters(paragraph));
            }
            for (String paragraph : Letters.split(entry.getValue().get("antwoord").get(0).asText())) {
                assertThat(oursAnswer).as(id + " answer " + first).contains(Letters.letters(paragraph));
            }
        }
    }

    @Test
    void combinedNumbersFootnotesAndUrlsOf2197() throws Exception {
        ParsedLetter letter = read("ah-tk-20192020-2197");

        assertThat(question(letter, "1").text())
                .isEqualTo("Bent u bekend met de uitzending van Nieuwsuur van dinsdag 4 februari 2020?1");
        assertThat(question(letter, "1").footnotes()).containsExactly("1");
        // "Vraag 5, 6": one question per number, each with the text printed under the heading
        assertThat(question(letter, "5").text()).isEqualTo(question(letter, "6").text())
                .startsWith("Bent u het ermee eens dat als de ene overheidsinstantie")
                .contains("\n\nBent u bereid om in gesprek te gaan met de verantwoordelijke wethouder");
        assertThat(letter.answerTo("6").questionNumbers()).containsExactly("5", "6");
        assertThat(letter.answerTo("5").text()).startsWith("De in vraag 5 beschreven situatie is inderdaad onwenselijk.");
        assertThat(question(letter, "7").footnotes()).containsExactly("2");
        assertThat(letter.footnotes()).containsExactly(
                new ParsedLetter.Footnote("1", "Nieuwsuur, 4 februari 2020 (https://nos.nl/nieuwsuur/artikel/"
                        + "2321556-nooit-meer-aa-86-zomaar-kopieren-als-het-aan-cda-ligt.html)",
                        "https://nos.nl/nieuwsuur/artikel/2321556-nooit-meer-aa-86-zomaar-kopieren-als-het-aan-cda-ligt.html"),
                new ParsedLetter.Footnote("2", "Handelingen II, vergaderjaar 2019–2020, nr. 28, item 3", null));
        assertThat(letter.answerTo("2").text()).isEqualTo("Er is sprake van een stijging van het aantal kentekenplaten dat "
                + "vermist of gestolen is. Dat is inderdaad zorgwekkend. Om die reden kijk ik momenteel samen met de Minister "
                + "van Infrastructuur en Waterstaat naar mogelijkheden om dit tegen te gaan, zie daarvoor ook het antwoord op vraag 8.");
    }

    @Test
    void listsAndEmphasisOf1547() throws Exception {
        ParsedLetter letter = read("ah-tk-20172018-1547");

        assertThat(question(letter, "16").text()).isEqualTo("Kunt u heel precies aangeven:\n\n"
                + "– welke contacten (telefonisch, per e-mail, brief of fysiek) de tipgever gehad heeft met de FIOD/ECD, de "
                + "Belastingdienst, de landsadvocaat en andere personen van/namens de overheid in de periode eind 2008 tot aan "
                + "het totstandkomen van de overeenkomst;\n\n"
                + "– of er een gespreksverslag, proces-verbaal of iets vergelijkbaars is gemaakt is van elk van deze afspraken, "
                + "graag in de vorm een lijst; en\n\n"
                + "– wie aanwezig was/waren bij elke van deze contacten, graag met vermelding van functies?");
        assertThat(letter.answerTo("30").text())
                .contains("\n\na. indien het misdrijf is een ambtsmisdrijf als bedoeld in titel XXVIII van het Tweede Boek")
                .contains("\n\nb. indien het misdrijf is begaan door een ambtenaar")
                .endsWith("Aangifte op grond van bovenstaande bepaling is, gelet op de onderdelen a t/m c, niet aan de orde.");
        assertThat(letter.answerTo("44").questionNumbers()).containsExactly("44");
        assertThat(letter.footnotes()).hasSize(13);
    }

    private static String notes(ParsedLetter letter, List<String> numbers) {
        StringBuilder text = new StringBuilder();
        letter.footnotes().stream().filter(f -> numbers.contains(f.number())).forEach(f -> text.append(" ").append(f.text()));
        return text.toString();
    }

    static ParsedLetter.Question question(ParsedLetter letter, String number) {
        return letter.questions().stream().filter(q -> q.number().equals(number)).findFirst()
                .orElseThrow(() -> new AssertionError("no question " + number + " in " + Letters.questionNumbers(letter)));
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }
}
