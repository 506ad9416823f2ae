package dev.envflow.worker.config;

import dev.envflow.activities.cloud.ProviderVariables;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With {@code TEMPORAL_ADDRESS} set: the API key or mTLS of a Temporal Cloud (or any TLS) cluster. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.temporal.connection.target:in-process}' != 'in-process'")
public class TemporalClusterConfiguration {

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> temporalCloudSecurity(ProviderVariables variables) {
    return builder -> TemporalConnection.secure(builder, variables);
  }
}
