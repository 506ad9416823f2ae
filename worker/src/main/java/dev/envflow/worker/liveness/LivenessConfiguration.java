package dev.envflow.worker.liveness;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link LivenessHeartbeatInterceptor} as a bean: the Temporal starter installs every worker interceptor bean. */
@Configuration(proxyBeanMethods = false)
public class LivenessConfiguration {

  @Bean(destroyMethod = "close")
  LivenessHeartbeatInterceptor livenessHeartbeats() {
    return new LivenessHeartbeatInterceptor();
  }
}
