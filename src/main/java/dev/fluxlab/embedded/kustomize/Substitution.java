package dev.fluxlab.embedded.kustomize;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flux's post-build variable substitution (envsubst): {@code ${var}}, {@code ${var:=default}} and
 * {@code ${var:-default}}; {@code $${var}} escapes to a literal {@code ${var}}; an unset variable
 * without default becomes empty, as in Flux's default (non-strict) mode.
 */
public final class Substitution {
  private static final Pattern VARIABLE =
      Pattern.compile("\\$(\\$)?\\{([_a-zA-Z][_a-zA-Z0-9]*)(?::?[=-]([^}]*))?\\}");
  private static final Pattern NAME = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");

  private Substitution() {}

  /** Rejects variable names Flux rejects. */
  public static void validateNames(Map<String, String> vars) {
    for (String name : vars.keySet()) {
      if (!NAME.matcher(name).matches()) {
        throw new BuildException(
            "BuildFailed",
            "'"
                + name
                + "' var name is invalid, must match '^[_[:alpha:]][_[:alpha:][:digit:]]*$'");
      }
    }
  }

  public static String apply(String text, Map<String, String> vars) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        replacement = m.group().substring(1); // $${x} -> ${x}
      } else {
        String value = vars.get(m.group(2));
        if ((value == null || value.isEmpty()) && m.group(3) != null) {
          value = m.group(3); // Flux's envsubst takes the default for unset and empty alike
        }
        replacement = value == null ? "" : value;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
