package dev.envflow.activities.nop;

import dev.envflow.workflows.model.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the nop providers of this worker "created": nothing exists outside envflow, so this in-memory record is
 * how tests, benchmarks and the fault-injection suite see duplicates and leftovers. A resource is keyed by kind
 * and deterministic name, like every provider's: creating it again while it is live adopts it. It lives as long
 * as the worker process; after a restart, deleting what it no longer knows succeeds, as deleting what is gone
 * does for any provider.
 */
public final class NopLedger {

  private record Entry(int creations, int adoptions, boolean live) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private long calls;
  private long transientFailures;
  private long permanentFailures;

  /** Creates the resource, or adopts it when it is live; true when created. */
  synchronized boolean create(ResourceKind kind, String name) {
    String key = key(kind, name);
    Entry entry = entries.getOrDefault(key, new Entry(0, 0, false));
    Entry next = entry.live() ? new Entry(entry.creations(), entry.adoptions() + 1, true)
        : new Entry(entry.creations() + 1, entry.adoptions(), true);
    entries.put(key, next);
    return !entry.live();
  }

  /** Deletes it; true when it was live (deleting what is gone succeeds and answers false). */
  synchronized boolean delete(ResourceKind kind, String name) {
    String key = key(kind, name);
    Entry entry = entries.get(key);
    if (entry == null || !entry.live()) {
      return false;
    }
    entries.put(key, new Entry(entry.creations(), entry.adoptions(), false));
    return true;
  }

  synchronized boolean isLive(ResourceKind kind, String name) {
    Entry entry = entries.get(key(kind, name));
    return entry != null && entry.live();
  }

  /** The live resources whose name is {@code name} (an environment's {@code {app}-{environment}}), e.g. {@code REDIS_USER a-b}. */
  public synchronized List<String> live(String name) {
    List<String> live = new ArrayList<>();
    entries.forEach((key, entry) -> {
      if (entry.live() && key.endsWith(" " + name)) {
        live.add(key);
      }
    });
    return live;
  }

  /** Every live resource. */
  public synchronized List<String> live() {
    List<String> live = new ArrayList<>();
    entries.forEach((key, entry) -> {
      if (entry.live()) {
        live.add(key);
      }
    });
    return live;
  }

  /** How many times the resource was created (not adopted) since this worker started. */
  public synchronized int creations(ResourceKind kind, String name) {
    Entry entry = entries.get(key(kind, name));
    return entry == null ? 0 : entry.creations();
  }

  /** How many times a create found the resource live and adopted it (a retried or replayed create). */
  public synchronized long adoptions() {
    return entries.values().stream().mapToLong(Entry::adoptions).sum();
  }

  synchronized void called(Outcome outcome) {
    calls++;
    switch (outcome) {
      case TRANSIENT_FAILURE -> transientFailures++;
      case PERMANENT_FAILURE -> permanentFailures++;
      case SUCCESS -> { }
    }
  }

  /** Every call of a nop provider, failed or not. */
  public synchronized long calls() {
    return calls;
  }

  public synchronized long transientFailures() {
    return transientFailures;
  }

  public synchronized long permanentFailures() {
    return permanentFailures;
  }

  /** Forgets everything (between benchmark rounds). */
  public synchronized void clear() {
    entries.clear();
    calls = 0;
    transientFailures = 0;
    permanentFailures = 0;
  }

  private static String key(ResourceKind kind, String name) {
    return kind.name() + " " + name;
  }

  enum Outcome { SUCCESS, TRANSIENT_FAILURE, PERMANENT_FAILURE }
}
