package dev.envflow.worker.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.worker.security.CurrentUser;
import dev.envflow.worker.security.Role;
import dev.envflow.worker.security.TokenStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API tokens (admin only): create one per user with roles (shown once), list users and roles, revoke. */
@RestController
@RequestMapping("/api/tokens")
public class TokenController {

  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@+-]{1,200}");
  private final TokenStore tokens;
  private final AuditTrail audit;

  public TokenController(TokenStore tokens, AuditTrail audit) {
    this.tokens = tokens;
    this.audit = audit;
  }

  @PostMapping
  public ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body, HttpServletRequest request) {
    String user = body.path("user").asText("");
    List<String> problems = new ArrayList<>();
    if (!USER.matcher(user).matches()) {
      problems.add("user: give a user name or email (letters, digits and . _ @ + -)");
    }
    if ("admin".equals(user)) {
      problems.add("user: \"admin\" is the bootstrap administrator; choose another name");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    JsonNode names = body.path("roles");
    if (!names.isArray() || names.isEmpty()) {
      problems.add("roles: give at least one of viewer, requester, approver, admin, codec");
    }
    for (JsonNode name : names) {
      Optional<Role> role = Role.fromWireName(name.asText());
      role.ifPresentOrElse(roles::add, () -> problems.add("roles: unknown role \"" + name.asText()
          + "\"; expected viewer, requester, approver, admin or codec"));
    }
    if (!problems.isEmpty()) {
      throw new ApiException(400, String.join("; ", problems));
    }
    String by = CurrentUser.of(request).name();
    String token = tokens.create(user, roles, by);
    audit.record("tokens", "token_created", by, user + " with " + roles.stream().map(Role::wireName).sorted().toList());
    return ResponseEntity.status(201).body(Map.of("user", user, "token", token,
        "message", "this token is shown only now; keep it as a secret"));
  }

  @GetMapping
  public Map<String, List<TokenStore.TokenInfo>> list() {
    return Map.of("tokens", tokens.list());
  }

  @DeleteMapping("/{user}")
  public Map<String, String> revoke(@PathVariable String user, HttpServletRequest request) {
    if (!tokens.revoke(user)) {
      throw new ApiException(404, user + " has no token");
    }
    audit.record("tokens", "token_revoked", CurrentUser.of(request).name(), user);
    return Map.of("user", user, "message", "the token of " + user + " is revoked");
  }
}
