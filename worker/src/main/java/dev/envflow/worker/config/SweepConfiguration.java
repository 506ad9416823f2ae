package dev.envflow.worker.config;

import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.monitoring.MonitoringActivitiesImpl;
import dev.envflow.activities.paas.PaasActivitiesImpl;
import dev.envflow.activities.postgres.PostgresActivitiesImpl;
import dev.envflow.activities.redis.RedisActivitiesImpl;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.activities.sweep.Sweeper;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The orphan sweep of the API: every provider this worker serves, compared with the inventory. */
@Configuration(proxyBeanMethods = false)
public class SweepConfiguration {

  @Bean
  Sweeper sweeper(Inventory inventory, PostgresActivitiesImpl postgres, RedisActivitiesImpl redis,
      MonitoringActivitiesImpl monitoring, PaasActivitiesImpl paas) {
    List<OrphanFinder> finders = new ArrayList<>();
    finders.addAll(postgres.orphanFinders());
    finders.addAll(redis.orphanFinders());
    finders.addAll(monitoring.orphanFinders());
    finders.addAll(paas.orphanFinders());
    return new Sweeper(inventory, finders);
  }
}
