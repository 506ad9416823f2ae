package dev.envflow.activities.postgres;

import dev.envflow.workflows.spec.PostgresSpec;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a PostgreSQL plan costs a month, in US dollars. Supabase and Neon come from the seed runbook's cost table
 * ({@code infrastructure-setup.md}, "Cost Summary": Supabase free / ~$25 pro; Neon pro $19 + compute, ~$30-50 with
 * branches). Fly Managed Postgres is not in the seed: its prices are flyctl's plan table ({@code fly mpg create},
 * basic $38, launch $282, scale $962). On Supabase and Neon the plan belongs to the account, not the project, so
 * envflow only prices it; Fly takes it in the create request.
 */
public final class PostgresPlans {

  /** The seed's lower estimate for a Neon project with branches. */
  static final int NEON_WITH_BRANCHES_USD = 30;

  private static final Map<String, Map<String, Integer>> MONTHLY_USD = Map.of(
      "supabase", Map.of("free", 0, "pro", 25),
      "neon", Map.of("free", 0, "pro", 19),
      "fly-postgres", Map.of("basic", 38, "launch", 282, "scale", 962));

  private PostgresPlans() {}

  /** The monthly price of {@code plan} at {@code provider}; {@code local} is free; empty for a plan not in the table. */
  public static OptionalInt monthlyUsd(String provider, String plan) {
    if (LocalPostgresProvider.PROVIDER.equals(provider)) {
      return OptionalInt.of(0);
    }
    Integer price = MONTHLY_USD.getOrDefault(provider, Map.of()).get(plan);
    return price == null ? OptionalInt.empty() : OptionalInt.of(price);
  }

  /** The monthly price of a spec's database: a paid Neon plan with a branch costs the seed's "with branches" figure. */
  public static OptionalInt monthlyUsd(PostgresSpec postgres) {
    OptionalInt price = monthlyUsd(postgres.provider(), postgres.plan());
    boolean paidNeonBranch = "neon".equals(postgres.provider()) && postgres.branch() != null
        && price.isPresent() && price.getAsInt() > 0;
    return paidNeonBranch ? OptionalInt.of(Math.max(price.getAsInt(), NEON_WITH_BRANCHES_USD)) : price;
  }
}
