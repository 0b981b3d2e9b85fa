package nl.kamerstroom.store.site.beheer;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The operator page's times in Dutch: {@code {bh:when(instant)}}, {@code {bh:duration(seconds)}}. */
@TemplateExtension(namespace = "bh")
public final class BeheerFormat {

    /** The operator reads times as the rest of the site states dates: in Dutch time. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm:ss", Locale.forLanguageTag("nl"))
            .withZone(ZoneId.of("Europe/Amsterdam"));

    private BeheerFormat() {
    }

    /** "1 december 2026 17:03:12"; an unknown moment is "nooit". */
    static String when(Instant instant) {
        return instant == null ? "nooit" : WHEN.format(instant);
    }

    /** "45 s", "12 min", "3 u 20 min", "2 d 4 u"; unknown is "–". */
    static String duration(Long seconds) {
        if (seconds == null) {
            return "–";
        }
        long s = Math.max(0, seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " u " + s % 3600 / 60 + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " u";
    }

    /** A backfill's or re-parse's state in Dutch. */
    static String state(String state) {
        if (state == null) {
            return "onbekend";
        }
        return switch (state) {
            case "RUNNING" -> "bezig";
            case "DONE" -> "klaar";
            case "FAILED" -> "mislukt";
            case "CANCELLED" -> "afgebroken";
            case "IDLE" -> "niets te doen";
            default -> state.toLowerCase(Locale.ROOT);
        };
    }

    static String rate(Double perSecond) {
        return perSecond == null ? "–" : String.format(Locale.forLanguageTag("nl"), "%.1f per seconde", perSecond);
    }
}
