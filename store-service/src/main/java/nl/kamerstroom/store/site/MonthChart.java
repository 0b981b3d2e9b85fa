package nl.kamerstroom.store.site;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The share of zaken answered in time per month, laid out on the server for the template's SVG: one
 * bar per month on a 0–100 % scale with grid lines at 25 % steps, a label under every third month
 * (all months are in the table next to it). A month without answers has no bar and says so.
 */
public record MonthChart(int width, int height, int baseline, int top, List<Grid> grid, List<Bar> bars) {

    static final int WIDTH = 640;
    static final int HEIGHT = 240;
    /** Room left of the bars for the percentages, under them for the month labels. */
    static final int LEFT = 44;
    static final int BOTTOM = 40;
    static final int TOP = 12;
    static final int GAP = 4;
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM yy", Locale.forLanguageTag("nl"));
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.forLanguageTag("nl"));

    /** A horizontal grid line with its percentage. */
    public record Grid(int y, String label, int labelY) {
    }

    /** One month; {@code label} is empty where there is no room for it. */
    public record Bar(String month, String label, long answered, long inTime, String percent, int x, int y, int width,
            int height, int labelX, boolean empty) {
    }

    public int labelY() {
        return baseline + 16;
    }

    public int right() {
        return width;
    }

    public int left() {
        return LEFT;
    }

    /** Where the grid lines' percentages end, just left of the bars. */
    public int gridLabelX() {
        return LEFT - 6;
    }

    /** Where the dash of a month without answers sits. */
    public int emptyY() {
        return baseline - 4;
    }

    public long answered() {
        return bars.stream().mapToLong(Bar::answered).sum();
    }

    static MonthChart of(List<SiteQueries.Month> months) {
        int baseline = HEIGHT - BOTTOM;
        int span = baseline - TOP;
        List<Grid> grid = new ArrayList<>();
        for (int p = 0; p <= 100; p += 25) {
            int y = baseline - span * p / 100;
            grid.add(new Grid(y, p + " %", y + 4));
        }
        int slot = (WIDTH - LEFT) / Math.max(1, months.size());
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            SiteQueries.Month m = months.get(i);
            Double share = m.share();
            int h = share == null ? 0 : (int) Math.round(share * span);
            int x = LEFT + i * slot + GAP / 2;
            int w = slot - GAP;
            // the newest month is always labelled, then every third before it
            boolean labelled = (months.size() - 1 - i) % 3 == 0;
            bars.add(new Bar(LONG.format(m.month()), labelled ? SHORT.format(m.month()).replace(".", "") : "", m.answered(),
                    m.inTime(), share == null ? "geen antwoorden" : Math.round(share * 100) + " %", x, baseline - h, w, h,
                    x + w / 2, share == null));
        }
        return new MonthChart(WIDTH, HEIGHT, baseline, TOP, List.copyOf(grid), List.copyOf(bars));
    }
}
