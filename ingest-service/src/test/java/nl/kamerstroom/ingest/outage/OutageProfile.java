package nl.kamerstroom.ingest.outage;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The one extra profile of the module: ingest against a broker and a database that the test stops and starts. */
public class OutageProfile implements QuarkusTestProfile {

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnBrokerAndDatabase.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kamerstroom.ingest.publish-timeout", "3s",
                "kamerstroom.ingest.retry-after", "7s",
                "kamerstroom.ingest.watch.dir", "target/watched-folder-outage",
                "quarkus.datasource.jdbc.acquisition-timeout", "2s",
                "quarkus.datasource.jdbc.login-timeout", "2s");
    }
}
