package dev.envflow.activities.sweep;

import io.temporal.failure.ApplicationFailure;
import java.util.regex.Pattern;

/** A failure's message for the sweep's answer, with any password in a connection URL masked. */
final class SafeMessages {

  private static final Pattern URL_PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s\"']*:)[^@\\s\"']+@");

  private SafeMessages() {}

  static String of(RuntimeException e) {
    String message = e instanceof ApplicationFailure failure ? failure.getOriginalMessage() : e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    return URL_PASSWORD.matcher(message).replaceAll("$1***@");
  }
}
