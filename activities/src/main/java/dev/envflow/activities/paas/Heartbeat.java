package dev.envflow.activities.paas;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/** Tells whoever runs this work that it is still alive; a no-op outside a Temporal activity. */
@FunctionalInterface
public interface Heartbeat {

  /** Records progress; may throw when the activity was cancelled or timed out, which stops the work. */
  void beat(String details);

  static Heartbeat none() {
    return details -> {};
  }

  /** The current activity's heartbeat when called on an activity thread, else {@link #none()}. */
  static Heartbeat ofCurrentActivity() {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException | NullPointerException notInAnActivity) {
      return none();
    }
    return context::heartbeat;
  }
}
