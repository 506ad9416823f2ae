package dev.envflow.activities.paas.fly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.workflows.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The calls envflow makes to Fly's Machines API ({@code provider-apis.md} 5.1 and 5.2). Failures keep Fly's
 * {@code error} text: 401, 403 and 422 fail at once; 408, 429 and 5xx are tried again here a few times with
 * backoff (after {@code Retry-After} when Fly sends one) and then left to the activity's retries. Creating a
 * machine is never repeated here, since a lost answer could mean it was created.
 */
final class FlyMachinesApi {

  static final String PROVIDER = "fly";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LONGEST_PAUSE_HERE = Duration.ofSeconds(10);

  private final ProviderHttpClient http;
  private final int tries;
  private final Duration firstBackoff;
  private final Pause pause;

  FlyMachinesApi(ProviderHttpClient http, int tries, Duration firstBackoff, Pause pause) {
    this.http = http;
    this.tries = tries;
    this.firstBackoff = firstBackoff;
    this.pause = pause;
  }

  Optional<JsonNode> findApp(String app) {
    ProviderCall call = call("get app", app);
    return retrying(() -> http.find(call, "/v1/apps/" + app));
  }

  /**
   * Creates the app in {@code org}. Fly answers 422 for a taken name; when the app is then found, an earlier
   * try of this same create made it (its answer was lost), so that counts as created.
   */
  void createApp(String app, String org) {
    ProviderCall call = call("create app", app);
    ObjectNode body = JSON.createObjectNode().put("app_name", app).put("org_slug", org);
    try {
      retrying(() -> http.post(call, "/v1/apps", body));
    } catch (ApplicationFailure failure) {
      if (FailureType.REQUEST_REJECTED.name().equals(failure.getType()) && findApp(app).isPresent()) {
        return;
      }
      throw failure;
    }
  }

  /** Deletes the app with its machines and secrets; false when it was already gone. */
  boolean deleteApp(String app) {
    ProviderCall call = call("delete app", app);
    return retrying(() -> http.delete(call, "/v1/apps/" + app + "?force=true"));
  }

  /** The names of the app's secrets (Fly never returns their values to a deploy token). */
  Set<String> secretNames(String app) {
    ProviderCall call = call("list secrets of", app);
    JsonNode listed = retrying(() -> http.get(call, "/v1/apps/" + app + "/secrets"));
    Set<String> names = new LinkedHashSet<>();
    listed.path("secrets").forEach(secret -> names.add(secret.path("name").asText()));
    return names;
  }

  /**
   * Sets and unsets secrets in one call ({@code null} unsets a key); returns the app's new secrets version, or
   * null when Fly does not say.
   */
  Long setSecrets(String app, Map<String, String> values) {
    ProviderCall call = call("set secrets " + String.join(", ", values.keySet()) + " of", app);
    ObjectNode body = JSON.createObjectNode();
    ObjectNode entries = body.putObject("values");
    values.forEach((key, value) -> {
      if (value == null) {
        entries.putNull(key);
      } else {
        entries.put(key, value);
      }
    });
    JsonNode answer = retrying(() -> http.post(call, "/v1/apps/" + app + "/secrets", body));
    JsonNode version = answer.path("version");
    return version.canConvertToLong() ? version.asLong() : null;
  }

  /** The app's machines that are not being destroyed, in Fly's order. */
  List<FlyMachine> machines(String app) {
    ProviderCall call = call("list machines of", app);
    JsonNode listed = retrying(() -> http.get(call, "/v1/apps/" + app + "/machines"));
    List<FlyMachine> machines = new ArrayList<>();
    listed.forEach(json -> {
      FlyMachine machine = FlyMachine.from(json);
      if (!machine.gone()) {
        machines.add(machine);
      }
    });
    return machines;
  }

  Optional<FlyMachine> machine(String app, String id) {
    ProviderCall call = call("get machine " + id + " of", app);
    return retrying(() -> http.find(call, "/v1/apps/" + app + "/machines/" + id)).map(FlyMachine::from);
  }

  FlyMachine createMachine(String app, String name, ObjectNode config, Long minSecretsVersion) {
    ProviderCall call = call("create machine " + name + " in", app);
    ObjectNode body = JSON.createObjectNode().put("name", name);
    body.set("config", config);
    if (minSecretsVersion != null) {
      body.put("min_secrets_version", minSecretsVersion);
    }
    return FlyMachine.from(http.post(call, "/v1/apps/" + app + "/machines", body));
  }

  /** Replaces the machine's whole configuration; the answer carries the new {@code instance_id}. */
  FlyMachine updateMachine(String app, String id, ObjectNode config, Long minSecretsVersion) {
    ProviderCall call = call("update machine " + id + " of", app);
    ObjectNode body = JSON.createObjectNode();
    body.set("config", config);
    if (minSecretsVersion != null) {
      body.put("min_secrets_version", minSecretsVersion);
    }
    return retrying(() -> FlyMachine.from(http.post(call, "/v1/apps/" + app + "/machines/" + id, body)));
  }

  /**
   * One call to {@code /wait}: true when the machine's instance reached {@code state} within {@code timeout};
   * false when Fly timed out (408) or answered with a passing failure, so the caller looks again.
   */
  boolean waitFor(String app, String id, String instanceId, String state, Duration timeout) {
    ProviderCall call = call("wait for machine " + id + " to be " + state + " in", app);
    String path = "/v1/apps/" + app + "/machines/" + id + "/wait?state=" + state
        + "&timeout=" + Math.max(1, timeout.toSeconds()) + (instanceId == null ? "" : "&instance_id=" + instanceId);
    try {
      return http.find(call, path).isPresent();
    } catch (ApplicationFailure failure) {
      if (ProviderFailures.TRANSIENT.equals(failure.getType())) {
        return false;
      }
      throw failure;
    }
  }

  /** Destroys the machine, stopping it first; false when it was already gone. */
  boolean destroyMachine(String app, String id) {
    ProviderCall call = call("destroy machine " + id + " of", app);
    return retrying(() -> http.delete(call, "/v1/apps/" + app + "/machines/" + id + "?force=true"));
  }

  private static ProviderCall call(String operation, String app) {
    return ProviderCall.of(PROVIDER, operation, app);
  }

  private <T> T retrying(Supplier<T> request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (ApplicationFailure failure) {
        if (!ProviderFailures.TRANSIENT.equals(failure.getType()) || attempt >= tries) {
          throw failure;
        }
        Duration delay = failure.getNextRetryDelay() != null
            ? failure.getNextRetryDelay() : firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 5));
        if (delay.compareTo(LONGEST_PAUSE_HERE) > 0) {
          throw failure;
        }
        pause.sleep(delay);
      }
    }
  }
}
