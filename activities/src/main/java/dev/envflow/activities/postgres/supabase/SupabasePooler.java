package dev.envflow.activities.postgres.supabase;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * One entry of a project's Supavisor configuration ({@code SupavisorConfigResponse}). Its
 * {@code connection_string} carries the placeholder {@code [YOUR-PASSWORD]} instead of the password.
 */
record SupabasePooler(String databaseType, String poolMode, String connectionString) {

  static final String PASSWORD_PLACEHOLDER = "[YOUR-PASSWORD]";
  static final String PRIMARY = "PRIMARY";
  static final String TRANSACTION = "transaction";

  static List<SupabasePooler> listFrom(JsonNode json) {
    return StreamSupport.stream(json.spliterator(), false)
        .map(entry -> new SupabasePooler(entry.path("database_type").asText(), entry.path("pool_mode").asText(),
            entry.path("connection_string").asText(entry.path("connectionString").asText())))
        .toList();
  }

  /** The primary database's entry, as the Supabase CLI picks it ({@code GetPoolerConfigPrimary}). */
  static Optional<SupabasePooler> primary(List<SupabasePooler> poolers) {
    return poolers.stream().filter(pooler -> PRIMARY.equals(pooler.databaseType())).findFirst();
  }

  boolean transactionMode() {
    return TRANSACTION.equals(poolMode);
  }
}
