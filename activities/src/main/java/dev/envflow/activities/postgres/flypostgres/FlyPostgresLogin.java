package dev.envflow.activities.postgres.flypostgres;

/**
 * The user and database every Managed Postgres cluster comes with; flyctl connects as them
 * ({@code fly mpg create} prints a URI for {@code fly-user} on {@code fly-db}). {@code {id}} stands for the
 * cluster's id, so a test server can give each fake cluster its own role and database.
 */
public record FlyPostgresLogin(String user, String database) {

  public static final FlyPostgresLogin FLY = new FlyPostgresLogin("fly-user", "fly-db");

  public String userFor(String id) {
    return user.replace("{id}", id);
  }

  public String databaseFor(String id) {
    return database.replace("{id}", id);
  }
}
