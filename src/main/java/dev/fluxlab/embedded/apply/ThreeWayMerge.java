package dev.fluxlab.embedded.apply;

import dev.fluxlab.embedded.reconciler.Maps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges a desired manifest into the live object the way server-side apply treats the fields one
 * manager owns: fields in the manifest overwrite the live values (drift is corrected), fields the
 * manager applied last time but no longer declares are removed, and every other field (added by
 * people or other controllers) is left alone. Lists are owned whole, as atomic lists are.
 */
final class ThreeWayMerge {
  private ThreeWayMerge() {}

  /** Returns a new map: {@code live} with {@code desired} applied over {@code lastApplied}. */
  static Map<String, Object> merge(
      Map<String, Object> live, Map<String, Object> lastApplied, Map<String, Object> desired) {
    Map<String, Object> result = Maps.deepCopy(live);
    mergeInto(result, lastApplied == null ? Map.of() : lastApplied, desired);
    return result;
  }

  @SuppressWarnings("unchecked")
  private static void mergeInto(
      Map<String, Object> target, Map<String, Object> lastApplied, Map<String, Object> desired) {
    for (Map.Entry<String, Object> e : desired.entrySet()) {
      Object want = e.getValue();
      Object have = target.get(e.getKey());
      if (want instanceof Map<?, ?> wantMap && have instanceof Map<?, ?> haveMap) {
        Map<String, Object> sub = new LinkedHashMap<>((Map<String, Object>) haveMap);
        Object lastSub = lastApplied.get(e.getKey());
        mergeInto(
            sub,
            lastSub instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(),
            (Map<String, Object>) wantMap);
        target.put(e.getKey(), sub);
      } else {
        target.put(e.getKey(), Maps.deepCopy(want));
      }
    }
    for (String owned : lastApplied.keySet()) {
      if (!desired.containsKey(owned)) {
        target.remove(owned);
      }
    }
  }
}
