package dev.envflow.activities.smoke;

import java.util.Optional;
import java.util.function.Function;

/**
 * One request of a smoke suite and what its answer must show besides a 2xx status.
 *
 * @param method {@code GET} or {@code POST}
 * @param path appended to {@code smoke.baseUrl}
 * @param body the JSON body of a POST, or null
 * @param expectation what is wrong with a 2xx answer's body, or empty when it is right
 */
record SmokeCheck(String method, String path, String body, Function<String, Optional<String>> expectation) {

  static SmokeCheck get(String path) {
    return new SmokeCheck("GET", path, null, body -> Optional.empty());
  }

  static SmokeCheck get(String path, Function<String, Optional<String>> expectation) {
    return new SmokeCheck("GET", path, null, expectation);
  }

  static SmokeCheck post(String path, String body) {
    return new SmokeCheck("POST", path, body, answer -> Optional.empty());
  }

  String name() {
    return method + " " + path;
  }
}
