package dev.envflow.worker.config;

import dev.envflow.activities.cloud.ProviderVariables;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * How envflow reaches a real Temporal cluster (DESIGN.md): {@code TEMPORAL_ADDRESS} and
 * {@code TEMPORAL_NAMESPACE} (Spring config), plus for Temporal Cloud either {@code TEMPORAL_API_KEY} or mTLS
 * with {@code TEMPORAL_TLS_CERT} + {@code TEMPORAL_TLS_KEY} (PEM files; the key in PKCS#8) and optionally
 * {@code TEMPORAL_TLS_CA} (PEM, for a private CA). Problems are named before anything connects.
 */
final class TemporalConnection {

  static final String API_KEY = "TEMPORAL_API_KEY";
  static final String TLS_CERT = "TEMPORAL_TLS_CERT";
  static final String TLS_KEY = "TEMPORAL_TLS_KEY";
  static final String TLS_CA = "TEMPORAL_TLS_CA";

  private TemporalConnection() {}

  /** Applies the API key or mTLS settings to {@code builder}; fails naming every problem. */
  static WorkflowServiceStubsOptions.Builder secure(WorkflowServiceStubsOptions.Builder builder, ProviderVariables variables) {
    List<String> problems = problems(variables);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the Temporal connection settings have problems: " + String.join("; ", problems));
    }
    variables.get(API_KEY).ifPresent(key -> builder.addApiKey(() -> key).setEnableHttps(true));
    if (variables.get(TLS_CERT).isPresent()) {
      builder.setSslContext(sslContext(variables));
    }
    return builder;
  }

  static List<String> problems(ProviderVariables variables) {
    List<String> problems = new ArrayList<>();
    boolean cert = variables.get(TLS_CERT).isPresent();
    boolean key = variables.get(TLS_KEY).isPresent();
    if (cert != key) {
      problems.add(TLS_CERT + " and " + TLS_KEY + " go together; only " + (cert ? TLS_CERT : TLS_KEY) + " is set");
    }
    if (cert && variables.get(API_KEY).isPresent()) {
      problems.add("set either " + API_KEY + " or " + TLS_CERT + " + " + TLS_KEY + ", not both");
    }
    for (String file : List.of(TLS_CERT, TLS_KEY, TLS_CA)) {
      variables.get(file).filter(path -> !Files.isReadable(Path.of(path)))
          .ifPresent(path -> problems.add(file + ": cannot read " + path));
    }
    if (!cert && variables.get(TLS_CA).isPresent()) {
      problems.add(TLS_CA + " is only used with " + TLS_CERT + " + " + TLS_KEY);
    }
    return problems;
  }

  private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(ProviderVariables variables) {
    try (InputStream cert = Files.newInputStream(Path.of(variables.required(TLS_CERT)));
        InputStream key = Files.newInputStream(Path.of(variables.required(TLS_KEY)))) {
      SimpleSslContextBuilder ssl = SimpleSslContextBuilder.forPKCS8(cert, key);
      if (variables.get(TLS_CA).isPresent()) {
        ssl.setTrustManager(trustManager(Path.of(variables.required(TLS_CA))));
      }
      return ssl.build();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot use the Temporal TLS files (" + TLS_CERT + ", " + TLS_KEY
          + (variables.get(TLS_CA).isPresent() ? ", " + TLS_CA : "") + "): " + e.getMessage(), e);
    }
  }

  private static TrustManager trustManager(Path caFile) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream pem = Files.newInputStream(caFile)) {
      int i = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers()[0];
  }
}
