package dev.fluxlab.util;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** YAML reading and writing for manifests and fluxlab's own files. */
public final class Yaml {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              // Without it, the string "1.0" is written as 1.0 and read back as a number.
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());

  private Yaml() {}

  /**
   * Reads every non-empty document of a multi-document YAML stream.
   *
   * @throws IllegalArgumentException with the parser's message (line and column) when malformed
   */
  public static List<Map<String, Object>> documents(String yaml) {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (MappingIterator<Object> it = MAPPER.readerFor(Object.class).readValues(yaml)) {
      while (it.hasNext()) {
        Object doc = it.next();
        if (doc instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked")
          Map<String, Object> typed = (Map<String, Object>) m;
          docs.add(typed);
        } else if (doc != null) {
          throw new IllegalArgumentException("document is not a mapping: " + doc);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(firstLine(e.getMessage()), e);
    }
    return docs;
  }

  /** Reads one YAML mapping. */
  public static Map<String, Object> map(String yaml) {
    try {
      Map<String, Object> m = MAPPER.readValue(yaml, new TypeReference<>() {});
      return m == null ? Map.of() : m;
    } catch (IOException e) {
      throw new IllegalArgumentException(firstLine(e.getMessage()), e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Several documents separated by {@code ---}. */
  public static String writeAll(List<?> docs) {
    StringBuilder sb = new StringBuilder();
    for (Object d : docs) {
      sb.append("---\n").append(write(d));
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid YAML";
    }
    return String.join(" ", s.lines().limit(3).map(String::trim).toList());
  }
}
