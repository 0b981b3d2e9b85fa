package nl.kamerstroom.store.subscription.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a webhook may never reach: everything that is not the public internet. An IPv6
 * address that carries an IPv4 one (mapped, translated, compatible, NAT64, 6to4, Teredo) is judged
 * by its own range and by every IPv4 address inside.
 */
public final class Addresses {

    /** An address range, {@code 10.0.0.0/8} or {@code fc00::/7}. */
    public record Cidr(byte[] network, int bits) {

        public static Cidr parse(String cidr) {
            String[] parts = cidr.trim().split("/", 2);
            if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("'" + cidr + "' is not an address range like 10.1.0.0/16");
            }
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress(); // a literal: no lookup
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("'" + cidr + "' has a prefix length out of range");
                }
                return new Cidr(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' is not an address range like 10.1.0.0/16", e);
            }
        }

        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (network[full] & mask);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cidr c && c.bits == bits && Arrays.equals(c.network, network);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(network) + bits;
        }
    }

    private record Blocked(Cidr range, String what) {
    }

    private static final List<Blocked> BLOCKED = List.of(
            blocked("0.0.0.0/8", "unspecified"),
            blocked("10.0.0.0/8", "private"),
            blocked("100.64.0.0/10", "shared (CGNAT)"),
            blocked("127.0.0.0/8", "loopback"),
            blocked("169.254.0.0/16", "link-local"),
            blocked("172.16.0.0/12", "private"),
            blocked("168.63.129.16/32", "cloud metadata (Azure wire server)"),
            blocked("192.0.0.0/24", "reserved"),
            blocked("255.255.255.255/32", "broadcast"),
            blocked("192.168.0.0/16", "private"),
            blocked("198.18.0.0/15", "reserved"),
            blocked("224.0.0.0/4", "multicast"),
            blocked("240.0.0.0/4", "reserved"),
            blocked("::/128", "unspecified"),
            blocked("::1/128", "loopback"),
            blocked("100::/64", "reserved"),
            // local-use NAT64 (RFC 8215): translated by a local gateway into whatever IPv4 it embeds, where
            // the embedding depends on the operator's prefix length, so the whole range is refused
            blocked("64:ff9b:1::/48", "local-use NAT64"),
            blocked("fc00::/7", "private"),
            blocked("fe80::/10", "link-local"),
            blocked("fec0::/10", "private"),
            blocked("ff00::/8", "multicast"));

    private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
    /** {@code ::ffff:0:a.b.c.d}, SIIT's IPv4-translated form (RFC 2765), not the same as mapped {@code ::ffff:a.b.c.d}. */
    private static final Cidr IPV4_TRANSLATED = Cidr.parse("::ffff:0:0:0/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    /** Teredo (RFC 4380): the server's IPv4 in bytes 4-7, the client's in bytes 12-15 with every bit inverted. */
    private static final Cidr TEREDO = Cidr.parse("2001::/32");

    private Addresses() {
    }

    /** Why {@code address} is off limits ("loopback", "private", …), or empty for a public address. */
    public static Optional<String> nonPublic(InetAddress address) {
        Optional<String> own = blockedRange(address);
        if (own.isPresent()) {
            return own;
        }
        // an IPv6 address that carries an IPv4 one reaches that IPv4 address: judge every one it carries
        for (InetAddress embedded : embeddedIpv4(address)) {
            Optional<String> inner = blockedRange(embedded);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> blockedRange(InetAddress address) {
        for (Blocked b : BLOCKED) {
            if (b.range().contains(address)) {
                return Optional.of(b.what());
            }
        }
        return Optional.empty();
    }

    /** The IPv4 addresses an IPv6 address embeds: mapped, translated, compatible, NAT64, 6to4, Teredo. */
    private static List<InetAddress> embeddedIpv4(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != 16) {
            return List.of();
        }
        if (isIpv4Mapped(a) || IPV4_TRANSLATED.contains(address) || NAT64.contains(address)
                || (IPV4_COMPATIBLE.contains(address) && !isZeroOrOne(a))) {
            return List.of(ipv4(a, 12, false));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return List.of(ipv4(a, 2, false));
        }
        if (TEREDO.contains(address)) {
            return List.of(ipv4(a, 4, false), ipv4(a, 12, true));
        }
        return List.of();
    }

    private static InetAddress ipv4(byte[] a, int from, boolean inverted) {
        byte[] four = Arrays.copyOfRange(a, from, from + 4);
        if (inverted) {
            for (int i = 0; i < 4; i++) {
                four[i] = (byte) ~four[i];
            }
        }
        try {
            return InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /** {@code ::ffff:a.b.c.d}; Java turns most of these into IPv4 addresses itself, not all. */
    private static boolean isIpv4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    /** {@code ::} and {@code ::1} are in the IPv4-compatible range but are judged as themselves. */
    private static boolean isZeroOrOne(byte[] a) {
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[15] == 0 || a[15] == 1;
    }

    private static Blocked blocked(String cidr, String what) {
        return new Blocked(Cidr.parse(cidr), what);
    }
}
