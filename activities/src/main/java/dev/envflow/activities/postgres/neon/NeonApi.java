package dev.envflow.activities.postgres.neon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderHttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** The Neon API v2 calls envflow makes (operationIds of Neon's OpenAPI definition). */
final class NeonApi {

  /** Neon's largest page of projects. */
  static final int PAGE_SIZE = 400;
  private static final int MAX_PAGES = 100;

  /** What {@code createProject} answers that envflow uses. */
  record CreatedProject(NeonProject project, String defaultBranchId, JsonNode connectionUris) {

    /** The {@code connection_uris} entry for the database and role, as given; empty when Neon sent none. */
    Optional<String> connectionUri(String database, String role) {
      for (JsonNode entry : connectionUris) {
        JsonNode parameters = entry.path("connection_parameters");
        if (database.equals(parameters.path("database").asText()) && role.equals(parameters.path("role").asText())) {
          return Optional.of(entry.path("connection_uri").asText());
        }
      }
      return Optional.empty();
    }
  }

  private final ProviderHttpClient http;
  private final Optional<String> organization;

  NeonApi(ProviderHttpClient http, Optional<String> organization) {
    this.http = http;
    this.organization = organization;
  }

  static ProviderHttpClient client(NeonSettings settings) {
    return new ProviderHttpClient(NeonSettings.PROVIDER, settings.apiUrl(),
        request -> request.header("Authorization", "Bearer " + settings.apiKey()));
  }

  /**
   * {@code listProjects} with {@code search} (a partial match on name or id), following the cursor until a page
   * comes back empty; the projects named exactly {@code name}.
   */
  List<NeonProject> projectsNamed(String name) {
    List<NeonProject> named = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String path = "/projects?search=" + encode(name) + "&limit=" + PAGE_SIZE
          + (cursor == null ? "" : "&cursor=" + encode(cursor))
          + organization.map(org -> "&org_id=" + encode(org)).orElse("");
      JsonNode answer = http.get(call("list projects", name), path);
      JsonNode projects = answer.path("projects");
      StreamSupport.stream(projects.spliterator(), false)
          .map(NeonProject::from)
          .filter(project -> project.name().equals(name))
          .forEach(named::add);
      String next = answer.path("pagination").path("cursor").asText(null);
      if (projects.isEmpty() || next == null || next.equals(cursor)) {
        return named;
      }
      cursor = next;
    }
    return named;
  }

  /** {@code getProject}; empty once it is gone. */
  Optional<NeonProject> project(String id, String name) {
    return http.find(call("get project", describe(id, name)), "/projects/" + id)
        .map(answer -> NeonProject.from(answer.path("project")));
  }

  /** {@code createProject}: the project with its default branch, database and owner role named by envflow. */
  CreatedProject create(String name, String regionId, int pgVersion, String database, String role) {
    Map<String, Object> project = new LinkedHashMap<>();
    project.put("name", name);
    project.put("region_id", regionId);
    project.put("pg_version", pgVersion);
    Map<String, Object> branch = new LinkedHashMap<>();
    branch.put("name", "main");
    branch.put("database_name", database);
    branch.put("role_name", role);
    project.put("branch", branch);
    organization.ifPresent(org -> project.put("org_id", org));
    JsonNode answer = http.post(call("create project", name), "/projects", Map.of("project", project));
    return new CreatedProject(NeonProject.from(answer.path("project")), answer.path("branch").path("id").asText(),
        answer.path("connection_uris"));
  }

  /** {@code deleteProject}; false when it was already gone. */
  boolean delete(String id, String name) {
    return http.delete(call("delete project", describe(id, name)), "/projects/" + id);
  }

  /** {@code listProjectOperations}: the project's operations, newest first. */
  List<NeonOperation> operations(String id, String name) {
    JsonNode answer = http.get(call("list operations", describe(id, name)), "/projects/" + id + "/operations");
    return StreamSupport.stream(answer.path("operations").spliterator(), false).map(NeonOperation::from).toList();
  }

  /** {@code listProjectBranches} with {@code search}: the branches named exactly {@code branch}. */
  List<NeonBranch> branchesNamed(String id, String name, String branch) {
    JsonNode answer = http.get(call("list branches", describe(id, name)),
        "/projects/" + id + "/branches?search=" + encode(branch));
    return StreamSupport.stream(answer.path("branches").spliterator(), false)
        .map(NeonBranch::from)
        .filter(found -> found.name().equals(branch))
        .toList();
  }

  /** The project's default branch. */
  Optional<NeonBranch> defaultBranch(String id, String name) {
    JsonNode answer = http.get(call("list branches", describe(id, name)), "/projects/" + id + "/branches");
    return StreamSupport.stream(answer.path("branches").spliterator(), false)
        .map(NeonBranch::from)
        .filter(NeonBranch::isDefault)
        .findFirst();
  }

  /** {@code createProjectBranch} from the default branch, with its own read-write compute. */
  NeonBranch createBranch(String id, String name, String branch) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("branch", Map.of("name", branch));
    body.put("endpoints", List.of(Map.of("type", "read_write")));
    JsonNode answer = http.post(call("create branch " + branch + " of", describe(id, name)),
        "/projects/" + id + "/branches", body);
    return NeonBranch.from(answer.path("branch"));
  }

  /** {@code getConnectionURI}: the URI of the role on the branch's database; {@code pooled} through PgBouncer. */
  String connectionUri(String id, String name, String branchId, String database, String role, boolean pooled) {
    String path = "/projects/" + id + "/connection_uri?branch_id=" + encode(branchId) + "&database_name="
        + encode(database) + "&role_name=" + encode(role) + (pooled ? "&pooled=true" : "");
    return http.get(call(pooled ? "get pooled connection URI of" : "get connection URI of", describe(id, name)), path)
        .path("uri").asText();
  }

  private static String describe(String id, String name) {
    return name + " (" + id + ")";
  }

  private static ProviderCall call(String operation, String resource) {
    return ProviderCall.of(NeonSettings.PROVIDER, operation, resource);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
