package dev.fluxlab.scenario;

import dev.fluxlab.api.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code --shard I/N}: the I-th (1-based) of N shares of the scenarios, sorted by name and dealt
 * round-robin, so N CI jobs together run each scenario exactly once.
 */
public record Shard(int index, int count) {
  public static final Shard ALL = new Shard(1, 1);

  /** Parses {@code I/N}; null is every scenario. */
  public static Shard parse(String text) {
    if (text == null) {
      return ALL;
    }
    String[] parts = text.split("/", -1);
    try {
      if (parts.length == 2) {
        Shard s = new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        if (s.count >= 1 && s.index >= 1 && s.index <= s.count) {
          return s;
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        "--shard '" + text + "': give I/N with 1 <= I <= N (for example 2/4)");
  }

  public List<Scenario> of(List<Scenario> scenarios) {
    if (count == 1) {
      return scenarios;
    }
    List<Scenario> sorted = new ArrayList<>(scenarios);
    sorted.sort(Comparator.comparing(Scenario::name));
    List<Scenario> mine = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      if (i % count == index - 1) {
        mine.add(sorted.get(i));
      }
    }
    return mine;
  }
}
