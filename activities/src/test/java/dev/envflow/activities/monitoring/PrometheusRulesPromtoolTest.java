package dev.envflow.activities.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.AlertsSpec;
import dev.envflow.workflows.spec.MonitoringSpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus itself checks what envflow writes: {@code promtool check rules} on the local provider's rule file, and
 * on a file of recording rules holding every dashboard query. Skipped, saying so, where promtool is not installed
 * ({@code apt-get install prometheus} on Debian has it).
 */
class PrometheusRulesPromtoolTest {

  @TempDir Path state;

  private static String promtool() {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static String check(String promtool, Path rules) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(promtool, "check", "rules", rules.toString()).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void theLocalRuleFilePassesPromtool() throws Exception {
    String promtool = promtool();
    assumeTrue(promtool != null, "promtool is not installed (Debian: apt-get install prometheus); not checking the rule file");
    var spec = SampleSpecs.withMonitoring(SampleSpecs.local("staging"), new MonitoringSpec("local", "synckairos",
        new AlertsSpec(75, 0.005, 250), SampleSpecs.local("staging").monitoring().contacts()));

    Resource rules = new LocalMonitoringProvider(state).createAlertRules(spec);

    assertThat(check(promtool, state.resolve(rules.location()))).contains("SUCCESS: 3 rules found");
  }

  @Test
  void everyDashboardQueryParsesAsPromQl() throws Exception {
    String promtool = promtool();
    assumeTrue(promtool != null, "promtool is not installed (Debian: apt-get install prometheus); not checking dashboard PromQL");
    List<Map<String, String>> records = new ArrayList<>();
    new SeedMonitoring("synckairos-staging", "synckairos").dashboards().stream()
        .flatMap(d -> d.panels().stream()).flatMap(p -> p.targets().stream())
        .forEach(target -> {
          Map<String, String> rule = new LinkedHashMap<>();
          rule.put("record", "envflow:check_" + records.size());
          rule.put("expr", target.query().promQl());
          records.add(rule);
        });
    Path file = state.resolve("dashboard-queries.yaml");
    new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(),
        Map.of("groups", List.of(Map.of("name", "dashboards", "rules", records))));

    assertThat(check(promtool, file)).contains("SUCCESS: " + records.size() + " rules found");
    assertThat(records).hasSize(11);
  }
}
