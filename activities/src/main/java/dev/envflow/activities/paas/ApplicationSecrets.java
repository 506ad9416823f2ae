package dev.envflow.activities.paas;

import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets an application gets, by key: {@code REDIS_URL} and {@code DATABASE_URL} from the connection URLs the
 * worker stored for the provisioned resources, then each extra key of {@code paas.secrets} from the worker variable
 * of the same name. The values are credentials: callers must never log them or put them in a message.
 */
public final class ApplicationSecrets {

  public static final String REDIS_URL = "REDIS_URL";
  public static final String DATABASE_URL = "DATABASE_URL";

  private ApplicationSecrets() {}

  /** Keys in the order they are listed: provisioned ones first, then {@code paas.secrets}. */
  public static Map<String, String> of(EnvironmentSpec spec, List<Resource> sources, SecretStore store,
      ProviderVariables variables) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Resource source : sources) {
      String key = keyFor(source);
      String value = store.applicationUrl(source.kind(), source.name())
          .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
              "no stored credentials for " + source.kind() + " " + source.name() + ", so " + key + " cannot be set",
              FailureType.BAD_CREDENTIALS.name()));
      values.put(key, value);
    }
    for (String key : spec.paas().secrets()) {
      String value = variables.get(key).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
          "paas.secrets lists " + key + " but the worker has no variable " + key + " (environment or Spring config)"
              + " to take its value from", FailureType.BAD_CREDENTIALS.name()));
      values.put(key, value);
    }
    return values;
  }

  private static String keyFor(Resource source) {
    return switch (source.resourceKind()) {
      case REDIS_USER -> REDIS_URL;
      case POSTGRES_DATABASE -> DATABASE_URL;
      default -> throw ApplicationFailure.newNonRetryableFailure(
          source.kind() + " " + source.name() + " has no connection URL to give the application",
          FailureType.INVALID_SPEC.name());
    };
  }
}
