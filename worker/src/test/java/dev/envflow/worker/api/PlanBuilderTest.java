package dev.envflow.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.SpecParser;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void pricesEachResourceFromItsProvidersPlanAsTheSeedsCostTableDoes() throws Exception {
    PlanCheck plan = plan("""
        {"app": "synckairos", "environment": "production", "tier": "production", "requestedBy": "dev@example.com",
         "redis": {"provider": "upstash", "plan": "payg"}, "postgres": {"provider": "supabase", "plan": "pro"},
         "monitoring": {"provider": "datadog"}, "approval": {"approvers": ["ana@example.com"]}}""");

    assertThat(plan.value().monthlyCostUsd()).isEqualTo(10 + 25 + 75);
    assertThat(plan.value().unpriced()).isEmpty();
    assertThat(plan.value().resources()).filteredOn(r -> r.kind().equals("POSTGRES_DATABASE")).singleElement()
        .satisfies(r -> assertThat(r.monthlyCostUsd()).isEqualTo(25));
  }

  @Test
  void aPlanTheTableDoesNotPriceIsNamedNotCountedAsFree() throws Exception {
    PlanCheck plan = plan("""
        {"app": "synckairos", "environment": "staging", "redis": {"provider": "redis-cloud", "plan": "pro-5gb"},
         "postgres": {"provider": "neon", "plan": "pro"}}""");

    assertThat(plan.value().monthlyCostUsd()).isEqualTo(19);
    assertThat(plan.value().unpriced()).containsExactly("redis-cloud plan pro-5gb");
    assertThat(plan.value().resources()).filteredOn(r -> r.kind().equals("REDIS_USER")).singleElement()
        .satisfies(r -> assertThat(r.monthlyCostUsd()).isNull());
  }

  @Test
  void localProvidersCostNothing() throws Exception {
    assertThat(plan("{\"app\": \"a\", \"environment\": \"b\"}").value().monthlyCostUsd()).isZero();
  }

  private record PlanCheck(EnvironmentPlan value) {}

  private static PlanCheck plan(String json) throws Exception {
    var parsed = SpecParser.parse(JSON.readTree(json));
    assertThat(parsed.errors()).isEmpty();
    EnvironmentSpec spec = parsed.spec();
    return new PlanCheck(PlanBuilder.plan(spec));
  }
}
