package dev.envflow.worker.api;

import dev.envflow.workflows.model.EnvironmentStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last status each running provisioning's workflow answered in this process, so that one too busy to answer now
 * is shown with its steps and approval as they were a moment ago rather than none. Bounded: the least recently
 * asked are forgotten first; final phases are not kept (their workflow answers at once).
 */
final class LastAnswers {

  static final int LIMIT = 10_000;

  /** A remembered answer and when it was given. */
  record Answer(EnvironmentStatus status, long atMillis) {}

  private final Map<String, Answer> answers = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
      return size() > LIMIT;
    }
  };

  synchronized void remember(EnvironmentStatus status, long atMillis) {
    if (status.phase() == null || status.phase().isFinal()) {
      answers.remove(status.environmentId());
    } else {
      answers.put(status.environmentId(), new Answer(status, atMillis));
    }
  }

  synchronized Optional<Answer> recall(String environmentId) {
    return Optional.ofNullable(answers.get(environmentId));
  }
}
