package dev.envflow.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * How a provisioning ended: ACTIVE with its resources, or ROLLED_BACK with the reason. {@code reports} holds the
 * smoke and load reports, one line per check.
 */
public record ProvisionResult(
    String environmentId, Phase phase, List<Resource> resources, List<String> errors, List<String> reports) {

  @JsonCreator
  public ProvisionResult {
    reports = reports == null ? List.of() : List.copyOf(reports);
  }

  public ProvisionResult(String environmentId, Phase phase, List<Resource> resources, List<String> errors) {
    this(environmentId, phase, resources, errors, List.of());
  }
}
