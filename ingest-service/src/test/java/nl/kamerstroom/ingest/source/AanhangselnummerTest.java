package nl.kamerstroom.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AanhangselnummerTest {

    @Test
    void theFiveDigitTailIsTheNumber() {
        assertThat(Aanhangselnummer.toKoopId("181902411")).contains("ah-tk-20182019-2411");
        assertThat(Aanhangselnummer.toKoopId("232401092")).contains("ah-tk-20232024-1092");
        assertThat(Aanhangselnummer.toKoopId("181912411")).contains("ah-tk-20182019-12411");
    }

    @Test
    void theNineteenNinetiesAndTheTurnOfTheCentury() {
        assertThat(Aanhangselnummer.toKoopId("949500978")).contains("ah-tk-19941995-978");
        assertThat(Aanhangselnummer.toKoopId("990000001")).contains("ah-tk-19992000-1");
    }

    @Test
    void whatIsNotAnAanhangselnummerMapsToNothing() {
        assertThat(Aanhangselnummer.toKoopId(null)).isEmpty();
        assertThat(Aanhangselnummer.toKoopId("18190241")).isEmpty();
        assertThat(Aanhangselnummer.toKoopId("181802411")).as("18-18 is no vergaderjaar").isEmpty();
        assertThat(Aanhangselnummer.toKoopId("181900000")).isEmpty();
        assertThat(Aanhangselnummer.toKoopId("ah-1271549")).isEmpty();
    }

    @Test
    void bothKoopIdFormsAreAccepted() {
        assertThat(Aanhangselnummer.isKoopAanhangselId("ah-tk-20182019-2411")).isTrue();
        assertThat(Aanhangselnummer.isKoopAanhangselId("ah-1271549")).isTrue();
        assertThat(Aanhangselnummer.isKoopAanhangselId("kv-tk-2025Z03250")).isFalse();
        assertThat(Aanhangselnummer.vergaderjaarOf("ah-tk-20182019-2411")).contains("20182019");
        assertThat(Aanhangselnummer.vergaderjaarOf("ah-1271549")).isEmpty();
    }
}
