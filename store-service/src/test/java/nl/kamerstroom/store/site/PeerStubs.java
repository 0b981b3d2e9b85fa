package nl.kamerstroom.store.site;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Two WireMock servers standing in for ingest-service and parse-service behind the operator page
 * ({@code kamerstroom.beheer.*-url}). Global, so every store test shares one application start;
 * each test registers the answers it needs.
 */
public class PeerStubs implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer ingest;
    private static WireMockServer parse;

    public static synchronized WireMockServer ingest() {
        if (ingest == null) {
            ingest = started();
        }
        return ingest;
    }

    public static synchronized WireMockServer parse() {
        if (parse == null) {
            parse = started();
        }
        return parse;
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kamerstroom.beheer.ingest-url", "http://127.0.0.1:" + ingest().port(),
                "kamerstroom.beheer.parse-url", "http://127.0.0.1:" + parse().port());
    }

    @Override
    public void stop() {
        // shared by the whole test JVM
    }
}
