package dev.envflow.activities.fakes;

import dev.envflow.activities.postgres.PostgresCredentials;
import dev.envflow.workflows.activities.PostgresActivities;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** What tests of cloud PostgreSQL providers do with what a provider hands out. */
public final class CloudPostgresChecks {

  private CloudPostgresChecks() {}

  /** Looks at the database's readiness until it is ready (at most {@code looks} times); every answer, in order. */
  public static List<Readiness> lookUntilReady(PostgresActivities activities, Resource database, int looks) {
    long since = System.currentTimeMillis();
    List<Readiness> answers = new ArrayList<>();
    for (int look = 0; look < looks; look++) {
      Readiness readiness = activities.postgresReadiness(database, since);
      answers.add(readiness);
      if (readiness.ready()) {
        return answers;
      }
    }
    throw new AssertionError("not ready after " + looks + " looks: " + answers);
  }

  /**
   * Connects with an application's {@code DATABASE_URL} as given (only the sslmode replaced: the tests' server
   * has no TLS) and counts the rows of the migrated {@code sync_sessions} table.
   */
  public static long countSyncSessions(String databaseUrl) throws SQLException {
    PostgresCredentials app = PostgresCredentials.fromUrl(databaseUrl).withSslMode("disable");
    Properties properties = new Properties();
    properties.setProperty("user", app.role());
    properties.setProperty("password", app.password());
    try (Connection connection = DriverManager.getConnection(app.jdbcUrl(), properties);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM sync_sessions")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
