package dev.envflow.workflows.model;

import java.util.List;

/** What a validation or smoke step checked, one line per check, e.g. {@code PING: PONG}. */
public record CheckReport(String target, List<String> checks) {}
