package dev.envflow.activities.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM keys by id, in the order of {@code keyId:base64Key[,keyId2:base64Key2]}: the first key seals,
 * every key opens — so a key is rotated by putting a new one first and keeping the old ones after it. Each
 * seal uses a fresh random 12-byte IV, returned in front of the ciphertext. Key material is never part of
 * a message or of {@link #toString()}.
 */
public final class KeyRing {

  /** Bytes of the random IV in front of every sealed value. */
  public static final int IV_BYTES = 12;

  private static final int KEY_BYTES = 32;
  private static final int TAG_BITS = 128;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String primaryId;
  private final Map<String, SecretKey> keys;

  private KeyRing(Map<String, SecretKey> keys) {
    this.primaryId = keys.keySet().iterator().next();
    this.keys = Map.copyOf(keys);
  }

  /**
   * Reads {@code keyId:base64Key[,...]}; {@code source} names where the text came from (e.g. {@code
   * ENVFLOW_CODEC_KEYS}) in error messages, which never quote the text itself.
   */
  public static KeyRing parse(String source, String text) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      String id = colon < 0 ? "" : trimmed.substring(0, colon).strip();
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(source + ": every entry must be keyId:base64Key with a key id of letters, "
            + "digits, '.', '_' or '-' (entry " + (keys.size() + 1) + " is not)");
      }
      if (keys.containsKey(id)) {
        throw new IllegalArgumentException(source + ": key id " + id + " appears twice");
      }
      keys.put(id, new SecretKeySpec(keyBytes(source, id, trimmed.substring(colon + 1).strip()), "AES"));
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no key: expected keyId:base64Key[,keyId2:base64Key2]");
    }
    return new KeyRing(keys);
  }

  private static byte[] keyBytes(String source, String id, String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": key " + id + " is not valid base64");
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException(source + ": key " + id + " must be 32 bytes (AES-256), base64-encoded; it is "
          + bytes.length + " bytes");
    }
    return bytes;
  }

  /** A new ring of one random key, as text in the {@link #parse} format. */
  public static String generate() {
    byte[] id = new byte[4];
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(key);
    return "k" + HexFormat.of().formatHex(id) + ":" + Base64.getEncoder().encodeToString(key);
  }

  /** The id of the key that seals. */
  public String primaryId() {
    return primaryId;
  }

  public List<String> ids() {
    List<String> ids = new ArrayList<>(keys.keySet());
    ids.remove(primaryId);
    ids.add(0, primaryId);
    return ids;
  }

  public boolean has(String keyId) {
    return keys.containsKey(keyId);
  }

  /** Encrypts under the primary key: IV followed by ciphertext and tag; {@code aad} is authenticated, not stored. */
  public byte[] seal(byte[] plaintext, byte[] aad) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(primaryId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad);
      byte[] ciphertext = cipher.doFinal(plaintext);
      byte[] sealed = new byte[IV_BYTES + ciphertext.length];
      System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
      System.arraycopy(ciphertext, 0, sealed, IV_BYTES, ciphertext.length);
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Decrypts what {@link #seal} returned under {@code keyId}; empty when this ring has no such key. Fails with
   * {@link IllegalArgumentException} when the value was altered, sealed with another key under that id, or
   * bound to another {@code aad}.
   */
  public Optional<byte[]> open(String keyId, byte[] sealed, byte[] aad) {
    SecretKey key = keys.get(keyId);
    if (key == null) {
      return Optional.empty();
    }
    if (sealed.length < IV_BYTES + TAG_BITS / 8) {
      throw new IllegalArgumentException("the encrypted value is too short to be AES-GCM output");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
      cipher.updateAAD(aad);
      return Optional.of(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES));
    } catch (AEADBadTagException e) {
      throw new IllegalArgumentException("the encrypted value does not authenticate under key " + keyId
          + " (altered, or encrypted with a different key of that id)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Key ids only. */
  @Override
  public String toString() {
    return "KeyRing" + ids() + " (key material redacted)";
  }
}
