package dev.envflow.activities.postgres.supabase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderHttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** The Supabase Management API calls envflow makes (supabase/cli {@code openapi.json}, v1). */
final class SupabaseApi {

  private final ProviderHttpClient http;

  SupabaseApi(ProviderHttpClient http) {
    this.http = http;
  }

  static ProviderHttpClient client(SupabaseSettings settings) {
    return new ProviderHttpClient(SupabaseSettings.PROVIDER, settings.apiUrl(),
        request -> request.header("Authorization", "Bearer " + settings.accessToken()));
  }

  /** {@code GET /v1/projects}: every project the token sees (the API has no name filter and no pages). */
  List<SupabaseProject> projects(String name) {
    JsonNode list = http.get(call("list projects", name), "/v1/projects");
    return StreamSupport.stream(list.spliterator(), false).map(SupabaseProject::from).toList();
  }

  /** {@code GET /v1/projects/{ref}}; empty once the project is gone (404). */
  Optional<SupabaseProject> project(String ref, String name) {
    return http.find(call("get project", name + " (ref " + ref + ")"), "/v1/projects/" + ref).map(SupabaseProject::from);
  }

  /**
   * {@code POST /v1/projects} with {@code V1CreateProjectBody} (no other keys: the schema forbids them).
   *
   * @param region a region code ({@code us-east-1}) or a smart group ({@code americas}, {@code emea}, {@code apac})
   */
  SupabaseProject create(String name, String organization, String password, String region) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("organization_slug", organization);
    body.put("db_pass", password);
    body.put("region_selection", Map.of("type", SupabaseRegions.isSmartGroup(region) ? "smartGroup" : "specific",
        "code", region));
    return SupabaseProject.from(http.post(call("create project", name), "/v1/projects", body));
  }

  /** {@code DELETE /v1/projects/{ref}}; false when it was already gone. */
  boolean delete(String ref, String name) {
    return http.delete(call("delete project", name + " (ref " + ref + ")"), "/v1/projects/" + ref);
  }

  /** {@code GET /v1/projects/{ref}/config/database/pooler}. */
  List<SupabasePooler> poolers(String ref, String name) {
    return SupabasePooler.listFrom(http.get(call("get pooler config", name + " (ref " + ref + ")"),
        "/v1/projects/" + ref + "/config/database/pooler"));
  }

  /** {@code PATCH /v1/projects/{ref}/config/database/pooler} with {@code {"pool_mode": mode}}. */
  void usePoolMode(String ref, String name, String mode) {
    http.patch(call("set pooler mode", name + " (ref " + ref + ")"), "/v1/projects/" + ref + "/config/database/pooler",
        Map.of("pool_mode", mode));
  }

  private static ProviderCall call(String operation, String resource) {
    return ProviderCall.of(SupabaseSettings.PROVIDER, operation, resource);
  }
}
