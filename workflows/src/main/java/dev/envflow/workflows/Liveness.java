package dev.envflow.workflows;

import java.time.Duration;

/**
 * How Temporal learns that a worker running a provider call died. Activities whose options carry
 * {@link #HEARTBEAT_TIMEOUT} do not report progress themselves; the worker heartbeats for them every third of it while
 * they run. When the worker is killed the heartbeats stop, and the call is retried elsewhere after 20 seconds instead
 * of after its start-to-close timeout (up to 15 minutes for a migration). Activities that report their own progress
 * (deploy, its undo, the load step) use other heartbeat timeouts and are left alone.
 */
public final class Liveness {

  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(20);

  private Liveness() {}
}
