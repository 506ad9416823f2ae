package dev.envflow.activities.redis;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;

/**
 * How envflow opens TLS connections to a Redis ({@code rediss://}): the JVM's trusted certificates and a
 * check that the certificate names the host, unless a test or an operator supplies its own trust.
 */
public final class RedisTls {

  private static final RedisTls SYSTEM = new RedisTls(null);

  private final SSLContext context;

  private RedisTls(SSLContext context) {
    this.context = context;
  }

  /** The JVM's default trust store. */
  public static RedisTls systemDefault() {
    return SYSTEM;
  }

  /** Trusts what {@code context} trusts (e.g. a test's self-signed certificate); the host name is still checked. */
  public static RedisTls trusting(SSLContext context) {
    return new RedisTls(context);
  }

  SSLSocketFactory socketFactory() {
    return context == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : context.getSocketFactory();
  }

  /** Parameters that make the TLS handshake verify the server's host name, as HTTPS does. */
  SSLParameters parameters() {
    SSLParameters parameters = new SSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return parameters;
  }
}
