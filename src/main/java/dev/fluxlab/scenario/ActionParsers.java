package dev.fluxlab.scenario;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.util.GoDuration;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the arguments of one action (the mapping under its key) into an {@link Action}, with the
 * checks the schema cannot express; every message names the file, the step and the field.
 */
final class ActionParsers {
  private ActionParsers() {}

  /** What a get collector prints: objects, without expectations (they would be ignored). */
  static ObjectRef collected(Map<String, Object> a, String w) {
    for (String key : a.keySet()) {
      if (!Set.of("apiVersion", "kind", "namespace", "name", "selector").contains(key)) {
        throw new InvalidInputException(
            w + ": field '" + key + "' is an expectation; get only prints objects");
      }
    }
    return checked(a, w);
  }

  /** The events of a namespace, or of one object in it. */
  static ObjectRef eventsOf(Map<String, Object> a, String w) {
    return new ObjectRef(
        "v1", "Event", required(a, "namespace", w), string(a, "name", w, null), null);
  }

  /** The logs of one pod, of the pods a selector finds, or of every pod of a namespace. */
  static Action.Logs logs(Map<String, Object> a, String w) {
    String name = string(a, "name", w, null);
    String selector = string(a, "selector", w, null);
    if (name != null && selector != null) {
      throw new InvalidInputException(w + ": give at most one of 'name', 'selector'");
    }
    Object tail = a.get("tail");
    if (tail != null && !(tail instanceof Integer lines && lines > 0)) {
      throw new InvalidInputException(w + ": field 'tail' must be a positive number of lines");
    }
    return new Action.Logs(
        required(a, "namespace", w),
        name,
        selector,
        string(a, "container", w, null),
        (Integer) tail);
  }

  static Action.EditFile edit(Map<String, Object> a, String w) {
    String file = required(a, "file", w);
    boolean delete = Boolean.TRUE.equals(a.get("delete"));
    boolean revert = Boolean.TRUE.equals(a.get("revert"));
    String set = string(a, "set", w, null);
    String replace = string(a, "replace", w, null);
    String content = string(a, "content", w, null);
    int modes =
        (delete ? 1 : 0)
            + (revert ? 1 : 0)
            + (set != null ? 1 : 0)
            + (replace != null ? 1 : 0)
            + (content != null ? 1 : 0);
    if (modes != 1) {
      throw new InvalidInputException(
          w + ": give exactly one of set+value, replace+with, content, delete, revert");
    }
    if (set != null && !a.containsKey("value")) {
      throw new InvalidInputException(w + ": 'set' needs 'value'");
    }
    if (replace != null && !a.containsKey("with")) {
      throw new InvalidInputException(w + ": 'replace' needs 'with'");
    }
    String encrypt = string(a, "encrypt", w, null);
    Action.EditFile.Encryption encryption = Action.EditFile.Encryption.NONE;
    if (encrypt != null) {
      if (content == null) {
        throw new InvalidInputException(w + ": 'encrypt' needs 'content'");
      }
      encryption =
          switch (encrypt) {
            case "environment" -> Action.EditFile.Encryption.ENVIRONMENT;
            case "other-key" -> Action.EditFile.Encryption.OTHER_KEY;
            default ->
                throw new InvalidInputException(
                    w + ": 'encrypt' is 'environment' or 'other-key', not '" + encrypt + "'");
          };
    }
    return new Action.EditFile(
        string(a, "repo", w, "fleet"),
        file,
        set,
        a.containsKey("value") ? String.valueOf(a.get("value")) : null,
        replace,
        a.containsKey("with") ? String.valueOf(a.get("with")) : null,
        content,
        delete,
        revert,
        string(a, "message", w, "fluxlab scenario: edit " + file),
        encryption);
  }

