package dev.fluxlab.scenario;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CEL expression over a live object, bound as {@code self} (as in Kubernetes validation rules and
 * Flux's health check expressions): {@code self.status.readyReplicas == self.spec.replicas}.
 * Compiled when the scenario is loaded, so a syntax or type error is a load error.
 */
public final class CelExpression {
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .setResultType(SimpleType.BOOL)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final String source;
  private final CelRuntime.Program program;

  private CelExpression(String source, CelRuntime.Program program) {
    this.source = source;
    this.program = program;
  }

  /**
   * @throws IllegalArgumentException with CEL's message when the expression does not compile to a
   *     boolean
   */
  public static CelExpression compile(String source) {
    try {
      CelAbstractSyntaxTree ast = COMPILER.compile(source).getAst();
      return new CelExpression(source, RUNTIME.createProgram(ast));
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException(
          e.getMessage().lines().filter(l -> !l.isBlank()).findFirst().orElse("invalid"));
    }
  }

  public String source() {
    return source;
  }

  /** Null when the expression is true for the object; otherwise why not. */
  public String mismatch(Map<String, Object> object) {
    try {
      Object result = program.eval(Map.of("self", celValue(object)));
      return Boolean.TRUE.equals(result) ? null : "'" + source + "' is false";
    } catch (CelEvaluationException e) {
      return "'" + source + "' failed: " + e.getMessage().lines().findFirst().orElse("");
    }
  }

  /** CEL's Java runtime knows long and double only; JSON maps hold int and float too. */
  private static Object celValue(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), celValue(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(celValue(v)));
      return out;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof java.math.BigInteger b) {
      return b.longValue();
    }
    if (value instanceof java.math.BigDecimal d) {
      return d.doubleValue();
    }
    return value;
  }
}
