package dev.envflow.workflows.model;

/**
 * One step of the workflow as the {@code status} query shows it. Times are workflow time in epoch
 * milliseconds; {@code durationMs} is null until the step ends. {@code detail} is a short, secret-free
 * outcome (e.g. {@code 3 migrations applied}); {@code error} the failure in plain words.
 */
public record StepStatus(
    String name, StepState state, Long startedAtMs, Long durationMs, String detail, String error) {}
