package dev.fluxlab.embedded.kustomize;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.fluxlab.embedded.apply.Health;
import dev.fluxlab.embedded.reconciler.Maps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kustomization's {@code healthCheckExprs}: per API group and kind, CEL expressions that judge an
 * object's health instead of kstatus, evaluated as Flux's CEL status reader does — InProgress while
 * {@code status.observedGeneration} lags {@code metadata.generation}, then the first of {@code
 * inProgress}, {@code failed}, {@code current} that is true, else InProgress. The expressions see
 * the object's top-level fields ({@code metadata}, {@code spec}, {@code status}, ...) as variables.
 */
final class CelHealthChecks {
  /** Flux's reason for a healthCheckExprs entry that does not parse. */
  static final String INVALID = "InvalidCELExpression";

  private static final List<String> VARIABLES =
      List.of("apiVersion", "kind", "metadata", "spec", "status", "data", "type");

  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .setOptions(CelOptions.current().enableTimestampEpoch(true).build())
          .addCompilerLibraries(
              CelExtensions.strings(),
              CelExtensions.encoders(),
              CelExtensions.sets(CelOptions.DEFAULT),
              CelExtensions.optional())
          .addRuntimeLibraries(
              CelExtensions.strings(),
              CelExtensions.encoders(),
              CelExtensions.sets(CelOptions.DEFAULT),
              CelExtensions.optional())
          .addVarDeclarations(
              VARIABLES.stream()
                  .map(v -> dev.cel.common.CelVarDecl.newVarDeclaration(v, SimpleType.DYN))
                  .toList())
          .build();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private record Rule(String group, String kind, Expr inProgress, Expr failed, Expr current) {}

  private record Expr(String text, Cel.Program program) {}

  private final List<Rule> rules;

  private CelHealthChecks(List<Rule> rules) {
    this.rules = rules;
  }

  /**
   * @throws BuildException {@value #INVALID} when an expression does not parse or {@code current}
   *     is missing, with Flux's wording
   */
  static CelHealthChecks of(List<Object> healthCheckExprs) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < healthCheckExprs.size(); i++) {
      Object hc = healthCheckExprs.get(i);
      String apiVersion = Maps.stringOr(hc, "", "apiVersion");
      String group =
          apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
      String kind = Maps.stringOr(hc, "", "kind");
      for (Rule r : rules) {
        if (r.group().equals(group) && r.kind().equals(kind)) {
          throw invalid(
              "duplicate custom health check for GroupKind "
                  + (kind.isEmpty() ? "" : kind + ".")
                  + group
                  + " at healthchecks["
                  + i
                  + "]");
        }
      }
      String current = Maps.string(hc, "current");
      if (current == null || current.isEmpty()) {
        throw invalid(
            "failed to create custom status evaluator for healthchecks["
                + i
                + "]: expression Current not specified");
      }
      rules.add(
          new Rule(
              group,
              kind,
              compile(i, "InProgress", Maps.string(hc, "inProgress")),
              compile(i, "Failed", Maps.string(hc, "failed")),
              compile(i, "Current", current)));
    }
    return new CelHealthChecks(rules);
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  /**
   * The health of {@code obj}: by its expressions when its group and kind have some, else kstatus.
   */
  Health.State judge(GenericKubernetesResource obj) {
    if (obj == null) {
      return Health.State.NOT_FOUND;
    }
    Rule rule = ruleFor(obj);
    if (rule == null) {
      return Health.of(obj);
    }
    Map<String, Object> content = normalized(JSON.convertValue(obj, MAP));
    Object observed = Maps.get(content, "status", "observedGeneration");
    Long generation = obj.getMetadata().getGeneration();
    if (observed instanceof Number o && generation != null && o.longValue() != generation) {
      return Health.State.IN_PROGRESS;
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    for (String v : VARIABLES) {
      if (content.containsKey(v)) {
        vars.put(v, content.get(v));
      }
    }
    if (isTrue(rule.inProgress(), vars)) {
      return Health.State.IN_PROGRESS;
    }
    if (isTrue(rule.failed(), vars)) {
      return Health.State.FAILED;
    }
    return isTrue(rule.current(), vars) ? Health.State.CURRENT : Health.State.IN_PROGRESS;
  }

  private Rule ruleFor(GenericKubernetesResource obj) {
    String apiVersion = obj.getApiVersion() == null ? "" : obj.getApiVersion();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    Rule byGroup = null;
    for (Rule r : rules) {
      if (r.group().equals(group) && r.kind().equals(obj.getKind())) {
        return r;
      }
      if (r.group().equals(group) && r.kind().isEmpty()) {
        byGroup = r;
      }
    }
    return byGroup;
  }

  /**
   * An expression that fails to evaluate (a field the object lacks) leaves the object unjudged,
   * which waiting reads as not yet healthy, as kstatus' Unknown is.
   */
  private static boolean isTrue(Expr expr, Map<String, Object> vars) {
    if (expr == null) {
      return false;
    }
    try {
      return Boolean.TRUE.equals(expr.program().eval(vars));
    } catch (CelEvaluationException e) {
      return false;
    }
  }

  private static Expr compile(int index, String which, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      CelAbstractSyntaxTree ast = CEL.compile(text).getAst();
      return new Expr(text, CEL.createProgram(ast));
    } catch (CelValidationException | CelEvaluationException e) {
      throw invalid(
          "failed to create custom status evaluator for healthchecks["
              + index
              + "]: failed to parse the expression "
              + which
              + ": failed to parse the CEL expression '"
              + text
              + "': "
              + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static BuildException invalid(String message) {
    return new BuildException(
        INVALID, "Reconciliation failed terminally due to configuration error: " + message);
  }

  /** CEL's int is Java's long: Jackson's Integers are widened, nested maps and lists copied. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> normalized(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, normalizedValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object normalizedValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return normalized((Map<String, Object>) m);
    }
    if (v instanceof List<?> l) {
      return l.stream().map(CelHealthChecks::normalizedValue).toList();
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    return v;
  }
}
