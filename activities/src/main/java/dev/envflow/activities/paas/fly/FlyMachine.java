package dev.envflow.activities.paas.fly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Fly Machine as the Machines API describes it: {@code config} is its full configuration, which an update sends
 * back whole with only {@code image} changed.
 */
record FlyMachine(String id, String name, String state, String instanceId, ObjectNode config) {

  static FlyMachine from(JsonNode json) {
    JsonNode config = json.path("config");
    return new FlyMachine(json.path("id").asText(), json.path("name").asText(null), json.path("state").asText(""),
        json.path("instance_id").asText(null),
        config.isObject() ? (ObjectNode) config.deepCopy() : JsonNodeFactory.instance.objectNode());
  }

  String image() {
    return config.path("image").asText(null);
  }

  /** The same configuration running {@code image}. */
  ObjectNode configWithImage(String image) {
    ObjectNode copy = config.deepCopy();
    copy.put("image", image);
    return copy;
  }

  boolean gone() {
    return "destroyed".equals(state) || "destroying".equals(state);
  }

  /** A state the machine will not leave for {@code started} by itself. */
  boolean failed() {
    return gone() || "failed".equals(state);
  }
}
