package dev.envflow.workflows.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec's {@code nop} object: read with its defaults, refused by field path when wrong or when nothing uses it. */
class NopSpecParserTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALL_NOP = "\"redis\": {\"provider\": \"nop\"}, \"postgres\": {\"provider\": \"nop\"},"
      + " \"monitoring\": {\"provider\": \"nop\"}, \"paas\": {\"provider\": \"nop\"}";

  @Test
  void readsTheNopOptionsOfAnAllNopSpec() throws Exception {
    ParsedSpec parsed = parse(ALL_NOP + ", \"nop\": {\"latency\": \"PT0.1S\", \"transientFailureRate\": 0.3,"
        + " \"failStep\": \"postgres.migrate\"}");

    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.spec().nop()).isEqualTo(new NopSpec("PT0.1S", 0.3, "postgres.migrate"));
    assertThat(parsed.spec().nop().latencyDuration().toMillis()).isEqualTo(100);
  }

  @Test
  void leftOutOptionsTakeTheirDefaultsAndNoNopObjectMeansNone() throws Exception {
    assertThat(parse(ALL_NOP + ", \"nop\": {}").spec().nop()).isEqualTo(NopSpec.DEFAULT);
    EnvironmentSpec withoutOptions = parse(ALL_NOP).spec();
    assertThat(withoutOptions.nop()).isNull();
    assertThat(withoutOptions.nopOrDefault()).isEqualTo(new NopSpec("PT0S", 0, null));
  }

  @Test
  void refusesWrongOptionsByFieldPath() throws Exception {
    ParsedSpec parsed = parse(ALL_NOP + ", \"nop\": {\"latency\": \"100ms\", \"transientFailureRate\": 1.5,"
        + " \"failStep\": \"redis.craete\", \"jitter\": true}");

    assertThat(parsed.errors()).extracting(FieldError::toString).containsExactly(
        "nop.latency: not an ISO-8601 duration such as PT0.1S or PT0S: \"100ms\"",
        "nop.transientFailureRate: must be a fraction from 0 to 1, e.g. 0.3 for 30% of calls; was 1.5",
        "nop.failStep: unknown step \"redis.craete\"; expected one of " + String.join(", ", NopSpec.STEPS),
        "nop.jitter: unknown field");
  }

  @Test
  void refusesANegativeOrOverlongLatencyAndARateThatIsNoNumber() throws Exception {
    assertThat(parse(ALL_NOP + ", \"nop\": {\"latency\": \"-PT1S\"}").errors()).extracting(FieldError::toString)
        .containsExactly("nop.latency: must not be negative, was \"-PT1S\"");
    assertThat(parse(ALL_NOP + ", \"nop\": {\"latency\": \"PT2M\"}").errors()).extracting(FieldError::field)
        .containsExactly("nop.latency");
    assertThat(parse(ALL_NOP + ", \"nop\": {\"transientFailureRate\": \"30%\"}").errors()).extracting(FieldError::toString)
        .containsExactly("nop.transientFailureRate: expected a number");
    assertThat(parse(ALL_NOP + ", \"nop\": {\"transientFailureRate\": 1}").errors()).isEmpty();
  }

  @Test
  void refusesNopOptionsWhenNoProviderIsNop() throws Exception {
    assertThat(parse("\"nop\": {\"latency\": \"PT1S\"}").errors()).extracting(FieldError::field).containsExactly("nop");
  }

  @Test
  void refusesAFailStepOfAKindWhoseProviderIsNotNop() throws Exception {
    ParsedSpec parsed = parse("\"redis\": {\"provider\": \"nop\"}, \"nop\": {\"failStep\": \"postgres.migrate\"}");

    assertThat(parsed.errors()).extracting(FieldError::toString).containsExactly("nop.failStep: postgres.migrate is a"
        + " postgres step and this spec's postgres.provider is not nop, so it would never fail; nop runs the redis steps");
  }

  @Test
  void refusesFailingTheMetricsStepWithoutAMetricsCheck() throws Exception {
    assertThat(parse(ALL_NOP + ", \"nop\": {\"failStep\": \"metrics\"}").errors()).extracting(FieldError::field)
        .containsExactly("nop.failStep");
    assertThat(parse("\"monitoring\": {\"provider\": \"nop\", \"metricsCheck\": {}}, \"nop\": {\"failStep\": \"metrics\"}")
        .errors()).isEmpty();
  }

  @Test
  void everyStepIsOfAKind() {
    assertThat(NopSpec.STEPS).extracting(NopSpec::kindOf).containsOnly("redis", "postgres", "monitoring", "paas");
    assertThat(List.of("secrets.delete", "deploy.undo", "metrics", "monitoring.alerts.delete"))
        .extracting(NopSpec::kindOf).containsExactly("paas", "paas", "monitoring", "monitoring");
  }

  private static ParsedSpec parse(String fields) throws Exception {
    return SpecParser.parse(JSON.readTree("{\"app\": \"a\", \"environment\": \"b\", " + fields + "}"));
  }
}
