package dev.envflow.workflows.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * Where the application runs.
 *
 * <ul>
 *   <li>{@code local}: the secrets go to a 0600 dotenv file and {@code deployCommand} (optional) is run with them
 *       in its environment.
 *   <li>{@code fly}: the Fly app {@code app} (created when absent) gets the secrets and runs {@code image}.
 * </ul>
 *
 * {@code secrets} lists extra secret keys to give the application besides {@code REDIS_URL} and
 * {@code DATABASE_URL}; each one's value is the worker's variable of the same name (environment or Spring config),
 * so that no secret value is ever written in a spec.
 */
public record PaasSpec(String provider, String app, String image, String deployCommand, List<String> secrets) {

  @JsonCreator
  public PaasSpec {
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
  }

  /** A PaaS spec without extra secret keys. */
  public PaasSpec(String provider, String app, String image, String deployCommand) {
    this(provider, app, image, deployCommand, List.of());
  }
}
