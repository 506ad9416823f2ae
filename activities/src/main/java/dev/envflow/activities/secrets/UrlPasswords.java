package dev.envflow.activities.secrets;

import java.util.regex.Pattern;

/**
 * Masks the password of every connection URL in a text ({@code postgres://user:secret@host} becomes
 * {@code postgres://user:***@host}): for messages that quote what a provider, a driver or an application said.
 */
public final class UrlPasswords {

  private static final Pattern URL_PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s\"']*:)[^@\\s\"']+@");

  private UrlPasswords() {}

  public static String mask(String text) {
    return text == null ? null : URL_PASSWORD.matcher(text).replaceAll("$1***@");
  }
}
