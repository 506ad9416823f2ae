package dev.envflow.workflows.spec;

public record RedisSpec(String provider, String plan, String evictionPolicy, boolean tls) {}
