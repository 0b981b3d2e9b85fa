package nl.kamerstroom.store;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.kamerstroom.store.subscription.webhook.HostResolver;

/**
 * Name resolution for webhook targets in tests: names a test maps (and may remap, to play DNS
 * rebinding) resolve to the given address; every other name as the JVM resolves it.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestResolver implements HostResolver {

    private final Map<String, String> names = new ConcurrentHashMap<>(Map.of(Receiver.HOST, "127.0.0.1"));

    public void map(String host, String address) {
        names.put(host, address);
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String address = names.get(host);
        return address != null ? List.of(InetAddress.getByName(address)) : List.of(InetAddress.getAllByName(host));
    }
}
