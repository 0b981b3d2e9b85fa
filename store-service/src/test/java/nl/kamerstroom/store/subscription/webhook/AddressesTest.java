package nl.kamerstroom.store.subscription.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {

    private static String verdict(String literal) throws Exception {
        return Addresses.nonPublic(InetAddress.getByName(literal)).orElse("public");
    }

    @Test
    void everythingButThePublicInternetIsRefusedWithTheReason() throws Exception {
        assertThat(verdict("127.0.0.1")).isEqualTo("loopback");
        assertThat(verdict("127.255.0.9")).isEqualTo("loopback");
        assertThat(verdict("169.254.169.254")).isEqualTo("link-local");
        assertThat(verdict("10.0.0.1")).isEqualTo("private");
        assertThat(verdict("172.16.0.1")).isEqualTo("private");
        assertThat(verdict("172.31.255.255")).isEqualTo("private");
        assertThat(verdict("192.168.0.1")).isEqualTo("private");
        assertThat(verdict("100.64.0.1")).isEqualTo("shared (CGNAT)");
        assertThat(verdict("100.127.255.254")).isEqualTo("shared (CGNAT)");
        assertThat(verdict("0.0.0.0")).isEqualTo("unspecified");
        assertThat(verdict("239.1.2.3")).isEqualTo("multicast");
        assertThat(verdict("255.255.255.255")).isEqualTo("reserved");
        assertThat(verdict("::")).isEqualTo("unspecified");
        assertThat(verdict("::1")).isEqualTo("loopback");
        assertThat(verdict("fe80::1")).isEqualTo("link-local");
        assertThat(verdict("febf::1")).isEqualTo("link-local");
        assertThat(verdict("fc00::1")).isEqualTo("private");
        assertThat(verdict("fdff::1")).isEqualTo("private");
        assertThat(verdict("ff02::1")).isEqualTo("multicast");
    }

    @Test
    void ipv4InsideIpv6IsJudgedAsIpv4() throws Exception {
        assertThat(verdict("::ffff:127.0.0.1")).isEqualTo("loopback");
        assertThat(verdict("64:ff9b::a9fe:a9fe")).isEqualTo("link-local"); // NAT64 of 169.254.169.254
        assertThat(verdict("2002:0a00:0001::1")).isEqualTo("private"); // 6to4 of 10.0.0.1
        assertThat(verdict("::10.0.0.1")).isEqualTo("private");
        assertThat(verdict("64:ff9b::0808:0808")).isEqualTo("public");
    }

    @Test
    void publicAddressesPass() throws Exception {
        assertThat(verdict("8.8.8.8")).isEqualTo("public");
        assertThat(verdict("172.32.0.1")).isEqualTo("public");
        assertThat(verdict("100.128.0.1")).isEqualTo("public");
        assertThat(verdict("2a00:1450:4001::1")).isEqualTo("public");
    }

    @Test
    void rangesParseAndContain() throws Exception {
        Addresses.Cidr range = Addresses.Cidr.parse("10.20.0.0/14");
        assertThat(range.contains(InetAddress.getByName("10.23.255.1"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("10.24.0.1"))).isFalse();
        assertThat(range.contains(InetAddress.getByName("::1"))).isFalse();
        assertThatThrownBy(() -> Addresses.Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Addresses.Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
