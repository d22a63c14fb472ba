package dev.fluxlab.scenario;

import java.time.Duration;
import java.util.Map;

/**
 * One step of a scenario.
 *
 * @param cluster the cluster it acts on, or null for every cluster
 * @param timeout how long it may take, or null for the scenario's default for its type
 * @param type the action's name in the file (wait, apply, ...), for per-type defaults
 * @param raw the step as written, re-read when it uses outputs of earlier steps ({@code ${name}})
 * @param where the file and step, for messages
 * @param source the scenario file (files a step names are relative to it)
 */
public record Step(
    String name,
    String cluster,
    Duration timeout,
    Action action,
    String type,
    Map<String, Object> raw,
    String where,
    String source) {
  public Step(String name, String cluster, Duration timeout, Action action) {
    this(name, cluster, timeout, action, null, null, null, null);
  }
}
