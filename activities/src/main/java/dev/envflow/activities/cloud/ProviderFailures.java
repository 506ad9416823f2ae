package dev.envflow.activities.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.secrets.UrlPasswords;
import dev.envflow.workflows.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Classifies a provider's answers: what a person must fix (bad request, credentials, payment, conflict) fails
 * at once; what passes (rate limits, outages, locks, timeouts, resets) is retried with backoff, after the
 * provider's {@code Retry-After} when it gives one. Messages keep the provider's own error text, shortened.
 */
public final class ProviderFailures {

  /** The failure type of a retryable provider answer; not in {@link FailureType}, so it is retried. */
  public static final String TRANSIENT = "PROVIDER_TRANSIENT";
  private static final int MAX_ERROR_TEXT = 500;
  private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProviderFailures() {}

  public static ApplicationFailure fromResponse(ProviderCall call, int status, String body, String retryAfter) {
    String message = call.describe() + ": HTTP " + status + errorText(body);
    return switch (status) {
      case 401, 403 -> nonRetryable(FailureType.BAD_CREDENTIALS, message + " (check the provider's credentials)");
      case 402 -> nonRetryable(FailureType.QUOTA, message);
      case 409 -> nonRetryable(FailureType.CONFLICT, message);
      case 400, 405, 406, 410, 413, 415, 422 -> nonRetryable(FailureType.REQUEST_REJECTED, message);
      case 429 -> retryable(message, retryAfter(retryAfter));
      default -> status == 408 || status == 423 || status >= 500
          ? retryable(message, retryAfter(retryAfter))
          : nonRetryable(FailureType.REQUEST_REJECTED, message);
    };
  }

  public static ApplicationFailure unreachable(ProviderCall call, IOException e) {
    return retryable(call.describe() + ": no answer (" + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + UrlPasswords.mask(e.getMessage())) + ")", null);
  }

  public static ApplicationFailure notFound(ProviderCall call) {
    return retryable(call.describe() + ": HTTP 404 (not found)", null);
  }

  public static ApplicationFailure nonRetryable(FailureType type, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, type.name());
  }

  /** The provider holds a resource by our name that envflow did not create: stop, touch nothing. */
  public static ApplicationFailure conflict(String provider, String what) {
    return nonRetryable(FailureType.CONFLICT, provider + ": " + what
        + " already exists and was not created by envflow for this environment; envflow leaves it untouched");
  }

  public static ApplicationFailure retryable(String message, Duration delay) {
    ApplicationFailure.Builder failure = ApplicationFailure.newBuilder().setMessage(message).setType(TRANSIENT);
    if (delay != null) {
      failure.setNextRetryDelay(delay);
    }
    return failure.build();
  }

  /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return cap(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return cap(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static Duration cap(Duration delay) {
    return delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay;
  }

  /** The provider's error text: {@code message}, {@code error}, {@code errors[]} or the raw body. */
  public static String errorText(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String text = body.strip();
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.isObject()) {
        for (String field : new String[] {"message", "error", "description", "msg"}) {
          JsonNode value = json.get(field);
          if (value != null && value.isTextual()) {
            text = value.textValue();
            break;
          }
          if (value != null && value.isObject() && value.has("description")) {
            text = value.get("description").asText();
            break;
          }
        }
        JsonNode errors = json.get("errors");
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
          text = errors.toString();
        }
      } else if (json != null && json.isTextual()) {
        text = json.textValue();
      }
    } catch (IOException notJson) {
      // the raw body is the message
    }
    text = UrlPasswords.mask(text);
    return ": " + (text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "..." : text);
  }
}
