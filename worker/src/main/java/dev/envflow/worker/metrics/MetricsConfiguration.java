package dev.envflow.worker.metrics;

import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.inventory.Inventory;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactoryOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires envflow's metrics: the activity interceptor on every worker and the provider-call listener. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

  @Bean
  EnvflowMetrics envflowMetrics(MeterRegistry registry, Inventory inventory) {
    EnvflowMetrics metrics = new EnvflowMetrics(registry, inventory);
    ProviderHttpClient.listenWith(metrics::providerRequest);
    return metrics;
  }

  @Bean
  TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> activityMetrics(EnvflowMetrics metrics) {
    WorkerInterceptor interceptor = new ActivityMetricsInterceptor(metrics);
    return builder -> {
      WorkerInterceptor[] existing = builder.build().getWorkerInterceptors();
      WorkerInterceptor[] all = existing == null ? new WorkerInterceptor[1]
          : java.util.Arrays.copyOf(existing, existing.length + 1);
      all[all.length - 1] = interceptor;
      return builder.setWorkerInterceptors(all);
    };
  }
}
