package dev.fluxlab.embedded.kustomize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers recent results by their inputs, so that a reconcile whose inputs did not change (the
 * interval, a drift correction, another cluster syncing the same commit) neither rebuilds nor
 * reparses. Bounded: the least recently used entries go first. Failures are not remembered.
 */
final class BuildCache<K, V> {
  private final Map<K, V> entries;

  BuildCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The remembered value, or the computed one (remembered); computed outside the lock. */
  V get(K key, Supplier<V> compute) {
    synchronized (entries) {
      V v = entries.get(key);
      if (v != null) {
        return v;
      }
    }
    V v = compute.get();
    synchronized (entries) {
      entries.put(key, v);
    }
    return v;
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** A copy of parsed YAML (maps and lists), so that no caller can change what is remembered. */
  @SuppressWarnings("unchecked")
  static <T> T deepCopy(T value) {
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(k, deepCopy(v)));
      return (T) copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(v -> copy.add(deepCopy(v)));
      return (T) copy;
    }
    return value;
  }
}
