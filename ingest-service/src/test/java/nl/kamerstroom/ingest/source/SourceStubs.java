package nl.kamerstroom.ingest.source;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server for the module's tests, standing in for gegevensmagazijn.tweedekamer.nl and
 * repository.overheid.nl: the sources' URLs point at it. Global, so that every test class shares
 * one application start; each test registers the stubs it needs.
 */
public class SourceStubs implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        String base = "http://127.0.0.1:" + server().port();
        return Map.of(
                "kamerstroom.sources.tk.syncfeed-url", base + "/SyncFeed/2.0",
                "kamerstroom.sources.tk.odata-url", base + "/OData/v5",
                "kamerstroom.sources.koop.sru-url", base + "/sru",
                "kamerstroom.sources.koop.repository-url", base);
    }

    @Override
    public void stop() {
        // shared by the whole test JVM
    }
}
