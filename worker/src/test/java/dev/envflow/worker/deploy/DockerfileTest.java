package dev.envflow.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The root Dockerfile builds envflow exactly as the README does and runs {@code envflow serve} from pinned images. */
class DockerfileTest {

  private final String dockerfile = Repo.read("Dockerfile");

  @Test
  void buildsTheJarWithTheReadmesCommand() {
    Matcher readme = Pattern.compile("^(mvn [^&\\n]*package)", Pattern.MULTILINE).matcher(Repo.read("README.md"));
    assertThat(readme.find()).as("the README's build command").isTrue();
    Matcher build = Pattern.compile("^RUN (?:--mount=\\S+ )*(mvn .*)$", Pattern.MULTILINE).matcher(dockerfile);
    assertThat(build.find()).as("a RUN mvn line").isTrue();

    assertThat(build.group(1).strip()).isEqualTo(readme.group(1).strip()).isEqualTo("mvn -B -q -DskipTests package");
  }

  @Test
  void copiesEveryModuleAndWhatTheirBuildsReadFromOutsideThem() {
    List<String> copied = new ArrayList<>();
    Matcher copy = Pattern.compile("^COPY (?!--from)(\\S+) ", Pattern.MULTILINE).matcher(dockerfile);
    while (copy.find()) {
      copied.add(copy.group(1));
      assertThat(Repo.file(copy.group(1))).as("COPY source").exists();
    }
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Repo.read("pom.xml"));
    while (module.find()) {
      assertThat(copied).contains(module.group(1));
    }
    // resources the modules take from ../migrations and ../docs
    assertThat(copied).contains("pom.xml", "migrations", "docs/spec.schema.json");
  }

  @Test
  void runsEnvflowServeFromTheBuiltJarAsAnUnprivilegedUser() {
    assertThat(dockerfile).contains("COPY --from=build /src/worker/target/envflow.jar /app/envflow.jar")
        .contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/envflow.jar\"]")
        .contains("CMD [\"serve\"]")
        .contains("USER envflow")
        .contains("ENVFLOW_STATE_DIR=/var/lib/envflow");
  }

  @Test
  void everyBaseImageIsPinned() {
    Matcher from = Pattern.compile("^FROM (\\S+)", Pattern.MULTILINE).matcher(dockerfile);
    int images = 0;
    while (from.find()) {
      images++;
      assertThat(from.group(1)).matches(ComposeFileTest.PINNED_IMAGE);
    }
    assertThat(images).isEqualTo(2);
  }

  @Test
  void keepsLocalStateAndSecretsOutOfTheBuildContext() {
    assertThat(Repo.read(".dockerignore").lines().toList()).contains(".envflow", ".env", "**/target", ".git");
  }
}
