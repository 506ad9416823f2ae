package dev.envflow.workflows.model;

public record TeardownRequest(String environmentId, String requestedBy, String reason) {}
