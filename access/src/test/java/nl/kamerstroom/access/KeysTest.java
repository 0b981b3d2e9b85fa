package nl.kamerstroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The key format, scopes, names and the configured-key comparison; the registry's rows are tested through both services. */
class KeysTest {

    private static final String SECRET = "A".repeat(KeyScope.SECRET_CHARS);

    @Test
    void aKeyOnlyParsesInItsOwnScope() {
        String upload = "ku_0123456789ab_" + SECRET;
        assertThat(KeyScope.UPLOAD.idOf(upload)).contains("0123456789ab");
        assertThat(KeyScope.SUBSCRIPTIONS.idOf(upload)).isEmpty();
        assertThat(KeyScope.SUBSCRIPTIONS.idOf("ks_0123456789ab_" + SECRET)).contains("0123456789ab");
        // a short secret, upper-case hex, an extra character, a missing separator
        assertThat(KeyScope.UPLOAD.idOf("ku_0123456789ab_nope")).isEmpty();
        assertThat(KeyScope.UPLOAD.idOf("ku_0123456789AB_" + SECRET)).isEmpty();
        assertThat(KeyScope.UPLOAD.idOf(upload + "x")).isEmpty();
        assertThat(KeyScope.UPLOAD.idOf("ku_0123456789ab" + SECRET)).isEmpty();
    }

    @Test
    void theConfiguredKeyMatchesOnlyItselfAndNothingWhenUnset() {
        assertThat(Secrets.isConfiguredKey(Optional.of("s3cret"), Optional.of(" s3cret "))).isTrue();
        assertThat(Secrets.isConfiguredKey(Optional.of("s3cret-and-more"), Optional.of("s3cret"))).isFalse();
        assertThat(Secrets.isConfiguredKey(Optional.of(""), Optional.of(""))).isFalse();
        assertThat(Secrets.isConfiguredKey(Optional.of("x"), Optional.of("  "))).isFalse();
        assertThat(Secrets.isConfiguredKey(Optional.empty(), Optional.of("s3cret"))).isFalse();
    }

    @Test
    void aKeyIsTakenFromTheHeaderOrABearerToken() {
        assertThat(Secrets.presented(" k1 ", "Bearer k2")).contains("k1");
        assertThat(Secrets.presented(null, "bearer k2")).contains("k2");
        assertThat(Secrets.presented(null, "Basic abc")).isEmpty();
        assertThat(Secrets.presented("  ", null)).isEmpty();
    }

    @Test
    void aNameIsRequiredBoundedAndOnOneLine() {
        assertThat(KeyRegistry.nameProblem("intake robot")).isEmpty();
        assertThat(KeyRegistry.nameProblem("team \uD83D\uDE80")).isEmpty();
        assertThat(KeyRegistry.nameProblem(null)).get().asString().contains("required");
        assertThat(KeyRegistry.nameProblem("  ")).get().asString().contains("required");
        assertThat(KeyRegistry.nameProblem("x".repeat(IssuedKey.MAX_NAME + 1))).get().asString().contains("longer");
        assertThat(KeyRegistry.nameProblem("a\nb")).get().asString().contains("one line");
        assertThat(KeyRegistry.nameProblem("a\u202Eb")).get().asString().contains("one line");
    }
}
