package dev.envflow.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envflow.worker.security.TestKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncryptionPropertiesTest {

  @Test
  void refusesAWildcardCorsOrigin() {
    assertThatThrownBy(() -> new EncryptionProperties(null, null, List.of("http://localhost:8233", "*")))
        .hasMessageContaining("ENVFLOW_CODEC_CORS_ORIGINS");
    assertThatThrownBy(() -> new EncryptionProperties(null, null, List.of("https://*.example.com")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsListedOriginsTrimmedAndShowsNoKeyInToString() {
    EncryptionProperties properties = new EncryptionProperties(TestKeys.entry("a", 1), TestKeys.entry("b", 2),
        List.of(" http://localhost:8233 ", ""));

    assertThat(properties.codecCorsOrigins()).containsExactly("http://localhost:8233");
    assertThat(properties.toString()).contains("codecKeys=set", "secretKeys=set")
        .doesNotContain(TestKeys.key(1), TestKeys.key(2));
    assertThat(new EncryptionProperties("", null, null).toString()).contains("codecKeys=unset", "secretKeys=unset");
  }
}
