package dev.envflow.worker.security;

/**
 * Decides who may call the codec endpoints ({@code /codec/encode}, {@code /codec/decode}), which turn
 * ciphertext from Temporal history back into plaintext. {@link CodecAuthInterceptor} asks it with the bearer
 * token of each request and answers 401 when it says no. envflow's accepts API tokens with the role
 * {@code codec} or {@code admin}.
 */
public interface CodecAuthorizer {

  /**
   * Whether the holder of {@code bearerToken} (the value after {@code Bearer }, never blank) may encode and
   * decode payloads.
   */
  boolean mayUseCodec(String bearerToken);
}
