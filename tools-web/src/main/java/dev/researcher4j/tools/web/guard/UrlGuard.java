package dev.researcher4j.tools.web.guard;

import dev.researcher4j.tools.web.internal.Cidr;
import dev.researcher4j.tools.web.internal.IpAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.Dns;
import okhttp3.HttpUrl;

/**
 * Decides which URLs the web tools may fetch, so a model (or a page it read) cannot make the agent
 * reach the machine it runs on, the local network or a cloud metadata service.
 *
 * <p>Refused: schemes other than http and https; user names or passwords in the URL; the names
 * {@code localhost} (and {@code *.localhost}) and well-known metadata names; and every address that
 * is not public — loopback, private (10/8, 172.16/12, 192.168/16), carrier-grade NAT (100.64/10),
 * link-local (169.254/16, fe80::/10), unique-local (fc00::/7), multicast, unspecified, broadcast
 * and reserved ranges, cloud metadata (169.254.169.254, fd00:ec2::254), and IPv6 forms that embed
 * an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo). IPv4 written in another spelling than
 * a plain dotted quad ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1}) is
 * refused outright: no legitimate page links that way. Addresses are checked on the URL (IP
 * literals), again after DNS resolution (wrap the resolver with {@link #dns(Dns)}), and the caller
 * checks every redirect target the same way.
 *
 * <p>An allow-list lets chosen hosts or ranges through (an intranet, a test server): entries are
 * host names ({@code wiki.corp.example}, or {@code *.corp.example} for every subdomain), IP
 * addresses or CIDR ranges ({@code 10.1.0.0/16}). {@link #fromEnv()} reads it from {@value
 * #ALLOW_HOSTS_ENV}, comma-separated. The scheme and credential checks apply to allowed hosts too.
 *
 * <p>Immutable and thread-safe.
 */
public final class UrlGuard {

  /** Environment variable holding the allow-list, comma-separated. */
  public static final String ALLOW_HOSTS_ENV = "RESEARCHER_ALLOW_HOSTS";

  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
  private static final Set<String> BLOCKED_NAMES =
      Set.of(
          "localhost",
          "localhost.localdomain",
          "ip6-localhost",
          "ip6-loopback",
          "metadata.google.internal",
          "metadata",
          "instance-data",
          "instance-data.ec2.internal");

  private final List<String> allowedHosts;
  private final List<Cidr> allowedRanges;

  private UrlGuard(Builder b) {
    this.allowedHosts = List.copyOf(b.hosts);
    this.allowedRanges = List.copyOf(b.ranges);
  }

  /** A guard with an empty allow-list: only public addresses. */
  public static UrlGuard strict() {
    return builder().build();
  }

  /** A guard whose allow-list is read from {@value #ALLOW_HOSTS_ENV} (empty when unset). */
  public static UrlGuard fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * A guard whose allow-list is read from {@value #ALLOW_HOSTS_ENV} in {@code env}.
   *
   * @throws IllegalArgumentException naming the bad entry if one is neither a host nor a range
   */
  public static UrlGuard fromEnv(Map<String, String> env) {
    Builder builder = builder();
    String value = env.get(ALLOW_HOSTS_ENV);
    if (value != null) {
      for (String entry : value.split(",")) {
        if (!entry.isBlank()) {
          builder.allow(entry);
        }
      }
    }
    return builder.build();
  }

  /** A builder with an empty allow-list. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this guard's allow-list. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.hosts.addAll(allowedHosts);
    b.ranges.addAll(allowedRanges);
    return b;
  }

  /**
   * Checks what can be checked without resolving the host: scheme, credentials, host names and IP
   * literals.
   *
   * @return the parsed URL
   * @throws UrlRefusedException saying why the URL may not be fetched
   */
  public HttpUrl check(String url) {
    Objects.requireNonNull(url, "url");
    String trimmed = url.strip();
    var scheme = SCHEME.matcher(trimmed);
    if (!scheme.find()) {
      throw refused(url, "it is not an absolute http(s) URL");
    }
    String s = scheme.group(1).toLowerCase(Locale.ROOT);
    if (!s.equals("http") && !s.equals("https")) {
      throw refused(url, "only http and https URLs can be read, not " + s + ":");
    }
    HttpUrl parsed = HttpUrl.parse(trimmed);
    if (parsed == null) {
      throw refused(url, "it is not a valid URL");
    }
    return check(parsed);
  }

  /**
   * Checks a parsed URL; see {@link #check(String)}.
   *
   * @throws UrlRefusedException saying why the URL may not be fetched
   */
  public HttpUrl check(HttpUrl url) {
    String shown = redact(url);
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw refused(shown, "URLs with a user name or password are not fetched");
    }
    String host = stripDot(url.host().toLowerCase(Locale.ROOT));
    if (isAllowedName(host)) {
      return url;
    }
    Optional<InetAddress> literal = literalAddress(host, shown);
    if (literal.isPresent()) {
      checkAddress(shown, literal.get());
      return url;
    }
    if (BLOCKED_NAMES.contains(host) || host.endsWith(".localhost")) {
      throw refused(shown, "'" + host + "' names this machine or a metadata service");
    }
    return url;
  }

