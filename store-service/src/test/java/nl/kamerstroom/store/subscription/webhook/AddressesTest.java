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
        assertThat(verdict("255.255.255.255")).isEqualTo("broadcast");
        assertThat(verdict("240.0.0.1")).isEqualTo("reserved");
        assertThat(verdict("168.63.129.16")).isEqualTo("cloud metadata (Azure wire server)");
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

    /** The forms accepted as webhook targets before (issue 11), and every other way IPv6 carries IPv4. */
    @Test
    void everyIpv6FormThatEmbedsIpv4IsJudgedByTheIpv4Inside() throws Exception {
        assertThat(verdict("::ffff:0:7f00:1")).isEqualTo("loopback"); // IPv4-translated ::ffff:0:0/96 of 127.0.0.1
        assertThat(verdict("::ffff:0:a9fe:a9fe")).isEqualTo("link-local"); // translated metadata address
        assertThat(verdict("::ffff:0:808:808")).isEqualTo("public");
        assertThat(verdict("64:ff9b:1::7f00:1")).isEqualTo("local-use NAT64"); // 64:ff9b:1::/48, any embedding
        assertThat(verdict("64:ff9b:1:ffff::808:808")).isEqualTo("local-use NAT64");
        assertThat(verdict("64:ff9b::7f00:1")).isEqualTo("loopback"); // well-known NAT64 /96
        assertThat(verdict("64:ff9b::a8f:811")).isEqualTo("private"); // NAT64 of 10.143.8.17
        assertThat(verdict("64:ff9b::a00:1")).isEqualTo("private"); // NAT64 of 10.0.0.1
        assertThat(verdict("64:ff9b::a83f:8110")).isEqualTo("cloud metadata (Azure wire server)");
        assertThat(verdict("::ffff:a83f:8110")).isEqualTo("cloud metadata (Azure wire server)"); // mapped
        assertThat(verdict("::127.0.0.1")).isEqualTo("loopback"); // IPv4-compatible (deprecated)
        assertThat(verdict("::c0a8:1")).isEqualTo("private"); // compatible 192.168.0.1
        assertThat(verdict("2002:7f00:1::")).isEqualTo("loopback"); // 6to4 of 127.0.0.1
        assertThat(verdict("2002:a9fe:a9fe::1")).isEqualTo("link-local");
        assertThat(verdict("2002:0808:0808::1")).isEqualTo("public");
        // Teredo: server 65.54.227.120 (public); client 127.0.0.1 stored inverted as 80ff:fffe
        assertThat(verdict("2001:0:4136:e378:8000:63bf:80ff:fffe")).isEqualTo("loopback");
        assertThat(verdict("2001:0:0a00:0001:8000:63bf:f7f7:f7f7")).isEqualTo("private"); // server 10.0.0.1
        assertThat(verdict("2001:0:4136:e378:8000:63bf:3fff:fdd2")).isEqualTo("public"); // client 192.0.2.45
        assertThat(verdict("2001:0:4136:e378:8000:63bf:f5ff:fffe")).isEqualTo("private"); // client 10.0.0.1
        assertThat(verdict("2001:0:4136:e378:8000:63bf:f7f7:f7f7")).isEqualTo("public"); // client 8.8.8.8
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
