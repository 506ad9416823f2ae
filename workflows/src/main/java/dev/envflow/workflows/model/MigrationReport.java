package dev.envflow.workflows.model;

import java.util.List;

/** Migrations applied by one run (empty when the schema was already current) and the resulting version. */
public record MigrationReport(List<String> applied, String schemaVersion) {}
