package nl.kamerstroom.ingest.source.tk;

import nl.kamerstroom.testsupport.SyncFeedFixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import nl.kamerstroom.ingest.source.SafeXml;
import org.junit.jupiter.api.Test;

class SyncFeedParserTest {

    @Test
    void readsEntriesTheirNextLinksEnclosuresAndTombstones() {
        String zaak = "00000000-0000-0000-0000-000000000001";
        String xml = SyncFeedFixture.page("Document", 12L, List.of(
                SyncFeedFixture.document("doc-1", 11, "2025-11-21T10:00:00Z", "Antwoord schriftelijke vragen",
                        "2025D1", "Antwoord", zaak, "181902411"),
                SyncFeedFixture.tombstone("Document", "document", "doc-2", 12)));
        SyncFeedPage page = SyncFeedParser.parse(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(page.nextSkiptoken()).isEqualTo("12");
        assertThat(page.entries()).hasSize(2);
        SyncFeedEntry first = page.entries().get(0);
        assertThat(first.entityId()).isEqualTo("doc-1");
        assertThat(first.nextSkiptoken()).isEqualTo("11");
        assertThat(first.updated()).isEqualTo(Instant.parse("2025-11-21T10:00:00Z"));
        assertThat(first.enclosure()).isEqualTo(SyncFeedFixture.HOST + "/Resources/doc-1");
        assertThat(first.deleted()).isFalse();
        TkDocument document = TkDocument.from(first.entityId(), first.entity());
        assertThat(document.zaakRefs()).containsExactly(zaak);
        assertThat(document.aanhangselnummer()).isEqualTo("181902411");
        assertThat(document.isKamervraagDocument()).isTrue();
        assertThat(page.entries().get(1).deleted()).isTrue();
    }

    @Test
    void theRealEntitySampleReadsAsAnEntity() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/tk/entiteit-kamerstukdossier-60f20417.issue193.xml")) {
            var root = SafeXml.parse(in.readAllBytes()).getDocumentElement();
            assertThat(SafeXml.localName(root)).isEqualTo("kamerstukdossier");
            assertThat(SafeXml.attribute(root, "verwijderd")).isEqualTo("false");
            assertThat(SyncFeedParser.timestamp(SafeXml.attribute(root, "bijgewerkt")))
                    .isEqualTo(Instant.parse("2026-08-24T13:50:28.737Z"));
            assertThat(SafeXml.childText(root, "citeertitel")).as("xsi:nil").isNull();
        }
    }

    @Test
    void withdrawalsAreTheOnlyPlainMededelingenKept() {
        TkDocument withdrawal = new TkDocument("x", "Mededeling", null, "Mededeling over het intrekken van vragen", null,
                null, null, null, null, List.of());
        TkDocument other = new TkDocument("y", "Mededeling", null, "Mededeling over iets anders", null, null, null,
                null, null, List.of());
        assertThat(withdrawal.isKamervraagDocument()).isTrue();
        assertThat(other.isKamervraagDocument()).isFalse();
    }

    @Test
    void linksAreRebasedOnTheConfiguredFeed() {
        SyncFeedLinks links = new SyncFeedLinks("http://127.0.0.1:9999/SyncFeed/2.0/");
        assertThat(links.rebase(SyncFeedFixture.HOST + "/Resources/abc").toString())
                .isEqualTo("http://127.0.0.1:9999/SyncFeed/2.0/Resources/abc");
        assertThat(links.feed("Document", "42").toString())
                .isEqualTo("http://127.0.0.1:9999/SyncFeed/2.0/Feed?category=Document&skiptoken=42");
    }
}
