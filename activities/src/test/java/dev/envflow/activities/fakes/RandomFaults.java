package dev.envflow.activities.fakes;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/**
 * A fake API's transient faults at a rate (the fault-injection suite's scenario 1b, docs/RELIABILITY.md): with
 * probability {@code rate} a request gets one of 429 with {@code Retry-After}, 500, 503, an answer slower than
 * the client's read timeout, or a connection reset — chosen by a seeded {@link Random}, so a run can be repeated.
 * Half of the faults come <em>after</em> the fake applied the request, like a provider whose answer was lost, so
 * a retried create must find and adopt what the first attempt made. Off until {@link #rate} is set. Thread-safe.
 */
public final class RandomFaults {

  /** The kinds of fault, each as likely as the others. */
  public enum Kind { TOO_MANY_REQUESTS, INTERNAL_ERROR, UNAVAILABLE, SLOW, RESET }

  /** One drawn fault: what, and whether the fake applies the request first. */
  public record Fault(Kind kind, boolean afterHandling) {}

  private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
  private Random random = new Random(0);
  private double rate;
  private long slowMillis;
  private int afterHandling;
  private final java.util.List<String> lostAnswers = new java.util.ArrayList<>();

  /**
   * From now on, a fraction {@code rate} of requests fail; a slow answer starts only after {@code slowMillis}
   * (make it longer than the client's read timeout). {@code rate} 0 turns the faults off.
   */
  public synchronized RandomFaults rate(double rate, long seed, long slowMillis) {
    this.rate = rate;
    this.random = new Random(seed);
    this.slowMillis = slowMillis;
    return this;
  }

  /** The fault for the next request, {@code METHOD /path}, or null when it gets the normal answer. */
  public synchronized Fault draw(String request) {
    if (rate <= 0 || random.nextDouble() >= rate) {
      return null;
    }
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    boolean after = random.nextBoolean();
    injected.merge(kind, 1, Integer::sum);
    if (after) {
      afterHandling++;
      lostAnswers.add(request);
    }
    return new Fault(kind, after);
  }

  /**
   * The answer to one authenticated request, {@code METHOD /path}: {@code handle}'s, or a fault drawn for it — before
   * {@code handle} runs (the request has no effect) or after (its effect happens, its answer is lost). {@code error}
   * gives the API's own error envelope for a status. Every fake with a rate mode answers through this.
   */
  public MockResponse answer(String request, java.util.function.Supplier<MockResponse> handle,
      java.util.function.IntFunction<MockResponse> error) {
    Fault fault = draw(request);
    if (fault == null) {
      return handle.get();
    }
    return answer(fault, fault.afterHandling() ? handle.get() : null, error);
  }

  /**
   * The answer the client gets for {@code fault}: {@code error} (the provider's envelope for a status) for 429 and
   * 5xx; for a slow answer, {@code handled} (or a 503 when the request was not handled) only after the delay; for
   * a reset, the connection closed instead of any answer.
   */
  public synchronized MockResponse answer(Fault fault, MockResponse handled,
      java.util.function.IntFunction<MockResponse> error) {
    return switch (fault.kind()) {
      case TOO_MANY_REQUESTS -> new MockResponse.Builder(error.apply(429)).setHeader("Retry-After", "1").build();
      case INTERNAL_ERROR -> error.apply(500);
      case UNAVAILABLE -> error.apply(503);
      case SLOW -> new MockResponse.Builder(handled != null ? handled : error.apply(503))
          .headersDelay(slowMillis, TimeUnit.MILLISECONDS).build();
      case RESET -> new MockResponse.Builder(handled != null ? handled : error.apply(503))
          .onResponseStart(new SocketEffect.CloseSocket(true, true, true)).build();
    };
  }

  /** How many faults were injected, by kind. */
  public synchronized Map<Kind, Integer> injected() {
    return Map.copyOf(injected);
  }

  public synchronized int total() {
    return injected.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** {@code METHOD /path} of each request whose answer was lost after the fake applied it. */
  public synchronized java.util.List<String> lostAnswers() {
    return java.util.List.copyOf(lostAnswers);
  }

  /** How many of them came after the request was applied (a lost answer). */
  public synchronized int afterHandling() {
    return afterHandling;
  }
}
