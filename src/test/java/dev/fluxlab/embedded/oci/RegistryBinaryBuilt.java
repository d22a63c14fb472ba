package dev.fluxlab.embedded.oci;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips (each test reported skipped, saying which binary is missing) where the registry is not
 * built.
 */
public final class RegistryBinaryBuilt implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return RegistryBinary.find().isPresent()
        ? ConditionEvaluationResult.enabled("registry binary " + RegistryBinary.VERSION + " built")
        : ConditionEvaluationResult.disabled(
            "registry binary not built: "
                + RegistryBinary.expectedPath()
                + " (scripts/build-real-components registry)");
  }
}
