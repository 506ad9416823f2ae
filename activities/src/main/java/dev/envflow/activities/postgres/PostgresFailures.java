package dev.envflow.activities.postgres;

import dev.envflow.workflows.model.FailureType;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;

/** Turns PostgreSQL errors into envflow's failure classes: credentials and conflicts stop, outages retry. */
final class PostgresFailures {

  private PostgresFailures() {}

  static ApplicationFailure nonRetryable(FailureType type, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, type.name());
  }

  static boolean isAuthenticationFailure(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("28");
  }

  /**
   * A connection lost or refused for now: class 08 (connection exception), 57P (shutdown, crash recovery), and 53
   * (insufficient resources — out of connection slots, memory or disk): a busy server, not a wrong environment.
   */
  static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"));
  }

  /**
   * An error met while using an environment's own credentials: refused login is BAD_CREDENTIALS, a lost
   * connection or a busy server is retried, anything else is {@code otherwise}.
   */
  static RuntimeException classify(SQLException e, String what, FailureType otherwise) {
    if (isAuthenticationFailure(e)) {
      return nonRetryable(FailureType.BAD_CREDENTIALS,
          "PostgreSQL refused the stored credentials for " + what + " (" + e.getSQLState() + ")");
    }
    if (isConnectionFailure(e)) {
      return Activity.wrap(e);
    }
    return nonRetryable(otherwise, what + ": " + e.getMessage());
  }

  /** Finds the first {@link SQLException} in a chain of causes, or null. */
  static SQLException sqlCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
