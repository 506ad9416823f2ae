package dev.envflow.workflows.spec;

/** Thresholds of the seed runbook's three alerts. */
public record AlertsSpec(int latencyP95Ms, double errorRate, int queueDepth) {}
