package dev.envflow.workflows.model;

import java.util.List;

/** The answer to the {@code status} query. Never contains a password. */
public record EnvironmentStatus(
    String environmentId,
    Phase phase,
    List<StepStatus> steps,
    List<Resource> resources,
    ApprovalStatus approval,
    List<String> errors) {}
