package nl.kamerstroom.parse.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.kamerstroom.events.ParsedLetter.Member;
import org.junit.jupiter.api.Test;

/** The small readers the metadata is made of. */
class MetadataPartsTest {

    @Test
    void membersAndParties() {
        assertThat(MemberListParser.parse("het lid Sneller (D66)")).containsExactly(new Member("Sneller", "D66"));
        assertThat(MemberListParser.parse("de leden Mutluer en Kathmann (beiden GroenLinks-PvdA)")).containsExactly(
                new Member("Mutluer", "GroenLinks-PvdA"), new Member("Kathmann", "GroenLinks-PvdA"));
        assertThat(MemberListParser.parse("de leden Chakor (GroenLinks-PvdA) en Kostić (PvdD)")).containsExactly(
                new Member("Chakor", "GroenLinks-PvdA"), new Member("Kostić", "PvdD"));
        assertThat(MemberListParser.parse("de leden Inge van Dijk , Vedder (beiden CDA) en Welzijn (Nieuw Sociaal Contract)"))
                .containsExactly(new Member("Inge van Dijk", "CDA"), new Member("Vedder", "CDA"),
                        new Member("Welzijn", "Nieuw Sociaal Contract"));
        assertThat(MemberListParser.parse("de leden A, B en C (allen SP)")).extracting(Member::name).containsExactly("A", "B", "C");
        assertThat(MemberListParser.parse("het Kamerlid Van der Lee")).containsExactly(new Member("Van der Lee", null));
    }

    @Test
    void addresseesAsOffices() {
        assertThat(OfficeNames.parseList("de minister van Justitie en Veiligheid en de staatssecretaris Binnenlandse Zaken en Koninkrijksrelaties"))
                .containsExactly("Minister van Justitie en Veiligheid", "Staatssecretaris Binnenlandse Zaken en Koninkrijksrelaties");
        assertThat(OfficeNames.parseList("de Ministers van Landbouw, Natuur en Voedselkwaliteit en voor Natuur en Stikstof"))
                .containsExactly("Minister van Landbouw, Natuur en Voedselkwaliteit", "Minister voor Natuur en Stikstof");
        assertThat(OfficeNames.parseList("de Minister-President en de Ministers van Financiën, van Sociale Zaken enWerkgelegenheid"))
                .containsExactly("Minister-President", "Minister van Financiën", "Minister van Sociale Zaken en Werkgelegenheid");
        assertThat(OfficeNames.parseList("de Minister van Defensie en de Minister-President, Minister van Algemene Zaken"))
                .containsExactly("Minister van Defensie", "Minister-President");
        assertThat(OfficeNames.parseList("de Staatssecretaris van Volksgezondheid, Welzijn en Sport en de Minister vanOnderwijs, Cultuur en Wetenschap"))
                .containsExactly("Staatssecretaris van Volksgezondheid, Welzijn en Sport", "Minister van Onderwijs, Cultuur en Wetenschap");
    }

    @Test
    void signatoryAsOffice() {
        assertThat(OfficeNames.parseSignature("De Minister van Justitie en Veiligheid,"))
                .containsExactly("Minister van Justitie en Veiligheid");
        assertThat(OfficeNames.parseSignature("de staatssecretaris van Financiën,")).containsExactly("Staatssecretaris van Financiën");
    }

    @Test
    void answeringOfficeFromTitleAndPortfolio() {
        assertThat(OfficeNames.fromTitleAndPortfolio("Minister", "Natuur en Stikstof", List.of()))
                .isEqualTo("Minister voor Natuur en Stikstof");
        assertThat(OfficeNames.fromTitleAndPortfolio("Minister", "Buitenlandse Zaken", List.of()))
                .isEqualTo("Minister van Buitenlandse Zaken");
        assertThat(OfficeNames.fromTitleAndPortfolio("Staatssecretaris", "Financiën", List.of()))
                .isEqualTo("Staatssecretaris van Financiën");
        assertThat(OfficeNames.fromTitleAndPortfolio("Staatssecretaris", "Binnenlandse Zaken en Koninkrijksrelaties",
                List.of("Staatssecretaris Binnenlandse Zaken en Koninkrijksrelaties")))
                .isEqualTo("Staatssecretaris Binnenlandse Zaken en Koninkrijksrelaties");
    }

    @Test
    void dutchDates() {
        assertThat(DutchDates.first("(ingezonden op 19 september 2025, 2025Z17315)")).isEqualTo(LocalDate.of(2025, 9, 19));
        assertThat(DutchDates.first("(ontvangen 27 augustus2024)")).isEqualTo(LocalDate.of(2024, 8, 27));
        assertThat(DutchDates.first("op 1 Mei 2025")).isEqualTo(LocalDate.of(2025, 5, 1));
        assertThat(DutchDates.whole("21-11-2025")).isEqualTo(LocalDate.of(2025, 11, 21));
        assertThat(DutchDates.whole("31 februari 2025")).isNull();
        assertThat(DutchDates.whole("21 november 2025 en verder")).isNull();
        assertThat(DutchDates.first("geen datum")).isNull();
    }

    @Test
    void zaakNumbers() {
        List<String> found = new ArrayList<>();
        ZaakNumbers.scan("(ingezonden 26 november 2025, 2025Z20557) en (vraagnummer 2025Z20552); niet 2023D39037, "
                + "niet X2025Z12345, niet 2025Z123456, niet 1850Z12345", found::add);
        assertThat(found).containsExactly("2025Z20557", "2025Z20552");
        assertThat(ZaakNumbers.first("Z")).isNull();
    }

    @Test
    void questionsHeader() {
        QuestionsHeader header = QuestionsHeader.find("Vragen van het lid Sneller (D66) aan de minister van Justitie en "
                + "Veiligheid over de gevolgen van de hack bij het OM op de bedrijfsvoering (ingezonden op 19 september "
                + "2025, 2025Z17315)");
        assertThat(header.members()).isEqualTo("het lid Sneller (D66)");
        assertThat(header.addressees()).isEqualTo("de minister van Justitie en Veiligheid");
        assertThat(header.subject()).isEqualTo("de gevolgen van de hack bij het OM op de bedrijfsvoering");
        assertThat(header.submitted()).isEqualTo(LocalDate.of(2025, 9, 19));
        assertThat(header.zaak()).isEqualTo("2025Z17315");

        QuestionsHeader cover = QuestionsHeader.find("deel ik u mede dat de vragen van het Kamerlid Sneller (D66) over "
                + "de gevolgen van de hack, worden beantwoord zoals aangegeven in de bijlage.");
        assertThat(cover.members()).isEqualTo("het Kamerlid Sneller (D66)");
        assertThat(cover.addressees()).isNull();
        assertThat(cover.subject()).isEqualTo("de gevolgen van de hack");
        assertThat(cover.submitted()).isNull();

        assertThat(QuestionsHeader.find("Vragen gesteld door de leden der Kamer")).isNull();
    }

    @Test
    void firstWebAddress() {
        assertThat(Urls.first("NOS, 10 januari 2024 (nos.nl/nieuwsuur/artikel/2504446-x).")).isEqualTo("https://nos.nl/nieuwsuur/artikel/2504446-x");
        assertThat(Urls.first("zie (https://www.x.nl/a_(b)/c).")).isEqualTo("https://www.x.nl/a_(b)/c");
        assertThat(Urls.first("Kamerstukken II 1985/86, 19 495, nr. 3, p. 4.")).isNull();
        assertThat(Urls.first("Stcrt. 2020, nr. 68088.")).isNull();
    }
}
