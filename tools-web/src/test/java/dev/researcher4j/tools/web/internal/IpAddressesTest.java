package dev.researcher4j.tools.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every blocked range with addresses just inside and just outside its edges. */
class IpAddressesTest {

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal); // literals only: no DNS lookup
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "169.254.169.254 | cloud metadata address",
        "0.0.0.0         | unspecified address (0.0.0.0/8)",
        "0.255.255.255   | unspecified address (0.0.0.0/8)",
        "127.0.0.1       | loopback address",
        "127.255.255.254 | loopback address",
        "10.0.0.0        | private network address",
        "10.255.255.255  | private network address",
        "172.16.0.0      | private network address",
        "172.31.255.255  | private network address",
        "192.168.0.0     | private network address",
        "192.168.255.255 | private network address",
        "100.64.0.0      | carrier-grade NAT address (100.64.0.0/10)",
        "100.127.255.255 | carrier-grade NAT address (100.64.0.0/10)",
        "169.254.0.1     | link-local address",
        "169.254.169.253 | link-local address",
        "169.254.168.254 | link-local address",
        "169.254.169.255 | link-local address",
        "224.0.0.1       | multicast address",
        "239.255.255.255 | multicast address",
        "240.0.0.0       | reserved or broadcast address",
        "255.255.255.255 | reserved or broadcast address",
        "192.0.0.8       | special-purpose address (192.0.0.0/24, 192.0.2.0/24)",
        "192.0.2.1       | special-purpose address (192.0.0.0/24, 192.0.2.0/24)",
        "198.18.0.0      | reserved address (benchmarking, documentation or relay)",
        "198.19.255.255  | reserved address (benchmarking, documentation or relay)",
        "198.51.100.7    | reserved address (benchmarking, documentation or relay)",
        "203.0.113.9     | reserved address (benchmarking, documentation or relay)",
        "192.88.99.1     | reserved address (benchmarking, documentation or relay)",
        "::              | unspecified address (::)",
        "::1             | loopback address (::1)",
        "::2             | IPv4-compatible IPv6 address",
        "::7f00:1        | IPv4-compatible IPv6 address",
        "::ffff:7f00:1   | loopback address",
        "ff02::1         | multicast address",
        "fe80::1         | link-local address (fe80::/10)",
        "febf::1         | link-local address (fe80::/10)",
        "fec0::1         | site-local address (fec0::/10)",
        "feff::1         | site-local address (fec0::/10)",
        "fd00:ec2::254   | cloud metadata address",
        "fc00::1         | unique local address (fc00::/7)",
        "fdff::1         | unique local address (fc00::/7)",
        "fd00:ec3::254   | unique local address (fc00::/7)",
        "fd00:fc2::254   | unique local address (fc00::/7)",
        "fd01:ec2::254   | unique local address (fc00::/7)",
        "fd00:ec2:1::254 | cloud metadata address",
        "64:ff9b::7f00:1 | NAT64 address (64:ff9b::/96)",
        "2002:7f00:1::   | 6to4 address (2002::/16)",
        "2001::1         | Teredo address (2001::/32)",
        "2001:0:ffff::1  | Teredo address (2001::/32)",
        "2001:db8::1     | documentation address (2001:db8::/32)",
        "100::1          | discard address (100::/64)",
        "100::ffff:ffff:ffff:ffff | discard address (100::/64)"
      })
  void namesWhyEachBlockedRangeIsBlocked(String address, String reason) throws Exception {
    assertThat(IpAddresses.blockReason(ip(address))).contains(reason);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0.0.0",
        "9.255.255.255",
        "11.0.0.0",
        "126.255.255.255",
        "128.0.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "192.167.255.255",
        "192.169.0.0",
        "100.63.255.255",
        "100.128.0.0",
        "169.253.255.255",
        "169.255.0.0",
        "223.255.255.255",
        "192.0.1.1",
        "192.0.3.1",
        "192.1.2.1",
        "191.0.2.1",
        "198.17.255.255",
        "198.20.0.0",
        "198.51.101.1",
        "198.50.100.1",
        "197.51.100.1",
        "203.0.114.1",
        "203.1.113.1",
        "204.0.113.1",
        "192.88.98.1",
        "192.89.99.1",
        "193.88.99.1",
        "93.184.216.34",
        "2606:4700::1111",
        "2001:1::1",
        "2001:100::1",
        "2001:db9::1",
        "2001:cb8::1",
        "2001:1db8::1",
        "2003::1",
        "2000::1",
        "64:ff9a::1",
        "64:fe9b::1",
        "65:ff9b::1",
        "164:ff9b::1",
        "100:0:0:1::1",
        "100:0:1::1",
        "100:1::1",
        "101::1",
        "200::1",
        "fe7f::1",
        "fb00::1",
        "fe00::1",
        "fe40::1",
        "0:0:0:0:1:ffff:7f00:1",
        "1::1",
        "0:1::1",
        "0:0:1::1",
        "0:0:0:1::1",
        "0:0:0:0:1::1"
      })
  void letsOrdinaryPublicAddressesThrough(String address) throws Exception {
    assertThat(IpAddresses.blockReason(ip(address))).as(address).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2130706433   | 127.0.0.1",
        "0x7f.1       | 127.0.0.1",
        "0177.0.0.1   | 127.0.0.1",
        "127.1        | 127.0.0.1",
        "127.0.1      | 127.0.0.1",
        "0x7F000001   | 127.0.0.1",
        "0x          | 0.0.0.0",
        "0           | 0.0.0.0",
        "10.0.0.1.   | 10.0.0.1",
        "1.2.3.4     | 1.2.3.4",
        "255.255.255.255 | 255.255.255.255",
        "1.2.65535   | 1.2.255.255",
        "1.16777215  | 1.255.255.255",
        "4294967295  | 255.255.255.255",
        "0X7f.0.0.1  | 127.0.0.1",
        "00          | 0.0.0.0",
        "08.1        | NONE"
      })
  void readsEveryInetAtonSpellingOfIpv4(String host, String expected) {
    Optional<InetAddress> parsed = IpAddresses.parseIpv4(host);

    if (expected.equals("NONE")) {
      assertThat(parsed).isEmpty();
    } else {
      assertThat(parsed.map(IpAddresses::format)).contains(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "256.0.0.1",
        "1.256.0.1",
        "1.2.256.1",
        "1.2.3.256",
        "1.2.65536",
        "1.16777216",
        "4294967296",
        "1.2.3.4.5",
        "",
        "1..2",
        "a.b.c.d",
        "0xg.1",
        "123456789012345678901234567890123",
        "-1.2.3.4"
      })
  void refusesWhatIsNoIpv4Spelling(String host) {
    assertThat(IpAddresses.parseIpv4(host)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "example.com | false",
        "127.0.0.1   | true",
        "1.2.3.0x10  | true",
        "host.017    | true",
        "host.0x     | true",
        "10.0.0.1.   | true",
        "host.1a     | false",
        "2130706433  | true",
        "a.         | false"
      })
  void recognisesHostsMeantAsIpv4ByTheirLastLabel(String host, boolean expected) {
    assertThat(IpAddresses.looksLikeIpv4(host)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "93.184.216.34 | true",
        "0.0.0.0       | true",
        "255.255.255.255 | true",
        "256.1.1.1     | false",
        "01.2.3.4      | false",
        "1.2.3         | false",
        "1.2.3.4.5     | false",
        "249.250.199.99 | true"
      })
  void recognisesCanonicalDottedQuads(String host, boolean expected) {
    assertThat(IpAddresses.isCanonicalIpv4(host)).isEqualTo(expected);
  }

  @Test
  void parsesIpv6LiteralsWithoutLookingUpNames() {
    assertThat(IpAddresses.parseIpv6("::1").map(IpAddresses::format)).contains("0:0:0:0:0:0:0:1");
    assertThat(IpAddresses.parseIpv6("FE80::1%1").map(IpAddresses::format))
        .contains("fe80:0:0:0:0:0:0:1");
    assertThat(IpAddresses.parseIpv6("localhost")).isEmpty();
    assertThat(IpAddresses.parseIpv6("example.com:80")).isEmpty();
    assertThat(IpAddresses.parseIpv6("1:2:3:4:5:6:7:8:9")).isEmpty();
  }
}
