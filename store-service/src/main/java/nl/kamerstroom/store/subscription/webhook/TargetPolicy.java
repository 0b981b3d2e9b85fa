package nl.kamerstroom.store.subscription.webhook;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SSRF protection for webhook targets, applied when a subscription is made and again right before
 * every send. Targets are {@code https}; the host is resolved here and every address it resolves
 * to must be public (not loopback, link-local incl. 169.254.169.254, private, CGNAT, unspecified,
 * multicast or reserved) unless the operator allow-listed the host or the range. The sender then
 * connects to the checked address itself, so a DNS answer that changes between check and connect
 * (rebinding) is never used. Redirects are not followed.
 */
@ApplicationScoped
public class TargetPolicy {

    /** A target the policy will not send to, with the reason in words. */
    public static class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }

    /** A name that does not resolve (now): refused at creation, retried at delivery like any network failure. */
    public static final class Unresolvable extends Refused {
        public Unresolvable(String host) {
            super("host " + host + " does not resolve");
        }
    }

    /** Where to send: the URL as given, and the checked address to connect to. */
    public record Target(URI uri, String host, int port, boolean tls, InetAddress address) {
    }

    @Inject
    HostResolver resolver;

    @Inject
    WebhookConfig config;

    private List<String> allowHosts;
    private List<Addresses.Cidr> allowCidrs;

    @PostConstruct
    void init() {
        allowHosts = config.allowHosts().orElse(List.of()).stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).toList();
        allowCidrs = config.allowCidrs().orElse(List.of()).stream().filter(c -> !c.isBlank())
                .map(Addresses.Cidr::parse).toList();
    }

    /** The URL as a URI if its form is acceptable (no resolution yet). */
    public static URI parse(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("is required");
        }
        if (url.length() > 2048) {
            throw new Refused("is longer than 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new Refused("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Refused("must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment");
        }
        return uri;
    }

    /** Parses, resolves and checks {@code url}: the address to connect to, or why not. */
    public Target check(String url) throws Refused {
        return check(parse(url));
    }

    public Target check(URI uri) throws Refused {
        String host = host(uri);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        boolean hostAllowed = hostAllowed(host);
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Unresolvable(host);
        }
        if (addresses.isEmpty()) {
            throw new Unresolvable(host);
        }
        boolean allInAllowedRanges = true;
        for (InetAddress address : addresses) {
            boolean inAllowedRange = allowCidrs.stream().anyMatch(c -> c.contains(address));
            allInAllowedRanges &= inAllowedRange;
            Optional<String> nonPublic = Addresses.nonPublic(address);
            // every address, not just the first: a name with one public and one private address
            // could otherwise be steered to the private one
            if (nonPublic.isPresent() && !hostAllowed && !inAllowedRange) {
                throw new Refused("host " + host + " resolves to a " + nonPublic.get() + " address ("
                        + address.getHostAddress() + "); only public addresses are allowed");
            }
        }
        if (!tls && !hostAllowed && !allInAllowedRanges) {
            throw new Refused("must be an https URL");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        return new Target(uri, host, port, tls, addresses.get(0));
    }

    private boolean hostAllowed(String host) {
        return allowHosts.stream().anyMatch(a -> a.equals(host) || (a.startsWith("*.") && host.endsWith(a.substring(1))));
    }

    private static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        // an IPv6 literal comes bracketed; a trailing dot is the same name
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
