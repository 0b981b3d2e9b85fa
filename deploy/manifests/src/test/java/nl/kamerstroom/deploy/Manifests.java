package nl.kamerstroom.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The repository's deploy files and the services' configuration, read as the tests need them. */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final List<String> SERVICES = List.of("ingest-service", "parse-service", "store-service");

    private Manifests() {
    }

    static Path root() {
        Path dir = Path.of(System.getProperty("kamerstroom.root", "../..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("deploy/k8s"))) {
            throw new IllegalStateException("not the repository root: " + dir);
        }
        return dir;
    }

    static Path k8s() {
        return root().resolve("deploy/k8s");
    }

    /** Every object in every YAML file under a directory, kustomization files excepted. */
    static List<JsonNode> objectsUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<JsonNode> objects = new ArrayList<>();
            files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().forEach(f -> objects.addAll(documents(read(f))));
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> documents(String yaml) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            try (var parser = YAML.getFactory().createParser(yaml)) {
                YAML.readValues(parser, JsonNode.class).forEachRemaining(n -> {
                    if (n != null && !n.isNull() && !n.isMissingNode()) {
                        docs.add(n);
                    }
                });
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode compose() {
        try {
            return YAML.readTree(root().resolve("deploy/compose.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service's application.properties as production sees it: no %dev or %test entries. */
    static Properties properties(String service) {
        Properties raw = new Properties();
        try (var in = Files.newBufferedReader(root().resolve(service + "/src/main/resources/application.properties"))) {
            raw.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties prod = new Properties();
        raw.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> prod.setProperty(k, raw.getProperty(k)));
        raw.stringPropertyNames().stream().filter(k -> k.startsWith("%prod."))
                .forEach(k -> prod.setProperty(k.substring("%prod.".length()), raw.getProperty(k)));
        // a value that is only a reference to another property of the file ("${kamerstroom.parse.max-event-bytes}")
        // means that property's value, as Quarkus resolves it
        for (String key : prod.stringPropertyNames()) {
            String value = prod.getProperty(key);
            for (int depth = 0; depth < 5 && value.startsWith("${") && value.endsWith("}")
                    && prod.containsKey(value.substring(2, value.length() - 1)); depth++) {
                value = prod.getProperty(value.substring(2, value.length() - 1));
            }
            prod.setProperty(key, value);
        }
        return prod;
    }

    static Optional<JsonNode> find(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())
                && name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    /**
     * {@code kubectl kustomize DIR}, or empty when kubectl is not installed. Rendered from a copy of
     * deploy/k8s in which each overlay's {@code generate-secrets} has run, as an installer would run
     * it: the repository holds no secret values, so the source tree cannot render on its own.
     */
    static Optional<String> kustomize(Path dir) {
        Path copy;
        try {
            copy = Files.createTempDirectory("kamerstroom-k8s");
            try (Stream<Path> files = Files.walk(k8s())) {
                for (Path f : files.filter(f -> !k8s().relativize(f).toString().matches("(.*/)?secrets(/.*)?")).toList()) {
                    Path to = copy.resolve(k8s().relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path overlay = copy.resolve(k8s().relativize(dir).toString());
            Path generator = overlay.resolve("generate-secrets");
            if (Files.exists(generator)) {
                run(List.of(generator.toString()), "generate-secrets in " + dir)
                        .orElseThrow(() -> new AssertionError("could not run " + generator));
            }
            return run(List.of("kubectl", "kustomize", overlay.toString()), "kubectl kustomize " + dir);
        } finally {
            deleteTree(copy);
        }
    }

    /** The command's output; empty when it cannot be started (not installed). */
    private static Optional<String> run(List<String> command, String what) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        try {
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(what + " failed: " + err);
            }
            return Optional.of(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "20M", "512K", "1G" or plain bytes, as Quarkus reads memory sizes. */
    static long bytes(String size) {
        String s = size.trim().toUpperCase();
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }
}
