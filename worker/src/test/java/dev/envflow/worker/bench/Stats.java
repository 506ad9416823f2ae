package dev.envflow.worker.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of a list of measurements (nearest rank). */
final class Stats {

  private final List<Double> sorted;

  Stats(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no measurements");
    }
    this.sorted = new ArrayList<>(values);
    Collections.sort(sorted);
  }

  double percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  double p50() {
    return percentile(50);
  }

  double p95() {
    return percentile(95);
  }

  double p99() {
    return percentile(99);
  }

  double max() {
    return sorted.get(sorted.size() - 1);
  }

  int count() {
    return sorted.size();
  }
}
