package dev.envflow.activities.notify;

import dev.envflow.workflows.model.Notification;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A notification in words people act on: for an approval, who may approve, until when, what was validated and the
 * exact command and API call to approve or reject; for ACTIVE, what was made; for a rollback, why. Plain text with
 * Slack's backticks for commands; never a secret (the notification holds none).
 */
public final class NotificationText {

  /** envflow's API as the approvers reach it; the CLI's default. */
  public static final String DEFAULT_SERVER = "http://localhost:8080";
  private static final int MAX_DETAILS = 20;
  private static final int MAX_LINE = 300;
  private static final DateTimeFormatter DEADLINE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final String server;

  /** @param server envflow's API base URL as people reach it ({@code ENVFLOW_SERVER}), e.g. {@code https://envflow.example.com} */
  public NotificationText(String server) {
    this.server = server == null || server.isBlank() ? DEFAULT_SERVER : server.replaceAll("/+$", "");
  }

  public String render(Notification notification) {
    return switch (notification.event()) {
      case AWAITING_APPROVAL -> awaitingApproval(notification);
      case APPROVAL_REMINDER -> reminder(notification);
      case ACTIVE -> active(notification);
      case ROLLED_BACK -> rolledBack(notification);
      case ROLLBACK_INCOMPLETE -> rollbackIncomplete(notification);
    };
  }

  private String awaitingApproval(Notification n) {
    String id = n.environmentId();
    List<String> lines = new ArrayList<>();
    lines.add(":hourglass_flowing_sand: " + id + " is provisioned and validated, and waits for approval before it is"
        + " deployed.");
    lines.add("Requested by " + n.requestedBy() + ". May approve: " + String.join(", ", n.approvers())
        + " (not the requester). Until " + DEADLINE.format(Instant.ofEpochMilli(n.deadlineMs()))
        + "; without a decision by then it is rolled back.");
    if (!n.details().isEmpty()) {
      lines.add("Validated:");
      lines.addAll(bullets(n.details()));
    }
    lines.addAll(howToDecide(id));
    return String.join("\n", lines);
  }

  private String reminder(Notification n) {
    List<String> lines = new ArrayList<>();
    lines.add(":alarm_clock: " + n.environmentId() + " still waits for approval (" + n.reason() + "). May approve: "
        + String.join(", ", n.approvers()) + ". Without a decision by "
        + DEADLINE.format(Instant.ofEpochMilli(n.deadlineMs())) + " it is rolled back.");
    lines.addAll(howToDecide(n.environmentId()));
    return String.join("\n", lines);
  }

  /** Decisions are made with the approver's own API token: the token's user is the approver. */
  private List<String> howToDecide(String id) {
    String serverOption = DEFAULT_SERVER.equals(server) ? "" : " --server " + server;
    return List.of(
        "Approve: `ENVFLOW_TOKEN=YOUR_TOKEN envflow approve " + id + " --reason \"why\"" + serverOption + "`",
        "or: `curl -X POST " + server + "/api/environments/" + id + "/approve -H 'Authorization: Bearer YOUR_TOKEN'"
            + " -H 'Content-Type: application/json' -d '{\"reason\":\"why\"}'`",
        "Reject: `ENVFLOW_TOKEN=YOUR_TOKEN envflow reject " + id + " --reason \"why\"" + serverOption + "`");
  }

  private String active(Notification n) {
    List<String> lines = new ArrayList<>();
    lines.add(":white_check_mark: " + n.environmentId() + " is ACTIVE (requested by " + n.requestedBy() + ").");
    lines.addAll(bullets(n.details()));
    return String.join("\n", lines);
  }

  private String rolledBack(Notification n) {
    return ":rewind: " + n.environmentId() + " was rolled back: " + shorten(n.reason())
        + "\nEverything envflow created for it has been deleted. Status: `envflow status " + n.environmentId() + "`";
  }

  private String rollbackIncomplete(Notification n) {
    List<String> lines = new ArrayList<>();
    lines.add(":warning: " + n.environmentId() + " failed and could not be rolled back completely: " + shorten(n.reason()));
    lines.add("These need a person:");
    lines.addAll(bullets(n.details()));
    lines.add("Status: `envflow status " + n.environmentId() + "`; teardown: `envflow teardown " + n.environmentId() + "`");
    return String.join("\n", lines);
  }

  private static List<String> bullets(List<String> details) {
    List<String> bullets = new ArrayList<>();
    details.stream().limit(MAX_DETAILS).forEach(detail -> bullets.add("• " + shorten(detail)));
    if (details.size() > MAX_DETAILS) {
      bullets.add("• … and " + (details.size() - MAX_DETAILS) + " more");
    }
    return bullets;
  }

  private static String shorten(String text) {
    String line = text == null ? "" : text.replace('\n', ' ');
    return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line;
  }

  /** Slack's mrkdwn needs {@code &}, {@code <} and {@code >} escaped. */
  public static String forSlack(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
