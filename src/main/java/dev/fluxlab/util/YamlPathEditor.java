package dev.fluxlab.util;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets a scalar at a dotted path ({@code spec.chart.spec.version}) in YAML text, changing only that
 * value so comments and layout survive, as a person editing the file would. Handles block mappings
 * (what Kubernetes manifests use); in a multi-document file the first document that has the path is
 * edited.
 */
public final class YamlPathEditor {
  private static final Pattern KEY_LINE =
      Pattern.compile("^(\\s*)([A-Za-z0-9_.\\-/]+|\"[^\"]+\"):(\\s*)(.*)$");

  private YamlPathEditor() {}

  /**
   * @return the edited text
   * @throws IllegalArgumentException when no document has the path (as a scalar)
   */
  public static String set(String yaml, String dottedPath, String value) {
    String[] path = dottedPath.split("\\.");
    List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
    List<String> stack = new ArrayList<>();
    List<Integer> indents = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("---")) {
        stack.clear();
        indents.clear();
        continue;
      }
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      Matcher m = KEY_LINE.matcher(line);
      int indent = line.length() - line.stripLeading().length();
      while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
        indents.remove(indents.size() - 1);
        stack.remove(stack.size() - 1);
      }
      String content = line.stripLeading();
      if (content.startsWith("- ") || content.equals("-")) {
        // A list item: the lines indented below it are the item's fields, not the list parent's.
        stack.add("-");
        indents.add(indent);
        continue;
      }
      if (!m.matches()) {
        continue;
      }
      String key = m.group(2).replace("\"", "");
      stack.add(key);
      indents.add(indent);
      if (stack.equals(List.of(path))) {
        String rest = m.group(4);
        String comment = "";
        int hash = rest.indexOf(" #");
        if (hash >= 0) {
          comment = rest.substring(hash);
        }
        if (rest.isBlank() || rest.startsWith("|") || rest.startsWith(">")) {
          throw new IllegalArgumentException(dottedPath + " is not a scalar");
        }
        lines.set(i, m.group(1) + m.group(2) + ":" + " " + quote(value) + comment);
        return String.join("\n", lines);
      }
    }
    throw new IllegalArgumentException("no field " + dottedPath);
  }

  /** Reads the scalar at a path (first document that has it), or null. */
  public static Object get(String yaml, String dottedPath) {
    for (var doc : Yaml.documents(yaml)) {
      Object cur = doc;
      for (String p : dottedPath.split("\\.")) {
        cur = cur instanceof java.util.Map<?, ?> m ? m.get(p) : null;
      }
      if (cur != null) {
        return cur;
      }
    }
    return null;
  }

  /** Quotes values YAML would otherwise read as another type (versions, booleans, numbers). */
  private static String quote(String value) {
    if (value.matches("[A-Za-z_][A-Za-z0-9_./-]*")
        && !value.matches("(?i)true|false|yes|no|null|on|off|~")) {
      return value;
    }
    if (value.matches("-?\\d+")) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
