package dev.envflow.workflows.model;

/** What the deploy step did, in words: e.g. the command run and its exit code, or that none was configured. */
public record DeployReport(String summary) {}
