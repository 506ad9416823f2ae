package dev.envflow.worker.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Encryption settings ({@code envflow.encryption.*}; see {@code docs/SECURITY.md}).
 *
 * @param codecKeys {@code ENVFLOW_CODEC_KEYS}: {@code keyId:base64Key[,...]} for Temporal payloads; generated
 *     into {@code <state dir>/codec-keys} when empty
 * @param secretKeys {@code ENVFLOW_SECRET_KEYS}: same format, for the shared secret store; generated into
 *     {@code <state dir>/secret-keys} when empty
 * @param codecCorsOrigins {@code ENVFLOW_CODEC_CORS_ORIGINS}: browser origins (the Temporal UI's) allowed to
 *     call the codec endpoints
 */
@ConfigurationProperties("envflow.encryption")
public record EncryptionProperties(String codecKeys, String secretKeys, List<String> codecCorsOrigins) {

  public EncryptionProperties {
    codecCorsOrigins = codecCorsOrigins == null ? List.of()
        : codecCorsOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    if (codecCorsOrigins.stream().anyMatch(origin -> origin.contains("*"))) {
      throw new IllegalArgumentException("ENVFLOW_CODEC_CORS_ORIGINS must list the Temporal UI's origins one by one"
          + " (e.g. http://localhost:8233): a wildcard would let any web page a codec user visits call the codec");
    }
  }

  /** Key material is not shown. */
  @Override
  public String toString() {
    return "EncryptionProperties[codecKeys=" + (codecKeys == null || codecKeys.isBlank() ? "unset" : "set")
        + ", secretKeys=" + (secretKeys == null || secretKeys.isBlank() ? "unset" : "set")
        + ", codecCorsOrigins=" + codecCorsOrigins + "]";
  }
}
