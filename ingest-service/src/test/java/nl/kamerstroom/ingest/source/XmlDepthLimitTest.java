package nl.kamerstroom.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import nl.kamerstroom.ingest.source.koop.SruResponseParser;
import nl.kamerstroom.ingest.source.tk.SyncFeedParser;
import org.junit.jupiter.api.Test;

/**
 * The SyncFeed's Atom and KOOP's SRU responses go through the one hardened XML parser: a page that
 * nests beyond its depth limit (200) is refused as malformed with the reason, quickly, before any
 * recursive walk of ours could overflow the stack; ordinary nesting still reads.
 */
class XmlDepthLimitTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String deep(int depth) {
        return "<x>".repeat(depth) + "</x>".repeat(depth);
    }

    @Test
    void aSyncFeedPageNestingTooDeeplyIsRefusedWithTheReason() {
        byte[] feed = utf8("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>1</title><content>"
                + deep(250) + "</content></entry></feed>");
        long start = System.nanoTime();
        assertThatThrownBy(() -> SyncFeedParser.parse(feed))
                .isInstanceOf(SafeXml.MalformedException.class).hasMessageContaining("nest deeper than 200");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void anSruResponseNestingTooDeeplyIsRefusedWithTheReason() {
        byte[] sru = utf8("<searchRetrieveResponse><numberOfRecords>1</numberOfRecords><records><record>"
                + deep(300) + "</record></records></searchRetrieveResponse>");
        assertThatThrownBy(() -> SruResponseParser.parse(sru))
                .isInstanceOf(SafeXml.MalformedException.class).hasMessageContaining("nest deeper than 200");
    }

    @Test
    void ordinaryNestingStillReads() {
        var root = SafeXml.parse(utf8("<r>" + deep(150) + "</r>")).getDocumentElement();
        assertThat(SafeXml.descendants(root, "x")).hasSize(150);
    }
}
