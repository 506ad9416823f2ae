package dev.envflow.worker.security;

import java.util.Base64;
import java.util.Random;

/** Fixed AES-256 keys for tests, in the {@code keyId:base64Key} form of {@code ENVFLOW_CODEC_KEYS}. */
public final class TestKeys {

  private TestKeys() {}

  /** {@code id:base64} of a 32-byte key derived from {@code seed}. */
  public static String entry(String id, int seed) {
    return id + ":" + key(seed);
  }

  public static String key(int seed) {
    byte[] bytes = new byte[32];
    new Random(seed).nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
