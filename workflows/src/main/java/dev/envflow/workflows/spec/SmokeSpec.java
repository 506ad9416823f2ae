package dev.envflow.workflows.spec;

/** Smoke checks run only when {@code baseUrl} is set. */
public record SmokeSpec(String baseUrl, String suite) {}
