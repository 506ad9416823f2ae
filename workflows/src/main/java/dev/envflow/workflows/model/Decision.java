package dev.envflow.workflows.model;

/** An approval or rejection, as sent with the {@code approve} / {@code reject} signals. */
public record Decision(String by, String reason) {}
