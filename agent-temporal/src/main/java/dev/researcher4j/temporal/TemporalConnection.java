package dev.researcher4j.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach a Temporal service, for clients and workers alike: the address, the namespace, TLS
 * (a client certificate for mutual TLS, or an API key, as Temporal Cloud asks), and the {@link
 * PayloadStore} for large payloads. {@link #connect()} makes a {@link WorkflowClient} with the
 * {@link ResearchDataConverter} every process of a deployment must share.
 *
 * <p>Defaults: {@value #DEFAULT_TARGET}, namespace {@value #DEFAULT_NAMESPACE}, no TLS, no payload
 * store (every payload in the history). Immutable; thread-safe.
 */
public final class TemporalConnection {

  /** The default address: a server on this machine ({@code researcher temporal-dev}). */
  public static final String DEFAULT_TARGET = "localhost:7233";

  /** The default namespace. */
  public static final String DEFAULT_NAMESPACE = "default";

  private final String target;
  private final String namespace;
  private final boolean tls;
  private final Path certificate;
  private final Path key;
  private final String apiKey;
  private final PayloadStore payloads;

  private TemporalConnection(Builder b) {
    this.target = b.target;
    this.namespace = b.namespace;
    this.tls = b.tls;
    this.certificate = b.certificate;
    this.key = b.key;
    this.apiKey = b.apiKey;
    this.payloads = b.payloads;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The address. */
  public String target() {
    return target;
  }

  /** The namespace. */
  public String namespace() {
    return namespace;
  }

  /**
   * Connects and returns a client (not yet contacting the service: a service that is down shows at
   * the first call).
   *
   * @throws UncheckedIOException if the client certificate or key cannot be read
   */
  public WorkflowClient connect() {
    WorkflowServiceStubsOptions.Builder service =
        WorkflowServiceStubsOptions.newBuilder().setTarget(target);
    if (certificate != null) {
      try (InputStream cert = Files.newInputStream(certificate);
          InputStream privateKey = Files.newInputStream(key)) {
        service.setSslContext(SimpleSslContextBuilder.forPKCS8(cert, privateKey).build());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the client certificate " + certificate + " or key " + key, e);
      }
    } else if (tls || apiKey != null) {
      service.setEnableHttps(true);
    }
    if (apiKey != null) {
      String secret = apiKey;
      service.addApiKey(() -> secret);
    }
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(service.build());
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(namespace)
            .setDataConverter(
                payloads == null
                    ? ResearchDataConverter.create()
                    : ResearchDataConverter.create(payloads))
            .build());
  }

  @Override
  public String toString() {
    return target
        + " (namespace "
        + namespace
        + (tls || certificate != null || apiKey != null ? ", TLS)" : ")");
  }

  /** Builds a {@link TemporalConnection}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private String target = DEFAULT_TARGET;
    private String namespace = DEFAULT_NAMESPACE;
    private boolean tls;
    private Path certificate;
    private Path key;
    private String apiKey;
    private PayloadStore payloads;

    private Builder() {}

    /** The service's {@code host:port}. */
    public Builder target(String target) {
      Objects.requireNonNull(target, "target is required, but was null");
      if (!target.matches("[^\\s:]+:\\d{1,5}")) {
        throw new IllegalArgumentException("target must be HOST:PORT, but was " + target);
      }
      this.target = target;
      return this;
    }

    /** The namespace; default {@value TemporalConnection#DEFAULT_NAMESPACE}. */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace is required, but was null");
      if (namespace.isBlank()) {
        throw new IllegalArgumentException("namespace must not be blank");
      }
      this.namespace = namespace;
      return this;
    }

    /** Whether to use TLS (server authentication only); default off. */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** Mutual TLS with this client certificate and PKCS#8 key (PEM files); implies TLS. */
    public Builder clientCertificate(Path certificate, Path key) {
      this.certificate = Objects.requireNonNull(certificate, "certificate is required");
      this.key = Objects.requireNonNull(key, "key is required");
      return this;
    }

    /** An API key (Temporal Cloud); implies TLS. Never logged. */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey is required, but was null");
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      this.apiKey = apiKey;
      return this;
    }

    /** Where payloads too large for the history go; default none. */
    public Builder payloadStore(PayloadStore payloads) {
      this.payloads = Objects.requireNonNull(payloads, "payloads is required, but was null");
      return this;
    }

    /** The connection. */
    public TemporalConnection build() {
      return new TemporalConnection(this);
    }
  }
}
