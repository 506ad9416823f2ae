package dev.envflow.activities.paas;

import java.time.Duration;
import java.util.List;

/** How a finished command ended: its exit code, how long it ran, and its last output lines (not yet redacted). */
record CommandResult(int exitCode, Duration duration, List<String> lastLines) {}
