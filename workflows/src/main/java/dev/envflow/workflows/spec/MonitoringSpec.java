package dev.envflow.workflows.spec;

public record MonitoringSpec(String provider, String metricPrefix, AlertsSpec alerts, ContactsSpec contacts) {}
