package dev.envflow.activities.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A Prometheus alerting rule file: {@code groups: [{name, rules: [{alert, expr, for, labels, annotations}]}]}. */
public record PrometheusRuleFile(List<Group> groups) {

  public record Group(String name, List<Rule> rules) {}

  public record Rule(
      String alert,
      String expr,
      @JsonProperty("for") String holdFor,
      Map<String, String> labels,
      Map<String, String> annotations) {}
}
