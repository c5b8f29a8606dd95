package dev.researcher4j.tools.web.internal;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a range of
 * one. Immutable.
 *
 * @param network the network address bytes (4 or 16)
 * @param prefixLength the number of leading bits that must match
 */
public record Cidr(byte[] network, int prefixLength) {

  /** Checks and copies the fields. */
  public Cidr {
    Objects.requireNonNull(network, "network");
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("network must have 4 or 16 bytes");
    }
    if (prefixLength < 0 || prefixLength > network.length * 8) {
      throw new IllegalArgumentException(
          "prefix length must be 0-" + network.length * 8 + ", but was " + prefixLength);
    }
    network = network.clone();
  }

  /**
   * Parses {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1/128} or {@code fd00::/8}.
   *
   * @throws IllegalArgumentException if {@code text} is no such range
   */
  public static Cidr parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String addressText = slash < 0 ? t : t.substring(0, slash);
    InetAddress address =
        (addressText.indexOf(':') >= 0
                ? IpAddresses.parseIpv6(addressText)
                : IpAddresses.isCanonicalIpv4(addressText)
                    ? IpAddresses.parseIpv4(addressText)
                    : java.util.Optional.<InetAddress>empty())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "not an IP address or CIDR range: '" + text + "'"));
    byte[] bytes = address.getAddress();
    int prefix;
    try {
      prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in CIDR range: '" + text + "'", e);
    }
    return new Cidr(bytes, prefix);
  }

  /** Whether {@code address} lies in this range. */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c
        && c.prefixLength == prefixLength
        && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public String toString() {
    try {
      return IpAddresses.format(InetAddress.getByAddress(network)) + "/" + prefixLength;
    } catch (java.net.UnknownHostException e) {
      return Arrays.toString(network) + "/" + prefixLength;
    }
  }
}
