package dev.envflow.worker.security;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of Temporal's remote codec protocol: {@code {"payloads": [{"metadata": {"k": "base64"}, "data":
 * "base64"}]}} (protobuf's JSON form of {@code Payloads}).
 */
public record CodecPayloads(List<JsonPayload> payloads) {

  /** One payload; metadata values and data are base64 (standard or URL-safe alphabet accepted). */
  public record JsonPayload(Map<String, String> metadata, String data) {}

  List<Payload> toPayloads() {
    if (payloads == null) {
      throw new IllegalArgumentException("the body has no \"payloads\" array");
    }
    return payloads.stream().map(CodecPayloads::toPayload).toList();
  }

  static CodecPayloads of(List<Payload> payloads) {
    return new CodecPayloads(payloads.stream().map(CodecPayloads::toJson).toList());
  }

  private static Payload toPayload(JsonPayload json) {
    if (json == null) {
      throw new IllegalArgumentException("a payload is null");
    }
    Payload.Builder payload = Payload.newBuilder();
    if (json.metadata() != null) {
      json.metadata().forEach((key, value) -> payload.putMetadata(key, bytes("metadata " + key, value)));
    }
    return payload.setData(bytes("data", json.data())).build();
  }

  private static JsonPayload toJson(Payload payload) {
    Map<String, String> metadata = new LinkedHashMap<>();
    payload.getMetadataMap().forEach((key, value) -> metadata.put(key, Base64.getEncoder().encodeToString(value.toByteArray())));
    return new JsonPayload(metadata, Base64.getEncoder().encodeToString(payload.getData().toByteArray()));
  }

  private static ByteString bytes(String field, String base64) {
    if (base64 == null) {
      return ByteString.EMPTY;
    }
    try {
      return ByteString.copyFrom(Base64.getDecoder().decode(base64.replace('-', '+').replace('_', '/')));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("payload " + field + " is not base64");
    }
  }
}
