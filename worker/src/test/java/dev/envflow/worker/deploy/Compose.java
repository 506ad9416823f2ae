package dev.envflow.worker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** docker-compose.yml read as the tests need it: services, their images, mounts, ports and dependencies. */
final class Compose {

  static final String FILE = "docker-compose.yml";

  private final JsonNode root;

  Compose(JsonNode root) {
    this.root = root;
  }

  static Compose load() {
    return new Compose(Repo.yaml(FILE));
  }

  Map<String, JsonNode> services() {
    Map<String, JsonNode> services = new LinkedHashMap<>();
    root.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
    return services;
  }

  JsonNode service(String name) {
    JsonNode service = root.path("services").path(name);
    if (service.isMissingNode()) {
      throw new AssertionError(FILE + " has no service " + name);
    }
    return service;
  }

  List<String> declaredVolumes() {
    List<String> names = new ArrayList<>();
    root.path("volumes").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A mount in short syntax, {@code source:target[:mode]}; a bind mount when the source is a path. */
  record Mount(String service, String source, String target, boolean readOnly) {
    boolean isBind() {
      return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
    }

    /** The bind mount's source relative to the repository root, e.g. {@code deploy/prometheus/prometheus.yml}. */
    String repoPath() {
      return source.startsWith("./") ? source.substring(2) : source;
    }
  }

  List<Mount> mounts() {
    List<Mount> mounts = new ArrayList<>();
    services().forEach((name, service) -> service.path("volumes").forEach(volume -> {
      String[] parts = volume.asText().split(":");
      if (parts.length < 2) {
        throw new AssertionError(name + ": anonymous volume " + volume.asText() + " (name it or bind a path)");
      }
      mounts.add(new Mount(name, parts[0], parts[1], parts.length > 2 && parts[2].contains("ro")));
    }));
    return mounts;
  }

  List<Mount> mounts(String service) {
    return mounts().stream().filter(m -> m.service().equals(service)).toList();
  }

  /** The repository path bind-mounted at {@code containerPath} (or a parent of it) in {@code service}. */
  Optional<String> hostPathOf(String service, String containerPath) {
    for (Mount mount : mounts(service)) {
      if (mount.isBind() && (containerPath.equals(mount.target()) || containerPath.startsWith(mount.target() + "/"))) {
        return Optional.of(mount.repoPath() + containerPath.substring(mount.target().length()));
      }
    }
    return Optional.empty();
  }

  /** Whether {@code containerPath} lies on a named volume or tmpfs of {@code service} (filled at run time). */
  boolean isRuntimePath(String service, String containerPath) {
    boolean volume = mounts(service).stream().anyMatch(m -> !m.isBind()
        && (containerPath.equals(m.target()) || containerPath.startsWith(m.target() + "/")));
    boolean tmpfs = false;
    for (JsonNode dir : service(service).path("tmpfs")) {
      tmpfs |= containerPath.equals(dir.asText()) || containerPath.startsWith(dir.asText() + "/");
    }
    return volume || tmpfs;
  }
}
