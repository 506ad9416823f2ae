package dev.envflow.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.workflows.spec.PostgresSpec;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PostgresPlansTest {

  @Test
  void pricesThePlansOfTheSeedsCostTable() {
    assertThat(PostgresPlans.monthlyUsd("supabase", "free")).hasValue(0);
    assertThat(PostgresPlans.monthlyUsd("supabase", "pro")).hasValue(25);
    assertThat(PostgresPlans.monthlyUsd("neon", "free")).hasValue(0);
    assertThat(PostgresPlans.monthlyUsd("neon", "pro")).hasValue(19);
  }

  @Test
  void pricesFlyManagedPostgresFromFlyctlsPlanTable() {
    assertThat(PostgresPlans.monthlyUsd("fly-postgres", "basic")).hasValue(38);
    assertThat(PostgresPlans.monthlyUsd("fly-postgres", "launch")).hasValue(282);
    assertThat(PostgresPlans.monthlyUsd("fly-postgres", "scale")).hasValue(962);
  }

  @Test
  void theLocalProviderIsFreeAndAnUnknownPlanHasNoPrice() {
    assertThat(PostgresPlans.monthlyUsd("local", "anything")).hasValue(0);
    assertThat(PostgresPlans.monthlyUsd("supabase", "enterprise")).isEqualTo(OptionalInt.empty());
    assertThat(PostgresPlans.monthlyUsd("fly-postgres", "free")).isEqualTo(OptionalInt.empty());
  }

  @Test
  void aPaidNeonProjectWithABranchCostsTheSeedsWithBranchesFigure() {
    assertThat(PostgresPlans.monthlyUsd(new PostgresSpec("neon", "pro", 15, "transaction", "classpath:m", "staging")))
        .hasValue(30);
    assertThat(PostgresPlans.monthlyUsd(new PostgresSpec("neon", "pro", 15, "transaction", "classpath:m")))
        .hasValue(19);
    assertThat(PostgresPlans.monthlyUsd(new PostgresSpec("neon", "free", 15, "transaction", "classpath:m", "staging")))
        .hasValue(0);
  }
}
