package nl.kamerstroom.store.site;

import java.util.List;

/**
 * A bar chart laid out on the server, drawn by the template as SVG: no script, readable by screen
 * readers through the table next to it. Coordinates are in the SVG's own units.
 */
public record Chart(int width, int height, int baseline, List<Bar> bars, long total) {

    /** Where the labels under the bars sit. */
    public int labelY() {
        return baseline + 18;
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 240;
    /** Room under the bars for the labels. */
    static final int LABEL_SPACE = 40;
    static final int GAP = 8;

    public record Bar(String label, long count, int x, int y, int width, int height, int labelX, boolean inTerm) {

        /** Where the count above the bar sits. */
        public int countY() {
            return y - 4;
        }
    }

    static Chart of(List<SiteQueries.Bucket> buckets) {
        long max = Math.max(1, buckets.stream().mapToLong(SiteQueries.Bucket::count).max().orElse(1));
        int baseline = HEIGHT - LABEL_SPACE;
        int slot = WIDTH / buckets.size();
        int barWidth = slot - GAP;
        int top = 20; // room for the count above the tallest bar
        java.util.ArrayList<Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            SiteQueries.Bucket b = buckets.get(i);
            int h = (int) Math.round((double) b.count() / max * (baseline - top));
            int x = i * slot + GAP / 2;
            boolean inTerm = b.toDays() != null && b.toDays() <= nl.kamerstroom.store.zaak.AnswerTerm.TERM_DAYS;
            bars.add(new Bar(b.label(), b.count(), x, baseline - h, barWidth, h, x + barWidth / 2, inTerm));
        }
        return new Chart(WIDTH, HEIGHT, baseline, List.copyOf(bars),
                buckets.stream().mapToLong(SiteQueries.Bucket::count).sum());
    }
}
