package dev.envflow.worker.security;

import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The codec server the Temporal UI and CLI call to show envflow's encrypted payloads ({@code POST
 * /codec/decode}) and to encrypt what they send ({@code POST /codec/encode}). Guarded by {@link
 * CodecAuthInterceptor}; CORS as configured by {@code ENVFLOW_CODEC_CORS_ORIGINS}.
 */
@RestController
@RequestMapping("/codec")
public class CodecController {

  private final PayloadCodec codec;

  public CodecController(AesGcmPayloadCodec codec) {
    this.codec = codec;
  }

  @PostMapping("/encode")
  public CodecPayloads encode(@RequestBody CodecPayloads body) {
    return CodecPayloads.of(codec.encode(body.toPayloads()));
  }

  @PostMapping("/decode")
  public CodecPayloads decode(@RequestBody CodecPayloads body) {
    return CodecPayloads.of(codec.decode(body.toPayloads()));
  }

  @ExceptionHandler({PayloadCodecException.class, IllegalArgumentException.class})
  ResponseEntity<Map<String, String>> refused(RuntimeException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest().body(Map.of("error",
        "the body is not a codec request: {\"payloads\": [{\"metadata\": {...}, \"data\": \"...\"}]}"));
  }
}
