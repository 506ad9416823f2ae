package dev.envflow.workflows.activities;

import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Checks, before anything is created, that this worker can serve every provider the spec names. */
@ActivityInterface
public interface PreflightActivities {

  /** Every problem found (e.g. a provider with no credentials configured on the worker); empty when ready. */
  List<String> checkProviders(EnvironmentSpec spec);
}
