package dev.envflow.activities.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

  static final String OLD_KEY = Base64.getEncoder().encodeToString(bytes(32, 1));
  static final String NEW_KEY = Base64.getEncoder().encodeToString(bytes(32, 2));
  private static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);

  @Test
  void sealsUnderTheFirstKeyWithAFreshIvAndOpensWithAnyKeyOfTheRing() {
    KeyRing old = KeyRing.parse("TEST_KEYS", "old:" + OLD_KEY);
    byte[] sealedByOld = old.seal(text("hunter2"), AAD);
    KeyRing rotated = KeyRing.parse("TEST_KEYS", "new:" + NEW_KEY + ", old:" + OLD_KEY);

    assertThat(rotated.primaryId()).isEqualTo("new");
    assertThat(rotated.ids()).containsExactly("new", "old");
    assertThat(rotated.open("old", sealedByOld, AAD)).hasValueSatisfying(v -> assertThat(v).isEqualTo(text("hunter2")));
    assertThat(rotated.seal(text("hunter2"), AAD)).isNotEqualTo(rotated.seal(text("hunter2"), AAD));
    assertThat(old.open("new", rotated.seal(text("x"), AAD), AAD)).isEmpty();
  }

  @Test
  void refusesAlteredCiphertextAndOtherAuthenticatedData() {
    KeyRing ring = KeyRing.parse("TEST_KEYS", "k:" + OLD_KEY);
    byte[] sealed = ring.seal(text("hunter2"), AAD);
    byte[] altered = sealed.clone();
    altered[altered.length - 1] ^= 1;

    assertThatThrownBy(() -> ring.open("k", altered, AAD)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ring.open("k", sealed, text("other"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badKeysAreRefusedWithoutQuotingThem() {
    String shortKey = Base64.getEncoder().encodeToString(bytes(16, 3));
    assertThatThrownBy(() -> KeyRing.parse("ENVFLOW_CODEC_KEYS", "k1:" + shortKey))
        .hasMessageContaining("ENVFLOW_CODEC_KEYS").hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> KeyRing.parse("ENVFLOW_CODEC_KEYS", OLD_KEY))
        .hasMessageContaining("keyId:base64Key").hasMessageNotContaining(OLD_KEY);
    assertThatThrownBy(() -> KeyRing.parse("ENVFLOW_CODEC_KEYS", "a:" + OLD_KEY + ",a:" + NEW_KEY))
        .hasMessageContaining("twice").hasMessageNotContaining(NEW_KEY);
    assertThatThrownBy(() -> KeyRing.parse("ENVFLOW_CODEC_KEYS", "a:not*base64"))
        .hasMessageContaining("base64").hasMessageNotContaining("not*base64");
  }

  @Test
  void toStringNamesKeyIdsOnly() {
    KeyRing ring = KeyRing.parse("TEST_KEYS", "new:" + NEW_KEY + ",old:" + OLD_KEY);
    assertThat(ring.toString()).contains("new", "old").doesNotContain(NEW_KEY, OLD_KEY);
  }

  @Test
  void generatesAKeyFileOfMode0600WhenTheVariableIsUnsetAndReadsItBackNextTime(@TempDir Path state) throws Exception {
    Path file = state.resolve("codec-keys");
    KeyRing first = KeyRingFile.load("ENVFLOW_CODEC_KEYS", "", file);
    KeyRing again = KeyRingFile.load("ENVFLOW_CODEC_KEYS", null, file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(again.primaryId()).isEqualTo(first.primaryId());
    assertThat(again.open(first.primaryId(), first.seal(text("v"), AAD), AAD)).isPresent();
    try (var files = Files.list(state)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void theVariableWinsOverTheFile(@TempDir Path state) {
    Path file = state.resolve("secret-keys");
    KeyRingFile.load("ENVFLOW_SECRET_KEYS", "", file);
    KeyRing fromVariable = KeyRingFile.load("ENVFLOW_SECRET_KEYS", "set:" + NEW_KEY, file);
    assertThat(fromVariable.ids()).containsExactly("set");
  }

  static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (seed * 31 + i);
    }
    return bytes;
  }

  private static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
