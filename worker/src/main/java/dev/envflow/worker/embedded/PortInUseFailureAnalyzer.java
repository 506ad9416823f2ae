package dev.envflow.worker.embedded;

import dev.envflow.activities.embedded.PortInUseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an embedded server's taken port as a problem to fix, not as a stack trace. */
public class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
    return new FailureAnalysis(cause.getMessage(), "Stop the other program or choose another port.", cause);
  }
}
