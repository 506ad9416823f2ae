package dev.envflow.activities.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A structural check of PromQL for machines without promtool: balanced brackets, and every metric prefixed. */
final class PromQlShape {

  private static final Map<Character, Character> CLOSERS = Map.of(')', '(', ']', '[', '}', '{');
  private static final Pattern METRIC = Pattern.compile("([a-z_][a-z0-9_]*)\\s*(\\{|\\[)|([a-z_][a-z0-9_]*_(size|sessions|connections))\\b");

  private PromQlShape() {}

  static void assertWellFormed(String expr, String prefix) {
    Deque<Character> open = new ArrayDeque<>();
    boolean inString = false;
    for (char c : expr.toCharArray()) {
      if (c == '"') {
        inString = !inString;
      } else if (!inString && (c == '(' || c == '[' || c == '{')) {
        open.push(c);
      } else if (!inString && CLOSERS.containsKey(c)) {
        assertThat(open).as("unbalanced '%s' in %s", c, expr).isNotEmpty();
        assertThat(open.pop()).as("mismatched '%s' in %s", c, expr).isEqualTo(CLOSERS.get(c));
      }
    }
    assertThat(open).as("unclosed brackets in %s", expr).isEmpty();
    assertThat(inString).as("unclosed string in %s", expr).isFalse();
    Matcher metrics = METRIC.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
    while (metrics.find()) {
      String metric = metrics.group(1) != null ? metrics.group(1) : metrics.group(3);
      assertThat(metric).as("metric in %s", expr).startsWith(prefix + "_");
    }
  }
}
