package dev.envflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.workflows.spec.NopSpec;
import org.junit.jupiter.api.Test;

/** {@code nop.failStep} names the workflow's own steps, so a step renamed in one place fails here. */
class NopStepNamesTest {

  @Test
  void everyForwardNopStepIsAStepOfTheWorkflowAndEveryUndoNamesOne() {
    for (String step : NopSpec.STEPS) {
      if (step.endsWith(".delete")) {
        String created = step.substring(0, step.length() - ".delete".length());
        assertThat(Steps.ALL).as(step).contains(created.equals("redis") || created.equals("postgres") ? created + ".create" : created);
      } else if (step.equals("deploy.undo")) {
        assertThat(Steps.ALL).contains(Steps.DEPLOY);
      } else {
        assertThat(Steps.ALL).as(step).contains(step);
      }
    }
  }
}
