package dev.envflow.worker.api;

import dev.envflow.workflows.spec.FieldError;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns refusals into JSON answers: {@code {"message": ..., "errors": [{"field", "message"}]}}. */
@RestControllerAdvice
public class ApiExceptionHandler {

  @ExceptionHandler(InvalidSpecException.class)
  ResponseEntity<Map<String, Object>> invalidSpec(InvalidSpecException e) {
    return ResponseEntity.badRequest().body(Map.of("message", e.getMessage(), "errors", e.errors()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest().body(Map.of(
        "message", "the request body is not valid JSON",
        "errors", List.of(new FieldError("$", "not valid JSON"))));
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> refused(ApiException e) {
    return ResponseEntity.status(e.status()).body(Map.of("message", e.getMessage()));
  }
}
