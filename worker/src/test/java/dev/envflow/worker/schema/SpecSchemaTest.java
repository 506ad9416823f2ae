package dev.envflow.worker.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.envflow.worker.deploy.Repo;
import dev.envflow.workflows.spec.ParsedSpec;
import dev.envflow.workflows.spec.SpecParser;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/spec.schema.json and {@link SpecParser} agree: every spec the parser accepts (the examples, the specs in the
 * tests, the parser's own output with its defaults) validates; specs the parser refuses for a reason a schema can
 * state are refused too; the schema's objects have exactly the parser's fields, its enums are the parser's lists in
 * the same order, and its defaults are the parser's. A field, object or list added to the parser without the schema
 * (or the other way round) fails here, naming it.
 */
class SpecSchemaTest {

  /** Each of SpecParser's field-name sets and the schema object whose properties must be the same names. */
  static final Map<String, String> FIELD_SETS = Map.ofEntries(
      Map.entry("TOP_FIELDS", ""),
      Map.entry("REDIS_FIELDS", "/properties/redis"),
      Map.entry("POSTGRES_FIELDS", "/properties/postgres"),
      Map.entry("MONITORING_FIELDS", "/properties/monitoring"),
      Map.entry("METRICS_CHECK_FIELDS", "/properties/monitoring/properties/metricsCheck"),
      Map.entry("ALERTS_FIELDS", "/properties/monitoring/properties/alerts"),
      Map.entry("CONTACTS_FIELDS", "/properties/monitoring/properties/contacts"),
      Map.entry("PAAS_FIELDS", "/properties/paas"),
      Map.entry("SMOKE_FIELDS", "/properties/smoke"),
      Map.entry("LOAD_FIELDS", "/properties/smoke/properties/load"),
      Map.entry("APPROVAL_FIELDS", "/properties/approval"),
      Map.entry("NOP_FIELDS", "/properties/nop"));

  /** Each of SpecParser's lists of allowed values and the schema property whose enum must be the same list. */
  static final Map<String, String> ENUMS = Map.ofEntries(
      Map.entry("REDIS_PROVIDERS", "/properties/redis/properties/provider"),
      Map.entry("POSTGRES_PROVIDERS", "/properties/postgres/properties/provider"),
      Map.entry("MONITORING_PROVIDERS", "/properties/monitoring/properties/provider"),
      Map.entry("PAAS_PROVIDERS", "/properties/paas/properties/provider"),
      Map.entry("SMOKE_SUITES", "/properties/smoke/properties/suite"),
      Map.entry("TIERS", "/properties/tier"),
      Map.entry("EVICTION_POLICIES", "/properties/redis/properties/evictionPolicy"),
      Map.entry("POOLING_MODES", "/properties/postgres/properties/pooling"),
      // postgres.plan's enum when postgres.provider is fly-postgres (any plan name otherwise)
      Map.entry("FLY_POSTGRES_PLANS", "/allOf/5/then/properties/postgres/properties/plan"),
      // the names paas.secrets may not hold: the enum of the items' "not"
      Map.entry("PROVISIONED_SECRETS", "/properties/paas/properties/secrets/items/not"),
      Map.entry("NOP_STEPS", "/properties/nop/properties/failStep"));

  /**
   * SpecParser's lists that are not one field's allowed values (say, names it refuses with a hint), each with why;
   * every other list must be an enum above.
   */
  static final Map<String, String> LISTS_THAT_ARE_NOT_ENUMS = Map.of(
      "CLASSIC_FLY_POSTGRES_PROVIDERS", "provider names the parser refuses with a hint about classic Fly Postgres; the"
          + " schema refuses them by leaving them out of postgres.provider's enum (ValueCandidates tries each)",
      "CLASSIC_FLY_POSTGRES_PLANS", "fly-postgres plan names the parser refuses with a hint about classic Fly Postgres;"
          + " the schema refuses them by leaving them out of the fly-postgres plan enum (ValueCandidates tries each)");

  private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final SpecSchema schema = SpecSchema.load();

  @Test
  void isAValidDraft202012Schema() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    List<Error> errors = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"))
        .validate(schema.document());
    assertThat(errors).isEmpty();
    assertThat(schema.document().path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Test
  void everyExampleIsAcceptedByBothAndSoIsWhatTheParserMakesOfIt() throws IOException {
    List<Path> examples;
    try (Stream<Path> files = Files.list(Repo.file("examples"))) {
      examples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(examples).isNotEmpty();
    for (Path example : examples) {
      JsonNode spec = Repo.JSON.readTree(example.toFile());
      assertAcceptedByBoth(example.getFileName().toString(), spec);
    }
  }

  @Test
  void everySpecTheTestsGiveTheParserThatItAcceptsValidates() {
    List<TestSourceSpecs.Found> found = TestSourceSpecs.all();
    List<String> problems = new ArrayList<>();
    int accepted = 0;
    for (TestSourceSpecs.Found spec : found) {
      ParsedSpec parsed = SpecParser.parse(spec.spec());
      if (parsed.valid()) {
        accepted++;
        schema.problems(spec.spec()).forEach(p -> problems.add(spec.where() + " " + spec.spec() + " — " + p));
        schema.problems(normalized(parsed)).forEach(p -> problems.add(spec.where() + " (parsed) — " + p));
      }
    }
    assertThat(accepted).as("specs found in the test sources that the parser accepts").isGreaterThanOrEqualTo(5);
    assertThat(problems).isEmpty();
  }

  @Test
  void theSpecsTheTestsBuildInCodeValidate() throws IOException {
    // WorkflowTestHarness.spec() / productionSpec(), AuthenticationTest, the design document's spec
    for (String spec : List.of(
        "{\"app\": \"synckairos\", \"environment\": \"test\", \"requestedBy\": \"dev@example.com\"}",
        "{\"app\": \"synckairos\", \"environment\": \"test\", \"requestedBy\": \"dev@example.com\", \"tier\": \"production\","
            + " \"approval\": {\"timeout\": \"PT72H\", \"approvers\": [\"ana@example.com\", \"ops@example.com\"]}}",
        "{\"app\": \"authn\", \"environment\": \"who\", \"requestedBy\": \"someone-else@example.com\"}",
        DESIGN_SPEC)) {
      assertAcceptedByBoth(spec, Repo.JSON.readTree(spec));
    }
  }

  @Test
  void refusesWhatTheParserRefusesForReasonsASchemaCanState() throws IOException {
    Map<String, String> invalid = new java.util.LinkedHashMap<>();
    invalid.put("no environment", "{\"app\": \"a\"}");
    invalid.put("app with capitals", "{\"app\": \"SyncKairos\", \"environment\": \"dev\"}");
    invalid.put("app over 40 characters", "{\"app\": \"" + "a".repeat(41) + "\", \"environment\": \"dev\"}");
    invalid.put("environment with a space", "{\"app\": \"a\", \"environment\": \"stag ing\"}");
    invalid.put("unknown top-level field", "{\"app\": \"a\", \"environment\": \"b\", \"colour\": \"blue\"}");
    invalid.put("misspelt nested field", "{\"app\": \"a\", \"environment\": \"b\", \"redis\": {\"evictionPolcy\": \"noeviction\"}}");
    invalid.put("misspelt provider", "{\"app\": \"a\", \"environment\": \"b\", \"redis\": {\"provider\": \"upstsh\"}}");
    invalid.put("unknown tier", "{\"app\": \"a\", \"environment\": \"b\", \"tier\": \"prod\"}");
    invalid.put("version as words", "{\"app\": \"a\", \"environment\": \"b\", \"postgres\": {\"version\": \"fifteen\"}}");
    invalid.put("unsupported version", "{\"app\": \"a\", \"environment\": \"b\", \"postgres\": {\"version\": 12}}");
    invalid.put("migrations not a location", "{\"app\": \"a\", \"environment\": \"b\", \"postgres\": {\"migrations\": \"db/migrations\"}}");
    invalid.put("error rate as a percentage", "{\"app\": \"a\", \"environment\": \"b\", \"monitoring\": {\"alerts\": {\"errorRate\": 1.5}}}");
    invalid.put("zero latency threshold", "{\"app\": \"a\", \"environment\": \"b\", \"monitoring\": {\"alerts\": {\"latencyP95Ms\": 0}}}");
    invalid.put("not an email", "{\"app\": \"a\", \"environment\": \"b\", \"monitoring\": {\"contacts\": {\"emails\": [\"alerts\"]}}}");
    invalid.put("a webhook URL instead of its secret's name",
        "{\"app\": \"a\", \"environment\": \"b\", \"monitoring\": {\"contacts\": {\"slackWebhookSecret\": \"https://hooks.slack.com/x\"}}}");
    invalid.put("metric prefix starting with a digit", "{\"app\": \"a\", \"environment\": \"b\", \"monitoring\": {\"metricPrefix\": \"1app\"}}");
    invalid.put("blank PaaS image", "{\"app\": \"a\", \"environment\": \"b\", \"paas\": {\"image\": \"  \"}}");
    invalid.put("smoke URL not http", "{\"app\": \"a\", \"environment\": \"b\", \"smoke\": {\"baseUrl\": \"ftp://example.com\"}}");
    invalid.put("timeout not ISO-8601", "{\"app\": \"a\", \"environment\": \"b\", \"approval\": {\"timeout\": \"72 hours\"}}");
    invalid.put("zero timeout", "{\"app\": \"a\", \"environment\": \"b\", \"approval\": {\"timeout\": \"PT0S\"}}");
    invalid.put("production without approvers", "{\"app\": \"a\", \"environment\": \"prod\", \"tier\": \"production\"}");
    invalid.put("approval required with no approvers",
        "{\"app\": \"a\", \"environment\": \"b\", \"approval\": {\"required\": true, \"approvers\": []}}");
    invalid.put("fly without an image", "{\"app\": \"a\", \"environment\": \"b\", \"paas\": {\"provider\": \"fly\"}}");
    invalid.put("a load step without baseUrl", "{\"app\": \"a\", \"environment\": \"b\", \"smoke\": {\"load\": {}}}");
    invalid.put("a branch of a Supabase database",
        "{\"app\": \"a\", \"environment\": \"b\", \"postgres\": {\"provider\": \"supabase\", \"branch\": \"staging\"}}");
    invalid.put("Neon's default branch named", "{\"app\": \"a\", \"environment\": \"b\", \"postgres\": {\"provider\": \"neon\", \"branch\": \"main\"}}");
    invalid.put("classic Fly Postgres", "{\"app\": \"a\", \"environment\": \"b\", \"postgres\": {\"provider\": \"flypg\"}}");
    invalid.put("a Fly Managed Postgres plan that is none",
        "{\"app\": \"a\", \"environment\": \"b\", \"postgres\": {\"provider\": \"fly-postgres\", \"plan\": \"free\"}}");
    invalid.put("a dotted metric without Datadog",
        "{\"app\": \"a\", \"environment\": \"b\", \"monitoring\": {\"metricsCheck\": {\"metric\": \"a.b\"}}}");
    invalid.put("a provisioned secret listed", "{\"app\": \"a\", \"environment\": \"b\", \"paas\": {\"secrets\": [\"DATABASE_URL\"]}}");
    invalid.put("not an object", "[1, 2]");

    List<String> wronglyAccepted = new ArrayList<>();
    for (Map.Entry<String, String> spec : invalid.entrySet()) {
      JsonNode json = Repo.JSON.readTree(spec.getValue());
      assertThat(SpecParser.parse(json).valid()).as("the parser refuses: " + spec.getKey()).isFalse();
      if (schema.accepts(json)) {
        wronglyAccepted.add(spec.getKey());
      }
    }
    assertThat(wronglyAccepted).as("accepted by the schema").isEmpty();
  }

  @Test
  void singleValuesAreJudgedAlikeByTheSchemaAndTheParser() throws IOException {
    List<String> disagreements = new ArrayList<>();
    for (Object[] candidate : ValueCandidates.ALL) {
      String path = (String) candidate[0];
      String within = candidate.length > 2 ? (String) candidate[2] : "{}";
      ObjectNode spec = (ObjectNode) Repo.JSON.readTree(within);
      spec.put("app", "a").put("environment", "b");
      String[] parts = path.split("\\.");
      ObjectNode parent = spec;
      for (int i = 0; i < parts.length - 1; i++) {
        parent = parent.has(parts[i]) ? (ObjectNode) parent.get(parts[i]) : parent.putObject(parts[i]);
      }
      parent.set(parts[parts.length - 1], JSON.valueToTree(candidate[1]));
      boolean parser = SpecParser.parse(spec).valid();
      boolean schemaToo = schema.accepts(spec);
      if (parser != schemaToo) {
        disagreements.add(path + " = " + JSON.valueToTree(candidate[1]) + (candidate.length > 2 ? " in " + within : "")
            + ": parser " + (parser ? "accepts" : "refuses") + ", schema " + (schemaToo ? "accepts" : "refuses"));
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void eachSchemaObjectHasExactlyTheParsersFields() throws ReflectiveOperationException {
    Set<String> constants = staticFieldsOfType(Set.class);
    assertThat(FIELD_SETS.keySet()).as("SpecParser's field sets, each mapped in FIELD_SETS to its schema object")
        .containsExactlyInAnyOrderElementsOf(constants);
    for (Map.Entry<String, String> entry : FIELD_SETS.entrySet()) {
      Set<String> parserFields = staticValue(entry.getKey());
      Set<String> parser = new TreeSet<>(parserFields);
      Set<String> schemaFields = new TreeSet<>();
      schema.document().at(entry.getValue() + "/properties").fieldNames().forEachRemaining(schemaFields::add);
      assertThat(schemaFields).as("properties of %s in %s (SpecParser.%s)", entry.getValue(), SpecSchema.FILE, entry.getKey())
          .isEqualTo(parser);
      assertThat(schema.document().at(entry.getValue() + "/additionalProperties").asBoolean(true))
          .as(entry.getValue() + " refuses unknown fields, as the parser does").isFalse();
    }
    assertThat(objectsOf(schema.document(), "")).as("every object of the schema has a field set in the parser")
        .containsExactlyInAnyOrderElementsOf(FIELD_SETS.values());
  }

  @Test
  void theSchemasEnumsAreTheParsersListsInTheSameOrder() throws ReflectiveOperationException {
    Set<String> mapped = new TreeSet<>(ENUMS.keySet());
    mapped.addAll(LISTS_THAT_ARE_NOT_ENUMS.keySet());
    assertThat(mapped).as("SpecParser's lists, each mapped in ENUMS to its schema property (or in"
        + " LISTS_THAT_ARE_NOT_ENUMS, saying why it is none)").containsExactlyInAnyOrderElementsOf(staticFieldsOfType(List.class));
    for (Map.Entry<String, String> entry : ENUMS.entrySet()) {
      List<String> schemaEnum = new ArrayList<>();
      schema.document().at(entry.getValue() + "/enum").forEach(v -> schemaEnum.add(v.asText()));
      assertThat(schemaEnum).as("enum of %s (SpecParser.%s)", entry.getValue(), entry.getKey())
          .isEqualTo(staticValue(entry.getKey()));
    }
    JsonNode top = schema.document().path("properties");
    assertThat(top.at("/postgres/properties/version/minimum").asInt()).isEqualTo(SpecParser.MIN_POSTGRES_VERSION);
    assertThat(top.at("/postgres/properties/version/maximum").asInt()).isEqualTo(SpecParser.MAX_POSTGRES_VERSION);
    assertThat(top.at("/app/maxLength").asInt()).isEqualTo(SpecParser.MAX_NAME_LENGTH);
    assertThat(top.at("/environment/maxLength").asInt()).isEqualTo(SpecParser.MAX_NAME_LENGTH);
    JsonNode load = top.at("/smoke/properties/load/properties");
    assertThat(load.at("/rate/maximum").asInt()).isEqualTo(SpecParser.MAX_LOAD_RATE);
    // a pattern holds the duration's bound; ValueCandidates tries durations at and just past it
    assertThat(load.at("/duration/description").asText()).contains(SpecParser.MAX_LOAD_DURATION.toString());
  }

  @Test
  void theSchemasDefaultsAreWhatTheParserFillsIn() throws IOException {
    JsonNode parsed = normalized(SpecParser.parse(Repo.JSON.readTree("{\"app\": \"a\", \"environment\": \"b\"}")));
    // the objects that are absent unless given: their fields' defaults are what the parser fills into an empty one
    JsonNode withOptionalObjects = normalized(SpecParser.parse(Repo.JSON.readTree("{\"app\": \"a\", \"environment\": \"b\","
        + " \"monitoring\": {\"metricsCheck\": {}}, \"smoke\": {\"baseUrl\": \"https://a.example.com\", \"load\": {}}}")));
    List<String> defaults = new ArrayList<>();
    collectDefaults(schema.document(), "", List.of(parsed, withOptionalObjects), defaults);
    assertThat(defaults).as("schema defaults that differ from the parser's").allMatch(d -> d.startsWith("ok "));
    assertThat(defaults).hasSizeGreaterThanOrEqualTo(28);
  }

  @Test
  void theSchemasConditionalDefaultsAreWhatTheParserFillsInWhereTheyApply() throws IOException {
    List<String> witnesses = new ArrayList<>();
    SpecParser.REDIS_PROVIDERS.forEach(p -> witnesses.add("{\"redis\": {\"provider\": \"" + p + "\"}}"));
    SpecParser.POSTGRES_PROVIDERS.forEach(p -> witnesses.add("{\"postgres\": {\"provider\": \"" + p + "\"}}"));
    List<String> defaults = new ArrayList<>();
    for (JsonNode rule : schema.document().path("allOf")) {
      for (String branch : List.of("then", "else")) {
        List<String> ruleDefaults = new ArrayList<>();
        collectDefaults(rule.path(branch), "", List.of(), ruleDefaults);
        if (ruleDefaults.isEmpty()) {
          continue;
        }
        int applied = 0;
        for (String witness : witnesses) {
          ObjectNode spec = ((ObjectNode) Repo.JSON.readTree(witness)).put("app", "a").put("environment", "b");
          if (SpecSchema.matches(rule.path("if"), spec) == branch.equals("then")) {
            applied++;
            collectDefaults(rule.path(branch), "", List.of(normalized(SpecParser.parse(spec))), defaults);
          }
        }
        assertThat(applied).as("specs to which the defaults of " + rule + " apply").isPositive();
      }
    }
    assertThat(defaults).as("conditional schema defaults that differ from the parser's").isNotEmpty()
        .allMatch(d -> d.startsWith("ok "));
  }

  private void assertAcceptedByBoth(String what, JsonNode spec) {
    ParsedSpec parsed = SpecParser.parse(spec);
    assertThat(parsed.errors()).as("parser errors for " + what).isEmpty();
    assertThat(schema.problems(spec)).as("schema problems for " + what).isEmpty();
    assertThat(schema.problems(normalized(parsed))).as("schema problems for the parsed " + what).isEmpty();
  }

  /** The parser's result as JSON: the same spec with every default filled in. */
  private static JsonNode normalized(ParsedSpec parsed) {
    return JSON.valueToTree(parsed.spec());
  }

  /**
   * Compares each default under {@code schemaNode} with the value at its path in the first of {@code parsed} that has
   * one (a later spec gives the objects an earlier one leaves out).
   */
  private static void collectDefaults(JsonNode schemaNode, String path, List<JsonNode> parsed, List<String> out) {
    JsonNode properties = schemaNode.path("properties");
    Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String fieldPath = path + "/" + field.getKey();
      if (!path.isEmpty() && !parsed.isEmpty() && parsed.stream().allMatch(p -> p.at(path).isMissingNode())) {
        continue; // an optional object the parser leaves out when the spec does (nop): its defaults apply once given
      }
      JsonNode def = field.getValue().get("default");
      if (def != null && !def.isObject()) {
        JsonNode actual = parsed.stream().map(p -> p.at(fieldPath)).filter(n -> !n.isMissingNode()).findFirst()
            .orElse(MissingNode.getInstance());
        boolean same = def.isNumber() && actual.isNumber() ? def.decimalValue().compareTo(actual.decimalValue()) == 0 : def.equals(actual);
        out.add((same ? "ok " : "DIFFERENT ") + fieldPath + ": schema " + def + ", parser " + actual);
      }
      collectDefaults(field.getValue(), fieldPath, parsed, out);
    }
  }

  private static List<String> objectsOf(JsonNode schemaNode, String pointer) {
    List<String> objects = new ArrayList<>();
    if (schemaNode.has("properties")) {
      objects.add(pointer);
      schemaNode.path("properties").fields().forEachRemaining(f ->
          objects.addAll(objectsOf(f.getValue(), pointer + "/properties/" + f.getKey())));
    }
    return objects;
  }

  /** Names of SpecParser's static fields of {@code type}, whatever their visibility, so a private new one counts. */
  private static Set<String> staticFieldsOfType(Class<?> type) {
    Set<String> names = new TreeSet<>();
    for (Field field : SpecParser.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == type) {
        names.add(field.getName());
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private static <T> T staticValue(String name) throws ReflectiveOperationException {
    Field field = SpecParser.class.getDeclaredField(name);
    field.setAccessible(true);
    return (T) field.get(null);
  }

  static final String DESIGN_SPEC = """
      {
        "app": "synckairos", "environment": "staging", "tier": "non-production", "region": "us-west-1",
        "requestedBy": "dev@example.com",
        "redis":      { "provider": "upstash", "plan": "free", "evictionPolicy": "allkeys-lru", "tls": true },
        "postgres":   { "provider": "supabase", "plan": "free", "version": 15, "pooling": "transaction",
                        "migrations": "classpath:migrations/synckairos" },
        "monitoring": { "provider": "grafana", "metricPrefix": "synckairos",
                        "alerts": { "latencyP95Ms": 50, "errorRate": 0.01, "queueDepth": 1000 },
                        "contacts": { "emails": ["alerts@example.com"], "slackWebhookSecret": "SLACK_WEBHOOK_URL" } },
        "paas":       { "provider": "fly", "app": "synckairos-staging", "image": "registry.fly.io/synckairos:1.4.2" },
        "smoke":      { "baseUrl": "https://synckairos-staging.fly.dev", "suite": "synckairos" },
        "approval":   { "required": false, "approvers": ["ana@example.com"], "timeout": "PT72H" }
      }""";
}