  /**
   * Checks the addresses a host name resolved to; every one must be allowed (a name resolving to
   * one public and one private address is refused, since a later connection may pick either).
   *
   * @throws UrlRefusedException naming the host, the address and the reason
   */
  public void checkResolved(String host, List<InetAddress> addresses) {
    String h = stripDot(host.toLowerCase(Locale.ROOT));
    if (isAllowedName(h)) {
      return;
    }
    for (InetAddress address : addresses) {
      checkAddress(h, address);
    }
  }

  /**
   * A resolver that resolves with {@code delegate} and then refuses any host that resolved to an
   * address this guard refuses. Give it to the {@code OkHttpClient} so the check covers the
   * addresses actually connected to. The failure is an {@link UnknownHostException} whose cause is
   * the {@link UrlRefusedException}.
   */
  public Dns dns(Dns delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return hostname -> {
      List<InetAddress> addresses = delegate.lookup(hostname);
      try {
        checkResolved(hostname, addresses);
      } catch (UrlRefusedException e) {
        UnknownHostException wrapped = new UnknownHostException(e.getMessage());
        wrapped.initCause(e);
        throw wrapped;
      }
      return addresses;
    };
  }

  /**
   * The guard's refusal inside {@code error} (as thrown through {@link #dns(Dns)}), if there is
   * one.
   */
  public static Optional<UrlRefusedException> refusalIn(IOException error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof UrlRefusedException refused) {
        return Optional.of(refused);
      }
    }
    return Optional.empty();
  }

  /** The allow-list entries, host names first, then ranges. */
  public List<String> allowList() {
    List<String> all = new ArrayList<>(allowedHosts);
    allowedRanges.forEach(r -> all.add(r.toString()));
    return List.copyOf(all);
  }

  private Optional<InetAddress> literalAddress(String host, String shown) {
    if (host.indexOf(':') >= 0) {
      return Optional.of(
          IpAddresses.parseIpv6(host)
              .orElseThrow(() -> refused(shown, "'" + host + "' is not a valid IPv6 address")));
    }
    if (IpAddresses.looksLikeIpv4(host)) {
      if (!IpAddresses.isCanonicalIpv4(host)) {
        String means =
            IpAddresses.parseIpv4(host)
                .map(a -> " (it means " + IpAddresses.format(a) + ")")
                .orElse("");
        throw refused(
            shown,
            "the host '"
                + host
                + "' is an IPv4 address in an unusual spelling"
                + means
                + "; write it as a dotted quad");
      }
      return IpAddresses.parseIpv4(host);
    }
    return Optional.empty();
  }

  private void checkAddress(String where, InetAddress address) {
    if (isAllowedAddress(address)) {
      return;
    }
    Optional<String> reason = IpAddresses.blockReason(address);
    if (reason.isPresent()) {
      throw refused(
          where,
          IpAddresses.format(address)
              + " is a "
              + reason.get()
              + ", not a public internet address (allow it with "
              + ALLOW_HOSTS_ENV
              + " if it is meant to be reached)");
    }
  }

  private boolean isAllowedName(String host) {
    for (String allowed : allowedHosts) {
      if (allowed.startsWith("*.")
          ? host.endsWith(allowed.substring(1)) || host.equals(allowed.substring(2))
          : host.equals(allowed)) {
        return true;
      }
    }
    return false;
  }

  private boolean isAllowedAddress(InetAddress address) {
    for (Cidr range : allowedRanges) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static String stripDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private static String redact(HttpUrl url) {
    return url.newBuilder().username("").password("").build().toString();
  }

  private static UrlRefusedException refused(String url, String why) {
    return new UrlRefusedException("Refused to fetch " + url + ": " + why + ".");
  }

  @Override
  public String toString() {
    return "UrlGuard{allow=" + allowList() + "}";
  }

  /** Builds a {@link UrlGuard}. Not thread-safe. */
  public static final class Builder {
    private final Collection<String> hosts = new LinkedHashSet<>();
    private final Collection<Cidr> ranges = new LinkedHashSet<>();

    private Builder() {}

    /**
     * Allows a host name ({@code wiki.corp.example}, {@code *.corp.example}), an IP address or a
     * CIDR range.
     *
     * @throws IllegalArgumentException if {@code entry} is blank or an unparsable address or range
     */
    public Builder allow(String entry) {
      Objects.requireNonNull(entry, "entry");
      String e = entry.strip().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) {
        throw new IllegalArgumentException("allow-list entry must not be blank");
      }
      if (e.startsWith("[") && e.endsWith("]")) {
        e = e.substring(1, e.length() - 1);
      }
      if (e.indexOf(':') >= 0 || e.indexOf('/') >= 0 || IpAddresses.looksLikeIpv4(e)) {
        ranges.add(Cidr.parse(e));
      } else {
        hosts.add(stripDot(e));
      }
      return this;
    }

    /** Allows each entry; see {@link #allow(String)}. */
    public Builder allowAll(Collection<String> entries) {
      entries.forEach(this::allow);
      return this;
    }

    /** Builds the guard. */
    public UrlGuard build() {
      return new UrlGuard(this);
    }
  }
}
