package dev.envflow.worker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.envflow.activities.crypto.KeyRing;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {

  private static final AesGcmPayloadCodec OLD = codec(TestKeys.entry("old", 1));
  private static final AesGcmPayloadCodec ROTATED = codec(TestKeys.entry("new", 2) + "," + TestKeys.entry("old", 1));
  private static final Payload JSON = Payload.newBuilder()
      .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
      .setData(ByteString.copyFromUtf8("{\"url\":\"postgresql://app:hunter2@db/app\"}"))
      .build();

  @Test
  void encryptsTheWholePayloadBehindEncryptedEncodingAndKeyIdThenRestoresIt() {
    Payload encrypted = OLD.encode(List.of(JSON)).get(0);

    assertThat(encrypted.getMetadataMap()).containsOnlyKeys("encoding", AesGcmPayloadCodec.KEY_ID);
    assertThat(encrypted.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(encrypted.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8()).isEqualTo("old");
    assertThat(encrypted.toByteString().toStringUtf8()).doesNotContain("hunter2", "json/plain");
    assertThat(OLD.decode(List.of(encrypted))).containsExactly(JSON);
    assertThat(OLD.encode(List.of(JSON)).get(0).getData()).isNotEqualTo(encrypted.getData());
  }

  @Test
  void afterARotationPayloadsEncryptedWithTheOldKeyStillDecodeAndNewOnesUseTheNewKey() {
    Payload byOld = OLD.encode(List.of(JSON)).get(0);

    assertThat(ROTATED.decode(List.of(byOld))).containsExactly(JSON);
    assertThat(ROTATED.encode(List.of(JSON)).get(0).getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8())
        .isEqualTo("new");
  }

  @Test
  void aPayloadUnderAnUnknownKeyFailsNamingTheKeyIdOnly() {
    Payload byNew = ROTATED.encode(List.of(JSON)).get(0);

    assertThatThrownBy(() -> OLD.decode(List.of(byNew)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("'new'").hasMessageContaining("ENVFLOW_CODEC_KEYS")
        .hasMessageNotContaining(TestKeys.key(1)).hasMessageNotContaining("hunter2");
  }

  @Test
  void payloadsWithoutEnvflowsEncodingPassThroughDecode() {
    Payload fromTheUi = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8("{\"app\":\"x\"}")).build();
    Payload noMetadata = Payload.newBuilder().setData(ByteString.copyFromUtf8("raw")).build();

    assertThat(OLD.decode(List.of(fromTheUi, noMetadata))).containsExactly(fromTheUi, noMetadata);
  }

  @Test
  void aTamperedPayloadIsRefused() {
    Payload encrypted = OLD.encode(List.of(JSON)).get(0);
    byte[] data = encrypted.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered = encrypted.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> OLD.decode(List.of(tampered))).isInstanceOf(PayloadCodecException.class);
  }

  @Test
  void aConverterWithTheCodecRoundTripsValuesThroughCiphertext() {
    CodecDataConverter converter = new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(OLD), true);
    Map<String, String> value = Map.of("url", "postgresql://app:hunter2@db/app");

    Payload payload = converter.toPayload(value).orElseThrow();
    assertThat(AesGcmPayloadCodec.isEncrypted(payload)).isTrue();
    assertThat(payload.toByteString().toStringUtf8()).doesNotContain("hunter2");
    assertThat(converter.fromPayload(payload, Map.class, Map.class)).isEqualTo(value);
  }

  @Test
  void toStringShowsKeyIdsNotKeys() {
    assertThat(ROTATED.toString()).contains("new", "old").doesNotContain(TestKeys.key(1), TestKeys.key(2));
  }

  private static AesGcmPayloadCodec codec(String keys) {
    return new AesGcmPayloadCodec(KeyRing.parse("ENVFLOW_CODEC_KEYS", keys));
  }
}
