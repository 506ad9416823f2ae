package dev.envflow.activities.paas;

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
 * The local PaaS as the orphan sweep sees it: {@code {state}/environments/{name}/.env} files that start with envflow's
 * header. Deleting removes that file, and its directory only when nothing else is left in it (a deploy command may
 * have written there): what the application made is not envflow's.
 */
final class LocalPaasOrphans implements OrphanFinder {

  private final LocalPaasProvider provider;
  private final Path environmentsDirectory;

  LocalPaasOrphans(LocalPaasProvider provider, Path environmentsDirectory) {
    this.provider = provider;
    this.environmentsDirectory = environmentsDirectory;
  }

  @Override
  public String provider() {
    return LocalPaasProvider.PROVIDER;
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.of(ResourceKind.SECRETS);
  }

  @Override
  public List<FoundResource> owned(Set<String> environmentNames) {
    if (!Files.isDirectory(environmentsDirectory)) {
      return List.of();
    }
    List<FoundResource> found = new ArrayList<>();
    try (Stream<Path> directories = Files.list(environmentsDirectory)) {
      for (Path directory : directories.filter(Files::isDirectory).sorted().toList()) {
        String name = directory.getFileName().toString();
        Path dotenv = directory.resolve(LocalPaasProvider.DOTENV);
        if (LocalPaasProvider.isEnvironmentName(name) && DotenvFile.isEnvflows(dotenv)) {
          found.add(new FoundResource(ResourceKind.SECRETS.name(), provider(), name, name, Mark.ENVFLOW,
              "environments/" + name + "/" + LocalPaasProvider.DOTENV + " starts with envflow's header",
              Optional.empty()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + environmentsDirectory, e);
    }
    return found;
  }

  @Override
  public Presence presence(Resource recorded) {
    if (!LocalPaasProvider.isEnvironmentName(recorded.name())) {
      return Presence.UNKNOWN;
    }
    return Files.exists(environmentsDirectory.resolve(recorded.name()).resolve(LocalPaasProvider.DOTENV))
        ? Presence.PRESENT : Presence.GONE;
  }

  @Override
  public void delete(FoundResource orphan) {
    Path file = environmentsDirectory.resolve(orphan.name()).resolve(LocalPaasProvider.DOTENV);
    if (Files.exists(file) && !DotenvFile.isEnvflows(file)) {
      throw new IllegalStateException("environments/" + orphan.name() + "/" + LocalPaasProvider.DOTENV
          + " no longer starts with envflow's header: left alone");
    }
    provider.deleteSecrets(new Resource(ResourceKind.SECRETS.name(), provider(), orphan.name(), orphan.externalId(),
        null));
  }
}
