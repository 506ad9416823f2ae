package dev.envflow.worker.metrics;

import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;

/**
 * Times every activity where it runs, so the workflow records nothing itself: each step
 * ({@code envflow.step}), each compensation ({@code envflow.compensations}), and an environment reaching a final
 * phase ({@code envflow.provisioning}).
 */
public class ActivityMetricsInterceptor extends WorkerInterceptorBase {

  private final EnvflowMetrics metrics;

  public ActivityMetricsInterceptor(EnvflowMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String type;

      @Override
      public void init(ActivityExecutionContext context) {
        type = context.getInfo().getActivityType();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        long started = System.nanoTime();
        String outcome = "failure";
        try {
          ActivityOutput output = super.execute(input);
          outcome = "success";
          return output;
        } finally {
          record(type, input.getArguments(), outcome, System.nanoTime() - started);
        }
      }
    };
  }

  private void record(String type, Object[] arguments, String outcome, long nanos) {
    metrics.step(StepNames.of(type), provider(type, arguments), outcome, nanos);
    if (type.startsWith("Delete")) {
      metrics.compensation(resourceKind(arguments), outcome);
    }
    if ("RecordPhase".equals(type) && arguments.length == 2 && arguments[1] instanceof Phase phase && phase.isFinal()
        && "success".equals(outcome)) {
      metrics.environmentEnded(String.valueOf(arguments[0]), phase);
    }
  }

  private static String provider(String type, Object[] arguments) {
    for (Object argument : arguments) {
      if (argument instanceof Resource resource) {
        return resource.provider();
      }
    }
    for (Object argument : arguments) {
      if (argument instanceof EnvironmentSpec spec) {
        return StepNames.providerOf(type, spec);
      }
    }
    return "envflow";
  }

  private static String resourceKind(Object[] arguments) {
    for (Object argument : arguments) {
      if (argument instanceof Resource resource) {
        return resource.kind();
      }
    }
    return "unknown";
  }
}
