package nl.kamerstroom.store.subscription.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name to addresses, for webhook targets. An interface so that tests can make a name resolve to
 * a loopback address without touching {@code /etc/hosts}, and so that the addresses checked are
 * exactly the ones connected to.
 */
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
