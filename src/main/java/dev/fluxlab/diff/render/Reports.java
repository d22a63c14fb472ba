package dev.fluxlab.diff.render;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.diff.DiffReport;
import java.io.PrintWriter;

/** The report formats of {@code fluxlab diff}. */
public final class Reports {
  public enum Format {
    TEXT,
    MARKDOWN,
    JSON,
    HTML;

    /**
     * @throws InvalidInputException naming {@code --format} for anything else
     */
    public static Format parse(String text) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(text)) {
          return f;
        }
      }
      throw new InvalidInputException(
          "--format " + text + ": must be text, markdown, json or html");
    }
  }

  private Reports() {}

  public static void write(DiffReport report, Format format, PrintWriter out) {
    switch (format) {
      case TEXT -> TextReport.print(report, out);
      case MARKDOWN -> MarkdownReport.print(report, out);
      case JSON -> JsonReport.print(report, out);
      case HTML -> HtmlReport.print(report, out);
    }
    out.flush();
  }
}
