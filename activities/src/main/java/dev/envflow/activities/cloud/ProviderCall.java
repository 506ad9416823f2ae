package dev.envflow.activities.cloud;

/**
 * What a request to a provider is for, so that every message names the provider, the operation and the
 * resource: {@code upstash: create database synckairos-staging: HTTP 401 ...}. Never holds a secret.
 */
public record ProviderCall(String provider, String operation, String resource) {

  public static ProviderCall of(String provider, String operation, String resource) {
    return new ProviderCall(provider, operation, resource);
  }

  public String describe() {
    return provider + ": " + operation + (resource == null || resource.isBlank() ? "" : " " + resource);
  }
}
