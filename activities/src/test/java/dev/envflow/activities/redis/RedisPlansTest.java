package dev.envflow.activities.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisPlansTest {

  @Test
  void pricesThePlansOfTheSeedsCostTableAndNothingElse() {
    assertThat(RedisPlans.monthlyUsd("upstash", "free")).hasValue(0);
    assertThat(RedisPlans.monthlyUsd("upstash", "payg")).hasValue(10);
    assertThat(RedisPlans.monthlyUsd("fly-upstash", "payg")).hasValue(10);
    assertThat(RedisPlans.monthlyUsd("redis-cloud", "ha-256mb")).hasValue(20);
    assertThat(RedisPlans.monthlyUsd("redis-cloud", "HA-1GB")).hasValue(40);
    assertThat(RedisPlans.monthlyUsd("redis-cloud", "free")).hasValue(0);
    assertThat(RedisPlans.monthlyUsd("local", "free")).hasValue(0);
    assertThat(RedisPlans.monthlyUsd("upstash", "fixed_10gb")).isEmpty();
    assertThat(RedisPlans.monthlyUsd("nowhere", "free")).isEmpty();
  }
}
