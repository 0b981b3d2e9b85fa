package nl.kamerstroom.parse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.events.ParsedLetter;
import org.junit.jupiter.api.Test;

class CarriableTextTest {

    @Test
    void removesControlsNoncharactersAndLoneSurrogatesButKeepsTabsLineBreaksAndPairs() {
        String emoji = "\uD83D\uDE00"; // a valid surrogate pair
        assertThat(CarriableText.clean("a\u0000b\u0007c\u001Fd\u000Be\fE")).isEqualTo("abcdeE");
        assertThat(CarriableText.clean("tab\there\r\nline")).isEqualTo("tab\there\r\nline");
        assertThat(CarriableText.clean("x\uFFFEy\uFFFFz")).isEqualTo("xyz");
        assertThat(CarriableText.clean("lone \uD800 high, lone \uDC00 low, " + emoji + " pair, end \uD83D"))
                .isEqualTo("lone  high, lone  low, " + emoji + " pair, end ");
        assertThat(CarriableText.clean("reversed \uDE00\uD83D pair")).isEqualTo("reversed  pair");
        assertThat(CarriableText.clean("Ä € \u00A0 \u0085 ok")).isEqualTo("Ä € \u00A0 \u0085 ok"); // XML 1.0 allows these
        assertThat(CarriableText.clean((String) null)).isNull();
        assertThat(CarriableText.clean((nl.kamerstroom.events.ParsedLetter) null)).isNull();
    }

    @Test
    void aCleanTextIsReturnedAsItIs() {
        String text = "Vraag 1\nKunt u bevestigen …?";
        assertThat(CarriableText.clean(text)).isSameAs(text);
    }

    @Test
    void everyTextFieldOfTheLetterIsCleaned() {
        String bad = "\uFFFF\u0001";
        ParsedLetter letter = new ParsedLetter(LetterKind.ANSWER, "doc" + bad, List.of("2025Z1" + bad), "ref" + bad,
                "subject" + bad, LocalDate.of(2025, 1, 2), null, null,
                List.of(new ParsedLetter.Member("Name" + bad, "Party" + bad)), List.of("addressee" + bad),
                List.of("minister" + bad), List.of(new ParsedLetter.Question("1" + bad, "question" + bad, List.of("1" + bad))),
                List.of(new ParsedLetter.Answer(List.of("1" + bad), "answer" + bad, List.of("1" + bad))),
                List.of(new ParsedLetter.Footnote("1" + bad, "note" + bad, "https://x.nl/" + bad)),
                List.of("warning" + bad), List.of("review" + bad));

        ParsedLetter clean = CarriableText.clean(letter);

        assertThat(clean.toString()).doesNotContain("\uFFFF", "\u0001");
        assertThat(clean.subject()).isEqualTo("subject");
        assertThat(clean.askers().get(0)).isEqualTo(new ParsedLetter.Member("Name", "Party"));
        assertThat(clean.questions().get(0).text()).isEqualTo("question");
        assertThat(clean.answers().get(0).questionNumbers()).containsExactly("1");
        assertThat(clean.footnotes().get(0).url()).isEqualTo("https://x.nl/");
        assertThat(clean.submittedDate()).isEqualTo(LocalDate.of(2025, 1, 2));
        assertThat(clean.kind()).isEqualTo(LetterKind.ANSWER);
    }
}
