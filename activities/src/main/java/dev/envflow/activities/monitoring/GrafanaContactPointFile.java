package dev.envflow.activities.monitoring;

import java.util.List;
import java.util.Map;

/** A Grafana alerting provisioning file of contact points ({@code apiVersion: 1}, {@code contactPoints:}). */
public record GrafanaContactPointFile(int apiVersion, List<ContactPoint> contactPoints) {

  public record ContactPoint(int orgId, String name, List<Receiver> receivers) {}

  public record Receiver(String uid, String type, Map<String, Object> settings, boolean disableResolveMessage) {}
}
