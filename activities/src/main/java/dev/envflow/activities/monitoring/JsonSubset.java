package dev.envflow.activities.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a provider's stored object already says everything envflow would write: every field of {@code desired}
 * is in {@code actual} with the same value (numbers compared by value, arrays element by element, extra fields the
 * provider adds ignored). This is how a re-run finds that nothing needs to change.
 */
public final class JsonSubset {

  private JsonSubset() {}

  public static boolean contains(JsonNode actual, JsonNode desired) {
    if (desired == null || desired.isNull()) {
      return actual == null || actual.isNull() || actual.isMissingNode();
    }
    if (actual == null || actual.isMissingNode()) {
      return false;
    }
    if (desired.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!contains(actual.get(field.getKey()), field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!actual.isArray() || actual.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(actual.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isNumber()) {
      return actual.isNumber() && actual.decimalValue().compareTo(desired.decimalValue()) == 0;
    }
    return desired.equals(actual);
  }
}
