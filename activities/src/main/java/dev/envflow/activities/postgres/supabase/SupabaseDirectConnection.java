package dev.envflow.activities.postgres.supabase;

/**
 * The fixed parts of a Supabase project's direct connection: its host comes from the API
 * ({@code database.host}), the rest is the same for every project. {@code {ref}} in the user or database stands
 * for the project's ref, so a test server can give each fake project its own role and database.
 */
public record SupabaseDirectConnection(int port, String user, String database) {

  /** Supabase's: port 5432, user {@code postgres}, database {@code postgres}. */
  public static final SupabaseDirectConnection SUPABASE = new SupabaseDirectConnection(5432, "postgres", "postgres");

  public String userFor(String ref) {
    return user.replace("{ref}", ref);
  }

  public String databaseFor(String ref) {
    return database.replace("{ref}", ref);
  }
}
