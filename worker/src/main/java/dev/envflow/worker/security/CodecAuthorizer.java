package dev.envflow.worker.security;

/**
 * Decides who may call the codec endpoints ({@code /codec/encode}, {@code /codec/decode}), which turn
 * ciphertext from Temporal history back into plaintext. {@link CodecAuthInterceptor} asks it with the bearer
 * token of each request and answers 401 when it says no. Declare another bean of this type to replace the
 * default {@link AdminTokenCodecAuthorizer} (e.g. one that accepts tokens with the {@code codec} or {@code
 * admin} role).
 */
public interface CodecAuthorizer {

  /**
   * Whether the holder of {@code bearerToken} (the value after {@code Bearer }, never blank) may encode and
   * decode payloads.
   */
  boolean mayUseCodec(String bearerToken);
}
