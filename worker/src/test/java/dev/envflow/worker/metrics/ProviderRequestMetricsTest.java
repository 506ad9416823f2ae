package dev.envflow.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.mock;

import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.inventory.Inventory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderRequestMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void close() throws Exception {
    ProviderHttpClient.listenWith(null);
    server.close();
  }

  @Test
  void everyProviderCallIsTimedByProviderMethodAndStatus() throws Exception {
    EnvflowMetrics metrics = new EnvflowMetrics(registry, mock(Inventory.class));
    ProviderHttpClient.listenWith(metrics::providerRequest);
    server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());
    // a look that fails transiently is asked three times within one call, each request timed
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(503).body("{\"message\":\"down\"}").build());
    }
    server.start();
    ProviderHttpClient client = new ProviderHttpClient("upstash", server.url("/").toString(), request -> request);

    client.get(ProviderCall.of("upstash", "list databases", null), "/v2/redis/databases");
    catchThrowable(() -> client.get(ProviderCall.of("upstash", "list databases", null), "/v2/redis/databases"));

    assertThat(registry.get("envflow.provider.requests").tags("provider", "upstash", "method", "GET", "status", "200")
        .timer().count()).isEqualTo(1);
    assertThat(registry.get("envflow.provider.requests").tags("provider", "upstash", "status", "503")
        .timer().count()).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }
}
