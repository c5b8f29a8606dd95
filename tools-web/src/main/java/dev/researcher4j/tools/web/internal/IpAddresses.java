package dev.researcher4j.tools.web.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parsing and classification of IP addresses for the URL guard. Thread-safe, stateless.
 *
 * <p>Hosts are parsed the way browsers and {@code inet_aton} do ({@code 2130706433}, {@code
 * 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1} all mean 127.0.0.1), because that is what an
 * attacker's URL relies on: a check that reads only dotted quads would wave them through.
 */
public final class IpAddresses {

  private static final Pattern NUMERIC_LABEL = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");
  private static final Pattern CANONICAL_V4 =
      Pattern.compile(
          "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

  private IpAddresses() {}

  /**
   * Whether {@code host} is meant as an IPv4 address in some spelling: its last label is a number
   * (decimal, octal or hex), which is the WHATWG URL rule for "this host is an IPv4 address".
   */
  public static boolean looksLikeIpv4(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    int dot = h.lastIndexOf('.');
    String last = h.substring(dot + 1);
    return !last.isEmpty() && NUMERIC_LABEL.matcher(last).matches();
  }

  /** Whether {@code host} is a plain dotted quad such as {@code 93.184.216.34}. */
  public static boolean isCanonicalIpv4(String host) {
    return CANONICAL_V4.matcher(host).matches();
  }

  /**
   * Parses an IPv4 address in any {@code inet_aton} spelling: one to four parts, each decimal,
   * octal (leading 0) or hex (0x), the last part filling the remaining bytes.
   *
   * @return the address, or empty when {@code host} is no such spelling or a part is out of range
   */
  public static Optional<InetAddress> parseIpv4(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String[] parts = h.split("\\.", -1);
    if (parts.length == 0 || parts.length > 4) {
      return Optional.empty();
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Long v = parsePart(parts[i]);
      if (v == null) {
        return Optional.empty();
      }
      values[i] = v;
    }
    long address = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 255) {
        return Optional.empty();
      }
      address |= values[i] << (8 * (3 - i));
    }
    long last = values[values.length - 1];
    int lastBytes = 5 - values.length;
    if (last >= (1L << (8 * lastBytes))) {
      return Optional.empty();
    }
    address |= last;
    byte[] bytes = {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty(); // cannot happen for four bytes
    }
  }

  private static Long parsePart(String part) {
    // digits only: Long.parseLong would also take a sign ("-1.2.3.4")
    if (part.length() > 32 || !NUMERIC_LABEL.matcher(part).matches()) {
      return null;
    }
    try {
      if (part.startsWith("0x") || part.startsWith("0X")) {
        return part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16);
      }
      if (part.length() > 1 && part.startsWith("0")) {
        return Long.parseLong(part.substring(1), 8);
      }
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Parses an IPv6 literal (without brackets). Only called on text containing a colon, which {@link
   * InetAddress#getByName} parses without any DNS lookup.
   */
  public static Optional<InetAddress> parseIpv6(String literal) {
    if (literal.indexOf(':') < 0 || !literal.matches("[0-9a-fA-F:.%]+")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /**
   * Why {@code address} must not be fetched from, or empty when it is an ordinary public address.
   * IPv6 addresses that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are refused: they
   * can reach IPv4 hosts the IPv4 checks would refuse.
   */
  public static Optional<String> blockReason(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return blockReasonV4(b);
    }
    if (address instanceof Inet6Address) {
      return blockReasonV6(b);
    }
    return Optional.of("unknown address type");
  }

  private static Optional<String> blockReasonV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 169 && a1 == 254 && a2 == 169 && (b[3] & 0xff) == 254) {
      return Optional.of("cloud metadata address");
    }
    if (a0 == 0) {
      return Optional.of("unspecified address (0.0.0.0/8)");
    }
    if (a0 == 127) {
      return Optional.of("loopback address");
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return Optional.of("private network address");
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return Optional.of("carrier-grade NAT address (100.64.0.0/10)");
    }
    if (a0 == 169 && a1 == 254) {
      return Optional.of("link-local address");
    }
    if (a0 >= 224 && a0 <= 239) {
      return Optional.of("multicast address");
    }
    if (a0 >= 240) {
      return Optional.of("reserved or broadcast address");
    }
    if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) {
      return Optional.of("special-purpose address (192.0.0.0/24, 192.0.2.0/24)");
    }
    if ((a0 == 198 && (a1 & 0xfe) == 18)
        || (a0 == 198 && a1 == 51 && a2 == 100)
        || (a0 == 203 && a1 == 0 && a2 == 113)
        || (a0 == 192 && a1 == 88 && a2 == 99)) {
      return Optional.of("reserved address (benchmarking, documentation or relay)");
    }
    return Optional.empty();
  }

  private static Optional<String> blockReasonV6(byte[] b) {
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      firstTenZero &= b[i] == 0;
    }
    boolean firstTwelveZero = firstTenZero && b[10] == 0 && b[11] == 0;
    if (firstTwelveZero) {
      boolean restZero = b[12] == 0 && b[13] == 0 && b[14] == 0;
      if (restZero && b[15] == 0) {
        return Optional.of("unspecified address (::)");
      }
      if (restZero && b[15] == 1) {
        return Optional.of("loopback address (::1)");
      }
      return Optional.of("IPv4-compatible IPv6 address");
    }
    if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return Optional.of("IPv4-mapped IPv6 address");
    }
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if (b0 == 0xff) {
      return Optional.of("multicast address");
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return Optional.of("link-local address (fe80::/10)");
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
      return Optional.of("site-local address (fec0::/10)");
    }
    if ((b0 & 0xfe) == 0xfc) {
      if (b0 == 0xfd && b1 == 0x00 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2) {
        return Optional.of("cloud metadata address");
      }
      return Optional.of("unique local address (fc00::/7)");
    }
    if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
      return Optional.of("NAT64 address (64:ff9b::/96)");
    }
    if (b0 == 0x20 && b1 == 0x02) {
      return Optional.of("6to4 address (2002::/16)");
    }
    if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) {
      return Optional.of("Teredo address (2001::/32)");
    }
    if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
      return Optional.of("documentation address (2001:db8::/32)");
    }
    if (b0 == 0x01
        && b1 == 0x00
        && b[2] == 0
        && b[3] == 0
        && b[4] == 0
        && b[5] == 0
        && b[6] == 0
        && b[7] == 0) {
      return Optional.of("discard address (100::/64)");
    }
    return Optional.empty();
  }

  /** The address as text, IPv6 without a zone. */
  public static String format(InetAddress address) {
    String text = address.getHostAddress();
    int zone = text.indexOf('%');
    return (zone < 0 ? text : text.substring(0, zone)).toLowerCase(Locale.ROOT);
  }
}
