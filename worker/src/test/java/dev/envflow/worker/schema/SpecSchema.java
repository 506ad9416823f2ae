package dev.envflow.worker.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.envflow.worker.deploy.Repo;
import java.util.List;

/** docs/spec.schema.json as a validator. */
final class SpecSchema {

  static final String FILE = "docs/spec.schema.json";

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final JsonNode document;
  private final Schema schema;

  private SpecSchema(JsonNode document) {
    this.document = document;
    this.schema = REGISTRY.getSchema(document);
  }

  static SpecSchema load() {
    return new SpecSchema(Repo.json(FILE));
  }

  JsonNode document() {
    return document;
  }

  /** The schema's complaints about {@code spec}, each with its location; empty when it validates. */
  List<String> problems(JsonNode spec) {
    List<Error> errors = schema.validate(spec);
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }

  boolean accepts(JsonNode spec) {
    return problems(spec).isEmpty();
  }

  /** Whether {@code instance} is valid against {@code subschema}, a part of the schema (say, an {@code if}). */
  static boolean matches(JsonNode subschema, JsonNode instance) {
    return REGISTRY.getSchema(subschema).validate(instance).isEmpty();
  }
}
