package dev.envflow.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.envflow.activities.cloud.ProviderVariables;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalConnectionTest {

  @TempDir Path files;

  @Test
  void anApiKeyTurnsOnTlsAndIsSentWithEveryCall() {
    WorkflowServiceStubsOptions options = TemporalConnection.secure(WorkflowServiceStubsOptions.newBuilder()
        .setTarget("my-ns.a1b2c.tmprl.cloud:7233"), variables(Map.of("TEMPORAL_API_KEY", "key-1"))).build();

    assertThat(options.getEnableHttps()).isTrue();
    assertThat(options.getGrpcMetadataProviders()).hasSize(1);
  }

  @Test
  void everyProblemIsNamedBeforeConnecting() {
    Throwable thrown = catchThrowable(() -> TemporalConnection.secure(WorkflowServiceStubsOptions.newBuilder(),
        variables(Map.of("TEMPORAL_TLS_CERT", "/nowhere/client.pem", "TEMPORAL_API_KEY", "k", "TEMPORAL_TLS_CA", "/nowhere/ca.pem"))));

    assertThat(thrown).hasMessageContaining("TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together; only TEMPORAL_TLS_CERT is set")
        .hasMessageContaining("set either TEMPORAL_API_KEY or TEMPORAL_TLS_CERT + TEMPORAL_TLS_KEY, not both")
        .hasMessageContaining("TEMPORAL_TLS_CERT: cannot read /nowhere/client.pem")
        .hasMessageContaining("TEMPORAL_TLS_CA: cannot read /nowhere/ca.pem")
        .hasMessageNotContaining("k;");
  }

  @Test
  void mutualTlsUsesTheCertificateKeyAndPrivateCa() throws Exception {
    Path cert = files.resolve("client.pem");
    Path key = files.resolve("client.key");
    Process openssl;
    try {
      openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
          "-subj", "/CN=envflow-test", "-keyout", key.toString(), "-out", cert.toString())
          .redirectErrorStream(true).start();
    } catch (java.io.IOException noOpenssl) {
      assumeTrue(false, "openssl is not installed; the mTLS test needs it to make a certificate");
      return;
    }
    openssl.getInputStream().readAllBytes();
    assertThat(openssl.waitFor()).isZero();

    WorkflowServiceStubsOptions options = TemporalConnection.secure(WorkflowServiceStubsOptions.newBuilder(), variables(Map.of(
        "TEMPORAL_TLS_CERT", cert.toString(), "TEMPORAL_TLS_KEY", key.toString(), "TEMPORAL_TLS_CA", cert.toString()))).build();

    assertThat(options.getSslContext()).isNotNull();
    assertThat(options.getSslContext().isClient()).isTrue();
    assertThat(Files.readString(key)).contains("PRIVATE KEY");
  }

  private static ProviderVariables variables(Map<String, String> values) {
    return new ProviderVariables(values::get);
  }
}
