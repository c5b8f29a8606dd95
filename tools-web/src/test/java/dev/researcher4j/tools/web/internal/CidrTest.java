package dev.researcher4j.tools.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.0/8      | 10.255.255.255 | true",
        "10.0.0.0/8      | 11.0.0.0       | false",
        "172.16.0.0/12   | 172.31.0.1     | true",
        "172.16.0.0/12   | 172.32.0.1     | false",
        "172.16.0.0/12   | 172.15.255.255 | false",
        "100.64.0.0/10   | 100.127.0.1    | true",
        "100.64.0.0/10   | 100.128.0.1    | false",
        "192.168.1.0/25  | 192.168.1.127  | true",
        "192.168.1.0/25  | 192.168.1.128  | false",
        "192.168.1.1/31  | 192.168.1.0    | true",
        "192.168.1.1/31  | 192.168.1.2    | false",
        "1.2.3.4         | 1.2.3.4        | true",
        "1.2.3.4         | 1.2.3.5        | false",
        "1.2.3.4/32      | 1.2.3.4        | true",
        "0.0.0.0/0       | 8.8.8.8        | true",
        "0.0.0.0/1       | 127.255.255.255 | true",
        "0.0.0.0/1       | 128.0.0.0      | false",
        "fc00::/7        | fdff::1        | true",
        "fc00::/7        | fe00::1        | false",
        "fe80::/10       | febf::1        | true",
        "fe80::/10       | fec0::1        | false",
        "2001:db8::/32   | 2001:db8:ffff::1 | true",
        "2001:db8::/33   | 2001:db8:8000::1 | false",
        "::1/128         | ::1            | true",
        "::1             | ::2            | false",
        "10.0.0.0/8      | ::ffff:10.0.0.1 | true",
        "fc00::/7        | 10.0.0.1       | false"
      })
  void containsExactlyTheAddressesOfItsPrefix(String range, String address, boolean expected)
      throws Exception {
    assertThat(Cidr.parse(range).contains(InetAddress.getByName(address))).isEqualTo(expected);
  }

  @Test
  void aMappedAddressIsAnIpv4AddressToJava() throws Exception {
    // Java turns ::ffff:a.b.c.d into an Inet4Address, which is why the row above matches
    assertThat(InetAddress.getByName("::ffff:10.0.0.1").getAddress()).hasSize(4);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/33",
        "10.0.0.0/-1",
        "::/129",
        "10.0.0.0/x",
        "10.0.0.0/",
        "example.com/8",
        "10.1/8",
        "",
        "1.2.3.4.5"
      })
  void refusesWhatIsNoRange(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void saysWhatIsWrongWithARange() {
    assertThatThrownBy(() -> Cidr.parse("example.com/8"))
        .hasMessage("not an IP address or CIDR range: 'example.com/8'");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x"))
        .hasMessage("bad prefix length in CIDR range: '10.0.0.0/x'");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
        .hasMessage("prefix length must be 0-32, but was 33");
  }

  @Test
  void checksItsFieldsAndCopiesTheNetwork() {
    byte[] network = {10, 0, 0, 0};
    Cidr cidr = new Cidr(network, 8);
    network[0] = 11;

    assertThat(cidr.network()[0]).isEqualTo((byte) 10);
    cidr.network()[0] = 12;
    assertThat(cidr.network()[0]).isEqualTo((byte) 10);
    assertThatThrownBy(() -> new Cidr(new byte[5], 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("network must have 4 or 16 bytes");
    assertThatThrownBy(() -> new Cidr(new byte[4], 33))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefix length must be 0-32, but was 33");
    assertThatThrownBy(() -> new Cidr(new byte[16], -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefix length must be 0-128, but was -1");
    assertThatThrownBy(() -> new Cidr(null, 8)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void isAValueWithReadableText() {
    assertThat(Cidr.parse("10.0.0.0/8")).isEqualTo(Cidr.parse(" 10.0.0.0/8 "));
    assertThat(Cidr.parse("10.0.0.0/8")).isNotEqualTo(Cidr.parse("10.0.0.0/9"));
    assertThat(Cidr.parse("10.0.0.0/8")).isNotEqualTo(Cidr.parse("11.0.0.0/8"));
    assertThat(Cidr.parse("10.0.0.0/8")).isNotEqualTo("10.0.0.0/8");
    assertThat(Cidr.parse("10.0.0.0/8").hashCode()).isEqualTo(Cidr.parse("10.0.0.0/8").hashCode());
    assertThat(Cidr.parse("10.0.0.0/8").hashCode())
        .isNotEqualTo(Cidr.parse("10.0.0.0/9").hashCode());
    assertThat(Cidr.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
    assertThat(Cidr.parse("fd00::/8")).hasToString("fd00:0:0:0:0:0:0:0/8");
    assertThat(Cidr.parse("1.2.3.4")).hasToString("1.2.3.4/32");
  }
}
