package nl.kamerstroom.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./deploy/local/run reparse}: starts a re-parse of everything on letters.fetched with the
 * running parse-service's parser ({@code POST /api/admin/reparse} with the operator key from
 * {@code keys.env}), or follows the one that runs, and shows its progress on one line until it is
 * done or cancelled. Ctrl-C stops following; the re-parse goes on in parse-service.
 */
final class ReparseCommand {

    /** One field of the flat JSON status: a string, a number or null. */
    private static final String FIELD = "\"%s\"\\s*:\\s*(?:\"(?<text>[^\"]*)\"|(?<number>-?[0-9][0-9.eE+-]*)|null)";
    private static final int BAR_WIDTH = 30;

    /** What GET /api/admin/reparse answers, as far as the command shows it. */
    record Status(String id, String state, long total, long done, long failed, long skipped, Double lettersPerSecond,
            Long etaSeconds) {

        static Status parse(String json) {
            return new Status(text(json, "id"), text(json, "state"), number(json, "total", 0L),
                    number(json, "done", 0L), number(json, "failed", 0L), number(json, "skipped", 0L),
                    decimal(json, "lettersPerSecond"), number(json, "etaSeconds", null));
        }

        boolean ended() {
            return "DONE".equals(state) || "CANCELLED".equals(state);
        }
    }

    private final String baseUrl;
    private final String operatorKey;
    private final Duration every;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ReparseCommand(String baseUrl, String operatorKey, Duration every, PrintStream out) {
        this.baseUrl = baseUrl;
        this.operatorKey = operatorKey;
        this.every = every;
        this.out = out;
    }

    /** Starts or follows the re-parse; the exit status: 0 done, 1 could not start or follow, 3 cancelled. */
    int run() throws InterruptedException {
        HttpResponse<String> started;
        try {
            started = send("POST");
        } catch (ConnectException e) {
            out.println("[reparse] parse-service does not answer at " + baseUrl + "; is the local stack running (./deploy/local/run)?");
            return 1;
        } catch (IOException e) {
            out.println("[reparse] could not reach parse-service at " + baseUrl + ": " + e);
            return 1;
        }
        if (started.statusCode() != 200 && started.statusCode() != 202) {
            out.println("[reparse] parse-service refused the re-parse: " + started.statusCode() + " " + started.body());
            return 1;
        }
        Status status = Status.parse(started.body());
        out.printf(Locale.ROOT, started.statusCode() == 202 ? "[reparse] started re-parse %s of %,d records on letters.fetched%n"
                : "[reparse] re-parse %s is already running (%,d records); following it%n", status.id(), status.total());
        out.println("[reparse] Ctrl-C stops following; the re-parse goes on in parse-service");
        while (true) {
            out.print("\r" + line(status));
            out.flush();
            if (status.ended()) {
                break;
            }
            Thread.sleep(every.toMillis());
            try {
                HttpResponse<String> now = send("GET");
                if (now.statusCode() == 200) {
                    status = Status.parse(now.body());
                }
            } catch (IOException e) {
                // parse-service restarting: the re-parse resumes there; keep asking
            }
        }
        out.println();
        out.println("[reparse] " + summary(status));
        return "DONE".equals(status.state()) ? 0 : 3;
    }

    /** What Ctrl-C prints: the command stops, the re-parse does not. */
    String leftRunning() {
        return "[reparse] stopped following; the re-parse keeps running in parse-service. Follow it again with "
                + "./deploy/local/run reparse, cancel it with: curl -X DELETE -H \"X-Api-Key: $KAMERSTROOM_ADMIN_API_KEY\" "
                + baseUrl + "/api/admin/reparse";
    }

    /** {@code [#########.....................]  30%  25,800/86,000  412.5 letters/s  ETA 2m 26s  3 dead-lettered} */
    static String line(Status s) {
        double share = s.total() == 0 ? 1 : Math.min(1, (double) s.done() / s.total());
        int filled = (int) Math.round(share * BAR_WIDTH);
        StringBuilder line = new StringBuilder("[").append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled))
                .append(String.format(Locale.ROOT, "] %3d%%  %,d/%,d", (int) Math.floor(share * 100), s.done(), s.total()));
        if (s.lettersPerSecond() != null) {
            line.append(String.format(Locale.ROOT, "  %.1f letters/s", s.lettersPerSecond()));
        }
        if (!s.ended()) {
            line.append("  ETA ").append(s.etaSeconds() == null ? "?" : duration(s.etaSeconds()));
        }
        if (s.failed() > 0) {
            line.append(String.format(Locale.ROOT, "  %,d dead-lettered", s.failed()));
        }
        line.append("  ").append(s.state());
        return line.toString();
    }

    static String summary(Status s) {
        if ("CANCELLED".equals(s.state())) {
            return String.format(Locale.ROOT, "re-parse %s was cancelled after %,d of %,d records", s.id(), s.done(), s.total());
        }
        return String.format(Locale.ROOT, "re-parse %s done: %,d records, %,d dead-lettered (GET /api/admin/dlq), %,d older "
                + "copies of a document skipped", s.id(), s.total(), s.failed(), s.skipped());
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }

    private HttpResponse<String> send(String method) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/admin/reparse"))
                .timeout(Duration.ofSeconds(60)).header("X-Api-Key", operatorKey)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Matcher field(String json, String name) {
        Matcher m = Pattern.compile(String.format(FIELD, Pattern.quote(name))).matcher(json);
        return m.find() ? m : null;
    }

    private static String text(String json, String name) {
        Matcher m = field(json, name);
        return m == null ? null : m.group("text");
    }

    private static Long number(String json, String name, Long fallback) {
        Matcher m = field(json, name);
        return m == null || m.group("number") == null ? fallback : Long.valueOf((long) Double.parseDouble(m.group("number")));
    }

    private static Double decimal(String json, String name) {
        Matcher m = field(json, name);
        return m == null || m.group("number") == null ? null : Double.valueOf(m.group("number"));
    }
}
