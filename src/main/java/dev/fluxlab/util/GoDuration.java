package dev.fluxlab.util;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations the way Flux objects spell them ("1m", "30s", "1h30m", "500ms"). */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  /**
   * Parses a Go duration string.
   *
   * @throws IllegalArgumentException when the text is not a Go duration
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration");
    }
    String s = text.trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    int end = 0;
    double nanos = 0;
    while (m.find() && m.start() == end) {
      nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
      end = m.end();
    }
    if (end == 0 || end != s.length()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (examples: 30s, 1m, 1h30m, 500ms)");
    }
    return Duration.ofNanos((long) nanos);
  }

  private static double unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1;
      case "us", "µs" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      default -> 3600e9;
    };
  }

  /**
   * Formats a duration as Go's {@code time.Duration.String()} does, for messages that quote a Flux
   * controller word for word: 5m as "5m0s", 1h as "1h0m0s", 90s as "1m30s", 1.5s as "1.5s".
   */
  public static String goString(Duration d) {
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return format(d);
    }
    long h = d.toHours();
    long m = d.toMinutesPart();
    String seconds =
        java.math.BigDecimal.valueOf(d.toSecondsPart())
                .add(java.math.BigDecimal.valueOf(d.toNanosPart(), 9))
                .stripTrailingZeros()
                .toPlainString()
            + "s";
    if (h > 0) {
      return h + "h" + m + "m" + seconds;
    }
    return m > 0 ? m + "m" + seconds : seconds;
  }

  /** Formats a duration compactly, e.g. 90s as "1m30s". */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    StringBuilder sb = new StringBuilder();
    long h = d.toHours();
    long m = d.toMinutesPart();
    long s = d.toSecondsPart();
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (m > 0) {
      sb.append(m).append('m');
    }
    if (s > 0 || sb.length() == 0) {
      sb.append(s).append('s');
    }
    return sb.toString();
  }
}