  /** A manifest inline or from a file next to the scenario; every document needs its identity. */
  static Action.Apply apply(Map<String, Object> a, String w, String source) {
    String inline = string(a, "manifest", w, null);
    String file = string(a, "file", w, null);
    if ((inline == null) == (file == null)) {
      throw new InvalidInputException(w + ": give exactly one of 'manifest', 'file'");
    }
    String text = inline;
    if (file != null) {
      Path base = Path.of(source).toAbsolutePath().getParent();
      Path path = base.resolve(file).normalize();
      try {
        text = Files.readString(path);
      } catch (IOException e) {
        throw new InvalidInputException(w + ": field 'file': cannot read " + path);
      }
    }
    List<Map<String, Object>> docs;
    try {
      docs = Yaml.documents(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(w + ": the manifest is not valid YAML: " + e.getMessage());
    }
    if (docs.isEmpty()) {
      throw new InvalidInputException(w + ": the manifest has no objects");
    }
    for (int i = 0; i < docs.size(); i++) {
      Map<String, Object> doc = docs.get(i);
      String d = w + ": manifest document " + (i + 1);
      if (!(doc.get("apiVersion") instanceof String) || !(doc.get("kind") instanceof String)) {
        throw new InvalidInputException(d + " needs apiVersion and kind");
      }
      if (!(doc.get("metadata") instanceof Map<?, ?> md) || md.get("name") == null) {
        throw new InvalidInputException(d + " needs metadata.name");
      }
    }
    return new Action.Apply(docs, string(a, "namespace", w, null));
  }

  static Action.Run run(Map<String, Object> a, String w, String action) {
    List<String> command = null;
    String script = null;
    if (action.equals("command")) {
      if (!(a.get("args") instanceof List<?> args) || args.isEmpty()) {
        throw new InvalidInputException(w + ": field 'args' must be a non-empty list");
      }
      command = args.stream().map(String::valueOf).toList();
    } else {
      script = required(a, "content", w);
    }
    Object exit = a.getOrDefault("exitCode", 0);
    if (!(exit instanceof Integer code)) {
      throw new InvalidInputException(w + ": field 'exitCode' must be a number");
    }
    return new Action.Run(
        command,
        script,
        code,
        string(a, "stdoutContains", w, null),
        string(a, "stderrContains", w, null),
        string(a, "output", w, null));
  }

  static Action.Http http(Map<String, Object> a, String w) {
    String[] service = required(a, "service", w).split("/", 2);
    if (service.length != 2) {
      throw new InvalidInputException(w + ": field 'service' must be NAMESPACE/NAME");
    }
    Object status = a.getOrDefault("status", 200);
    if (!(status instanceof Integer code)) {
      throw new InvalidInputException(w + ": field 'status' must be a number");
    }
    Object port = a.get("port");
    return new Action.Http(
        service[0],
        service[1],
        port == null ? null : String.valueOf(port),
        string(a, "path", w, "/"),
        code,
        string(a, "bodyContains", w, null),
        string(a, "output", w, null));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> mapping(Map<String, Object> a, String key, String w) {
    if (!(a.get(key) instanceof Map<?, ?> m)) {
      throw new InvalidInputException(w + ": field '" + key + "' must be a mapping");
    }
    return (Map<String, Object>) m;
  }

  static ObjectRef ref(Map<String, Object> a, String w) {
    return ref(a, w, required(a, "name", w), null);
  }

  /** What a check looks at: one object by name, or every object a label selector finds. */
  static ObjectRef checked(Map<String, Object> a, String w) {
    String name = string(a, "name", w, null);
    String selector = string(a, "selector", w, null);
    if ((name == null) == (selector == null)) {
      throw new InvalidInputException(w + ": give exactly one of 'name', 'selector'");
    }
    return ref(a, w, name, selector);
  }

  static ObjectRef ref(Map<String, Object> a, String w, String name, String selector) {
    ObjectRef ref =
        new ObjectRef(
            string(a, "apiVersion", w, null),
            required(a, "kind", w),
            string(a, "namespace", w, null),
            name,
            selector);
    if (ref.apiVersion() == null && ref.fluxKind().isEmpty()) {
      throw new InvalidInputException(
          w
              + ": field 'apiVersion' is required for kind "
              + ref.kind()
              + " (only Flux kinds may omit it)");
    }
    return ref;
  }

  static Expectation expectation(Map<String, Object> a, String w) {
    Object ready = a.get("ready");
    if (ready != null && !(ready instanceof Boolean)) {
      throw new InvalidInputException(w + ": field 'ready' must be true or false");
    }
    String field = string(a, "field", w, null);
    if (field == null && (a.containsKey("equals") || a.containsKey("contains"))) {
      throw new InvalidInputException(w + ": 'equals'/'contains' need 'field'");
    }
    Object object = a.get("object");
    if (object != null && !(object instanceof Map)) {
      throw new InvalidInputException(w + ": field 'object' must be a mapping");
    }
    CelExpression expr = null;
    String exprText = string(a, "expr", w, null);
    if (exprText != null) {
      try {
        expr = CelExpression.compile(exprText);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(w + ": field 'expr': " + e.getMessage());
      }
    }
    return new Expectation(
        (Boolean) ready,
        string(a, "reason", w, null),
        string(a, "messageContains", w, null),
        string(a, "revision", w, null),
        string(a, "revisionContains", w, null),
        field,
        a.get("equals"),
        string(a, "contains", w, null),
        Boolean.TRUE.equals(a.get("absent")),
        object,
        expr);
  }

  static String required(Map<String, Object> a, String key, String w) {
    String v = string(a, key, w, null);
    if (v == null || v.isEmpty()) {
      throw new InvalidInputException(w + ": field '" + key + "' is required");
    }
    return v;
  }

  static String string(Map<String, Object> a, String key, String w, String def) {
    Object v = a.get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Map || v instanceof List) {
      throw new InvalidInputException(w + ": field '" + key + "' must be a scalar");
    }
    return String.valueOf(v);
  }

  static Duration duration(Map<String, Object> a, String key, String w) {
    String v = string(a, key, w, null);
    if (v == null) {
      return null;
    }
    try {
      return GoDuration.parse(v);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(w + ": field '" + key + "': " + e.getMessage());
    }
  }
}
