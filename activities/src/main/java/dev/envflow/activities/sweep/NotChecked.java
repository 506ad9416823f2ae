package dev.envflow.activities.sweep;

/** Where the sweep could not look, and why: a provider that cannot list, or one that failed to answer. */
public record NotChecked(String provider, String kinds, String why) {}
