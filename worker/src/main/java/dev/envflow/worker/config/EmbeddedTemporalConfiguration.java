package dev.envflow.worker.config;

import dev.envflow.worker.embedded.LoopbackGrpcForwarder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testserver.TestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code TEMPORAL_ADDRESS}, the target is {@code in-process}: an embedded Temporal server (the Java
 * test server, in real time) runs inside this process and the worker and client talk to it over an
 * in-process channel, so nothing listens on the network — unless {@code ENVFLOW_EMBEDDED_TEMPORAL_PORT} is set:
 * then the same server also answers on {@code 127.0.0.1} at that port (never another interface), for the
 * {@code temporal} CLI and SDK clients on this machine.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.temporal.connection.target", havingValue = EmbeddedTemporalConfiguration.IN_PROCESS)
public class EmbeddedTemporalConfiguration {

  public static final String IN_PROCESS = "in-process";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalConfiguration.class);

  @Bean(destroyMethod = "close")
  TestServer.InProcessTestServer embeddedTemporalServer() {
    log.warn("No TEMPORAL_ADDRESS: running an embedded, in-process Temporal server. It keeps workflows in memory: "
        + "a restart loses running workflows (the inventory keeps what was created, so teardown still works). "
        + "Production runs against a real Temporal cluster.");
    return TestServer.createServer(true);
  }

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> inProcessChannel(TestServer.InProcessTestServer server) {
    return builder -> builder.setTarget(null).setChannel(server.getChannel());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("${envflow.embedded.temporal-port:0} > 0")
  LoopbackGrpcForwarder embeddedTemporalPort(TestServer.InProcessTestServer server, EnvflowProperties properties) {
    LoopbackGrpcForwarder port = LoopbackGrpcForwarder.start(properties.embedded().temporalPort(), server.getChannel());
    log.info("The embedded Temporal server also listens on {}:{} (loopback only, no authentication; payloads are "
        + "encrypted): temporal workflow list --address {}:{}", port.address().getHostString(), port.address().getPort(),
        port.address().getHostString(), port.address().getPort());
    return port;
  }
}
