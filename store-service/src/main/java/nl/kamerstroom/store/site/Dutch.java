package nl.kamerstroom.store.site;

import io.quarkus.qute.TemplateExtension;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Template helpers that say dates and statuses in Dutch: {@code {nl:date(d)}}, {@code {nl:status(s)}}.
 * Namespaced so that they also take {@code null} (a date not known).
 */
@TemplateExtension(namespace = "nl")
public final class Dutch {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("nl"));

    private Dutch() {
    }

    /** "19 september 2025"; an unknown date is "onbekend". */
    static String date(LocalDate date) {
        return date == null ? "onbekend" : DATE.format(date);
    }

    static String status(String status) {
        if (status == null) {
            return "onbekend";
        }
        return switch (status) {
            case "ASKED" -> "gesteld";
            case "POSTPONED" -> "uitgesteld";
            case "ANSWERED" -> "beantwoord";
            case "FURTHER_ANSWERED" -> "aanvullend beantwoord";
            case "WITHDRAWN" -> "ingetrokken";
            default -> status.toLowerCase(Locale.ROOT);
        };
    }

    /** A percentage from a share between 0 and 1, "–" when there is none. */
    static String percent(Double share) {
        return share == null ? "–" : Math.round(share * 100) + " %";
    }

    static String days(Double days) {
        return days == null ? "–" : (days == Math.rint(days) ? String.valueOf(days.longValue()) : String.format(Locale.ROOT, "%.1f", days));
    }

    /** The first {@code max} characters, cut at a word, with an ellipsis when cut. */
    static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        return text.substring(0, cut > max / 2 ? cut : max) + " …";
    }

    static String url(String value) {
        return value == null ? "" : SiteResource.encode(value);
    }
}
