package dev.envflow.activities.monitoring;

import java.util.List;

/** A Grafana dashboard provisioning file: where Grafana finds dashboard JSON files and which folder they go in. */
public record GrafanaDashboardProviderFile(int apiVersion, List<Provider> providers) {

  public record Provider(
      String name,
      int orgId,
      String folder,
      String folderUid,
      String type,
      boolean disableDeletion,
      int updateIntervalSeconds,
      boolean allowUiUpdates,
      Options options) {}

  public record Options(String path, boolean foldersFromFilesStructure) {}
}
