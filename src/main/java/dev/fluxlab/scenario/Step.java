package dev.fluxlab.scenario;

import java.time.Duration;

/**
 * One step of a scenario.
 *
 * @param cluster the cluster it acts on, or null for every cluster
 * @param timeout how long a wait may take, or null for the environment's timeout.ready
 */
public record Step(String name, String cluster, Duration timeout, Action action) {}
