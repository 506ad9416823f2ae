package dev.envflow.workflows.model;

import java.util.List;

/** How a provisioning ended: ACTIVE with its resources, or ROLLED_BACK with the reason. */
public record ProvisionResult(String environmentId, Phase phase, List<Resource> resources, List<String> errors) {}
