package dev.envflow.workflows.model;

import java.util.List;

/** The resources deleted, in the order they were deleted. */
public record TeardownResult(String environmentId, List<Resource> deleted) {}
