package dev.fluxlab.diff.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fluxlab.diff.FieldChange;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** How values and field changes read in a report, the same in every format. */
final class Values {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_INLINE = 160;
  private static final int CONTEXT = 2;

  private Values() {}

  /** A value on one line: strings as JSON strings, maps and lists as compact JSON. */
  static String inline(Object value) {
    if (value == null) {
      return "(none)";
    }
    String text;
    try {
      text = JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      text = String.valueOf(value);
    }
    return text.length() <= MAX_INLINE ? text : text.substring(0, MAX_INLINE - 1) + "…";
  }

  /** Both sides are text of several lines: worth a line diff instead of two long strings. */
  static boolean multiLine(FieldChange c) {
    return c.before() instanceof String a
        && c.after() instanceof String b
        && (a.contains("\n") || b.contains("\n"));
  }

  /**
   * The field change as lines: {@code path: before -> after}, or the path followed by a line diff
   * ({@code -}/{@code +}/space prefixes, {@value #CONTEXT} lines of context) for multi-line text.
   */
  static List<String> describe(FieldChange c) {
    List<String> lines = new ArrayList<>();
    if (multiLine(c)) {
      lines.add(c.path() + ":");
      lines.addAll(lineDiff((String) c.before(), (String) c.after()));
    } else if (c.before() == null) {
      lines.add(c.path() + ": added " + inline(c.after()));
    } else if (c.after() == null) {
      lines.add(c.path() + ": removed (was " + inline(c.before()) + ")");
    } else {
      lines.add(c.path() + ": " + inline(c.before()) + " -> " + inline(c.after()));
    }
    return lines;
  }

  /** A unified line diff of two texts (JGit's histogram diff), without headers. */
  static List<String> lineDiff(String before, String after) {
    RawText a = new RawText(before.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    RawText b = new RawText(after.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    EditList edits = new HistogramDiff().diff(RawTextComparator.DEFAULT, a, b);
    List<String> out = new ArrayList<>();
    int shownUpTo = 0;
    for (int n = 0; n < edits.size(); n++) {
      Edit e = edits.get(n);
      int nextBegin = n + 1 < edits.size() ? edits.get(n + 1).getBeginA() : a.size();
      int from = Math.max(shownUpTo, e.getBeginA() - CONTEXT);
      if (from > shownUpTo && !out.isEmpty()) {
        out.add("  …");
      }
      for (int i = from; i < e.getBeginA(); i++) {
        out.add("  " + a.getString(i));
      }
      for (int i = e.getBeginA(); i < e.getEndA(); i++) {
        out.add("- " + a.getString(i));
      }
      for (int i = e.getBeginB(); i < e.getEndB(); i++) {
        out.add("+ " + b.getString(i));
      }
      int to = Math.min(nextBegin, e.getEndA() + CONTEXT);
      for (int i = e.getEndA(); i < to; i++) {
        out.add("  " + a.getString(i));
      }
      shownUpTo = to;
    }
    return out;
  }
}
