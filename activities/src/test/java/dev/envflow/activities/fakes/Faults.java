package dev.envflow.activities.fakes;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * Failures a fake API answers instead of its normal answer: the next {@code times} requests matching a method
 * and path prefix get the given response (429 with {@code Retry-After}, 5xx, 401, 422, ...). Thread-safe.
 */
public final class Faults {

  private record Fault(String method, String pathPrefix, MockResponse response, int[] remaining) {}

  private final List<Fault> faults = new ArrayList<>();

  /** The next {@code times} matching requests get {@code response}. */
  public synchronized Faults next(String method, String pathPrefix, int times, MockResponse response) {
    faults.add(new Fault(method, pathPrefix, response, new int[] {times}));
    return this;
  }

  public Faults tooManyRequests(String method, String pathPrefix, int times, int retryAfterSeconds, String body) {
    return next(method, pathPrefix, times, json(429, body).newBuilder()
        .setHeader("Retry-After", String.valueOf(retryAfterSeconds)).build());
  }

  public Faults serverError(String method, String pathPrefix, int times, int status, String body) {
    return next(method, pathPrefix, times, json(status, body));
  }

  /** The fault for this request, consumed; null when it gets the normal answer. */
  public synchronized MockResponse take(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (fault.method().equals(request.getMethod()) && path.startsWith(fault.pathPrefix())) {
        if (--fault.remaining()[0] <= 0) {
          it.remove();
        }
        return fault.response();
      }
    }
    return null;
  }

  public static MockResponse json(int status, String body) {
    return new MockResponse(status, Headers.of("Content-Type", "application/json"), body);
  }
}
