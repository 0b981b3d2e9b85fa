package nl.kamerstroom.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack's operator key and upload key: generated on the first start, kept in
 * {@code keys.env} (readable by its owner only) and reused on every later start, so scripts can
 * {@code source} the file. Delete the file to get new keys.
 */
record LocalKeys(String admin, String upload) {

    static final String ADMIN = "KAMERSTROOM_ADMIN_API_KEY";
    static final String UPLOAD = "KAMERSTROOM_UPLOAD_API_KEY";

    /** {@code NAME=value}; blank lines and {@code #} comments are skipped. */
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*([A-Z][A-Z0-9_]*)=(\\S*)\\s*$");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 random bytes: 256 bits, 43 url-safe characters. */
    private static final int KEY_BYTES = 32;

    /** The keys in {@code file}; a key that is missing is generated and the file rewritten. */
    static LocalKeys loadOrCreate(Path file) throws IOException {
        Map<String, String> found = read(file);
        LocalKeys keys = new LocalKeys(found.getOrDefault(ADMIN, generate()), found.getOrDefault(UPLOAD, generate()));
        if (!keys.admin.equals(found.get(ADMIN)) || !keys.upload.equals(found.get(UPLOAD))) {
            write(file, keys);
        }
        return keys;
    }

    /** The operator key the stack generated, or empty when it was never started with this data directory. */
    static java.util.Optional<String> existingAdmin(Path file) throws IOException {
        return java.util.Optional.ofNullable(read(file).get(ADMIN));
    }

    private static Map<String, String> read(Path file) throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = ASSIGNMENT.matcher(line);
                if (m.matches() && !m.group(2).isEmpty()) {
                    found.put(m.group(1), m.group(2));
                }
            }
        }
        return found;
    }

    static String generate() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Written to a new owner-only file first and then moved, so the keys are never readable by others. */
    private static void write(Path file, LocalKeys keys) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("another process is writing " + tmp, raced);
        }
        Files.writeString(tmp, "# kamerstroom local stack: generated on first start; delete this file for new keys\n"
                + ADMIN + "=" + keys.admin + "\n" + UPLOAD + "=" + keys.upload + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
