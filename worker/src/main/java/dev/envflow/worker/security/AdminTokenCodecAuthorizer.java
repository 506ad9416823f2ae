package dev.envflow.worker.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The default {@link CodecAuthorizer}: only an admin token may use the codec. The tokens come from a supplier
 * asked on every request, so a token file rewritten while envflow runs is honoured; no token, no codec.
 */
public final class AdminTokenCodecAuthorizer implements CodecAuthorizer {

  private final Supplier<Set<String>> adminTokens;

  public AdminTokenCodecAuthorizer(Supplier<Set<String>> adminTokens) {
    this.adminTokens = adminTokens;
  }

  @Override
  public boolean mayUseCodec(String bearerToken) {
    byte[] presented = bearerToken.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (String token : adminTokens.get()) {
      if (!token.isBlank()) {
        match |= MessageDigest.isEqual(presented, token.getBytes(StandardCharsets.UTF_8));
      }
    }
    return match;
  }

  @Override
  public String toString() {
    return "AdminTokenCodecAuthorizer[tokens redacted]";
  }
}
