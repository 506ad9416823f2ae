package dev.envflow.worker.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where one environment's time went, from its history's event times: each event at its offset from the start, each
 * workflow task's and activity's duration, and the totals by kind ({@code -Denvflow.bench.timeline=true} prints the
 * events of figure 1's last run). Local activities run inside workflow tasks; their time is envflow's
 * {@code envflow.step} timer.
 */
final class Timeline {

  private Timeline() {}

  /** Totals in milliseconds: workflow tasks (queued, running), activities (queued, running), timers, and markers. */
  static Map<String, Object> of(WorkflowClient client, String workflowId, PrintStream print) {
    List<HistoryEvent> events = client.fetchHistory(workflowId).getEvents();
    long start = millis(events.get(0));
    Map<Long, HistoryEvent> byId = new HashMap<>();
    double taskQueued = 0;
    double taskRunning = 0;
    double activityQueued = 0;
    double activityRunning = 0;
    int tasks = 0;
    int activities = 0;
    int markers = 0;
    int timers = 0;
    long last = start;
    long taskStarted = start;
    for (HistoryEvent event : events) {
      byId.put(event.getEventId(), event);
      long at = millis(event);
      String note = "";
      EventType type = event.getEventType();
      switch (type) {
        case EVENT_TYPE_WORKFLOW_TASK_STARTED -> {
          long queued = at - millis(byId.get(event.getWorkflowTaskStartedEventAttributes().getScheduledEventId()));
          taskQueued += queued;
          taskStarted = at;
          note = "queued " + queued + " ms";
        }
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> {
          long ran = at - taskStarted;
          taskRunning += ran;
          tasks++;
          note = "ran " + ran + " ms";
        }
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> note = event.getActivityTaskScheduledEventAttributes()
            .getActivityType().getName();
        case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
          HistoryEvent scheduled = byId.get(event.getActivityTaskStartedEventAttributes().getScheduledEventId());
          long queued = at - millis(scheduled);
          activityQueued += queued;
          note = scheduled.getActivityTaskScheduledEventAttributes().getActivityType().getName() + " queued " + queued + " ms";
        }
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
          var completed = event.getActivityTaskCompletedEventAttributes();
          HistoryEvent scheduled = byId.get(completed.getScheduledEventId());
          long ran = at - millis(byId.get(completed.getStartedEventId()));
          activityRunning += ran;
          activities++;
          note = scheduled.getActivityTaskScheduledEventAttributes().getActivityType().getName() + " ran " + ran + " ms";
        }
        case EVENT_TYPE_MARKER_RECORDED -> {
          markers++;
          note = event.getMarkerRecordedEventAttributes().getMarkerName();
        }
        case EVENT_TYPE_TIMER_STARTED -> note = "for " + event.getTimerStartedEventAttributes().getStartToFireTimeout()
            .getSeconds() * 1000 + event.getTimerStartedEventAttributes().getStartToFireTimeout().getNanos() / 1_000_000 + " ms";
        case EVENT_TYPE_TIMER_FIRED -> {
          timers++;
          long started = millis(byId.get(event.getTimerFiredEventAttributes().getStartedEventId()));
          note = "after " + (at - started) + " ms";
        }
        default -> { }
      }
      if (print != null) {
        print.println(String.format(Locale.ROOT, "[bench] timeline %3d %5d ms (+%3d) %-36s %s", event.getEventId(), at - start, at - last,
            type.name().replace("EVENT_TYPE_", ""), note));
      }
      last = at;
    }
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("totalMs", last - start);
    totals.put("clientStartToFirstEventMs", start - Runs.lastStartMs);
    totals.put("lastEventToClientResultMs", Runs.lastResultMs - last);
    totals.put("workflowTasks", tasks);
    totals.put("workflowTasksQueuedMs", taskQueued);
    totals.put("workflowTasksRunningMs", taskRunning);
    totals.put("activities", activities);
    totals.put("activitiesQueuedMs", activityQueued);
    totals.put("activitiesRunningMs", activityRunning);
    totals.put("timersFired", timers);
    totals.put("markers", markers);
    return totals;
  }

  /** Mean and count of each step's time as envflow's activity interceptor recorded it (local activities included). */
  static Map<String, String> stepTimes(MeterRegistry registry) {
    Map<String, String> steps = new LinkedHashMap<>();
    for (Timer timer : registry.find("envflow.step").timers()) {
      if (timer.count() > 0) {
        steps.merge(timer.getId().getTag("step"), String.format(Locale.ROOT, "%d x %.1f ms", timer.count(),
            timer.mean(TimeUnit.MILLISECONDS)), (a, b) -> a + ", " + b);
      }
    }
    return steps;
  }

  private static long millis(HistoryEvent event) {
    if (event == null) {
      return -1_000_000;
    }
    return event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
  }
}
