package dev.envflow.workflows.spec;

import java.util.List;

/** {@code slackWebhookSecret} names a secret in the worker's environment, never the URL itself. */
public record ContactsSpec(List<String> emails, String slackWebhookSecret) {}
