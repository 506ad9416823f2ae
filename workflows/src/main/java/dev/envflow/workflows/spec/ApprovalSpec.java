package dev.envflow.workflows.spec;

import java.util.List;

/** {@code timeout} is an ISO-8601 duration such as {@code PT72H}; running out counts as rejection. */
public record ApprovalSpec(boolean required, List<String> approvers, String timeout) {}
