package dev.fluxlab.embedded.spec;

import java.util.List;
import java.util.stream.Collectors;

/** The registries as the README's Markdown table: field, handled or refused, why. */
public final class SpecFieldTable {
  private SpecFieldTable() {}

  public static String markdown(List<SpecFields> registries) {
    StringBuilder out = new StringBuilder();
    for (SpecFields registry : registries) {
      out.append("\n`")
          .append(registry.apiVersion())
          .append("` ")
          .append(registry.kind())
          .append(":\n\n| field | embedded backend | note |\n|---|---|---|\n");
      for (SpecField f : registry.fields()) {
        out.append("| `")
            .append(f.path())
            .append("` | ")
            .append(support(f))
            .append(" | ")
            .append(f.note())
            .append(" |\n");
      }
    }
    return out.toString();
  }

  private static String support(SpecField f) {
    if (f.support() == SpecField.Support.HANDLED) {
      return "supported";
    }
    if (f.accepted().isEmpty()) {
      return "refused";
    }
    return "refused unless "
        + f.accepted().stream().map(v -> "`" + v + "`").sorted().collect(Collectors.joining(", "));
  }
}
