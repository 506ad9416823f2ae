package dev.envflow.workflows.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads typed values out of JSON for {@link SpecParser}, recording a {@link FieldError} (and answering
 * the fallback) whenever a value has the wrong type. Pure and deterministic, so it can run in workflow code.
 */
final class JsonFieldReader {

  private final List<FieldError> errors;

  JsonFieldReader(List<FieldError> errors) {
    this.errors = errors;
  }

  void error(String path, String message) {
    errors.add(new FieldError(path, message));
  }

  /**
   * Visits the fields of the object at {@code path} in document order, handing known fields to
   * {@code handler} and reporting the others as unknown. A JSON null or an absent node is an empty object.
   */
  void forEachField(JsonNode node, String path, Set<String> known, BiConsumer<String, JsonNode> handler) {
    if (isAbsent(node)) {
      return;
    }
    if (!node.isObject()) {
      error(path, "expected a JSON object");
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (known.contains(field.getKey())) {
        if (!isAbsent(field.getValue())) {
          handler.accept(field.getKey(), field.getValue());
        }
      } else {
        error(child(path, field.getKey()), "unknown field");
      }
    }
  }

  String text(JsonNode value, String path, String fallback) {
    if (!value.isTextual()) {
      error(path, "expected a string");
      return fallback;
    }
    return value.textValue();
  }

  /** A string that must be one of {@code allowed}, listed in the error message in the given order. */
  String oneOf(JsonNode value, String path, List<String> allowed, String what, String fallback) {
    String text = text(value, path, null);
    if (text == null) {
      return fallback;
    }
    if (!allowed.contains(text)) {
      error(path, "unknown " + what + " \"" + text + "\"; expected one of " + String.join(", ", allowed));
      return fallback;
    }
    return text;
  }

  String nonBlank(JsonNode value, String path, String fallback) {
    String text = text(value, path, null);
    if (text == null) {
      return fallback;
    }
    if (text.isBlank()) {
      error(path, "must not be blank");
      return fallback;
    }
    return text;
  }

  boolean bool(JsonNode value, String path, boolean fallback) {
    if (!value.isBoolean()) {
      error(path, "expected true or false");
      return fallback;
    }
    return value.booleanValue();
  }

  int wholeNumber(JsonNode value, String path, int fallback) {
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      error(path, "expected a whole number");
      return fallback;
    }
    return value.intValue();
  }

  double number(JsonNode value, String path, double fallback) {
    if (!value.isNumber()) {
      error(path, "expected a number");
      return fallback;
    }
    return value.doubleValue();
  }

  /** A list of strings; each wrong element is reported by its index, e.g. {@code emails[1]}. */
  List<String> textList(JsonNode value, String path) {
    if (!value.isArray()) {
      error(path, "expected a list of strings");
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String item = text(value.get(i), path + "[" + i + "]", null);
      if (item != null) {
        items.add(item);
      }
    }
    return List.copyOf(items);
  }

  static String child(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }
}
