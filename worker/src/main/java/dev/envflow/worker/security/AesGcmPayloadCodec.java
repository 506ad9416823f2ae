package dev.envflow.worker.security;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.envflow.activities.crypto.KeyRing;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encrypts every payload envflow sends to Temporal with AES-256-GCM under the first key of {@code
 * ENVFLOW_CODEC_KEYS}: the whole original payload (metadata and data) becomes the ciphertext, behind a random
 * 12-byte IV, and the new payload carries only {@code encoding: binary/encrypted} and the key id. Decoding
 * accepts any key of the ring and passes through payloads that are not envflow's (a start from the Temporal
 * UI), so both old payloads after a rotation and plain ones still read.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  /** The {@code encoding} metadata of an encrypted payload. */
  public static final String ENCODING = "binary/encrypted";

  /** The metadata naming the key a payload was encrypted with. */
  public static final String KEY_ID = "encryption-key-id";

  private static final String ENCODING_KEY = "encoding";
  private static final byte[] AAD = "envflow-payload".getBytes(StandardCharsets.UTF_8);

  private final KeyRing keys;

  public AesGcmPayloadCodec(KeyRing keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  /** Whether the payload is one this codec encrypted. */
  public static boolean isEncrypted(Payload payload) {
    return ENCODING.equals(payload.getMetadataOrDefault(ENCODING_KEY, ByteString.EMPTY).toStringUtf8());
  }

  private Payload encrypt(Payload payload) {
    return Payload.newBuilder()
        .putMetadata(ENCODING_KEY, ByteString.copyFromUtf8(ENCODING))
        .putMetadata(KEY_ID, ByteString.copyFromUtf8(keys.primaryId()))
        .setData(ByteString.copyFrom(keys.seal(payload.toByteArray(), AAD)))
        .build();
  }

  private Payload decrypt(Payload payload) {
    if (!isEncrypted(payload)) {
      return payload;
    }
    String keyId = payload.getMetadataOrDefault(KEY_ID, ByteString.EMPTY).toStringUtf8();
    try {
      byte[] plaintext = keys.open(keyId, payload.getData().toByteArray(), AAD).orElseThrow(() ->
          new PayloadCodecException("a payload is encrypted with key '" + keyId + "', which is not among the codec "
              + "keys " + keys.ids() + ": add it to ENVFLOW_CODEC_KEYS (after the current first key)"));
      return Payload.parseFrom(plaintext);
    } catch (IllegalArgumentException e) {
      throw new PayloadCodecException("a payload encrypted with key '" + keyId + "' cannot be decrypted: " + e.getMessage());
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException("a payload decrypted with key '" + keyId + "' is not a Temporal payload");
    }
  }

  /** The key id that encrypts now, for logs and answers (never the key). */
  public String encryptingKeyId() {
    return keys.primaryId();
  }

  @Override
  public String toString() {
    return "AesGcmPayloadCodec[" + keys + "]";
  }
}
