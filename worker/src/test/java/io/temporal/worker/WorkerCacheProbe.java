package io.temporal.worker;

/**
 * For the benchmark only: the size of a worker factory's workflow cache, and emptying it, to tell the worker's share
 * of the heap from the in-process Temporal server's. The SDK keeps the cache package-private, hence this package.
 */
public final class WorkerCacheProbe {

  private WorkerCacheProbe() {}

  public static long size(WorkerFactory factory) {
    return factory.getCache().size();
  }

  public static void invalidateAll(WorkerFactory factory) {
    factory.getCache().invalidateAll();
  }
}
