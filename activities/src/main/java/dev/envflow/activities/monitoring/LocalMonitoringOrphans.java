package dev.envflow.activities.monitoring;

import dev.envflow.activities.sweep.FoundResource;
import dev.envflow.activities.sweep.Mark;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.activities.sweep.Presence;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local monitoring files as the orphan sweep sees them: under {@code {state}/monitoring/{name}/}, the contact
 * points file, the dashboards directory and the alert rules file are one resource each. Only envflow writes in its
 * state directory, so being there is the mark; nothing else in it (and nothing outside it) is listed or deleted.
 */
final class LocalMonitoringOrphans implements OrphanFinder {

  private static final List<ResourceKind> KINDS =
      List.of(ResourceKind.CONTACT_POINTS, ResourceKind.DASHBOARDS, ResourceKind.ALERT_RULES);

  private final LocalMonitoringProvider provider;
  private final Path monitoringDirectory;

  LocalMonitoringOrphans(LocalMonitoringProvider provider, Path monitoringDirectory) {
    this.provider = provider;
    this.monitoringDirectory = monitoringDirectory;
  }

  @Override
  public String provider() {
    return LocalMonitoringProvider.NAME;
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.copyOf(KINDS);
  }

  @Override
  public List<FoundResource> owned(Set<String> environmentNames) {
    if (!Files.isDirectory(monitoringDirectory)) {
      return List.of();
    }
    List<FoundResource> found = new ArrayList<>();
    try (Stream<Path> directories = Files.list(monitoringDirectory)) {
      for (Path directory : directories.filter(Files::isDirectory).sorted().toList()) {
        String name = directory.getFileName().toString();
        if (!MonitoringInputs.isEnvironmentName(name)) {
          continue;
        }
        for (ResourceKind kind : KINDS) {
          Path path = directory.resolve(LocalMonitoringProvider.fileOf(reference(kind, name)));
          if (Files.exists(path)) {
            found.add(new FoundResource(kind.name(), provider(), name, name, Mark.ENVFLOW, "monitoring/" + name + "/"
                + path.getFileName() + " is in envflow's state directory", Optional.empty()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + monitoringDirectory, e);
    }
    return found;
  }

  @Override
  public Presence presence(Resource recorded) {
    if (!MonitoringInputs.isEnvironmentName(recorded.name())) {
      return Presence.UNKNOWN;
    }
    Path path = monitoringDirectory.resolve(recorded.name()).resolve(LocalMonitoringProvider.fileOf(recorded));
    return Files.exists(path) ? Presence.PRESENT : Presence.GONE;
  }

  @Override
  public void delete(FoundResource orphan) {
    provider.delete(reference(ResourceKind.valueOf(orphan.kind()), orphan.name()));
  }

  private Resource reference(ResourceKind kind, String name) {
    return new Resource(kind.name(), provider(), name, name, null);
  }
}
