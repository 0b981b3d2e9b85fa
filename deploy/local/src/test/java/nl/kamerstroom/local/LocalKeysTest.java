package nl.kamerstroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeysTest {

    /** 32 random bytes in url-safe base64 without padding. */
    private static final String URL_SAFE_KEY = "[A-Za-z0-9_-]{43}";

    @TempDir
    Path dir;

    @Test
    void theFirstStartGeneratesTwoKeysReadableByTheOwnerOnly() throws Exception {
        Path file = dir.resolve("data/keys.env");
        LocalKeys keys = LocalKeys.loadOrCreate(file);

        assertThat(keys.admin()).matches(URL_SAFE_KEY);
        assertThat(keys.upload()).matches(URL_SAFE_KEY).isNotEqualTo(keys.admin());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file)).contains("KAMERSTROOM_ADMIN_API_KEY=" + keys.admin(),
                "KAMERSTROOM_UPLOAD_API_KEY=" + keys.upload());
        assertThat(Files.list(file.getParent())).as("no temp file left").containsExactly(file);
    }

    @Test
    void laterStartsReuseTheKeys() throws Exception {
        Path file = dir.resolve("keys.env");
        LocalKeys first = LocalKeys.loadOrCreate(file);
        long written = Files.getLastModifiedTime(file).toMillis();
        assertThat(LocalKeys.loadOrCreate(file)).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(file).toMillis()).as("not rewritten").isEqualTo(written);
    }

    @Test
    void aMissingKeyIsAddedAndTheOtherKept() throws Exception {
        Path file = dir.resolve("keys.env");
        Files.writeString(file, "# mine\nKAMERSTROOM_ADMIN_API_KEY=operator-chose-this\n");
        LocalKeys keys = LocalKeys.loadOrCreate(file);
        assertThat(keys.admin()).isEqualTo("operator-chose-this");
        assertThat(keys.upload()).matches(URL_SAFE_KEY);
        assertThat(LocalKeys.loadOrCreate(file)).isEqualTo(keys);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void keysAreNotRepeated() {
        assertThat(LocalKeys.generate()).isNotEqualTo(LocalKeys.generate());
    }
}
