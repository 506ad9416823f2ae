package dev.envflow.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The envflow service: Temporal worker, REST API and actuator in one process. Flyway's auto-configuration
 * is off because envflow migrates its inventory itself (see {@code Inventory#migrate}).
 */
@SpringBootApplication(exclude = FlywayAutoConfiguration.class)
@ConfigurationPropertiesScan
public class EnvflowApplication {}
