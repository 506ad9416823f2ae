package dev.envflow.activities.monitoring.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.monitoring.JsonSubset;
import dev.envflow.activities.monitoring.SeedMonitoring;

/**
 * Envflow's route in Grafana's notification-policy tree, which is one document for the whole organisation: envflow
 * adds or replaces only its environment's route ({@code env = {name}} → contact point {@code {name}}) and leaves
 * every other route as it found it. The route comes first among the top-level routes, with {@code continue: true},
 * so the environment's alerts also still reach whatever other teams' routes would send them to.
 */
final class GrafanaPolicyTree {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GrafanaPolicyTree() {}

  static ObjectNode route(String environmentName) {
    ObjectNode route = JSON.createObjectNode();
    route.put("receiver", environmentName);
    route.putArray("object_matchers").addArray()
        .add(SeedMonitoring.ENVIRONMENT_LABEL).add("=").add(environmentName);
    route.putArray("group_by").add("grafana_folder").add("alertname");
    route.put("group_wait", "30s");
    route.put("group_interval", "5m");
    route.put("repeat_interval", "4h");
    route.put("continue", true);
    return route;
  }

  /** True when {@code route} is envflow's route of this environment. */
  static boolean isOurs(JsonNode route, String environmentName) {
    JsonNode matchers = route.path("object_matchers");
    return environmentName.equals(route.path("receiver").asText())
        && matchers.isArray() && matchers.size() == 1
        && matchers.get(0).equals(route(environmentName).get("object_matchers").get(0));
  }

  /** The tree with our route added or brought up to date; the same instance when it already is. */
  static JsonNode withRoute(JsonNode tree, String environmentName) {
    ObjectNode route = route(environmentName);
    ArrayNode routes = tree.path("routes").isArray() ? (ArrayNode) tree.get("routes") : null;
    if (routes != null) {
      for (int i = 0; i < routes.size(); i++) {
        if (isOurs(routes.get(i), environmentName)) {
          if (JsonSubset.contains(routes.get(i), route)) {
            return tree;
          }
          ObjectNode changed = tree.deepCopy();
          ((ArrayNode) changed.get("routes")).set(i, route);
          return changed;
        }
      }
    }
    ObjectNode changed = tree.deepCopy();
    ArrayNode changedRoutes = changed.path("routes").isArray() ? (ArrayNode) changed.get("routes") : changed.putArray("routes");
    changedRoutes.insert(0, route);
    return changed;
  }

  /** The tree without our route; the same instance when it has none. */
  static JsonNode withoutRoute(JsonNode tree, String environmentName) {
    JsonNode routes = tree.path("routes");
    boolean present = false;
    for (JsonNode route : routes) {
      present |= isOurs(route, environmentName);
    }
    if (!present) {
      return tree;
    }
    ObjectNode changed = tree.deepCopy();
    ArrayNode kept = JSON.createArrayNode();
    for (JsonNode route : routes) {
      if (!isOurs(route, environmentName)) {
        kept.add(route);
      }
    }
    changed.set("routes", kept);
    return changed;
  }
}
