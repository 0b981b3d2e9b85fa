package nl.kamerstroom.ingest.source.tk;

import java.util.List;

/** One SyncFeed page: its entries, and the skiptoken of the feed's {@code link rel="next"} (null at the end). */
public record SyncFeedPage(List<SyncFeedEntry> entries, String nextSkiptoken) {
}
