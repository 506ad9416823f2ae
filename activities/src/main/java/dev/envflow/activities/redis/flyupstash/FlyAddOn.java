package dev.envflow.activities.redis.flyupstash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.redis.RedisCredentials;
import java.util.Optional;
import java.util.Set;

/**
 * An Upstash Redis add-on as Fly's GraphQL {@code addOn} answers it (the fields envflow uses). The
 * application's URL is {@code publicUrl} as given ({@code redis://default:<password>@fly-<name>.upstash.io});
 * {@link #toString()} never shows it.
 */
record FlyAddOn(String id, String name, String status, String errorMessage, String publicUrl, String organization) {

  static final String FIELDS = "id name status errorMessage publicUrl primaryRegion organization { slug }";
  private static final Set<String> PROVISIONING = Set.of("pending", "provisioning", "creating", "initializing");

  static FlyAddOn from(JsonNode json) {
    return new FlyAddOn(json.path("id").asText(null), json.path("name").asText(null), json.path("status").asText(""),
        json.path("errorMessage").asText(null), json.path("publicUrl").asText(null),
        json.path("organization").path("slug").asText(null));
  }

  boolean failed() {
    return "error".equalsIgnoreCase(status);
  }

  /** Usable: it has a URL and is not being provisioned (Fly documents {@code status} only as free text). */
  boolean ready() {
    return publicUrl != null && !publicUrl.isBlank() && !PROVISIONING.contains(status.toLowerCase(java.util.Locale.ROOT));
  }

  /** The address without credentials, e.g. {@code redis://fly-synckairos-staging.upstash.io:6379}. */
  Optional<String> location() {
    return Optional.ofNullable(publicUrl).filter(url -> !url.isBlank()).map(url -> RedisCredentials.fromUrl(url).location());
  }

  @Override
  public String toString() {
    return "FlyAddOn[id=" + id + ", name=" + name + ", status=" + status + ", organization=" + organization
        + ", publicUrl=" + location().orElse("none") + "]";
  }
}
